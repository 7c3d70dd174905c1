"""Causes, symptoms, advice and red flags, on the hand-drawn fixture and on the shipped data."""

from __future__ import annotations

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
    assert potassium == {"muscle-cramp": G.ESTABLISHED, "muscle-weakness": G.ESTABLISHED, "fatigue": G.ESTABLISHED, "palpitations": G.ESTABLISHED}
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
