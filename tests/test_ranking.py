"""Ranking the causes of several symptoms: scores, ties, floors, red flags."""

from __future__ import annotations

import pytest

import muscle_nutrients as mn
from muscle_nutrients import EvidenceGrade as G
from muscle_nutrients import Predicate, Ref


def test_rank_causes_scores_and_explains(tiny: mn.KnowledgeBase) -> None:
    ranking = tiny.rank_causes(["a", "b", "c"])
    scores = [(c.cause.id, c.score, [s.id for s in c.matched], [s.id for s in c.unmatched]) for c in ranking]
    # x: a established (1.0) + b limited (0.5); y: b probable (0.75), c unsupported ignored; f: a probable
    assert scores == [("x", 1.5, ["a", "b"], ["c"]), ("f", 0.75, ["a"], ["b", "c"]), ("y", 0.75, ["b"], ["a", "c"])]
    assert [f.id for f in ranking.red_flags] == ["any", "for-c"]
    assert "not a diagnosis" in ranking.disclaimer
    assert ranking.candidates[0].explanation == "Explains: Ache A (established evidence); Buzz B (limited evidence). Does not explain: Cold C."
    assert len(ranking) == 3 and ranking.min_evidence is G.LIMITED


def test_rank_causes_min_evidence(tiny: mn.KnowledgeBase) -> None:
    with_weak = tiny.rank_causes(["c"], min_evidence="unsupported")
    assert [(c.cause.id, c.score) for c in with_weak] == [("y", 0.25)]
    assert list(tiny.rank_causes(["c"])) == []
    assert [c.cause.id for c in tiny.rank_causes(["a"], min_evidence=G.ESTABLISHED)] == ["x"]


def test_the_strongest_link_of_a_cause_to_a_symptom_counts(tiny: mn.KnowledgeBase) -> None:
    weaker = mn.Relation(id="xa-risk", subject=Ref("deficiency:x"), predicate=Predicate.RAISES_RISK_OF, object=Ref("symptom:a"),
                         evidence=G.LIMITED, sources=("src",))
    kb = tiny.extend(mn.Document(relations=(weaker,)))
    top = kb.rank_causes(["a"], min_evidence="unsupported").candidates[0]
    assert (top.cause.id, top.score, [l.relation.id for l in top.links]) == ("x", 1.0, ["xa"])
    only_weak = kb.rank_causes(["a"], min_evidence="limited")
    assert only_weak.candidates[0].score == 1.0


def test_rank_causes_bad_input(tiny: mn.KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="at least one symptom"):
        tiny.rank_causes([])
    with pytest.raises(mn.UnknownNameError):
        tiny.rank_causes(["a", "zzz"])
    with pytest.raises(ValueError, match="unknown evidence grade"):
        tiny.rank_causes(["a"], min_evidence="strong")
    with pytest.raises(TypeError, match="symptoms must be"):
        tiny.rank_causes(3)  # type: ignore[arg-type]
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


def test_weights_are_read_only() -> None:
    with pytest.raises(TypeError):
        mn.EVIDENCE_WEIGHTS[G.LIMITED] = 1.0  # type: ignore[index]
    assert mn.EVIDENCE_WEIGHTS is mn.ranking.EVIDENCE_WEIGHTS is mn.knowledge_base.EVIDENCE_WEIGHTS
