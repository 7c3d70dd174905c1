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


@pytest.mark.parametrize("value", [-1.0, math.nan, math.inf, 1e13, 10**400])
def test_amount_rejects_negative_non_finite_and_huge(value: float) -> None:
    with pytest.raises(ValueError, match="an amount's value must be"):
        Amount(value=value, unit=Unit.MG)


def test_amount_rejects_bool_and_text_values() -> None:
    with pytest.raises(TypeError):
        Amount(value=True, unit=Unit.MG)
    with pytest.raises(TypeError):
        Amount(value="400", unit=Unit.MG)  # type: ignore[arg-type]


def test_amount_takes_positional_arguments_and_unit_spellings() -> None:
    assert Amount(400, "mg") == Amount(value=400, unit=Unit.MG)
    assert Amount(2, "mcg").unit is Unit.UG and Amount(2, "μg").unit is Unit.UG  # Greek mu, micro sign
    with pytest.raises(ValueError, match="unknown unit 'bananas'"):
        Amount(1, "bananas")


@pytest.mark.parametrize("text, expected", [("400 mg", Amount(400, "mg")), ("1,200mg", Amount(1200, "mg")),
                                            (" 2.5 mcg ", Amount(2.5, "µg")), (".5 g", Amount(0.5, "g"))])
def test_amount_parse(text: str, expected: Amount) -> None:
    assert Amount.parse(text) == expected


@pytest.mark.parametrize("text", ["mg", "400", "-1 mg", "four mg", "1,2 mg", "١٢ mg"])
def test_amount_parse_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        Amount.parse(text)


def test_amounts_compare_across_units_of_one_dimension() -> None:
    assert Amount(1, "mg") == Amount(1000, "µg") and Amount(1000, "µg") == Amount(1, "mg")
    assert Amount(0.1, "g") == Amount(100, "mg")
    assert Amount(1, "mg") != Amount(1, "mg/dL")  # different dimensions are never equal
    assert hash(Amount(1, "mg")) == hash(Amount(1000, "µg"))
    assert Amount(1, "mg") < Amount(1001, "µg") <= Amount(2, "mg")
    assert max(Amount(1, "g"), Amount(900, "mg")) == Amount(1, "g")
    with pytest.raises(TypeError, match="different dimensions"):
        _ = Amount(1, "mg") < Amount(1, "IU")
    assert Amount(1, "mg").__eq__("1 mg") is NotImplemented


def test_amount_arithmetic() -> None:
    assert Amount(1, "mg") + Amount(500, "µg") == Amount(1.5, "mg")
    assert (Amount(1, "mg") + Amount(500, "µg")).unit is Unit.MG
    assert Amount(2, "mg") * 3 == Amount(6, "mg") == 3 * Amount(2, "mg")
    assert Amount(6, "mg") / 3 == Amount(2, "mg")
    assert Amount(300, "mg") / Amount(1.2, "g") == 0.25
    with pytest.raises(ValueError):
        _ = Amount(1, "mg") / 0


def test_amount_prints_rounded_and_serialises_exactly() -> None:
    assert str(Amount(6.0907, "µg")) == "6.09 µg"
    assert str(Amount(4463.61, "mg")) == "4,464 mg"
    assert str(Amount(2.4, "µg")) == "2.4 µg"
    assert repr(Amount(420, "mg")) == "Amount(420.0, 'mg')"
    assert Amount(80.74999999999999, "%").to_dict() == {"value": 80.75, "unit": "%"}


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


def test_folic_acid_counts_1_7_times_in_dietary_folate_equivalents(kb: mn.KnowledgeBase) -> None:
    folate = kb.nutrient("folate")
    assert folate.unit is Unit.UG_DFE and folate.dfe_per_microgram == 1.7
    assert convert_for(Amount(400, "mcg"), Unit.UG_DFE, folate).value == 680
    assert convert_for(Amount(1, "mg"), Unit.UG_DFE, folate).value == 1700
    assert convert_for(Amount(1700, "mcg DFE"), Unit.UG, folate).value == 1000
    assert Unit.parse("ug DFE") is Unit.parse("µg DFE") is Unit.UG_DFE
    with pytest.raises(ValueError, match="DFE-per-µg factor"):
        convert_for(Amount(1, "µg DFE"), Unit.UG, kb.nutrient("vitamin B12"))
    with pytest.raises(ValueError):
        convert_for(Amount(1, "IU"), Unit.MG, kb.nutrient("vitamin E"))  # IU of vitamin E depend on the form


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


def test_units_are_string_enumerations() -> None:
    assert Unit.MG == "mg" and f"{Unit.MG_PER_DL}" == "mg/dL" and Dimension.MASS == "mass"


def test_conversions_never_overflow_at_the_bound(kb: mn.KnowledgeBase) -> None:
    biggest = Amount(mn.MAX_AMOUNT, "g/L")
    assert biggest.to("pg/mL").value == mn.MAX_AMOUNT * 1e9
    with pytest.raises(ValueError, match="over the"):
        convert_for(biggest, "pmol/L", kb.nutrient("magnesium"))
