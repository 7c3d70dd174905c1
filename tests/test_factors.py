"""What factors do to nutrients."""

from __future__ import annotations

import attrs
import pytest

import muscle_nutrients as mn
from muscle_nutrients import EvidenceGrade as G


def test_depleted_by(tiny: mn.KnowledgeBase) -> None:
    assert [(l.nutrient.id, l.evidence) for l in tiny.depleted_by("effy")] == [("x", G.PROBABLE)]
    assert tiny.depleted_by(tiny.factor("f")) == tiny.depleted_by("Factor F")


def test_depleted_by_medications(kb: mn.KnowledgeBase) -> None:
    lowered = [l.nutrient.id for l in kb.depleted_by("omeprazole")]
    assert lowered[0] == "magnesium" and {"vitamin-b12", "calcium", "iron"} <= set(lowered)  # strongest evidence first
    assert {"potassium", "magnesium", "calcium", "sodium"} <= {l.nutrient.id for l in kb.depleted_by("furosemide")}
    assert [l.nutrient.id for l in kb.depleted_by("metformin")] == ["vitamin-b12"]


def test_effects_of_gathers_nutrients_symptoms_and_cautions(tiny: mn.KnowledgeBase) -> None:
    effects = tiny.effects_of("Factor F")
    assert effects.factor.id == "f"
    assert [(l.nutrient.id, l.direction) for l in effects.nutrients] == [("x", mn.Direction.LOWERS)]
    assert effects.lowers == effects.nutrients and effects.raises == ()
    assert [c.symptom.id for c in effects.symptoms] == [c.symptom.id for c in tiny.causes_of("a") if c.cause.id == "f"]


def test_affecting_both_ways_and_one_way(tiny: mn.KnowledgeBase) -> None:
    assert [l.factor.id for l in tiny.affecting("x")] == ["f"]
    assert tiny.affecting("x", "lowers") == tiny.affecting("x", mn.Direction.LOWERS) == tiny.affecting("x")
    assert tiny.affecting("x", "raises") == ()
    with pytest.raises(ValueError, match="unknown direction 'up'"):
        tiny.affecting("x", "up")
    with pytest.raises(TypeError, match="direction must be"):
        tiny.affecting("x", 1)  # type: ignore[arg-type]


def test_a_factor_said_to_lower_and_raise_one_nutrient_must_say_for_whom(tiny: mn.KnowledgeBase) -> None:
    lowers = next(r for r in tiny.relations if r.predicate is mn.Predicate.LOWERS)
    raises = attrs.evolve(lowers, id="fx-up", predicate=mn.Predicate.RAISES)
    with pytest.raises(mn.DataError, match="both lowers and raises nutrient:x: give each relation the population"):
        tiny.extend(mn.Document(relations=(raises,)))
    # saying for whom each holds makes the two compatible
    scoped_lowers = attrs.evolve(lowers, population="most people")
    with pytest.warns(mn.OverrideWarning):
        scoped = tiny.extend(mn.Document(relations=(scoped_lowers, attrs.evolve(raises, population="people on dialysis"))), override=True)
    assert {l.direction for l in scoped.affecting("x")} == {mn.Direction.LOWERS, mn.Direction.RAISES}


def test_depletes_is_read_as_lowers() -> None:
    assert mn.Predicate("depletes") is mn.Predicate.LOWERS
    assert mn.Predicate.LOWERS.direction is mn.Direction.LOWERS and mn.Predicate.CAUSES.direction is None


def test_a_member_drug_resolves_to_its_class(kb: mn.KnowledgeBase) -> None:
    assert kb.effects_of("lasix").factor.id == "loop-diuretics"
    assert kb.effects_of("Lipitor").factor.id == kb.effects_of("atorvastatin").factor.id == "statins"
    for factor in kb.factors:
        for name in (*factor.members, *factor.brands):
            assert kb.factor(name) is factor, (name, factor.id)


def test_effects_of_answers_both_ways_with_cautions(kb: mn.KnowledgeBase) -> None:
    thiazide = kb.effects_of("hydrochlorothiazide")
    assert {l.nutrient.id for l in thiazide.lowers} >= {"potassium", "magnesium", "sodium"}
    assert "calcium" in {l.nutrient.id for l in thiazide.raises}
    assert any("calcium" in c.advice.text for c in thiazide.cautions)
    raising = kb.affecting("potassium", "raises")
    assert {"ace-inhibitors", "angiotensin-receptor-blockers", "potassium-sparing-diuretics"} <= {l.factor.id for l in raising}
    spironolactone = next(l for l in raising if l.factor.id == "potassium-sparing-diuretics")
    assert spironolactone.cautions and all(c.relation.predicate is mn.Predicate.CAUTIONS_ABOUT for c in spironolactone.cautions)
    assert {l.direction for l in kb.affecting("potassium")} == {mn.Direction.LOWERS, mn.Direction.RAISES}
    statins = kb.effects_of("simvastatin")
    assert {"myalgia", "rhabdomyolysis"} <= {c.symptom.id for c in statins.symptoms}
