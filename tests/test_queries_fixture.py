"""Every query on the tiny hand-drawn knowledge base, whose answers are known exactly."""

from __future__ import annotations

import pytest

import muscle_nutrients as mn
from muscle_nutrients import EvidenceGrade as G
from muscle_nutrients import Unit


def test_symptoms_of_sorted_by_evidence(tiny: mn.KnowledgeBase) -> None:
    links = tiny.symptoms_of("xenium")
    assert [(l.symptom.id, l.evidence) for l in links] == [("a", G.ESTABLISHED), ("b", G.LIMITED)]
    assert links[0].sources[0].id == "src"


def test_causes_of_includes_factors(tiny: mn.KnowledgeBase) -> None:
    causes = tiny.causes_of("Ache A")
    assert [(c.cause.id, c.evidence, c.cause_kind.value) for c in causes] == [
        ("x", G.ESTABLISHED, "deficiency"), ("f", G.PROBABLE, "factor")]
    assert causes[0].label == "Xenium deficiency (hypoxenemia)"
    assert causes[1].label == "Factor F"


def test_rank_causes_scores_and_explains(tiny: mn.KnowledgeBase) -> None:
    ranking = tiny.rank_causes(["a", "b", "c"])
    scores = [(c.cause.id, c.score, [s.id for s in c.matched], [s.id for s in c.unmatched]) for c in ranking]
    # x: a established (1.0) + b limited (0.5); y: b probable (0.75), c unsupported ignored; f: a probable
    assert scores == [("x", 1.5, ["a", "b"], ["c"]), ("f", 0.75, ["a"], ["b", "c"]), ("y", 0.75, ["b"], ["a", "c"])]
    assert [f.id for f in ranking.red_flags] == ["any", "for-c"]
    assert "not a diagnosis" in ranking.disclaimer
    assert "Ache A" in ranking.candidates[0].explanation and "Does not explain: Cold C" in ranking.candidates[0].explanation
    assert len(ranking) == 3


def test_rank_causes_min_evidence(tiny: mn.KnowledgeBase) -> None:
    with_weak = tiny.rank_causes(["c"], min_evidence="unsupported")
    assert [(c.cause.id, c.score) for c in with_weak] == [("y", 0.25)]
    assert list(tiny.rank_causes(["c"])) == []
    assert [c.cause.id for c in tiny.rank_causes(["a"], min_evidence=G.ESTABLISHED)] == ["x"]


def test_rank_causes_bad_input(tiny: mn.KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="at least one symptom"):
        tiny.rank_causes([])
    with pytest.raises(mn.UnknownNameError):
        tiny.rank_causes(["a", "zzz"])
    with pytest.raises(ValueError, match="unknown evidence grade"):
        tiny.rank_causes(["a"], min_evidence="strong")


def test_foods_rich_in(tiny: mn.KnowledgeBase) -> None:
    per_serving = tiny.foods_rich_in("x")
    # bean: 50 mg/100 g x 200 g = 100 mg (50% DV); nut: 300 x 28 / 100 = 84 mg (42% DV)
    assert [(r.food.id, r.amount.value, r.percent_daily_value, r.serving.label if r.serving else None) for r in per_serving] == [
        ("bean", 100.0, 50.0, "1 cup"), ("nut", 84.0, 42.0, "1 oz")]
    per_100g = tiny.foods_rich_in("x", per="100 g", limit=1)
    assert [(r.food.id, r.amount.value, r.serving) for r in per_100g] == [("nut", 300.0, None)]
    with pytest.raises(ValueError, match="per must be"):
        tiny.foods_rich_in("x", per="cup")
    with pytest.raises(ValueError, match="limit"):
        tiny.foods_rich_in("x", limit=0)


def test_nutrients_in(tiny: mn.KnowledgeBase) -> None:
    rows = tiny.nutrients_in("bean", serving="1 tbsp")
    assert [(r.nutrient.id, r.amount.value, r.serving.grams) for r in rows] == [("x", 5.0, 10), ("y", 0.1, 10)]
    assert [r.amount.value for r in tiny.nutrients_in("bean", per="100 g")] == [50, 1]
    with pytest.raises(ValueError, match="no serving 'bowl'"):
        tiny.nutrients_in("bean", serving="bowl")


def test_intake(tiny: mn.KnowledgeBase) -> None:
    target = tiny.intake("x", age=30, sex="female")
    assert (target.kind.value, target.amount.value, target.upper_limit.amount.value) == ("RDA", 80, 50)
    assert target.upper_limit.scope is mn.UpperLimitScope.SUPPLEMENTS_AND_MEDICINES
    assert tiny.intake("x", age=0.5, sex="male").kind is mn.IntakeKind.AI
    assert tiny.intake("x", age=20, sex="f", pregnant=True).amount.value == 120
    assert tiny.intake("y", age=3, sex="male").upper_limit.scope is mn.UpperLimitScope.TOTAL_INTAKE


@pytest.mark.parametrize(
    "kwargs, message",
    [({"age": -1, "sex": "male"}, "age must be"), ({"age": 30, "sex": "other"}, "unknown sex"),
     ({"age": 30, "sex": "male", "pregnant": True}, "requires sex='female'"),
     ({"age": 30, "sex": "female", "pregnant": True, "lactating": True}, "cannot both"),
     ({"age": 12, "sex": "female", "pregnant": True}, "no DRI group"), ({"age": float("nan"), "sex": "male"}, "age must be")],
)
def test_intake_bad_arguments(tiny: mn.KnowledgeBase, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        tiny.intake("x", **kwargs)  # type: ignore[arg-type]


def test_daily_value(tiny: mn.KnowledgeBase) -> None:
    assert tiny.daily_value("Xe") == mn.Amount(value=200, unit=Unit.MG)


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


def test_assess_diet_bad_portions(tiny: mn.KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="quantity"):
        tiny.assess_diet([("bean", -5.0)], age=30, sex="male")
    with pytest.raises(ValueError, match="pair"):
        tiny.assess_diet(["bean"], age=30, sex="male")  # type: ignore[list-item]


def test_interpret_lab(tiny: mn.KnowledgeBase) -> None:
    low = tiny.interpret_lab("x", 0.2, "mmol/L")  # 0.2 mmol/L x 20 g/mol = 0.4 mg/dL
    assert low.status is mn.LabStatus.LOW
    assert low.converted.value == pytest.approx(0.4)
    assert [c.label for c in low.cutoffs] == ["very low"]
    assert tiny.interpret_lab("Serum xenium", 1.5, "mg/dl").status is mn.LabStatus.NORMAL
    assert tiny.interpret_lab("serum-x", 2.5, "mg/dL").status is mn.LabStatus.HIGH
    with pytest.raises(ValueError, match="cannot convert"):
        tiny.interpret_lab("x", 1, "µg")
    with pytest.raises(ValueError, match="unknown unit"):
        tiny.interpret_lab("x", 1, "bananas")
    with pytest.raises(ValueError, match="finite"):
        tiny.interpret_lab("x", -1, "mg/dL")
    with pytest.raises(mn.UnknownNameError):
        tiny.interpret_lab("nothing", 1, "mg/dL")


def test_depleted_by_advice_red_flags(tiny: mn.KnowledgeBase) -> None:
    assert [(l.nutrient.id, l.evidence) for l in tiny.depleted_by("effy")] == [("x", G.PROBABLE)]
    assert [l.advice.id for l in tiny.advice_for("a")] == ["rest"]
    assert tiny.advice_for("b") == ()
    assert [f.id for f in tiny.red_flags()] == ["any", "for-c"]
    assert [f.id for f in tiny.red_flags("a")] == ["any"]


def test_relations_for_claim(tiny: mn.KnowledgeBase) -> None:
    assert tiny.relations_for_claim("S03") == ()
    for bad in ("S00", "S45", "X1", ""):
        with pytest.raises(mn.UnknownNameError):
            tiny.relations_for_claim(bad)


def test_query_module_takes_kb(tiny: mn.KnowledgeBase) -> None:
    assert mn.query.symptoms_of("x", kb=tiny) == tiny.symptoms_of("x")
    assert mn.query.intake("x", age=40, sex="male", kb=tiny) == tiny.intake("x", age=40, sex="male")


def test_life_stage_contains() -> None:
    stage = mn.LifeStage(min_months=228, max_months=372, sex=mn.Sex.FEMALE, pregnant=True)
    assert stage.contains(240, mn.Sex.FEMALE, True, False)
    assert not stage.contains(240, mn.Sex.FEMALE, False, False)
    assert not stage.contains(372, mn.Sex.FEMALE, True, False)  # the upper end is exclusive
    assert stage.label == "pregnancy 19-30 y"
    with pytest.raises(ValueError, match="sex 'female'"):
        mn.LifeStage(min_months=228, max_months=372, sex=mn.Sex.MALE, lactating=True)


def test_food_amounts_in_another_mass_unit_are_converted(tiny: mn.KnowledgeBase) -> None:
    # 0.4 g (= 400 mg) of x per 100 g: must rank above the nut's 300 mg and add up in mg
    seed = mn.Food(
        id="seed", name="Seed", ndb_number="00003", usda_description="Seeds", food_group=mn.FoodGroup.NUTS_AND_SEEDS,
        servings=(mn.Serving(label="1 oz", grams=28),),
        composition=(mn.NutrientContent(nutrient="x", per_100g=mn.Amount(value=0.4, unit=Unit.G)),), sources=("src",),
    )
    kb = tiny.extend(mn.document.Document(foods=(seed,)))
    top = kb.foods_rich_in("x", per="100 g", limit=1)[0]
    assert (top.food.id, top.amount) == ("seed", mn.Amount(value=400, unit=Unit.MG))
    assert top.percent_daily_value == 200.0
    assert kb.assess_diet([("seed", 100.0)], age=30, sex="male")["x"].total == mn.Amount(value=400, unit=Unit.MG)


def test_other_lab_ranges_that_cannot_be_reached_are_left_out(tiny: mn.KnowledgeBase) -> None:
    test = mn.LabTest(
        id="serum-y", name="Serum y", specimen="serum", loinc=None, loinc_sources=(), nutrient="y",
        reference_ranges=(mn.ReferenceRange(low=10, high=50, unit=Unit.NG_PER_ML, sources=("src",)),
                          mn.ReferenceRange(low=25, high=125, unit=Unit.NMOL_PER_L, sources=("src",))),
    )
    kb = tiny.extend(mn.document.Document(lab_tests=(test,)))
    result = kb.interpret_lab("serum y", 5, "ng/mL")  # no molar mass: the nmol/L range cannot be compared
    assert result.status is mn.LabStatus.LOW and result.alternatives == ()
    with pytest.raises(ValueError, match="molar mass"):
        kb.interpret_lab("serum y", 20, "nmol/L")  # but the shipped range is never guessed at
