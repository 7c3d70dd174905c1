"""Portions: grams, masses and household measures, read against a food's own measures."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import muscle_nutrients as mn
from muscle_nutrients.portions import MASS_UNITS, portion

FOOD = mn.Food(
    id="f", name="Fruit", ndb_number="00001", usda_description="Fruit", food_group=mn.FoodGroup.FRUITS,
    servings=(mn.Serving(label='1 medium (7" long)', grams=118), mn.Serving(label="1 cup, sliced", grams=150),
              mn.Serving(label="0.5 cup, mashed", grams=112.5), mn.Serving(label="2 tbsp", grams=30),
              mn.Serving(label="1 fl oz", grams=30)),
    composition=(), sources=("s",),
)


@pytest.mark.parametrize(("given_", "grams", "measure"), [
    (None, 118, '1 medium (7" long)'), (150, 150, None), (0, 0, None), ("150 g", 150, None), ("150g", 150, None),
    ("1.5 kg", 1500, None), ("2 oz", 56.69904625, None), ("1 lb", 453.59237, None),
    ("2 medium", 236, '1 medium (7" long)'), ("2 Mediums", 236, '1 medium (7" long)'), ("medium", 118, '1 medium (7" long)'),
    ("1/2 cup", 75, "1 cup, sliced"), ("½ cup", 75, "1 cup, sliced"), ("1½ cups", 225, "1 cup, sliced"),
    ("1 1/2 cup", 225, "1 cup, sliced"), ("1-1/2 cups", 225, "1 cup, sliced"), ("1 cup, mashed", 225, "0.5 cup, mashed"),
    ("1 tbsp", 15, "2 tbsp"), ("3 tablespoons", 45, "2 tbsp"), ("2 fl oz", 60, "1 fl oz"), ("0,5 cup", 75, "1 cup, sliced"),
    ('1 medium (7" long)', 118, '1 medium (7" long)'),
])
def test_portions(given_: object, grams: float, measure: str | None) -> None:
    found = portion(FOOD, given_)
    assert found.grams == pytest.approx(grams) and (found.serving.label if found.serving else None) == measure


@pytest.mark.parametrize(("given_", "error", "message"), [
    ("2", ValueError, "a bare number: say what it counts, e.g. '2 g' or '2 medium'"),
    ("3 slices", ValueError, "cannot read '3 slices' as a portion of Fruit: give grams .* 1 medium"),
    ("", ValueError, "cannot read"), ("x" * 300, ValueError, "a short text"), (-1, ValueError, "from 0 to"),
    ("2000 kg", ValueError, "a portion must be 0 to"), (float("nan"), ValueError, "finite"),
    (True, TypeError, "must be grams"), ([1], TypeError, "must be grams"), (b"1 cup", TypeError, "must be grams"),
])
def test_bad_portions_are_refused_with_what_the_food_has(given_: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        portion(FOOD, given_)


def test_a_serving_record_is_taken_as_it_is() -> None:
    found = portion(FOOD, FOOD.servings[1])
    assert found.grams == 150 and found.serving is FOOD.servings[1] and found.as_serving() is FOOD.servings[1]
    custom = portion(FOOD, "2 medium").as_serving()
    assert custom.label == "2 medium" and custom.grams == 236
    assert portion(FOOD, 0).as_serving().grams == 0  # a zero portion is allowed, though no listed serving is


@given(st.fractions(min_value=Fraction(1, 8), max_value=20, max_denominator=8))
def test_a_count_of_a_measure_scales_its_weight(amount: Fraction) -> None:
    text = f"{amount.numerator}/{amount.denominator} cup" if amount.denominator > 1 else f"{amount.numerator} cup"
    assert portion(FOOD, text).grams == pytest.approx(float(amount) * 150)


@given(st.floats(0, 1000, allow_nan=False), st.sampled_from(sorted(MASS_UNITS)))
def test_a_mass_needs_no_measure(value: float, unit: str) -> None:
    grams = value * MASS_UNITS[unit]
    if grams <= 1e6:
        assert portion(FOOD, f"{value:.3f} {unit}").grams == pytest.approx(round(value, 3) * MASS_UNITS[unit])
