"""Units and conversions: exact within a dimension, explicit across dimensions."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import muscle_nutrients as mn
from muscle_nutrients import Amount, Dimension, Unit, convert_for

from .strategies import values


def test_same_dimension_conversions_are_exact() -> None:
    assert Amount(value=1, unit=Unit.MG).to(Unit.UG) == Amount(value=1000, unit=Unit.UG)
    assert Amount(value=2.2, unit=Unit.MG_PER_DL).to("mg/L").value == 22.0
    assert Amount(value=150, unit=Unit.NG_PER_ML).to(Unit.UG_PER_L).value == 150
    assert Amount(value=0.4, unit=Unit.UMOL_PER_L).to(Unit.NMOL_PER_L).value == 400


@pytest.mark.parametrize("spelling", ["µg", "μg", "mcg", "ug", "microgram", " MCG "])
def test_microgram_spellings(spelling: str) -> None:
    assert Unit.parse(spelling) is Unit.UG


@pytest.mark.parametrize("spelling, unit", [("mg/dl", Unit.MG_PER_DL), ("mmol/l", Unit.MMOL_PER_L), ("mEq/L", Unit.MEQ_PER_L), ("IU", Unit.IU), ("%", Unit.PERCENT)])
def test_common_spellings(spelling: str, unit: Unit) -> None:
    assert Unit.parse(spelling) is unit


def test_unknown_unit_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match="unknown unit 'furlongs'.*mg/dL"):
        Unit.parse("furlongs")


def test_cross_dimension_needs_the_substance() -> None:
    with pytest.raises(ValueError, match="convert_for"):
        Amount(value=1, unit=Unit.MG_PER_DL).to(Unit.MMOL_PER_L)
    with pytest.raises(ValueError):
        Amount(value=1, unit=Unit.MG).to(Unit.MG_PER_DL)


@pytest.mark.parametrize("value", [-1.0, math.nan, math.inf])
def test_amount_rejects_negative_and_non_finite(value: float) -> None:
    with pytest.raises(ValueError, match="finite and not negative"):
        Amount(value=value, unit=Unit.MG)


def test_amount_rejects_bool() -> None:
    with pytest.raises(TypeError):
        Amount(value=True, unit=Unit.MG)


def test_magnesium_molar_conversion_uses_molar_mass(kb: mn.KnowledgeBase) -> None:
    magnesium = kb.nutrient("magnesium")
    # 1 mmol/L of Mg weighs 24.305 mg/L = 2.4305 mg/dL (molar mass 24.305 g/mol)
    assert convert_for(Amount(value=1, unit=Unit.MMOL_PER_L), Unit.MG_PER_DL, magnesium).value == pytest.approx(2.4305)
    assert convert_for(Amount(value=2.4305, unit=Unit.MG_PER_DL), "mmol/L", magnesium).value == pytest.approx(1.0)
    # divalent: 1 mmol/L = 2 mEq/L
    assert convert_for(Amount(value=1, unit=Unit.MMOL_PER_L), Unit.MEQ_PER_L, magnesium).value == 2
    assert convert_for(Amount(value=2, unit=Unit.MEQ_PER_L), Unit.MG_PER_DL, magnesium).value == pytest.approx(2.4305)


def test_vitamin_d_iu(kb: mn.KnowledgeBase) -> None:
    vitamin_d = kb.nutrient("vitamin D")
    assert convert_for(Amount(value=600, unit=Unit.IU), Unit.UG, vitamin_d).value == 15
    assert convert_for(Amount(value=0.1, unit=Unit.MG), Unit.IU, vitamin_d).value == 4000


def test_impossible_conversions_raise(kb: mn.KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="it has no IU-per-µg factor"):
        convert_for(Amount(value=1, unit=Unit.IU), Unit.MG, kb.nutrient("magnesium"))
    with pytest.raises(ValueError, match="molar mass"):
        convert_for(Amount(value=1, unit=Unit.MG_PER_DL), Unit.MMOL_PER_L, kb.nutrient("vitamin B12"))
    with pytest.raises(ValueError, match="do not correspond"):
        convert_for(Amount(value=1, unit=Unit.MG), Unit.MMOL_PER_L, kb.nutrient("magnesium"))


@given(values, st.sampled_from(list(Unit)), st.sampled_from(list(Unit)))
def test_same_dimension_round_trip(value: float, a: Unit, b: Unit) -> None:
    if a.dimension is not b.dimension:
        return
    back = Amount(value=value, unit=a).to(b).to(a)
    assert back.unit is a
    assert math.isclose(back.value, value, rel_tol=1e-12, abs_tol=1e-300)


@given(values, st.sampled_from([Unit.MG_PER_DL, Unit.MG_PER_L, Unit.UG_PER_L]), st.sampled_from([Unit.MMOL_PER_L, Unit.MEQ_PER_L, Unit.UMOL_PER_L]))
def test_molar_round_trip(value: float, mass_unit: Unit, molar_unit: Unit) -> None:
    calcium = mn.load().nutrient("calcium")
    there = convert_for(Amount(value=value, unit=mass_unit), molar_unit, calcium)
    back = convert_for(there, mass_unit, calcium)
    assert math.isclose(back.value, value, rel_tol=1e-9, abs_tol=1e-300)


def test_every_unit_has_a_dimension() -> None:
    assert {u.dimension for u in Unit} <= set(Dimension)
    assert str(Amount(value=420, unit=Unit.MG)) == "420 mg"
