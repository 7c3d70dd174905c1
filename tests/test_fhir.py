"""FHIR R4 lab results: every lab test with a LOINC code in its units and in SI units, the HL7
interpretation codes, the annotated Observation, and the edge cases."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import muscle_nutrients as mn
from muscle_nutrients.fhir import INTERPRETATION_SYSTEM, LOINC_SYSTEM, UCUM_SYSTEM
from muscle_nutrients.units import convert_for


def observation(loinc: str, value: float | None, unit: str, **extra: Any) -> dict[str, Any]:
    obs: dict[str, Any] = {
        "resourceType": "Observation", "status": "final",
        "code": {"coding": [{"system": LOINC_SYSTEM, "code": loinc}]},
        **extra,
    }
    if value is not None:
        code = mn.Unit.parse(unit).ucum if unit in {u.value for u in mn.Unit} else unit
        obs["valueQuantity"] = {"value": value, "unit": unit, "system": UCUM_SYSTEM, "code": code}
    return obs


def adult_range(test: mn.LabTest) -> mn.ReferenceRange:
    return next(r for r in test.reference_ranges if r.ages is None and r.sex is mn.Sex.ANY and r.low is not None and r.high is not None)


TESTS = [t for t in mn.load().lab_tests if t.loinc and any(
    r.ages is None and r.sex is mn.Sex.ANY and r.low is not None and r.high is not None for r in t.reference_ranges)]
SI = {mn.Dimension.MASS_CONCENTRATION: mn.Unit.NMOL_PER_L, mn.Dimension.MOLAR_CONCENTRATION: mn.Unit.MG_PER_L}


@pytest.mark.parametrize("test", TESTS, ids=[t.id for t in TESTS])
def test_low_normal_high_for_every_test(kb: mn.KnowledgeBase, test: mn.LabTest) -> None:
    first = adult_range(test)
    rr = kb.interpret_observation(observation(test.loinc or "", first.high or 0.0, first.unit.value)).reference_range  # the range used
    probes = []  # a value exactly on a limit is inside the range
    if rr.high is not None:
        probes += [(rr.high * 1.5, "H"), (rr.high, "N")]
    if rr.low is not None:
        probes += [(rr.low, "N"), (rr.low * 1.01, "N")] + ([(rr.low * 0.5, "L")] if rr.low > 0 else [])
    assert len(probes) >= 3
    for value, code in probes:
        reading = kb.interpret_observation(observation(test.loinc or "", value, rr.unit.value))
        assert reading.code in (code, code * 2), (test.id, value)  # LL/HH only where a critical band is sourced
        assert reading.interpretation.test is test and reading.loinc == test.loinc


@pytest.mark.parametrize("test", [t for t in TESTS if t.molar_mass], ids=[t.id for t in TESTS if t.molar_mass])
def test_the_same_value_in_the_other_unit_system_reads_the_same(kb: mn.KnowledgeBase, test: mn.LabTest) -> None:
    rr = adult_range(test)
    assert rr.low is not None and rr.high is not None
    other = SI.get(rr.unit.dimension)
    if other is None:
        pytest.skip(f"{rr.unit.value} has no other unit system here")
    for value in (rr.low * 0.5, (rr.low + rr.high) / 2, rr.high * 1.5):
        converted = convert_for(mn.Amount(value, rr.unit), other, test)
        a = kb.interpret_observation(observation(test.loinc or "", value, rr.unit.value))
        b = kb.interpret_observation(observation(test.loinc or "", converted.value, other.value))
        assert a.code == b.code, (test.id, value, converted)


def test_vitamin_d_in_nmol_per_litre(kb: mn.KnowledgeBase) -> None:
    # 50 nmol/L is 20 ng/mL (molar mass 400.6371 g/mol, HMDB): the National Academies' "sufficient" band begins there
    reading = kb.interpret_observation(observation("62292-8", 50.0, "nmol/L"))
    assert round(reading.interpretation.converted.value, 2) == 20.03
    assert any("sufficient" in c.label for c in reading.interpretation.cutoffs)
    assert reading.interpretation.test.constants_sources[0].source == "hmdb-calcidiol"


def test_a_sourced_critical_value_is_LL(kb: mn.KnowledgeBase) -> None:
    reading = kb.interpret_observation(observation("2777-1", 0.8, "mg/dL"))
    assert reading.code == "LL" and reading.display == "Critical low"
    assert kb.interpret_observation(observation("2777-1", 2.0, "mg/dL")).code == "L"


def test_the_annotated_observation(kb: mn.KnowledgeBase) -> None:
    given = observation("19123-9", 1.2, "mg/dL", id="mg-1")
    before = copy.deepcopy(given)
    reading = kb.interpret_observation(given)
    out = reading.annotated()
    assert given == before  # the input is not changed
    assert out["id"] == "mg-1" and out["valueQuantity"] == given["valueQuantity"]
    assert out["interpretation"][0]["coding"][0] == {"system": INTERPRETATION_SYSTEM, "code": "L", "display": "Low"}
    rr = out["referenceRange"][0]
    assert rr["low"] == {"value": reading.reference_range.low, "unit": "mg/dL", "system": UCUM_SYSTEM, "code": "mg/dL"}
    assert reading.sources[0].title in rr["text"]
    assert reading.to_dict()["code"] == "L" and "not a diagnosis" in reading.disclaimer


def test_sex_and_age_are_passed_on(kb: mn.KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="give the sex"):
        kb.interpret_observation(observation("20567-4", 40.0, "ng/mL"))
    assert kb.interpret_observation(observation("20567-4", 40.0, "ug/L"), sex="female").code == "N"


@pytest.mark.parametrize(("obs", "error", "message"), [
    ({**observation("19123-9", None, "mg/dL"), "dataAbsentReason": {"text": "specimen haemolysed"}}, ValueError, "specimen haemolysed"),
    (observation("19123-9", None, "mg/dL"), ValueError, "no valueQuantity"),
    (observation("99999-9", 1.0, "mg/dL"), mn.UnknownNameError, "LOINC code '99999-9'"),
    (observation("19123-9", 1.0, "furlong"), ValueError, "not one this library converts"),
    (observation("2951-2", 140.0, "%"), ValueError, "cannot convert"),
    ({**observation("19123-9", 1.0, "mg/dL"), "status": "entered-in-error"}, ValueError, "not to be used"),
    ({**observation("19123-9", 1.0, "mg/dL"), "resourceType": "Patient"}, ValueError, "resourceType"),
    ({**observation("19123-9", 1.0, "mg/dL"), "code": {"coding": [{"system": "http://snomed.info/sct", "code": "1"}]}}, ValueError, "no LOINC code"),
    ({**observation("19123-9", 1.0, "mg/dL"), "valueQuantity": {"value": -1, "code": "mg/dL"}}, ValueError, "valueQuantity.value"),
    ({**observation("19123-9", 1.0, "mg/dL"), "valueQuantity": {"value": 1, "comparator": "<", "code": "mg/dL"}}, ValueError, "comparator"),
    ([1, 2], TypeError, "mapping"),
])
def test_edge_cases(kb: mn.KnowledgeBase, obs: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        kb.interpret_observation(obs)


def test_vitamin_b12_in_either_unit_system(kb: mn.KnowledgeBase) -> None:
    # no cited molar mass for cobalamin: each unit system is read against a laboratory range in it
    si = kb.interpret_observation(observation("2132-9", 150.0, "pmol/L"))
    assert si.code == "L" and si.reference_range.unit is mn.Unit.PMOL_PER_L
    assert si.annotated()["referenceRange"][0]["low"]["code"] == "pmol/L"
    conventional = kb.interpret_observation(observation("2132-9", 500.0, "pg/mL"))
    assert conventional.code == "N" and conventional.reference_range.unit is mn.Unit.PG_PER_ML
