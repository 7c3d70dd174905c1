"""Lab tests and what a value means.

Queries (through [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase]):
``lab_tests_for`` and ``interpret_lab``.

Index, built on first use: the lab tests that reflect each nutrient, in data order (the
first is the nutrient's primary test).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from ._lazy import Sealed
from . import _args
from ._store import Store
from .errors import UnknownNameError
from .intakes import MAX_AGE
from .model import LabTest, Nutrient, ReferenceRange, Sex, Source
from .results import LabInterpretation, LabStatus, RangeReading
from .units import MAX_AMOUNT, Amount, Unit, convert_for

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = ["LabIndex", "interpret_lab", "lab_tests_for", "lab_value"]


def lab_value(value: object) -> float:
    """A lab result as a float: any finite real number from 0 to ``MAX_AMOUNT``."""
    return _args.real(value, "a lab value", minimum=0, maximum=MAX_AMOUNT)


class LabIndex(Sealed):
    """Lab tests by nutrient, and the reading of values against ranges and cut-offs."""

    __slots__ = ("_by_nutrient", "_sources")

    def __init__(self, store: Store) -> None:
        by_nutrient: dict[str, list[LabTest]] = {}
        for test in store.table(LabTest):
            if test.nutrient is not None:
                by_nutrient.setdefault(test.nutrient, []).append(test)
        self._by_nutrient: Mapping[str, tuple[LabTest, ...]] = MappingProxyType(
            {key: tuple(tests) for key, tests in by_nutrient.items()}
        )
        self._sources = store.by_id(Source)

    def tests_for(self, nutrient_id: str) -> tuple[LabTest, ...]:
        """The tests reflecting a nutrient, primary first."""
        return self._by_nutrient.get(nutrient_id, ())

    def interpret(self, test: LabTest, value: object, unit: Unit | str, sex: Sex | None, age_months: float | None) -> LabInterpretation:
        """Read ``value`` (in ``unit``) against the test's range for the person and its cut-offs."""
        given = Amount(lab_value(value), Unit.parse(unit))
        reference = _pick_range(test, sex, age_months, given.unit)
        converted = convert_for(given, reference.unit, test)
        alternatives = []
        for rr in test.reference_ranges:
            if rr is reference or not rr.applies_to(sex, age_months):
                continue
            try:
                other = convert_for(given, rr.unit, test)
            except ValueError:
                continue  # another lab's range in a unit this value cannot reach: not shown, never guessed
            alternatives.append(RangeReading(range=rr, status=_status(other.value, rr)))
        cutoffs = []
        for cut in test.cutoffs:
            if not cut.applies_to(age_months):
                continue
            try:
                if cut.contains(convert_for(given, cut.unit, test).value):
                    cutoffs.append(cut)
            except ValueError:
                continue  # a cut-off in a unit the value cannot reach is not read
        ids = dict.fromkeys([c.source for c in (*reference.sources, *(s for cut in cutoffs for s in cut.sources))])
        return LabInterpretation(
            test=test,
            value=given,
            converted=converted,
            status=_status(converted.value, reference),
            reference_range=reference,
            cutoffs=tuple(cutoffs),
            alternatives=tuple(alternatives),
            sources=tuple(self._sources[s] for s in ids),
        )


def _status(value: float, reference: ReferenceRange) -> LabStatus:
    if reference.low is not None and value < reference.low:
        return LabStatus.LOW
    if reference.high is not None and value > reference.high:
        return LabStatus.HIGH
    return LabStatus.NORMAL


def _reaches(unit: Unit, target: Unit, test: LabTest) -> bool:
    try:
        convert_for(Amount(1.0, unit), target, test)
    except ValueError:
        return False
    return True


def _pick_range(test: LabTest, sex: Sex | None, age_months: float | None, unit: Unit) -> ReferenceRange:
    """The first range for the person's sex and age; a sex-specific one wins over one for either
    sex, and one the value's unit converts to wins over one it cannot reach (a value in pmol/L
    is read against a range in pmol/L when there is no molar mass to reach pg/mL)."""
    fitting = [rr for rr in test.reference_ranges if rr.applies_to(sex, age_months)]
    reachable = [rr for rr in fitting if _reaches(unit, rr.unit, test)]
    fitting = reachable or fitting  # none reachable: the first range's conversion error says why
    for rr in fitting:
        if sex is not None and rr.sex is sex:
            return rr
    for rr in fitting:
        if rr.sex is Sex.ANY:
            return rr
    if sex is None and any(rr.applies_to(s, age_months) for rr in test.reference_ranges for s in (Sex.MALE, Sex.FEMALE)):
        raise ValueError(f"the reference ranges for {test.name} differ by sex: give the sex ('male' or 'female')")
    who = "adults" if age_months is None else f"age {age_months / 12:g} years"
    bands = "; ".join(dict.fromkeys(rr.population for rr in test.reference_ranges))
    raise ValueError(f"no reference range shipped for {test.name} fits {who}; the ranges are for: {bands}")


# ---------------------------------------------------------------------------- queries


def lab_tests_for(kb: KnowledgeBase, nutrient: str | Nutrient) -> tuple[LabTest, ...]:
    """The lab tests that reflect a nutrient's status, primary test first."""
    return kb._labs.tests_for(kb._names[Nutrient].lookup(nutrient).id)


def interpret_lab(
    kb: KnowledgeBase,
    test_or_nutrient: str | LabTest | Nutrient,
    value: float,
    unit: Unit | str,
    *,
    sex: str | Sex | None = None,
    age: float | None = None,
) -> LabInterpretation:
    """Read a lab value against the shipped reference range and guideline cut-offs.

    ``test_or_nutrient`` names a lab test, or a nutrient (its primary test is used). The
    value (any real number, 0 or more) is converted to the range's unit -- exactly within a
    dimension, by molar mass or valence across them. Where ranges differ by sex, ``sex`` is
    required. ``age`` (years) picks the age band: children's values differ widely from
    adults' (phosphate, ceruloplasmin); without it the person is read as an adult.

    Raises:
        UnknownNameError: neither a lab test nor a nutrient has that name.
        ValueError: the unit is unknown or cannot convert for this test, the value is
            negative or not finite, the age is outside 0-130 years or no range is shipped
            for it, or the sex is needed and missing.
    """
    months = None if age is None else _args.real(age, "age (in years)", minimum=0, maximum=MAX_AGE) * 12
    return kb._labs.interpret(_test(kb, test_or_nutrient), value, unit, None if sex is None else Sex.parse(sex), months)


def _test(kb: KnowledgeBase, name: str | LabTest | Nutrient) -> LabTest:
    test = None if isinstance(name, Nutrient) else kb._names[LabTest].get(name)
    if test is not None:
        return test
    nutrient = kb._names[Nutrient].get(name)
    tests = kb._labs.tests_for(nutrient.id) if nutrient is not None else ()
    if tests:
        return tests[0]
    if isinstance(name, Nutrient):
        raise UnknownNameError(name.id, "lab test")
    return kb._names[LabTest].lookup(name)  # raises, with suggestions
