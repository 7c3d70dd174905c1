"""How strongly the literature supports a fact: an ordered grade modelled on GRADE."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["EvidenceGrade"]


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
