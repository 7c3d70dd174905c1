"""Relations by their ends and by seed claim."""

from __future__ import annotations

import pytest

import muscle_nutrients as mn
from muscle_nutrients import EvidenceGrade as G


def test_relations_for_claim(tiny: mn.KnowledgeBase) -> None:
    assert tiny.relations_for_claim("S03") == ()
    for bad in ("S00", "S45", "X1", "", "S" * 100):
        with pytest.raises(mn.UnknownNameError):
            tiny.relations_for_claim(bad)
    with pytest.raises(mn.UnknownNameError):
        tiny.relations_for_claim(3)  # type: ignore[arg-type]


def test_claims_have_relations(kb: mn.KnowledgeBase) -> None:
    assert {r.id for r in kb.relations_for_claim("S03")} == {"magnesium-deficiency-causes-night-cramps", "sleep-lowers-magnesium"}
    assert all(r.evidence is G.UNSUPPORTED for r in kb.relations_for_claim("s03"))
    magnesium_for_cramps = {r.population: r.evidence for r in kb.relations_for_claim("S33")}
    assert G.CONTRADICTED in magnesium_for_cramps.values() and G.LIMITED in magnesium_for_cramps.values()


def test_facts_for_claim_cover_statements_and_red_flags(kb: mn.KnowledgeBase) -> None:
    kinds = {type(fact).__name__ for claim in mn.CLAIM_IDS for fact in kb.facts_for_claim(claim)}
    assert kinds == {"Relation", "Statement", "RedFlag"}


def test_relations_from_and_to(kb: mn.KnowledgeBase) -> None:
    outgoing = kb.relations_from("deficiency:magnesium")
    assert outgoing and all(r.subject == "deficiency:magnesium" for r in outgoing)
    assert "magnesium-deficiency-causes-cramps" in {r.id for r in outgoing}
    incoming = kb.relations_to(mn.Ref("symptom:restless-legs"))
    assert {r.id for r in incoming} >= {"iron-deficiency-raises-risk-of-restless-legs", "iron-relieves-restless-legs"}
    assert kb.relations_to("symptom:tetany") and kb.relations_from("food:banana")
    with pytest.raises(ValueError, match="bad reference"):
        kb.relations_from("magnesium")
