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
    with pytest.raises(ValueError, match="molar mass"):
        kb.interpret_lab("serum y", 20, "nmol/L")  # but the shipped range is never guessed at


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
    with pytest.raises(ValueError, match="molar mass"):
        kb.interpret_lab("25(OH)D", 40, "nmol/L")


def test_lab_value_read_against_other_labs_ranges(kb: mn.KnowledgeBase) -> None:
    result = kb.interpret_lab("magnesium", 1.55, "mg/dL")
    assert result.status is mn.LabStatus.NORMAL  # first shipped range, 1.5-2.4 mg/dL
    others = {reading.range.sources[0].source: reading.status for reading in result.alternatives}
    assert others["ohsu-magnesium"] is mn.LabStatus.LOW  # 1.6-2.6 mg/dL
    assert others["alfred-magnesium"] is mn.LabStatus.LOW  # 1.55 mg/dL = 0.638 mmol/L, below 0.70-1.10 mmol/L
    rr, status = result.alternatives[0]  # a reading unpacks as (range, status)
    assert status is result.alternatives[0].status and rr is result.alternatives[0].range
