"""Foods and their nutrients: rankings, portions, one amount formula, Daily Values."""

from __future__ import annotations

import pytest

import muscle_nutrients as mn
from muscle_nutrients import Unit
from muscle_nutrients.foods import parse_per, portion_grams


def test_foods_rich_in(tiny: mn.KnowledgeBase) -> None:
    per_serving = tiny.foods_rich_in("x")
    # bean: 50 mg/100 g x 200 g = 100 mg (50% DV); nut: 300 x 28 / 100 = 84 mg (42% DV)
    assert [(r.food.id, r.amount.value, r.percent_daily_value, r.serving.label if r.serving else None) for r in per_serving] == [
        ("bean", 100.0, 50.0, "1 cup"), ("nut", 84.0, 42.0, "1 oz")]
    per_100g = tiny.foods_rich_in("x", per="100 g", limit=1)
    assert [(r.food.id, r.amount.value, r.serving) for r in per_100g] == [("nut", 300.0, None)]
    assert tiny.foods_rich_in("x", per="100g") == tiny.foods_rich_in("x", per="Per 100 G")
    with pytest.raises(ValueError, match="per must be one of 'serving', '100 g'"):
        tiny.foods_rich_in("x", per="cup")
    with pytest.raises(ValueError, match="limit"):
        tiny.foods_rich_in("x", limit=0)
    with pytest.raises(TypeError, match="limit"):
        tiny.foods_rich_in("x", limit=2.5)  # type: ignore[arg-type]


def test_nutrients_in(tiny: mn.KnowledgeBase) -> None:
    rows = tiny.nutrients_in("bean", serving="1 tbsp")
    assert [(r.nutrient.id, r.amount.value, r.serving.grams if r.serving else None) for r in rows] == [("x", 5.0, 10), ("y", 0.1, 10)]
    assert [r.amount.value for r in tiny.nutrients_in("bean", per="100 g")] == [50, 1]
    with pytest.raises(ValueError, match="no serving 'bowl'"):
        tiny.nutrients_in("bean", serving="bowl")
    with pytest.raises(ValueError, match="cannot be combined"):
        tiny.nutrients_in("bean", per="100 g", serving="1 tbsp")
    with pytest.raises(TypeError, match="serving label"):
        tiny.nutrients_in("bean", serving=150)  # type: ignore[arg-type]


def test_daily_value(tiny: mn.KnowledgeBase, kb: mn.KnowledgeBase) -> None:
    assert tiny.daily_value("Xe") == mn.Amount(value=200, unit=Unit.MG)
    assert kb.daily_value("magnesium").value == 420
    assert kb.daily_value("potassium").value == 4700
    assert kb.daily_value("vitamin D") == mn.Amount(value=20, unit=Unit.UG)
    assert kb.daily_value("B12").value == 2.4
    no_dv = tiny.extend(mn.Document(nutrients=(mn.Nutrient(id="z", name="Z", kind="mineral", unit=Unit.MG, deficiency="low z"),)))
    with pytest.raises(LookupError, match="Z has no Daily Value"):
        no_dv.daily_value("z")


def test_food_amounts_in_another_mass_unit_are_converted(tiny: mn.KnowledgeBase) -> None:
    # 0.4 g (= 400 mg) of x per 100 g: must rank above the nut's 300 mg and add up in mg
    seed = mn.Food(
        id="seed", name="Seed", ndb_number="00003", usda_description="Seeds", food_group=mn.FoodGroup.NUTS_AND_SEEDS,
        servings=(mn.Serving(label="1 oz", grams=28),),
        composition=(mn.NutrientContent(nutrient="x", per_100g=mn.Amount(value=0.4, unit=Unit.G)),), sources=("src",),
    )
    kb = tiny.extend(mn.Document(foods=(seed,)))
    top = kb.foods_rich_in("x", per="100 g", limit=1)[0]
    assert (top.food.id, top.amount) == ("seed", mn.Amount(value=400, unit=Unit.MG))
    assert top.amount.unit is Unit.MG and top.percent_daily_value == 200.0
    assert kb.assess_diet([("seed", 100.0)], age=30, sex="male")["x"].total == mn.Amount(value=400, unit=Unit.MG)


def test_portion_grams(tiny: mn.KnowledgeBase) -> None:
    bean = tiny.food("bean")
    assert portion_grams(bean, None) == 200 and portion_grams(bean, "1 TBSP") == 10 and portion_grams(bean, 55) == 55
    assert portion_grams(bean, bean.servings[1]) == 10
    with pytest.raises(ValueError):
        portion_grams(bean, -5)
    with pytest.raises(TypeError):
        portion_grams(bean, [1])


def test_parse_per_shares_its_spellings_with_the_cli() -> None:
    assert parse_per("serving") == "serving" and parse_per("100G") == "100 g" and parse_per("per 100 g") == "100 g"


def test_foods_rich_in_magnesium(kb: mn.KnowledgeBase) -> None:
    rows = kb.foods_rich_in("magnesium", limit=5)
    assert len(rows) == 5
    assert [r.amount.value for r in rows] == sorted((r.amount.value for r in rows), reverse=True)
    for row in rows:
        per_100g = row.food.per_100g("magnesium")
        assert row.serving is not None and per_100g is not None
        assert row.amount.value == pytest.approx(per_100g.value * row.serving.grams / 100)
        assert row.percent_daily_value == pytest.approx(100 * row.amount.value / 420)


def test_banana_potassium_from_usda(kb: mn.KnowledgeBase) -> None:
    banana = kb.food("banana")
    assert banana.ndb_number == "09040"
    potassium = next(r for r in kb.nutrients_in("banana") if r.nutrient.id == "potassium")
    assert potassium.serving == banana.default_serving
    assert potassium.amount.unit is Unit.MG
