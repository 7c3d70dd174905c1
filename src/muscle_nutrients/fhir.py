"""FHIR R4 lab results: read an Observation (a plain dict, no FHIR library needed) and give
back its HL7 interpretation code, the reference range used and its source.

``kb.interpret_observation(observation)`` finds the test by the LOINC code in
``Observation.code.coding``, reads ``valueQuantity`` in its UCUM unit (``code``, else
``unit``), and reads the value as ``interpret_lab`` does. The answer's ``code`` is an HL7 v3
ObservationInterpretation code: ``L``, ``N`` or ``H`` against the reference range, and ``LL``
or ``HH`` only where the value falls in a band a source gives as a laboratory's critical value.
``annotated()`` returns a copy of the Observation with ``interpretation`` and
``referenceRange`` filled in.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._args import real
from ._fields import Result
from .errors import UnknownNameError
from .model import LabTest, ReferenceRange, Source
from .results import DISCLAIMER, LabInterpretation, LabStatus
from .units import Unit

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = ["INTERPRETATION_SYSTEM", "LOINC_SYSTEM", "UCUM_SYSTEM", "ObservationReading", "interpret_observation"]

LOINC_SYSTEM = "http://loinc.org"
UCUM_SYSTEM = "http://unitsofmeasure.org"
INTERPRETATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
_DISPLAY = {"L": "Low", "N": "Normal", "H": "High", "LL": "Critical low", "HH": "Critical high"}
_UNUSABLE = frozenset({"entered-in-error", "cancelled"})


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ObservationReading(Result):
    """How a FHIR Observation's value reads: the HL7 code, the interpretation, the Observation."""

    _extra = ("display", "reference_range", "sources")

    loinc: str
    """The LOINC code the test was found by."""
    code: str
    """HL7 v3 ObservationInterpretation: ``L``, ``N``, ``H``, ``LL`` or ``HH``."""
    interpretation: LabInterpretation
    """The reading against the range and the cut-offs (``interpret_lab``'s answer)."""
    observation: Mapping[str, Any]
    """The Observation as given (not changed)."""
    disclaimer: str = DISCLAIMER
    """The not-a-diagnosis statement."""

    @property
    def display(self) -> str:
        """The code's display text (``"Low"``, ``"Critical high"``)."""
        return _DISPLAY[self.code]

    @property
    def reference_range(self) -> ReferenceRange:
        """The reference range the code was read against."""
        return self.interpretation.reference_range

    @property
    def sources(self) -> tuple[Source, ...]:
        """The sources of the range and of the cut-offs the value falls in."""
        return self.interpretation.sources

    def annotated(self) -> dict[str, Any]:
        """A copy of the Observation with ``interpretation`` and ``referenceRange`` filled in
        (any given there are replaced)."""
        out = copy.deepcopy(dict(self.observation))
        out["interpretation"] = [{"coding": [{"system": INTERPRETATION_SYSTEM, "code": self.code, "display": self.display}],
                                  "text": self.display}]
        rr = self.reference_range
        entry: dict[str, Any] = {}
        for side, bound in (("low", rr.low), ("high", rr.high)):
            if bound is not None:
                entry[side] = {"value": bound, "unit": rr.unit.value, "system": UCUM_SYSTEM, "code": rr.unit.ucum}
        entry["text"] = f"{rr.population}; " + "; ".join(s.title for s in self.interpretation.sources[:1])
        out["referenceRange"] = [entry]
        return out


def interpret_observation(kb: KnowledgeBase, observation: Mapping[str, Any], *, sex: str | None = None,
                          age: float | None = None) -> ObservationReading:
    """Read a FHIR R4 Observation (a dict) against the knowledge base's ranges and cut-offs.

    Args:
        observation: The Observation resource as parsed JSON.
        sex: The patient's sex, as for ``interpret_lab`` (an Observation does not carry it).
        age: The patient's age in years, as for ``interpret_lab``.

    Raises:
        TypeError: ``observation`` is not a mapping, or a field has the wrong type.
        ValueError: not an Observation, no usable value (missing, or a ``dataAbsentReason``),
            a status that withdraws it, no LOINC code, or a unit that cannot be converted.
        UnknownNameError: no lab test of the knowledge base has the LOINC code.
    """
    if not isinstance(observation, Mapping):
        raise TypeError(f"an Observation is a mapping (parsed JSON), not {type(observation).__name__}")
    if observation.get("resourceType") != "Observation":
        raise ValueError(f"resourceType must be 'Observation', not {observation.get('resourceType')!r}")
    if observation.get("status") in _UNUSABLE:
        raise ValueError(f"Observation.status is {observation['status']!r}: its value is not to be used")
    loinc, test = _test(kb, observation)
    value, unit = _quantity(observation)
    reading = kb.interpret_lab(test, value, unit, sex=sex, age=age)
    return ObservationReading(loinc=loinc, code=_code(reading), interpretation=reading, observation=observation)


def _test(kb: KnowledgeBase, observation: Mapping[str, Any]) -> tuple[str, LabTest]:
    codings = _field(observation, "code", Mapping, "Observation.code").get("coding") or []
    if not isinstance(codings, list):
        raise TypeError("Observation.code.coding must be a list")
    loincs = [c.get("code") for c in codings if isinstance(c, Mapping) and c.get("system") == LOINC_SYSTEM]
    if not loincs:
        raise ValueError(f"Observation.code.coding has no LOINC code (system {LOINC_SYSTEM})")
    by_loinc = {t.loinc: t for t in kb.lab_tests if t.loinc}
    for code in loincs:
        if isinstance(code, str) and code in by_loinc:
            return code, by_loinc[code]
    import difflib  # only when a code is unknown: not part of every cold start

    wanted = str(loincs[0])[:40]
    raise UnknownNameError(wanted, "lab test with LOINC code", difflib.get_close_matches(wanted, sorted(by_loinc), n=3, cutoff=0.6))


def _quantity(observation: Mapping[str, Any]) -> tuple[float, Unit]:
    if "valueQuantity" not in observation:
        absent = observation.get("dataAbsentReason")
        why = ""
        if isinstance(absent, Mapping):
            codes = [c.get("code") for c in absent.get("coding") or [] if isinstance(c, Mapping)]
            why = f" (dataAbsentReason: {absent.get('text') or ', '.join(str(c) for c in codes)})"
        raise ValueError(f"the Observation has no valueQuantity to read{why}")
    quantity = _field(observation, "valueQuantity", Mapping, "Observation.valueQuantity")
    if "value" not in quantity:
        raise ValueError("Observation.valueQuantity has no value")
    value = real(quantity["value"], "Observation.valueQuantity.value", minimum=0)
    comparator = quantity.get("comparator")
    if comparator is not None:
        raise ValueError(f"Observation.valueQuantity has comparator {comparator!r}: a bound, not a value to read against a range")
    system = quantity.get("system")
    text = quantity.get("code") if system in (UCUM_SYSTEM, None) and quantity.get("code") else quantity.get("unit")
    if not isinstance(text, str):
        raise ValueError("Observation.valueQuantity has no unit (a UCUM code or unit text)")
    try:
        return value, Unit.parse(text)
    except ValueError:
        raise ValueError(f"Observation.valueQuantity unit {text[:40]!r} is not one this library converts; "
                         f"UCUM codes it reads: {', '.join(sorted({u.ucum for u in Unit}))}") from None


def _field(record: Mapping[str, Any], name: str, kind: type, where: str) -> Any:
    value = record.get(name)
    if not isinstance(value, kind):
        raise (ValueError if value is None else TypeError)(f"{where} is missing or not an object")
    return value


def _code(reading: LabInterpretation) -> str:
    if any(cut.critical for cut in reading.cutoffs):
        return "LL" if reading.status is LabStatus.LOW else "HH" if reading.status is LabStatus.HIGH else "N"
    return {LabStatus.LOW: "L", LabStatus.NORMAL: "N", LabStatus.HIGH: "H"}[reading.status]
