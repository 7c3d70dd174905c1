"""What factors do to nutrients."""

from __future__ import annotations

import muscle_nutrients as mn
from muscle_nutrients import EvidenceGrade as G


def test_depleted_by(tiny: mn.KnowledgeBase) -> None:
    assert [(l.nutrient.id, l.evidence) for l in tiny.depleted_by("effy")] == [("x", G.PROBABLE)]
    assert tiny.depleted_by(tiny.factor("f")) == tiny.depleted_by("Factor F")


def test_depleted_by_medications(kb: mn.KnowledgeBase) -> None:
    assert [l.nutrient.id for l in kb.depleted_by("omeprazole")] == ["magnesium", "vitamin-b12"]  # established, then probable
    assert {l.nutrient.id for l in kb.depleted_by("furosemide")} == {"potassium", "magnesium"}
    assert [l.nutrient.id for l in kb.depleted_by("metformin")] == ["vitamin-b12"]
