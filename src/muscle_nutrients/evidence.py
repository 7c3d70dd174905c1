"""How strongly the literature supports a fact: an ordered grade modelled on GRADE."""

from __future__ import annotations

from enum import Enum

__all__ = ["EvidenceGrade"]


class EvidenceGrade(Enum):
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

    # Explicit comparisons (not functools.total_ordering): grades are compared in hot loops.
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
        """Return the grade named by ``text`` (case-insensitive), or raise ``ValueError``."""
        if isinstance(text, EvidenceGrade):
            return text
        try:
            return cls(str(text).strip().lower())
        except ValueError:
            allowed = ", ".join(g.value for g in cls)
            raise ValueError(f"unknown evidence grade {text!r}; allowed: {allowed}") from None


_RANK: dict[str, int] = {grade.value: index for index, grade in enumerate(EvidenceGrade)}
#: Grades by rank, for code that works with ranks.
BY_RANK: tuple[EvidenceGrade, ...] = tuple(EvidenceGrade)
