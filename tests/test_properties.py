"""Properties of the queries over arbitrary valid knowledge bases."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import muscle_nutrients as mn

from .strategies import knowledge_bases


@given(knowledge_bases())
def test_symptoms_of_and_causes_of_are_inverse(kb: mn.KnowledgeBase) -> None:
    forward = {(n.id, link.symptom.id, link.relation.id) for n in kb.nutrients for link in kb.symptoms_of(n.id)}
    backward = {
        (c.cause.id, s.id, c.relation.id)
        for s in kb.symptoms
        for c in kb.causes_of(s.id)
        if c.cause_kind is mn.RefKind.DEFICIENCY
    }
    assert forward == backward


@given(knowledge_bases())
def test_query_results_are_sorted_by_evidence(kb: mn.KnowledgeBase) -> None:
    for s in kb.symptoms:
        grades = [c.evidence for c in kb.causes_of(s.id)]
        assert grades == sorted(grades, reverse=True)
    for n in kb.nutrients:
        grades = [l.evidence for l in kb.symptoms_of(n.id)]
        assert grades == sorted(grades, reverse=True)


@given(knowledge_bases(), st.data())
def test_ranking_is_deterministic_and_adding_a_matched_symptom_never_lowers_a_score(kb: mn.KnowledgeBase, data: st.DataObject) -> None:
    names = [s.id for s in kb.symptoms]
    asked = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True))
    first = kb.rank_causes(asked, min_evidence="unsupported")
    assert first == kb.rank_causes(list(asked), min_evidence="unsupported")
    assert [c.score for c in first] == sorted((c.score for c in first), reverse=True)
    extra = data.draw(st.sampled_from(names))
    grown = kb.rank_causes([*asked, extra], min_evidence="unsupported")
    before = {c.cause.id + c.cause_kind.value: c.score for c in first}
    after = {c.cause.id + c.cause_kind.value: c.score for c in grown}
    for key, score in before.items():
        assert after[key] >= score
    for candidate in grown:
        assert set(candidate.matched) | set(candidate.unmatched) == set(grown.symptoms)


@given(knowledge_bases())
def test_generated_knowledge_bases_round_trip(kb: mn.KnowledgeBase) -> None:
    rebuilt = mn.KnowledgeBase.from_document(kb.to_document())
    assert rebuilt.to_document() == kb.to_document()


@given(st.floats(min_value=0, max_value=130), st.sampled_from(["male", "female"]), st.sampled_from(
    ["magnesium", "potassium", "calcium", "sodium", "iron", "vitamin-d", "vitamin-b12", "vitamin-b6", "thiamin"]))
def test_intake_is_the_same_whichever_way_sex_is_given(age: float, sex: str, nutrient: str) -> None:
    kb = mn.load()
    by_text = kb.intake(nutrient, age=age, sex=sex)
    by_enum = kb.intake(nutrient, age=age, sex=mn.Sex(sex))
    assert by_text is by_enum
    assert by_text.life_stage.contains(age * 12, mn.Sex(sex), False, False)
