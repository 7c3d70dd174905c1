"""Intakes for a person and a day's intake against them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import muscle_nutrients as mn
from muscle_nutrients import Unit


class FloatSubclass(float):
    """What numpy.float64 is."""


def test_intake(tiny: mn.KnowledgeBase) -> None:
    target = tiny.intake("x", age=30, sex="female")
    assert target.upper_limit is not None
    assert (target.kind.value, target.amount.value, target.upper_limit.amount.value) == ("RDA", 80, 50)
    assert target.upper_limit.scope is mn.UpperLimitScope.SUPPLEMENTS_AND_MEDICINES
    assert tiny.intake("x", age=0.5, sex="male").kind is mn.IntakeKind.AI
    assert tiny.intake("x", age=20, sex="f", pregnant=True).amount.value == 120
    assert tiny.intake("x", age=FloatSubclass(30), sex="Female") is target
    assert tiny.intake("x", age=30, sex=mn.Sex.FEMALE) is target


@pytest.mark.parametrize(
    "kwargs, error, message",
    [({"age": -1, "sex": "male"}, ValueError, "age .*must be from 0 to 130"),
     ({"age": 30, "sex": "other"}, ValueError, "sex must be one of"),
     ({"age": 30, "sex": "male", "pregnant": True}, ValueError, "applies only to sex 'female'"),
     ({"age": 30, "sex": "female", "pregnant": True, "lactating": True}, ValueError, "cannot both"),
     ({"age": 12, "sex": "female", "pregnant": True}, ValueError, "no DRI group for Xenium covers a pregnant female aged 12 years"),
     ({"age": float("nan"), "sex": "male"}, ValueError, "age"),
     ({"age": 30, "sex": "female", "pregnant": "false"}, TypeError, "pregnant must be True or False"),
     ({"age": "30", "sex": "male"}, TypeError, "age"),
     ({"age": 30, "sex": ["male"]}, TypeError, "sex must be a string")],
)
def test_intake_bad_arguments(tiny: mn.KnowledgeBase, kwargs: dict[str, object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        tiny.intake("x", **kwargs)  # type: ignore[arg-type]


def test_assess_diet_respects_upper_limit_scope(tiny: mn.KnowledgeBase) -> None:
    # food alone (2 cups of beans = 200 mg x) never counts against a supplements-only UL
    food_only = tiny.assess_diet([("bean", "1 cup"), ("bean", 200.0)], age=30, sex="male")
    x = food_only["x"]
    assert (x.total.value, x.percent_of_target, x.shortfall.value, x.exceeds_upper_limit) == (200.0, 200.0, 0.0, False)
    with_pills = tiny.assess_diet({"nut": None}, age=30, sex="male", supplements={"x": mn.Amount(value=60, unit=Unit.MG)})
    x = with_pills["x"]
    assert (x.total.value, x.from_supplements.value, x.exceeds_upper_limit) == (144.0, 60.0, True)
    assert x.shortfall.value == 0
    # nut has no value for y: reported, counted as zero; y has a total-intake UL
    assert ("nut", "y") in with_pills.unreported
    y = with_pills["y"]
    assert (y.total.value, y.shortfall.value, y.exceeds_upper_limit) == (0.0, 2.0, False)
    assert with_pills["Xe"] is with_pills[tiny.nutrient("x")] is with_pills["x"]
    with pytest.raises(KeyError):
        with_pills["nope"]


def test_assess_diet_takes_supplements_as_text(tiny: mn.KnowledgeBase) -> None:
    report = tiny.assess_diet([], age=30, sex="male", supplements={"Xe": "0.06 g"})
    assert report["x"].from_supplements == mn.Amount(60, "mg")
    with pytest.raises(TypeError, match="must be an Amount or text"):
        tiny.assess_diet([], age=30, sex="male", supplements={"x": 60})  # type: ignore[dict-item]
    with pytest.raises(TypeError, match="supplements must be a mapping"):
        tiny.assess_diet([], age=30, sex="male", supplements=[("x", "1 mg")])  # type: ignore[arg-type]


def test_assess_diet_bad_portions(tiny: mn.KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="quantity"):
        tiny.assess_diet([("bean", -5.0)], age=30, sex="male")
    with pytest.raises(ValueError, match="pair"):
        tiny.assess_diet(["bean"], age=30, sex="male")  # type: ignore[list-item]
    with pytest.raises(TypeError, match="portions must be"):
        tiny.assess_diet(3, age=30, sex="male")  # type: ignore[arg-type]


def test_a_nutrient_with_infant_intakes_only_does_not_break_adults(tiny: mn.KnowledgeBase) -> None:
    infant_only = mn.IntakeRecommendation(nutrient="z", life_stage=mn.LifeStage(min_months=0, max_months=12), kind=mn.IntakeKind.AI,
                                          amount=mn.Amount(1, "mg"), sources=("src",))
    kb = tiny.extend(mn.Document(nutrients=(mn.Nutrient(id="z", name="Z", kind="mineral", unit=Unit.MG, deficiency="low z"),),
                                 intakes=(infant_only,)))
    adult = kb.assess_diet([("bean", None)], age=30, sex="male")
    assert [r.nutrient.id for r in adult] == ["x", "y"] and adult.without_target == ("z",)
    assert [r.nutrient.id for r in kb.assess_diet([], age=0.5, sex="male")] == ["x", "y", "z"]


def test_intake_targets(kb: mn.KnowledgeBase) -> None:
    mg = kb.intake("magnesium", age=35, sex="female")
    assert mg.upper_limit is not None
    assert (mg.kind.value, mg.amount.value, mg.upper_limit.amount.value) == ("RDA", 320, 350)
    assert mg.upper_limit.scope is mn.UpperLimitScope.SUPPLEMENTS_AND_MEDICINES
    k = kb.intake("potassium", age=40, sex="male")
    assert (k.kind.value, k.amount.value, k.upper_limit) == ("AI", 3400, None)
    na = kb.intake("sodium", age=40, sex="male")
    assert na.upper_limit is None and na.chronic_disease_risk_reduction == mn.Amount(value=2300, unit=Unit.MG)
    assert kb.intake("iron", age=25, sex="female", pregnant=True).amount.value == 27
    assert kb.intake("vitamin D", age=75, sex="male").amount.value == 20
    assert kb.intake("calcium", age=0.25, sex="male").kind is mn.IntakeKind.AI


def test_vitamin_d_targets_in_iu(kb: mn.KnowledgeBase) -> None:
    assert kb.intake("vitamin D", age=30, sex="female").amount_in("IU") == mn.Amount(value=600, unit=Unit.IU)
    assert kb.intake("vitamin D", age=80, sex="male").amount_in(Unit.IU).value == 800
    with pytest.raises(ValueError):
        kb.intake("iron", age=30, sex="male").amount_in("IU")


def test_assess_diet_magnesium_supplement_only_ul(kb: mn.KnowledgeBase) -> None:
    day = kb.assess_diet([("pumpkin seeds", "1 cup"), ("spinach, boiled", None)], age=30, sex="male")
    assert day["magnesium"].total.value > 350 and not day["magnesium"].exceeds_upper_limit
    pills = kb.assess_diet([], age=30, sex="male", supplements={"magnesium": mn.Amount(value=400, unit=Unit.MG)})
    assert pills["magnesium"].exceeds_upper_limit


def test_an_upper_target_is_never_a_shortfall(kb: mn.KnowledgeBase) -> None:
    # sodium is judged against its CDRR: too much is the concern, so there is nothing to make up
    day = kb.assess_diet([("banana", None)], age=30, sex="female")
    assert day["sodium"].shortfall is None and not day["sodium"].exceeds_chronic_disease_risk_reduction
    assert day["potassium"].shortfall is not None and day["potassium"].shortfall.value > 0
    salty = kb.assess_diet([], age=30, sex="female", supplements={"sodium": mn.Amount(value=2500, unit=Unit.MG)})
    assert salty["sodium"].exceeds_chronic_disease_risk_reduction


@pytest.mark.parametrize(("nutrient", "age", "sex", "kind", "amount", "limit"), [
    ("folate", 30, "female", "RDA", 400, 1000), ("folate", 0.3, "male", "AI", 65, None),
    ("vitamin E", 16, "male", "RDA", 15, 800), ("copper", 50, "male", "RDA", 900, 10000),
    ("copper", 10, "female", "RDA", 700, 5000), ("zinc", 16, "female", "RDA", 9, 34),
    ("zinc", 40, "male", "RDA", 11, 40), ("phosphorus", 12, "female", "RDA", 1250, 4000),
    ("phosphorus", 75, "male", "RDA", 700, 3000),
])
def test_the_five_new_nutrients_have_dri_targets(kb: mn.KnowledgeBase, nutrient: str, age: float, sex: str, kind: str,
                                                 amount: float, limit: float | None) -> None:
    target = kb.intake(nutrient, age=age, sex=sex)
    assert (target.kind.value, target.amount.value) == (kind, amount)
    assert (target.upper_limit.amount.value if target.upper_limit else None) == limit


def test_upper_limit_scopes_of_folate_and_vitamin_e(kb: mn.KnowledgeBase) -> None:
    folate = kb.intake("folate", age=30, sex="female")
    assert folate.amount.unit is Unit.UG_DFE and folate.upper_limit is not None
    # the folate UL is in µg of folic acid and counts only folic acid from supplements and fortified foods
    assert folate.upper_limit.amount == mn.Amount(1000, "µg") and folate.upper_limit.scope is mn.UpperLimitScope.SYNTHETIC_FORMS
    vitamin_e = kb.intake("vitamin E", age=30, sex="female").upper_limit
    assert vitamin_e is not None and vitamin_e.scope is mn.UpperLimitScope.ADDED_FORMS
    assert kb.intake("phosphorus", age=30, sex="female", pregnant=True).upper_limit.amount.value == 3500  # type: ignore[union-attr]


def test_folic_acid_from_supplements_is_compared_with_its_upper_limit(kb: mn.KnowledgeBase) -> None:
    leafy = kb.assess_diet([("spinach, boiled", "1 cup")] * 5, age=30, sex="female")
    assert leafy["folate"].total.value > 1000 and not leafy["folate"].exceeds_upper_limit  # food folate never counts
    for pills, over in (("1000 µg", False), ("1100 mcg", True), ("1700 µg DFE", False), ("1800 µg DFE", True)):
        day = kb.assess_diet([], age=30, sex="female", supplements={"folic acid": pills})
        assert day["folate"].exceeds_upper_limit is over, pills
    assert kb.assess_diet([], age=30, sex="female", supplements={"folate": "400 µg"})["folate"].from_supplements == mn.Amount(680, "µg DFE")


def test_copper_intakes_are_in_micrograms(kb: mn.KnowledgeBase) -> None:
    day = kb.assess_diet([], age=30, sex="male", supplements={"copper": "2 mg"})
    assert day["copper"].total == mn.Amount(2000, "µg") and day["copper"].shortfall == mn.Amount(0, "µg")
    liver = next(row for row in kb.foods_rich_in("copper", limit=5) if row.food.id.startswith("beef-liver"))
    assert liver.amount.unit is Unit.UG and liver.percent_daily_value == pytest.approx(100 * liver.amount.value / 900)


def test_a_limit_not_read_is_not_shown(kb: mn.KnowledgeBase) -> None:
    # the zinc UL rows for pregnancy and lactation at 19-50 were not read in any source: none is shipped, and the note says why
    target = kb.intake("zinc", age=30, sex="female", pregnant=True)
    assert target.amount.value == 11 and target.upper_limit is None and target.note and "not read" in target.note


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 8462), st.floats(0, 500)), min_size=1, max_size=4))
def test_a_days_totals_are_the_sum_of_its_foods(portions: list[tuple[int, float]]) -> None:
    kb = mn.load()
    day = kb.assess_diet([(kb.foods[i], grams) for i, grams in portions], age=40, sex="male")
    assert [c.food for c in day.foods] == [kb.foods[i] for i, _ in portions]
    for line in day:
        rows = day.contributions(line.nutrient)
        reported = [r.amount.value for r in rows if r.amount is not None]
        assert line.total.value == pytest.approx(sum(reported))
        assert line.complete == (len(reported) == len(rows))  # a food not reporting the nutrient is never a zero
