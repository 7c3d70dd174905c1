"""Causes, symptoms, advice and red flags, on the hand-drawn fixture and on the shipped data."""

from __future__ import annotations

import pytest

import muscle_nutrients as mn
from muscle_nutrients import EvidenceGrade as G


def test_symptoms_of_sorted_by_evidence(tiny: mn.KnowledgeBase) -> None:
    links = tiny.symptoms_of("xenium")
    assert [(l.symptom.id, l.evidence) for l in links] == [("a", G.ESTABLISHED), ("b", G.LIMITED)]
    assert links[0].sources[0].id == "src"


def test_causes_of_includes_factors(tiny: mn.KnowledgeBase) -> None:
    causes = tiny.causes_of("Ache A")
    assert [(c.cause.id, c.evidence, c.cause_kind.value) for c in causes] == [
        ("x", G.ESTABLISHED, "deficiency"), ("f", G.PROBABLE, "factor")]
    assert causes[0].label == "Xenium deficiency (hypoxenemia)"
    assert causes[1].label == "Factor F"


def test_advice_and_red_flags(tiny: mn.KnowledgeBase) -> None:
    assert [l.advice.id for l in tiny.advice_for("a")] == ["rest"]
    assert tiny.advice_for("b") == ()
    assert [f.id for f in tiny.red_flags()] == ["any", "for-c"]
    assert [f.id for f in tiny.red_flags("a")] == ["any"]
    assert [f.id for f in tiny.red_flags("Cold C")] == ["any", "for-c"]


def test_symptoms_of_magnesium(kb: mn.KnowledgeBase) -> None:
    links = kb.symptoms_of("magnesium")
    grades = [l.evidence for l in links]
    assert grades == sorted(grades, reverse=True)
    by_symptom = {l.symptom.id: l for l in links}
    assert by_symptom["muscle-cramp"].evidence is G.PROBABLE
    assert by_symptom["night-leg-cramps"].evidence is G.UNSUPPORTED  # ordinary night cramps: not low magnesium
    assert all(l.sources for l in links)


def test_symptoms_of_potassium_calcium_iron(kb: mn.KnowledgeBase) -> None:
    potassium = {l.symptom.id: l.evidence for l in kb.symptoms_of("K")}
    assert {"muscle-cramp", "muscle-weakness", "fatigue", "palpitations", "constipation", "ileus", "arrhythmia"} <= set(potassium)
    assert all(grade is G.ESTABLISHED for grade in potassium.values())
    calcium = {l.symptom.id: l.evidence for l in kb.symptoms_of("calcium")}
    assert calcium["tetany"] is G.ESTABLISHED and calcium["paresthesia"] is G.ESTABLISHED
    iron = {l.symptom.id: l.evidence for l in kb.symptoms_of("iron")}
    assert iron["restless-legs"] is G.PROBABLE and iron["fatigue"] is G.ESTABLISHED


def test_causes_of_cramps_include_deficiencies_and_factors(kb: mn.KnowledgeBase) -> None:
    causes = kb.causes_of("cramps")
    ids = {(c.cause_kind.value, c.cause.id) for c in causes}
    assert {("deficiency", "potassium"), ("deficiency", "calcium"), ("deficiency", "magnesium"), ("factor", "cirrhosis")} <= ids
    assert [c.evidence for c in causes] == sorted((c.evidence for c in causes), reverse=True)


def test_causes_of_core_symptoms_are_real(kb: mn.KnowledgeBase) -> None:
    for symptom in ("weakness", "tingling", "restless legs"):
        causes = kb.causes_of(symptom)
        assert causes and all(c.sources for c in causes)


def test_restless_legs_advice(kb: mn.KnowledgeBase) -> None:
    assert [a.advice.id for a in kb.advice_for("RLS")] == ["iron-under-medical-guidance"]


def test_steps_and_cautions_are_kept_apart(kb: mn.KnowledgeBase) -> None:
    steps = kb.advice_for("cramps")
    assert steps and all(link.advice.kind is not mn.AdviceKind.CAUTION for link in steps)
    assert "avoid-quinine-for-cramps" not in {link.advice.id for link in steps}
    cautions = {c.advice.id: c for c in kb.cautions_for("cramps")}
    quinine = cautions["avoid-quinine-for-cramps"]
    assert "quinine" in quinine.warns_against and quinine.evidence is mn.EvidenceGrade.ESTABLISHED
    assert quinine.relation.predicate is mn.Predicate.CAUTIONS_ABOUT
    assert {c.advice.id for c in kb.cautions_for("night cramps")} >= {"avoid-quinine-for-cramps"}
    # that quinine works is a separate, graded fact about the drug
    drug = [r for r in kb.relations_from("factor:quinine") if r.predicate is mn.Predicate.PREVENTS]
    assert drug and drug[0].evidence is mn.EvidenceGrade.PROBABLE


def test_advice_says_whether_a_step_is_advised_apart_from_whether_it_works(kb: mn.KnowledgeBase) -> None:
    by_id = {link.advice.id: link for link in kb.advice_for("cramps")}
    stretch = by_id["stretch-cramping-muscle"]
    assert stretch.recommendation is mn.Recommendation.RECOMMENDED and stretch.evidence is mn.EvidenceGrade.PROBABLE
    assert by_id["vitamin-b-complex"].recommendation is mn.Recommendation.CONSIDER
    assert by_id["vitamin-b-complex"].evidence is mn.EvidenceGrade.LIMITED


def test_advice_for_leaves_out_weak_steps_unless_asked(kb: mn.KnowledgeBase) -> None:
    default = {link.relation.id for link in kb.advice_for("night cramps")}
    everything = {link.relation.id: link.evidence for link in kb.advice_for("night cramps", min_evidence="contradicted")}
    assert set(everything) > default
    assert all(everything[r] >= mn.EvidenceGrade.LIMITED for r in default)
    assert mn.EvidenceGrade.CONTRADICTED in everything.values()  # magnesium for older adults, shown so apps can say so


def test_symptoms_of_too_much(kb: mn.KnowledgeBase) -> None:
    too_much = kb.symptoms_of("zinc", state="excess")
    assert {"nausea", "unsteady-gait"} <= {link.symptom.id for link in too_much}
    assert all(link.relation.subject == mn.Ref("excess:zinc") for link in too_much)
    assert [link.evidence.rank for link in too_much] == sorted((link.evidence.rank for link in too_much), reverse=True)
    assert kb.symptoms_of("zinc") != too_much and kb.symptoms_of("Zn", state="Deficiency") == kb.symptoms_of("zinc")
    with pytest.raises(ValueError, match="state must be one of 'deficiency', 'excess'"):
        kb.symptoms_of("zinc", state="overdose")


def test_steps_for_a_deficiency(kb: mn.KnowledgeBase) -> None:
    steps = kb.advice_for_deficiency("copper")
    assert {"copper-replacement", "stop-excess-zinc"} <= {link.advice.id for link in steps}
    assert all(link.relation.object == mn.Ref("deficiency:copper") and link.advice.kind is not mn.AdviceKind.CAUTION for link in steps)
    assert [link.evidence.rank for link in steps] == sorted((link.evidence.rank for link in steps), reverse=True)
    replacement = next(link for link in steps if link.advice.id == "copper-replacement")
    assert replacement.recommendation is mn.Recommendation.CONSIDER
    # a step for the deficiency is not a step for a symptom, and the symptom's steps stay where they were
    assert "copper-replacement" not in {link.advice.id for link in kb.advice_for("cramps")}
    for nutrient in ("folate", "copper", "vitamin E", "phosphorus", "zinc", "magnesium", "vitamin B12"):
        assert kb.advice_for_deficiency(nutrient), nutrient
    assert kb.advice_for_deficiency("thiamin") == ()
