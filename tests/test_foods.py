"""Foods and their nutrients: rankings over the common foods, all foods or a group; one food's
nutrients for any portion; food search; not reported is never zero."""

from __future__ import annotations

import pytest

import muscle_nutrients as mn
from muscle_nutrients import Unit
from muscle_nutrients.foods import parse_among, parse_per


def test_foods_rich_in(tiny: mn.KnowledgeBase) -> None:
    per_serving = tiny.foods_rich_in("x")
    # bean: 50 mg/100 g x 200 g = 100 mg (50% DV); nut: 300 x 28 / 100 = 84 mg (42% DV)
    assert [(r.food.id, r.amount.value if r.amount else None, r.percent_daily_value, r.serving.label if r.serving else None)
            for r in per_serving] == [("bean", 100.0, 50.0, "1 cup"), ("nut", 84.0, 42.0, "1 oz")]
    per_100g = tiny.foods_rich_in("x", per="100 g", limit=1)
    assert [(r.food.id, r.amount.value if r.amount else None, r.serving) for r in per_100g] == [("nut", 300.0, None)]
    assert tiny.foods_rich_in("x", per="100g") == tiny.foods_rich_in("x", per="Per 100 G")
    # a knowledge base marking no food common ranks all its foods by default; "all" is the same here
    assert tiny.foods_rich_in("x", among="all") == per_serving
    # the nut reports no vitamin Y: it is never ranked for it (not reported is not zero)
    assert [r.food.id for r in tiny.foods_rich_in("y", among="all")] == ["bean"]
    assert tiny.foods_rich_in("x", among="legumes") == per_serving[:1]
    with pytest.raises(ValueError, match="per must be one of 'serving', '100 g'"):
        tiny.foods_rich_in("x", per="cup")
    with pytest.raises(ValueError, match="limit"):
        tiny.foods_rich_in("x", limit=0)
    with pytest.raises(TypeError, match="limit"):
        tiny.foods_rich_in("x", limit=2.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="among"):
        tiny.foods_rich_in("x", among="moon rocks")


def test_nutrients_in_any_portion(tiny: mn.KnowledgeBase) -> None:
    rows = tiny.nutrients_in("bean", serving="1 tbsp")
    assert [(r.nutrient.id, r.amount.value if r.amount else None, r.serving.grams if r.serving else None) for r in rows] == [
        ("x", 5.0, 10), ("y", 0.1, 10)]
    assert tiny.nutrients_in("bean", portion="1 tbsp") == rows and tiny.nutrients_in("bean", portion="2 tbsp")[0].amount == mn.Amount(10, "mg")
    assert [r.amount.value if r.amount else None for r in tiny.nutrients_in("bean", per="100 g")] == [50, 1]
    assert tiny.nutrients_in("bean", portion=150)[0].amount == mn.Amount(75, "mg")  # a number is grams
    assert tiny.nutrients_in("bean", portion="1/2 cup")[0].serving == mn.Serving(label="1/2 cup", grams=100)
    # a nutrient the table does not report is a row without an amount, never zero
    nut_y = tiny.nutrients_in("nut")[1]
    assert nut_y.nutrient.id == "y" and nut_y.amount is None and nut_y.percent_daily_value is None and not nut_y.reported
    with pytest.raises(ValueError, match="cannot read 'bowl' as a portion of Bean.*1 cup; 1 tbsp"):
        tiny.nutrients_in("bean", serving="bowl")
    with pytest.raises(ValueError, match="cannot be combined"):
        tiny.nutrients_in("bean", per="100 g", portion="1 tbsp")
    with pytest.raises(ValueError, match="not both"):
        tiny.nutrients_in("bean", serving="1 tbsp", portion="1 cup")
    with pytest.raises(ValueError, match="a bare number"):
        tiny.nutrients_in("bean", portion="2")
    with pytest.raises(TypeError, match="must be grams"):
        tiny.nutrients_in("bean", portion=[150])  # type: ignore[arg-type]


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
    assert top.amount is not None and top.amount.unit is Unit.MG and top.percent_daily_value == 200.0
    assert kb.assess_diet([("seed", 100.0)], age=30, sex="male")["x"].total == mn.Amount(value=400, unit=Unit.MG)


def test_parse_per_and_among_share_their_spellings_with_the_cli() -> None:
    assert parse_per("serving") == "serving" and parse_per("100G") == "100 g" and parse_per("per 100 g") == "100 g"
    assert parse_among("All") == "all" and parse_among("common") == "common"
    assert parse_among("vegetables") is mn.FoodGroup.VEGETABLES and parse_among(mn.FoodGroup.BEEF) is mn.FoodGroup.BEEF
    assert parse_among("Finfish and Shellfish Products") is mn.FoodGroup.FISH_AND_SHELLFISH
    with pytest.raises(ValueError, match="among"):
        parse_among("b")  # too short to stand for one group


# ---------------------------------------------------------------------------- the packaged table


def test_every_usda_food_is_there(kb: mn.KnowledgeBase) -> None:
    assert len(kb.foods) == 8463
    assert len(kb.common_foods) >= 103 and all(f.common for f in kb.common_foods)
    assert kb.food("banana").common and kb.food("09003").common  # the apple was added to the common foods
    # every food is reachable: by NDB number, by id, by USDA description
    pasta = kb.food("20121")
    assert pasta.id == "pasta-cooked" and kb.food("ndb-20121") is pasta and kb.food("Spaghetti, cooked, enriched, without added salt") is pasta
    coffee_instant = kb.food("ndb-14214")
    assert not coffee_instant.common and coffee_instant.food_group is mn.FoodGroup.BEVERAGES and coffee_instant.ndb_number == "14214"
    assert kb.food(coffee_instant.name) is coffee_instant and kb.get_food("ndb-99999") is None
    # every household measure of WEIGHT.txt, the curated default first
    apple = kb.food("apple")
    assert apple.default_serving.label == '1 medium (3" dia)' and len(apple.servings) == 7


def test_a_portion_of_a_usda_food(kb: mn.KnowledgeBase) -> None:
    banana = kb.food("banana")
    medium = banana.serving('1 medium (7" to 7-7/8" long)')
    two = kb.nutrients_in(banana, portion="2 medium")
    one = kb.nutrients_in(banana)
    potassium = [r for r in two if r.nutrient.id == "potassium"][0]
    assert potassium.amount is not None and potassium.serving is not None and potassium.serving.grams == 2 * medium.grams
    assert potassium.amount.value == pytest.approx(2 * [r for r in one if r.nutrient.id == "potassium"][0].amount.value)  # type: ignore[union-attr]
    for text, grams in (("150 g", 150), ("½ cup, mashed", 112.5), ("1/2 cup", 112.5), ("1 large", 136), ("5 oz", 141.747615625)):
        assert kb.nutrients_in(banana, portion=text)[0].serving.grams == pytest.approx(grams), text  # type: ignore[union-attr]
    with pytest.raises(ValueError, match=r"cannot read '3 slices' as a portion of Banana, raw: give grams .* 1 cup, mashed"):
        kb.nutrients_in(banana, portion="3 slices")


@pytest.mark.parametrize(("typed", "expected"), [
    ("apple", "apple-raw"), ("almonds", "almonds"), ("roasted almond", "ndb-12"), ("almonds roasted", "ndb-12"),
    ("yoghurt", "yogurt-plain-low-fat"), ("salmon", "salmon-sockeye-cooked"), ("kiwi fruit", "kiwi"), ("bananna", "banana"),
    ("coffee", "coffee-brewed"), ("pasta", "pasta-cooked"), ("cheddar cheese", "cheddar"), ("chiken brest", "chicken-breast"),
])
def test_search_finds_what_people_type(kb: mn.KnowledgeBase, typed: str, expected: str) -> None:
    hits = kb.search_foods(typed, limit=5)
    assert hits and hits[0].food.id.startswith(expected), [h.food.id for h in hits]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True) or hits[0].food.common


def test_search_ranks_and_bounds(kb: mn.KnowledgeBase) -> None:
    hits = kb.search_foods("roasted almonds", limit=10)
    # every hit holds both words; the common, unroasted almonds hold only one and come later if at all
    assert all({"almond", "roasted"} <= set(mn._foodtext.tokens(h.food.name)) for h in hits[:4])
    assert kb.search_foods("zzqqxx") == () and kb.search_foods("", limit=3) == ()
    assert kb.search_foods("x" * 5000) == ()
    assert len(kb.search_foods("cheese", limit=3)) == 3
    with pytest.raises(TypeError):
        kb.search_foods(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="limit"):
        kb.search_foods("apple", limit=0)
    # the general search finds foods through food search too
    assert kb.search("apple")[0].record.id == "apple-raw" and kb.search("apple")[0].score == 1.0


def test_unknown_food_suggests_by_search(kb: mn.KnowledgeBase) -> None:
    with pytest.raises(mn.UnknownNameError, match="did you mean") as info:
        kb.food("bananna")
    assert "Banana, raw" in info.value.suggestions


def test_rankings_over_all_foods_and_groups(kb: mn.KnowledgeBase) -> None:
    common = kb.foods_rich_in("zinc", limit=5)
    assert all(r.food.common for r in common)
    everything = kb.foods_rich_in("zinc", among="all", limit=20)
    amounts = [r.amount.value for r in everything if r.amount is not None]
    assert len(amounts) == 20 and amounts == sorted(amounts, reverse=True) and amounts[0] >= common[0].amount.value  # type: ignore[union-attr]
    vegetables = kb.foods_rich_in("calcium", among="vegetables", per="100 g", limit=5)
    assert len(vegetables) == 5 and all(r.food.food_group is mn.FoodGroup.VEGETABLES for r in vegetables)
    top_100g = kb.foods_rich_in("vitamin D", among="all", per="100 g", limit=3)
    assert all(r.serving is None and r.amount is not None for r in top_100g)
    # a food that reports no vitamin E is never ranked for it
    unreported = next(f for f in kb.foods if f.per_100g("vitamin-e") is None)
    assert unreported.id not in {r.food.id for r in kb.foods_rich_in("vitamin E", among=unreported.food_group, limit=10_000)}


def test_a_day_breaks_down_by_food(kb: mn.KnowledgeBase) -> None:
    day = kb.assess_diet([("banana", "2 medium"), ("almonds", "1 oz (23 whole kernels)"), ("coffee", None), ("ndb-14214", "1 tsp"),
                          ("salmon-atlantic-farmed-cooked", "100 g")], age=35, sex="female")
    assert [c.food.id for c in day.foods] == ["banana", "almonds", "coffee-brewed", "ndb-14214", "salmon-atlantic-farmed-cooked"]
    assert day.foods[0].portion.label == "2 medium" and day.foods[0].portion.grams == 236
    magnesium = day.contributions("magnesium")
    assert magnesium[0].food.id in ("almonds", "salmon-atlantic-farmed-cooked") and sum(r.amount.value for r in magnesium if r.amount) == pytest.approx(day["magnesium"].total.value)
    # the farmed salmon reports no vitamin D: the total says it is incomplete, and the pair is listed
    assert kb.food("salmon-atlantic-farmed-cooked").per_100g("vitamin-d") is None
    assert not day["vitamin D"].complete and ("salmon-atlantic-farmed-cooked", "vitamin-d") in day.unreported
    assert day.contributions("vitamin D")[-1].amount is None and day.contributions("vitamin D")[-1].food.id == "salmon-atlantic-farmed-cooked"
    assert day["potassium"].complete
    with pytest.raises(ValueError, match="a bare number"):
        kb.assess_diet([("banana", "2")], age=35, sex="female")
    with pytest.raises(mn.UnknownNameError):
        kb.assess_diet([("moon cheese", None)], age=35, sex="female")


def test_user_foods_layer_over_the_packaged_table(kb: mn.KnowledgeBase) -> None:
    mine = mn.Food(id="my-bar", name="My protein bar", ndb_number="99001", usda_description="Protein bar, homemade",
                   food_group=mn.FoodGroup.SNACKS, servings=(mn.Serving(label="1 bar", grams=60),),
                   composition=(mn.NutrientContent(nutrient="zinc", per_100g=mn.Amount(200, "mg")),), sources=("usda-sr26",), common=True)
    extended = kb.extend(mn.Document(foods=(mine,)))
    assert len(extended.foods) == len(kb.foods) + 1 and extended.food("my protein bar") is mine and extended.food("banana").id == "banana"
    assert extended.foods_rich_in("zinc", among="all", limit=1)[0].food is mine
    assert extended.foods_rich_in("zinc", limit=1)[0].food is mine  # marked common
    assert extended.search_foods("protein bar homemade")[0].food is mine
    clash = mn.Food(id="my-banana", name="Banana, raw", ndb_number="99002", usda_description="x", food_group=mn.FoodGroup.FRUITS,
                    servings=(mn.Serving(label="1", grams=1),), composition=(), sources=("usda-sr26",))
    with pytest.raises(mn.DataError, match="food name 'Banana, raw' is used by both 'banana' and 'my-banana'"):
        kb.extend(mn.Document(foods=(clash,)))
    better = mn.Food(id="banana", name="Banana, raw", ndb_number="09040", usda_description="Bananas, raw", food_group=mn.FoodGroup.FRUITS,
                     servings=(mn.Serving(label="1 medium", grams=120),), composition=(), sources=("usda-sr26",))
    with pytest.raises(mn.DataError, match="already defined"):
        kb.extend(mn.Document(foods=(better,)))
    with pytest.warns(mn.OverrideWarning):
        replaced = kb.extend(mn.Document(foods=(better,)), override=True)
    assert replaced.food("banana") is better and len(replaced.foods) == len(kb.foods) and replaced.food("09040") is better
