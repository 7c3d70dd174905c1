"""How strongly the literature supports a fact: an ordered grade modelled on GRADE."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

__all__ = ["EvidenceGrade", "EvidenceKind", "rubric_problem"]


class EvidenceGrade(StrEnum):
    """The strength of the evidence behind a fact; a stronger grade compares greater.

    The scale follows the spirit of GRADE (certainty that the true effect is close to
    the stated one) and adds two levels for claims that circulate without support:

    * ``ESTABLISHED`` -- textbook physiology or consistent findings of systematic reviews
      and clinical guidelines; further research is very unlikely to change it.
    * ``PROBABLE`` -- supported by good evidence (several consistent studies, or a
      guideline recommendation) with some remaining uncertainty.
    * ``LIMITED`` -- supported only by small, inconsistent or indirect studies, case
      series or expert opinion; plausible but unproven.
    * ``UNSUPPORTED`` -- asserted (often in consumer sources) but no adequate evidence
      for it was found.
    * ``CONTRADICTED`` -- good evidence shows it is not so (for example a systematic
      review finding no effect).

    A grade is a string enumeration: it prints and serialises as its value (``"probable"``).
    """

    CONTRADICTED = "contradicted"
    UNSUPPORTED = "unsupported"
    LIMITED = "limited"
    PROBABLE = "probable"
    ESTABLISHED = "established"

    @property
    def rank(self) -> int:
        """Position on the scale: 0 for ``CONTRADICTED`` up to 4 for ``ESTABLISHED``."""
        return _RANK[self._value_]

    @property
    def supports(self) -> bool:
        """True when the grade supports the fact (``LIMITED`` or stronger)."""
        return _RANK[self._value_] >= _RANK["limited"]

    # Grades order by strength, not alphabetically as strings would.
    def __lt__(self, other: object) -> bool:
        if other.__class__ is not EvidenceGrade:
            return NotImplemented
        return _RANK[self._value_] < _RANK[other._value_]

    def __le__(self, other: object) -> bool:
        if other.__class__ is not EvidenceGrade:
            return NotImplemented
        return _RANK[self._value_] <= _RANK[other._value_]

    def __gt__(self, other: object) -> bool:
        if other.__class__ is not EvidenceGrade:
            return NotImplemented
        return _RANK[self._value_] > _RANK[other._value_]

    def __ge__(self, other: object) -> bool:
        if other.__class__ is not EvidenceGrade:
            return NotImplemented
        return _RANK[self._value_] >= _RANK[other._value_]

    @classmethod
    def parse(cls, text: str | EvidenceGrade) -> EvidenceGrade:
        """Return the grade named by ``text`` (case-insensitive).

        Raises:
            ValueError: no grade has that name; the message lists the grades.
            TypeError: ``text`` is not a string.
        """
        if isinstance(text, EvidenceGrade):
            return text
        if not isinstance(text, str):
            raise TypeError(f"an evidence grade must be a string such as 'probable', not {type(text).__name__}")
        found = _BY_NAME.get(text.strip().lower())
        if found is None:
            allowed = ", ".join(g.value for g in cls)
            shown = text if len(text) <= 40 else text[:37] + "..."
            raise ValueError(f"unknown evidence grade {shown!r}; allowed: {allowed}")
        return found


_RANK: dict[str, int] = {grade.value: index for index, grade in enumerate(EvidenceGrade)}
_BY_NAME: dict[str, EvidenceGrade] = {grade.value: grade for grade in EvidenceGrade}
#: Grades by rank, for code that works with ranks.
BY_RANK: tuple[EvidenceGrade, ...] = tuple(EvidenceGrade)


class EvidenceKind(StrEnum):
    """What kind of evidence a cited passage is, which bounds the grade it can support.

    The grading rubric (``docs/evidence.md``) reads these: a single observational study
    supports at most ``LIMITED``; ``ESTABLISHED`` needs a guideline, a systematic review or
    settled textbook knowledge; expert opinion alone supports at most ``LIMITED``.
    """

    GUIDELINE = "guideline"
    """A clinical practice guideline's statement or recommendation."""
    SYSTEMATIC_REVIEW = "systematic review"
    """A systematic review or meta-analysis."""
    TRIAL = "trial"
    """A randomised or controlled trial."""
    COHORT = "cohort"
    """A cohort study (prospective or retrospective)."""
    CASE_CONTROL = "case-control"
    """A case-control study."""
    CROSS_SECTIONAL = "cross-sectional"
    """A cross-sectional survey or study."""
    CASE_SERIES = "case series"
    """Case reports or a case series."""
    LABORATORY = "laboratory study"
    """A physiological or mechanistic experiment (induced cramps, nerve-muscle preparations): indirect for clinical claims."""
    TEXTBOOK = "textbook"
    """Accepted physiology or clinical knowledge as a reference text or clinical review states it."""
    EXPERT_OPINION = "expert opinion"
    """Advice or a statement without data behind it (patient leaflets, consensus advice)."""
    REFERENCE_DATA = "reference data"
    """Reference tables and code systems: DRIs, food composition, reference intervals, ontologies."""
    REGULATORY = "regulatory"
    """A drug label, safety communication or regulation."""

    @property
    def observational(self) -> bool:
        """A study that observes rather than assigns (cohort, case-control, cross-sectional, case series)."""
        return self in _OBSERVATIONAL


def rubric_problem(grade: EvidenceGrade, kinds: Iterable[EvidenceKind | None]) -> str | None:
    """What, if anything, the written rubric (``docs/evidence.md``) says is wrong with ``grade``
    given the kinds of evidence its citations pin -- the rules that can be checked mechanically.

    Returns None when the grade is allowed. Red flags are graded on how consistently guidance
    agrees, not on these rules, so do not check them with this.
    """
    found = [k for k in kinds if k is not None]
    if not found:
        return "no citation says what kind of evidence it is"
    if grade is EvidenceGrade.ESTABLISHED and not _STRONG.intersection(found):
        return "established needs a guideline, a systematic review, a reference text, reference data or a regulator's finding"
    if grade >= EvidenceGrade.PROBABLE and all(k is EvidenceKind.EXPERT_OPINION for k in found):
        return "expert opinion alone supports at most limited"
    if grade >= EvidenceGrade.PROBABLE and len(found) == 1 and found[0] in _INDIRECT:
        return "a single observational or laboratory study supports at most limited"
    if grade is EvidenceGrade.CONTRADICTED and not _REFUTING.intersection(found):
        return "contradicted needs a trial, a systematic review, a guideline or reference data"
    return None


_OBSERVATIONAL = frozenset(
    {EvidenceKind.COHORT, EvidenceKind.CASE_CONTROL, EvidenceKind.CROSS_SECTIONAL, EvidenceKind.CASE_SERIES}
)
_INDIRECT = _OBSERVATIONAL | {EvidenceKind.LABORATORY}
_STRONG = frozenset(
    {EvidenceKind.GUIDELINE, EvidenceKind.SYSTEMATIC_REVIEW, EvidenceKind.TEXTBOOK, EvidenceKind.REFERENCE_DATA, EvidenceKind.REGULATORY}
)
_REFUTING = frozenset({EvidenceKind.TRIAL, EvidenceKind.SYSTEMATIC_REVIEW, EvidenceKind.GUIDELINE, EvidenceKind.REFERENCE_DATA})
