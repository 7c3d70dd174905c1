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


@given(knowledge_bases(), st.data())
def test_context_moves_scores_by_exactly_its_links_and_adds_no_candidate(kb: mn.KnowledgeBase, data: st.DataObject) -> None:
    asked = data.draw(st.lists(st.sampled_from([s.id for s in kb.symptoms]), min_size=1, unique=True))
    context = data.draw(st.lists(st.sampled_from([f.id for f in kb.factors]), unique=True)) if kb.factors else []
    plain = {c.ref: c for c in kb.rank_causes(asked, min_evidence="unsupported")}
    placed = kb.rank_causes(asked, context=context, min_evidence="unsupported")
    assert {c.ref for c in placed} == set(plain)
    for candidate in placed:
        moved = sum(link.weight for link in candidate.context)
        assert abs(candidate.score - (plain[candidate.ref].score + moved)) < 1e-5
        for link in candidate.context:
            assert link.factor.id in context
            if link.relation is not None and link.relation.predicate is mn.Predicate.LOWERS:
                assert link.raises == (candidate.cause_kind is mn.RefKind.DEFICIENCY)
        assert candidate.matched == plain[candidate.ref].matched  # context changes how likely, not what it explains
    by_score: dict[float, set[mn.Ref]] = {}
    for candidate in placed:
        by_score.setdefault(candidate.score, set()).add(candidate.ref)
    for candidate in placed:  # ties are exactly the equal scores
        assert set(candidate.tied_with) == by_score[candidate.score] - {candidate.ref}


@given(knowledge_bases(), st.data())
def test_a_broader_symptom_is_explained_by_every_cause_of_a_narrower_one(kb: mn.KnowledgeBase, data: st.DataObject) -> None:
    symptom = data.draw(st.sampled_from(kb.symptoms))
    asked = {c.ref for c in kb.rank_causes([symptom.id], min_evidence="unsupported")}
    for narrower in kb.symptoms:
        if symptom.id in narrower.broader:
            for link in kb.causes_of(narrower.id):
                if link.evidence is not mn.EvidenceGrade.CONTRADICTED:
                    assert link.relation.subject in asked


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


@given(st.data())
def test_effects_are_one_view_in_two_directions(data: st.DataObject) -> None:
    """Over generated factor -> nutrient effects: ``effects_of`` and ``affecting`` list the same links,
    and a factor moves a nutrient both ways only when each relation says for whom."""
    base = data.draw(knowledge_bases(levels=False))
    if not base.factors:
        return
    effects = data.draw(st.lists(
        st.tuples(st.sampled_from([f.id for f in base.factors]), st.sampled_from([n.id for n in base.nutrients]),
                  st.sampled_from([mn.Predicate.LOWERS, mn.Predicate.RAISES]), st.sampled_from([None, "adults", "children"])),
        max_size=8, unique_by=lambda e: e[:3]))
    relations = tuple(
        mn.Relation(id=f"e{i}", subject=mn.Ref(f"factor:{f}"), predicate=p, object=mn.Ref(f"nutrient:{n}"),
                    evidence=mn.EvidenceGrade.PROBABLE, sources=("s",), population=who)
        for i, (f, n, p, who) in enumerate(effects)
    )
    both_ways = {}
    for f, n, p, who in effects:
        both_ways.setdefault((f, n), []).append(who)
    contradictory = any(len(whos) == 2 and not all(whos) for whos in both_ways.values())
    try:
        kb = base.extend(mn.Document(relations=relations))
    except mn.DataError as error:
        assert contradictory and "both lowers and raises" in str(error)
        return
    assert not contradictory
    forward = {(l.factor.id, l.nutrient.id, l.direction) for f in kb.factors for l in kb.effects_of(f).nutrients}
    backward = {(l.factor.id, l.nutrient.id, l.direction) for n in kb.nutrients for l in kb.affecting(n)}
    assert forward == backward == {(f, n, p.direction) for f, n, p, _ in effects}
    for f in kb.factors:
        assert [l.nutrient.id for l in kb.depleted_by(f)] == [l.nutrient.id for l in kb.effects_of(f).lowers]
