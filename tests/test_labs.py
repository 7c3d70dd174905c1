"""Lab tests and what a value means."""

from __future__ import annotations

import pytest

import muscle_nutrients as mn
from muscle_nutrients import Unit


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
    with pytest.raises(ValueError, match="a lab value must be"):
        tiny.interpret_lab("x", -1, "mg/dL")
    with pytest.raises(ValueError, match="a lab value must be"):
        tiny.interpret_lab("x", 10**400, "mg/dL")
    with pytest.raises(mn.UnknownNameError, match="unknown lab test 'nothing'"):
        tiny.interpret_lab("nothing", 1, "mg/dL")
    with pytest.raises(mn.UnknownNameError, match="unknown lab test 'y'"):
        tiny.interpret_lab(tiny.nutrient("y"), 1, "mg/dL")  # a nutrient without tests


def test_lab_tests_for(tiny: mn.KnowledgeBase, kb: mn.KnowledgeBase) -> None:
    assert [t.id for t in tiny.lab_tests_for("x")] == ["serum-x"] and tiny.lab_tests_for("y") == ()
    for nutrient in ("magnesium", "potassium", "calcium", "iron"):
        assert kb.lab_tests_for(nutrient)


def test_other_lab_ranges_that_cannot_be_reached_are_left_out(tiny: mn.KnowledgeBase) -> None:
    test = mn.LabTest(
        id="serum-y", name="Serum y", specimen="serum", loinc=None, loinc_sources=(), nutrient="y",
        reference_ranges=(mn.ReferenceRange(low=10, high=50, unit=Unit.NG_PER_ML, sources=("src",)),
                          mn.ReferenceRange(low=25, high=125, unit=Unit.NMOL_PER_L, sources=("src",))),
        cutoffs=(mn.Cutoff(label="low in SI", unit=Unit.NMOL_PER_L, sources=("src",), high=30),),
    )
    kb = tiny.extend(mn.Document(lab_tests=(test,)))
    result = kb.interpret_lab("serum y", 5, "ng/mL")  # no molar mass: the nmol/L range cannot be compared
    assert result.status is mn.LabStatus.LOW and result.alternatives == () and result.cutoffs == ()
    # a value in nmol/L is read against the range in nmol/L, never converted by a guessed molar mass
    si = kb.interpret_lab("serum y", 20, "nmol/L")
    assert si.status is mn.LabStatus.LOW and si.reference_range.unit is Unit.NMOL_PER_L and si.converted.value == 20
    assert si.alternatives == () and [c.label for c in si.cutoffs] == ["low in SI"]
    only_mass = mn.LabTest(id="serum-z", name="Serum z", specimen="serum", loinc=None, loinc_sources=(), nutrient="y",
                           reference_ranges=(mn.ReferenceRange(low=10, high=50, unit=Unit.NG_PER_ML, sources=("src",)),))
    with pytest.raises(ValueError, match="molar mass"):
        tiny.extend(mn.Document(lab_tests=(only_mass,))).interpret_lab("serum z", 20, "nmol/L")


def test_interpret_lab_magnesium_in_either_unit(kb: mn.KnowledgeBase) -> None:
    conventional = kb.interpret_lab("serum magnesium", 1.2, "mg/dL")
    si = kb.interpret_lab("magnesium", 1.2 / 2.4305, "mmol/L")
    assert conventional.status is si.status is mn.LabStatus.LOW
    assert si.converted.value == pytest.approx(1.2)
    assert kb.interpret_lab("Mg", 2.0, "mg/dL").status is mn.LabStatus.NORMAL
    assert kb.interpret_lab("potassium", 3.0, "mEq/L").status is mn.LabStatus.LOW


def test_interpret_ferritin_needs_sex(kb: mn.KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="differ by sex"):
        kb.interpret_lab("ferritin", 50, "ng/mL")
    result = kb.interpret_lab("ferritin", 50, "ng/mL", sex="F")
    assert result.status is mn.LabStatus.NORMAL
    assert [c.label for c in result.cutoffs] == ["iron therapy advised for restless legs (AASM 2024)"]


def test_vitamin_d_bands(kb: mn.KnowledgeBase) -> None:
    result = kb.interpret_lab("25(OH)D", 15, "ng/mL")
    labels = [c.label for c in result.cutoffs]
    assert "at risk of inadequacy (National Academies)" in labels and "deficiency (ARUP laboratory bands)" in labels
    # nmol/L converts with calcifediol's molar mass (400.6371 g/mol, HMDB): 40 nmol/L is about 16 ng/mL
    assert round(kb.interpret_lab("25(OH)D", 40, "nmol/L").converted.value, 3) == 16.025
    # no cited molar mass for cobalamin: a value in pmol/L is read against a laboratory's pmol/L range
    b12 = kb.interpret_lab("vitamin B12", 150, "pmol/L")
    assert b12.status is mn.LabStatus.LOW and b12.reference_range.unit is mn.Unit.PMOL_PER_L
    assert kb.interpret_lab("vitamin B12", 150, "pg/mL").reference_range.unit is mn.Unit.PG_PER_ML
    with pytest.raises(ValueError, match="molar mass"):
        kb.interpret_lab("methylmalonic acid", 40, "ng/mL")


def test_lab_value_read_against_other_labs_ranges(kb: mn.KnowledgeBase) -> None:
    result = kb.interpret_lab("magnesium", 1.55, "mg/dL")
    assert result.status is mn.LabStatus.NORMAL  # first shipped range, 1.5-2.4 mg/dL
    others = {reading.range.sources[0].source: reading.status for reading in result.alternatives}
    assert others["ohsu-magnesium"] is mn.LabStatus.LOW  # 1.6-2.6 mg/dL
    assert others["alfred-magnesium"] is mn.LabStatus.LOW  # 1.55 mg/dL = 0.638 mmol/L, below 0.70-1.10 mmol/L
    rr, status = result.alternatives[0]  # a reading unpacks as (range, status)
    assert status is result.alternatives[0].status and rr is result.alternatives[0].range


def test_a_childs_value_is_read_against_the_childs_age_band(kb: mn.KnowledgeBase) -> None:
    # 5.0 mg/dL of phosphate is high for an adult and normal for a young child
    adult = kb.interpret_lab("phosphate", 5.0, "mg/dL")
    child = kb.interpret_lab("phosphate", 5.0, "mg/dL", age=3, sex="male")
    assert adult.status is mn.LabStatus.HIGH and child.status is mn.LabStatus.NORMAL
    assert adult.reference_range.ages is not None and adult.reference_range.ages.min_months == 18 * 12
    assert child.reference_range.ages is not None and child.reference_range.ages.contains(36)
    # every alternative shown is for the same age, and adult cut-offs are not read for a child
    assert all(alt.range.ages is None or alt.range.ages.contains(36) for alt in child.alternatives)
    low_child = kb.interpret_lab("phosphate", 2.0, "mg/dL", age=3)
    assert low_child.status is mn.LabStatus.LOW and low_child.cutoffs == ()
    assert kb.interpret_lab("phosphate", 2.0, "mg/dL").cutoffs  # the adult reading names the hypophosphatemia band


def test_age_bands_with_sex_specific_ranges(kb: mn.KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="differ by sex"):
        kb.interpret_lab("ceruloplasmin", 25, "mg/dL")
    assert kb.interpret_lab("ceruloplasmin", 25, "mg/dL", sex="male").status is mn.LabStatus.NORMAL
    # 35 mg/dL is above the adult male interval but inside the one for young children
    assert kb.interpret_lab("ceruloplasmin", 35, "mg/dL", sex="male").status is mn.LabStatus.HIGH
    assert kb.interpret_lab("ceruloplasmin", 35, "mg/dL", age=4).status is mn.LabStatus.NORMAL


def test_an_age_no_range_covers_is_refused_by_name(kb: mn.KnowledgeBase) -> None:
    # Labcorp sets no alpha-tocopherol interval under 6 years; Mayo's 0-17 band still covers a child
    assert kb.interpret_lab("vitamin E", 4.0, "mg/L", age=2).reference_range.ages == mn.AgeBand(min_months=0, max_months=216)
    test = mn.LabTest(id="serum-q", name="Serum q", specimen="serum", loinc=None, nutrient=None,
                      reference_ranges=(mn.ReferenceRange(low=1, high=2, unit=Unit.MG_PER_DL, sources=("usda-sr26",),
                                                          population="adults", ages=mn.AgeBand(min_months=216)),))
    extended = kb.extend(mn.Document(lab_tests=(test,)))
    with pytest.raises(ValueError, match="no reference range shipped for Serum q fits age 10 years; the ranges are for: adults"):
        extended.interpret_lab("serum q", 1.5, "mg/dL", age=10)
    with pytest.raises(ValueError, match="age"):
        kb.interpret_lab("phosphate", 3, "mg/dL", age=-1)


@pytest.mark.parametrize(("test", "value", "unit", "status"), [
    ("serum folate", 3.0, "ng/mL", mn.LabStatus.LOW),
    ("red cell folate", 600, "ng/mL", mn.LabStatus.NORMAL),
    ("zinc", 9, "µmol/L", mn.LabStatus.LOW),  # 9 µmol/L x 65.38 g/mol = 58.8 µg/dL
    ("vitamin E", 12, "mg/L", mn.LabStatus.NORMAL),
    ("phosphate", 0.6, "mmol/L", mn.LabStatus.LOW),  # 0.6 mmol/L = 1.86 mg/dL of phosphorus
])
def test_the_five_new_nutrients_read_like_the_nine(kb: mn.KnowledgeBase, test: str, value: float, unit: str, status: mn.LabStatus) -> None:
    assert kb.interpret_lab(test, value, unit).status is status


def test_serum_copper_in_si_units(kb: mn.KnowledgeBase) -> None:
    result = kb.interpret_lab("copper", 10, "µmol/L", sex="female")  # 10 µmol/L x 63.546 g/mol = 63.5 µg/dL
    assert result.converted.unit is Unit.UG_PER_DL and result.converted.value == pytest.approx(63.546)
    assert result.status is mn.LabStatus.LOW
