"""Ranking the causes of a person's symptoms: the score, specificity, broader and narrower
symptoms, context, ties, floors, phrases, next questions, red flags."""

from __future__ import annotations

import math

import attrs
import pytest

import muscle_nutrients as mn
from muscle_nutrients import Document, Predicate, Ref, Symptom
from muscle_nutrients import EvidenceGrade as G
from muscle_nutrients.ranking import CONTEXT_WEIGHT

from .fixture_kb import SRC, rel

# In the tiny knowledge base, at the default floor (limited): causes x (A, B), y (B) and f (A),
# so A and B are each linked to two of the three causes.
IC_2_OF_3 = math.log(1 + 3 / 2)


def test_score_is_grade_times_specificity(tiny: mn.KnowledgeBase) -> None:
    ranking = tiny.rank_causes(["a", "b", "c"])
    scores = [(c.cause.id, c.score, [s.id for s in c.matched], [s.id for s in c.unmatched]) for c in ranking]
    # x: A established (1.0) + B limited (0.5); y: B probable; f: A probable; C's only link is unsupported
    assert scores == [
        ("x", round(1.5 * IC_2_OF_3, 6), ["a", "b"], ["c"]),
        ("f", round(0.75 * IC_2_OF_3, 6), ["a"], ["b", "c"]),
        ("y", round(0.75 * IC_2_OF_3, 6), ["b"], ["a", "c"]),
    ]
    assert [f.id for f in ranking.red_flags] == ["any", "for-c"]
    assert "not a diagnosis" in ranking.disclaimer
    assert ranking.candidates[0].explanation == "Explains: Ache A, established evidence; Buzz B, limited evidence. Does not explain: Cold C."
    assert len(ranking) == 3 and ranking.min_evidence is G.LIMITED


def test_equal_scores_are_ties_not_an_order(tiny: mn.KnowledgeBase) -> None:
    ranking = tiny.rank_causes(["a", "b", "c"])
    f, y = ranking.candidates[1:]
    assert f.tied_with == (Ref("deficiency:y"),) and y.tied_with == (Ref("factor:f"),)
    assert ranking.candidates[0].tied_with == ()


def test_a_rarer_symptom_weighs_more(tiny: mn.KnowledgeBase) -> None:
    # only y is linked to C once unsupported links count: C is the most specific symptom
    ranking = tiny.rank_causes(["a", "c"], min_evidence="unsupported")
    by_cause = {c.cause.id: c.score for c in ranking}
    ic_c = math.log(1 + 3 / 1)
    assert by_cause["y"] == round(0.25 * ic_c, 6)
    assert by_cause["x"] == round(1.0 * IC_2_OF_3, 6)


def test_narrower_and_broader_symptoms(tiny: mn.KnowledgeBase) -> None:
    night = Symptom(id="a-night", name="Night ache", hpo_id="HP:0000004", hpo_label="Night A", hpo_sources=SRC,
                    broader=("a",), broader_sources=SRC)
    kb = tiny.extend(Document(symptoms=(night,), relations=(rel("ya", "deficiency:y", Predicate.CAUSES, "symptom:a-night", G.ESTABLISHED),)))
    ic_a, ic_night = math.log(1 + 3 / 3), math.log(1 + 3 / 1)  # A now covers x, f and (through night ache) y
    asked_a = {c.cause.id: c for c in kb.rank_causes(["a"])}
    # a cause of night aches explains "ache" in full; x ties with it
    assert asked_a["y"].score == asked_a["x"].score == round(ic_a, 6)
    assert asked_a["y"].links[0].symptom.id == "a-night"
    assert "Ache A (as night ache), established evidence" in asked_a["y"].explanation
    assert Ref("deficiency:x") in asked_a["y"].tied_with
    # a cause of aches explains a night ache only as much as "ache" is specific
    asked_night = {c.cause.id: c.score for c in kb.rank_causes(["a-night"])}
    assert asked_night == {"y": round(ic_night, 6), "x": round(ic_a, 6), "f": round(0.75 * ic_a, 6)}


def test_context_acts_through_the_graph(tiny: mn.KnowledgeBase) -> None:
    ranking = tiny.rank_causes(["a"], context=["effy"])
    by_cause = {c.cause.id: c for c in ranking}
    x, f = by_cause["x"], by_cause["f"]
    # f lowers x (probable): x's deficiency is more likely; f itself was reported
    assert x.score == round(IC_2_OF_3 + CONTEXT_WEIGHT * 0.75, 6)
    assert [(c.factor.id, c.relation.id if c.relation else None, c.weight) for c in x.context] == [("f", "fx", CONTEXT_WEIGHT * 0.75)]
    assert f.score == round(0.75 * IC_2_OF_3 + CONTEXT_WEIGHT, 6)
    assert f.context[0].relation is None and f.context[0].evidence is G.ESTABLISHED
    assert "Made more likely by Factor F lowers xenium (probable) -> xenium deficiency (hypoxenemia) -> ache A (established)." in x.explanation
    assert ranking.context == (tiny.factor("f"),)


def test_context_adds_no_candidate(tiny: mn.KnowledgeBase) -> None:
    plain = {c.ref: c.score for c in tiny.rank_causes(["b"])}
    placed = {c.ref: c.score for c in tiny.rank_causes(["b"], context="Factor F")}
    assert placed.keys() == plain.keys()  # f explains no B: it is not a candidate for B
    assert placed[Ref("deficiency:x")] > plain[Ref("deficiency:x")]
    assert placed[Ref("deficiency:y")] == plain[Ref("deficiency:y")]


def test_a_factor_that_raises_a_level_makes_its_deficiency_less_likely(tiny: mn.KnowledgeBase) -> None:
    g = mn.Factor(id="g", name="Factor G", kind=mn.FactorKind.MEDICATION)
    kb = tiny.extend(Document(factors=(g,), relations=(rel("gx", "factor:g", Predicate.RAISES, "nutrient:x", G.ESTABLISHED),)))
    plain = {c.cause.id: c for c in kb.rank_causes(["a"])}
    placed = {c.cause.id: c for c in kb.rank_causes(["a"], context="g")}
    assert placed["x"].score == round(plain["x"].score - CONTEXT_WEIGHT, 6)
    (link,) = placed["x"].context
    assert link.weight == -CONTEXT_WEIGHT and not link.raises
    assert "Made less likely by Factor G raises xenium (established)." in placed["x"].explanation
    assert placed["f"].score == plain["f"].score


def test_a_factor_that_lowers_and_raises_a_level_counts_only_for(tiny: mn.KnowledgeBase) -> None:
    down = attrs.evolve(rel("fx", "factor:f", Predicate.LOWERS, "nutrient:x", G.PROBABLE), population="some")
    up = attrs.evolve(rel("fx-up", "factor:f", Predicate.RAISES, "nutrient:x", G.ESTABLISHED), population="others")
    with pytest.warns(mn.OverrideWarning, match="replacing relation 'fx'"):
        kb = tiny.extend(Document(relations=(down, up)), override=True)
    x = next(c for c in kb.rank_causes(["a"], context="f") if c.cause.id == "x")
    assert [c.weight for c in x.context] == [CONTEXT_WEIGHT * 0.75]


def test_context_below_the_floor_does_not_count(tiny: mn.KnowledgeBase) -> None:
    strict = {c.cause.id: c for c in tiny.rank_causes(["a"], context=["f"], min_evidence="established")}
    # only x's link to A is established, so A is x's alone (ic = ln 2); f lowers x only probably
    assert list(strict) == ["x"]
    assert strict["x"].context == () and strict["x"].score == round(math.log(2), 6)


def test_rank_causes_min_evidence(tiny: mn.KnowledgeBase) -> None:
    with_weak = tiny.rank_causes(["c"], min_evidence="unsupported")
    assert [(c.cause.id, c.score) for c in with_weak] == [("y", round(0.25 * math.log(1 + 3 / 1), 6))]
    assert list(tiny.rank_causes(["c"])) == []
    assert [c.cause.id for c in tiny.rank_causes(["a"], min_evidence=G.ESTABLISHED)] == ["x"]


def test_the_strongest_link_of_a_cause_to_a_symptom_counts(tiny: mn.KnowledgeBase) -> None:
    weaker = mn.Relation(id="xa-risk", subject=Ref("deficiency:x"), predicate=Predicate.RAISES_RISK_OF, object=Ref("symptom:a"),
                         evidence=G.LIMITED, sources=("src",))
    kb = tiny.extend(mn.Document(relations=(weaker,)))
    top = kb.rank_causes(["a"], min_evidence="unsupported").candidates[0]
    assert (top.cause.id, [link.relation.id for link in top.links]) == ("x", ["xa"])


def test_phrases_free_text_and_unresolved(tiny: mn.KnowledgeBase) -> None:
    ranking = tiny.rank_causes(["alpha pain, but no buzz b", "zzz qqq"], context=["effy", "a broken leg"])
    assert [s.id for s in ranking.symptoms] == ["a"]
    assert ranking.unresolved == ("zzz qqq", "a broken leg")
    assert [f.id for f in ranking.context] == ["f"]
    with pytest.raises(ValueError, match="'zzz' matched no symptom"):
        tiny.rank_causes(["zzz"])


def test_free_text_on_the_shipped_data(kb: mn.KnowledgeBase) -> None:
    ranking = kb.rank_causes("my legs cramp at night and my feet tingle; I take lasix, no numbness")
    assert [s.id for s in ranking.symptoms] == ["night-leg-cramps", "paresthesia"]
    assert [f.id for f in ranking.context] == ["loop-diuretics"]
    assert ranking.unresolved == ()
    lowered = {c.ref: c for c in ranking if any(link.factor.id == "loop-diuretics" for link in c.context)}
    assert Ref("deficiency:magnesium") in lowered or Ref("deficiency:potassium") in lowered


def test_a_medicine_the_person_takes_moves_its_deficiency_up(kb: mn.KnowledgeBase) -> None:
    plain = [c.ref for c in kb.rank_causes(["tetany", "paresthesia"])]
    on_ppi = kb.rank_causes(["tetany", "paresthesia"], context=["omeprazole"])
    assert [c.ref for c in on_ppi].index(Ref("deficiency:magnesium")) < plain.index(Ref("deficiency:magnesium"))
    chain = next(c for c in on_ppi if c.ref == Ref("deficiency:magnesium")).context[0]
    assert chain.factor.id == "proton-pump-inhibitors" and chain.relation is not None
    assert chain.relation.predicate is Predicate.LOWERS and chain.chain.startswith("Proton pump inhibitors lowers magnesium")


def test_age_and_pregnancy_count_as_circumstances(kb: mn.KnowledgeBase) -> None:
    older = kb.rank_causes(["night cramps"], age=80)
    assert [f.id for f in older.context] == ["older-age"]
    assert [f.id for f in kb.rank_causes(["night cramps"], age=30).context] == []
    assert [f.id for f in kb.rank_causes(["night cramps"], pregnant=True, sex="female").context] == ["pregnancy"]
    top = older.candidates[0]
    assert top.ref == Ref("factor:older-age") or any(c.factor.id == "older-age" for c in top.context)


def test_states_the_person_cannot_be_in_are_not_candidates(kb: mn.KnowledgeBase) -> None:
    def refs(**person: object) -> set[Ref]:
        return {c.ref for c in kb.rank_causes(["night cramps"], **person)}  # type: ignore[arg-type]

    anyone = refs()
    assert {Ref("factor:pregnancy"), Ref("factor:older-age")} <= anyone  # unknown person: both possible
    assert Ref("factor:pregnancy") not in refs(sex="male")
    assert Ref("factor:pregnancy") not in refs(age=70, sex="female")
    assert Ref("factor:older-age") not in refs(age=40)
    assert Ref("factor:pregnancy") in refs(age=30, sex="female")
    with pytest.raises(ValueError, match="pregnant does not go with"):
        kb.rank_causes(["night cramps"], sex="male", pregnant=True)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"age": -1}, "age"), ({"age": "old"}, "age"), ({"sex": "robot"}, "sex"), ({"pregnant": "yes"}, "pregnant"),
    ({"context": 3}, "context items must be"),
])
def test_bad_person_details(kb: mn.KnowledgeBase, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        kb.rank_causes(["cramps"], **kwargs)  # type: ignore[arg-type]


def test_rank_causes_bad_input(tiny: mn.KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="at least one symptom"):
        tiny.rank_causes([])
    with pytest.raises(ValueError, match="unknown evidence grade"):
        tiny.rank_causes(["a"], min_evidence="strong")
    with pytest.raises(TypeError, match="symptoms must be"):
        tiny.rank_causes(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        tiny.rank_causes([3])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="too many symptoms"):
        tiny.rank_causes(["a"] * 10_001)


def test_one_symptom_by_name_or_record(tiny: mn.KnowledgeBase) -> None:
    assert tiny.rank_causes("a") == tiny.rank_causes(["Ache A", "alpha pain"]) == tiny.rank_causes(tiny.symptom("a"))


def test_restless_legs_points_to_iron(kb: mn.KnowledgeBase) -> None:
    assert "iron" in [c.cause.id for c in kb.rank_causes(["restless legs"]).candidates[:3]]


def test_rank_cramps_weakness_tingling(kb: mn.KnowledgeBase) -> None:
    ranking = kb.rank_causes(["cramps", "weakness", "tingling"])
    top = ranking.candidates[0]
    assert len(top.matched) == 3 and not top.unmatched
    assert any(f.id == "cramps-with-weakness-numbness-or-swelling" for f in ranking.red_flags)
    assert ranking.disclaimer == mn.DISCLAIMER


def test_next_questions_separate_the_leaders(kb: mn.KnowledgeBase) -> None:
    ranking = kb.rank_causes(["muscle cramps", "tingling"], context=["omeprazole"])
    questions = ranking.next_questions
    assert questions and ranking.next_questions is questions  # worked out once
    leaders = {c.ref for c in ranking.candidates[:6]}
    asked = {s.id for s in ranking.symptoms}
    assert [q.gain for q in questions] == sorted((q.gain for q in questions), reverse=True)
    for q in questions:
        assert q.gain > 0 and set(q.points_to) <= leaders and q.points_to
        assert q.record.id not in asked
        assert q.kind in ("symptom", "lab test")
        assert q.name.lower() in q.question.lower()
    assert len({q.record.id for q in questions}) == len(questions)


def test_next_questions_need_two_candidates(tiny: mn.KnowledgeBase) -> None:
    assert tiny.rank_causes(["a"], min_evidence="established").next_questions == ()


def test_repeated_questions_are_answered_from_the_cache(kb: mn.KnowledgeBase) -> None:
    first = kb.rank_causes(["cramps", "tingling"], context=["lasix"])
    assert kb.rank_causes(["cramps", "tingling"], context=["furosemide"]) is first  # same symptoms and factors
    assert kb.rank_causes(["tingling", "cramps"], context=["lasix"]) is not first  # order is part of the answer


def test_weights_are_read_only() -> None:
    with pytest.raises(TypeError):
        mn.EVIDENCE_WEIGHTS[G.LIMITED] = 1.0  # type: ignore[index]
    assert mn.EVIDENCE_WEIGHTS is mn.ranking.EVIDENCE_WEIGHTS is mn.knowledge_base.EVIDENCE_WEIGHTS
