"""The records: each field's check, each record's cross-field rules, and their helpers."""

from __future__ import annotations

import pytest

import muscle_nutrients as mn
from muscle_nutrients import EvidenceGrade as G
from muscle_nutrients import Unit


def _food(**changes: object) -> mn.Food:
    fields: dict[str, object] = dict(
        id="f", name="F", ndb_number="00001", usda_description="F", food_group=mn.FoodGroup.FRUITS,
        servings=(mn.Serving(label="1 cup", grams=100),), composition=(), sources=("src",),
    )
    return mn.Food(**{**fields, **changes})  # type: ignore[arg-type]


def test_food_needs_a_serving_and_unique_labels_ignoring_case() -> None:
    with pytest.raises(mn.RecordError, match="servings: must list at least 1 Serving"):
        _food(servings=())
    with pytest.raises(mn.RecordError, match=r"servings\[1\]: repeats the label of an earlier serving"):
        _food(servings=(mn.Serving(label="1 Cup", grams=10), mn.Serving(label="1 cup", grams=200)))


def test_food_composition_lists_each_nutrient_once_and_within_100_g() -> None:
    content = mn.NutrientContent(nutrient="iron", per_100g=mn.Amount(1, "mg"))
    with pytest.raises(mn.RecordError, match=r"composition\[1\]: lists 'iron' twice"):
        _food(composition=(content, content))
    with pytest.raises(mn.RecordError, match="more than the 100 g it is part of"):
        mn.NutrientContent(nutrient="iron", per_100g=mn.Amount(101, "g"))


def test_food_per_100g_takes_names_aliases_and_records(kb: mn.KnowledgeBase) -> None:
    spinach = kb.food("spinach, boiled")
    assert spinach.per_100g("Mg") == spinach.per_100g("magnesium") == spinach.per_100g(kb.nutrient("magnesium"))
    assert spinach.per_100g("Mg") == mn.Amount(87, "mg")
    assert spinach.per_100g("vitamin D", kb=kb) == spinach.per_100g("vitamin-d")
    with pytest.raises(mn.UnknownNameError):
        spinach.per_100g("unobtainium")
    with pytest.raises(TypeError):
        spinach.per_100g(3)  # type: ignore[arg-type]


def test_food_serving_prefers_the_exact_label() -> None:
    food = _food(servings=(mn.Serving(label="1 cup", grams=100), mn.Serving(label="1 tbsp", grams=15)))
    assert food.serving("1 TBSP").grams == 15
    assert food.serving(food.servings[1]) is food.servings[1]
    assert food.serving() is food.default_serving
    with pytest.raises(ValueError, match="has no serving 'bowl'; its servings: '1 cup', '1 tbsp'"):
        food.serving("bowl")
    with pytest.raises(TypeError):
        food.serving(2)  # type: ignore[arg-type]


def test_life_stage_rules_and_label() -> None:
    stage = mn.LifeStage(min_months=228, max_months=372, sex=mn.Sex.FEMALE, pregnant=True)
    assert stage.contains(240, mn.Sex.FEMALE, True, False)
    assert not stage.contains(240, mn.Sex.FEMALE, False, False)
    assert not stage.contains(372, mn.Sex.FEMALE, True, False)  # the upper end is exclusive
    assert stage.label == "pregnancy 19-30 y"
    assert mn.LifeStage(min_months=6, max_months=12).label == "infants 7-12 mo"
    assert mn.LifeStage(min_months=12, max_months=48).label == "children 1-3 y"
    assert mn.LifeStage(min_months=852, sex=mn.Sex.MALE).label == "males >70 y"
    with pytest.raises(mn.RecordError) as info:
        mn.LifeStage(min_months=228, max_months=100, sex=mn.Sex.MALE, pregnant=True, lactating=True)
    assert {e.field for e in info.value.errors} == {"max_months", "lactating", "sex"}


def test_age_bands() -> None:
    teen = mn.AgeBand(min_months=132, max_months=216)
    assert teen.contains(132) and teen.contains(215.9) and not teen.contains(216) and not teen.for_adults
    assert mn.AgeBand(min_months=216).for_adults and mn.AgeBand(min_months=240, max_months=480).for_adults
    assert not mn.AgeBand(min_months=156, max_months=228).for_adults  # 13-18 years straddles adulthood: a child's band
    with pytest.raises(mn.RecordError, match="max_months: must be greater than min_months"):
        mn.AgeBand(min_months=12, max_months=12)
    boys = mn.ReferenceRange(low=1, high=2, unit=Unit.MG_PER_DL, sources=("s",), sex=mn.Sex.MALE, ages=teen)
    assert boys.applies_to(mn.Sex.MALE, 150) and not boys.applies_to(mn.Sex.FEMALE, 150)
    assert not boys.applies_to(mn.Sex.MALE, None)  # no age given: an adult is meant
    assert not boys.applies_to(None, 150)  # a sex-specific range needs the sex
    everyone = mn.Cutoff(label="x", unit=Unit.MG_PER_DL, sources=("s",), low=1)
    assert everyone.applies_to(None) and everyone.applies_to(3)


@pytest.mark.parametrize("cls", [mn.ReferenceRange, mn.Cutoff])
def test_ranges_need_a_bound_in_order(cls: type) -> None:
    with pytest.raises(mn.RecordError, match="a range needs a low or a high bound"):
        cls(label="x", low=None, high=None, unit=Unit.MG_PER_DL, sources=("s",)) if cls is mn.Cutoff else cls(
            low=None, high=None, unit=Unit.MG_PER_DL, sources=("s",))
    with pytest.raises(mn.RecordError, match="must not exceed high"):
        cls(label="x", low=3, high=1, unit=Unit.MG_PER_DL, sources=("s",)) if cls is mn.Cutoff else cls(
            low=3, high=1, unit=Unit.MG_PER_DL, sources=("s",))


def test_cutoff_contains() -> None:
    band = mn.Cutoff(label="x", unit=Unit.NG_PER_ML, sources=("s",), low=12, high=20)
    assert band.contains(12) and band.contains(19.9) and not band.contains(20) and not band.contains(11)
    inclusive = mn.Cutoff(label="x", unit=Unit.NG_PER_ML, sources=("s",), high=75, high_inclusive=True)
    assert inclusive.contains(75) and inclusive.contains(0)


def test_statements_need_sources_and_known_claims() -> None:
    with pytest.raises(mn.RecordError, match="sources: must list at least 1 Citation"):
        mn.Statement(text="x", evidence=G.LIMITED, sources=())
    with pytest.raises(mn.RecordError, match=r"claims\[0\]: 'S99' is not a seed-claim id S01..S44"):
        mn.Statement(text="x", evidence=G.LIMITED, sources=("s",), claims=("S99",))
    with pytest.raises(mn.RecordError, match="evidence: must be an EvidenceGrade"):
        mn.Statement(text="x", evidence="limited", sources=("s",))  # type: ignore[arg-type]


def test_relation_grammar_is_checked_when_made() -> None:
    with pytest.raises(mn.RecordError, match="'causes' cannot join food to symptom"):
        mn.Relation(id="r", subject="food:banana", predicate=mn.Predicate.CAUSES, object="symptom:x", evidence=G.LIMITED, sources=("s",))
    ok = mn.Relation(id="r", subject="deficiency:x", predicate=mn.Predicate.CAUSES, object="symptom:y", evidence=G.LIMITED, sources=("s",))
    assert type(ok.subject) is mn.Ref and ok.subject.kind is mn.RefKind.DEFICIENCY and ok.object.id == "y"
    for predicate, (subjects, objects) in mn.GRAMMAR.items():
        assert subjects and objects, predicate


@pytest.mark.parametrize("text", ["iron", "vitamin:iron", "nutrient:Iron", "nutrient:", "nutrient:١"])
def test_bad_references(text: str) -> None:
    with pytest.raises(ValueError, match="bad reference"):
        mn.Ref(text)
    with pytest.raises(TypeError):
        mn.Ref(3)  # type: ignore[arg-type]


def test_sex_parse() -> None:
    assert mn.Sex.parse("F") is mn.Sex.FEMALE and mn.Sex.parse(" Male ") is mn.Sex.MALE and mn.Sex.parse(mn.Sex.ANY) is mn.Sex.ANY
    with pytest.raises(ValueError, match="sex must be one of 'male', 'female'"):
        mn.Sex.parse("woman")
    with pytest.raises(TypeError):
        mn.Sex.parse(1)  # type: ignore[arg-type]


def test_nutrient_unit_is_a_mass_and_kind_accepts_text() -> None:
    n = mn.Nutrient(id="x", name="X", kind="vitamin", unit=Unit.UG, deficiency="low x")
    assert n.kind is mn.NutrientKind.VITAMIN
    with pytest.raises(mn.RecordError, match="unit: must be a unit of mass"):
        mn.Nutrient(id="x", name="X", kind="vitamin", unit=Unit.MG_PER_DL, deficiency="low x")
    # folate is counted in µg DFE, which needs the factor that reads µg of folic acid
    with pytest.raises(mn.RecordError, match="dfe_per_microgram: is needed"):
        mn.Nutrient(id="x", name="X", kind="vitamin", unit=Unit.UG_DFE, deficiency="low x")
    assert mn.Nutrient(id="x", name="X", kind="vitamin", unit=Unit.UG_DFE, deficiency="low x", dfe_per_microgram=1.7).unit is Unit.UG_DFE
    with pytest.raises(mn.RecordError, match="kind"):
        mn.Nutrient(id="x", name="X", kind="herb", unit=Unit.MG, deficiency="low x")  # type: ignore[arg-type]


def test_overlapping_life_stages_are_found() -> None:
    def rec(low: int, high: int | None, sex: mn.Sex = mn.Sex.MALE) -> mn.IntakeRecommendation:
        return mn.IntakeRecommendation(nutrient="x", life_stage=mn.LifeStage(min_months=low, max_months=high, sex=sex),
                                       kind=mn.IntakeKind.RDA, amount=mn.Amount(1, "mg"), sources=("s",))

    assert list(mn.model.overlapping_life_stages([rec(0, 12, mn.Sex.ANY), rec(12, None)])) == []
    found = list(mn.model.overlapping_life_stages([rec(0, 24, mn.Sex.ANY), rec(12, None), rec(0, 240, mn.Sex.FEMALE)]))
    assert [indexes for indexes, _ in found] == [(1, 0), (2, 0)]
    assert "overlaps" in found[0][1]
