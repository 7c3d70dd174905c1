"""The data-file document: one field per record kind, each field declaring its kind.

This class is the file format (one JSON or TOML file holds any subset of the fields) and
the single declaration of the record kinds: see ``muscle_nutrients._kinds``.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

from ._kinds import Kind, Kinds, kind
from .model import (
    Advice,
    Factor,
    Food,
    IntakeRecommendation,
    LabTest,
    Nutrient,
    RedFlag,
    RefKind,
    Relation,
    Source,
    Symptom,
    describe_intake,
    intake_key,
    opposite_directions,
    overlapping_life_stages,
)

__all__ = ["KINDS", "RECORD_FIELDS", "SCHEMA_VERSION", "Document"]

R = TypeVar("R")

#: Version of the document format; bumped when a field changes meaning or shape.
SCHEMA_VERSION = 2


@attrs.frozen(kw_only=True, repr=False)
class Document:
    """One data file: any subset of the record kinds, plus the format version.

    Subclass it to add a record kind of your own (a field declared with ``kind(...)``);
    a knowledge base built from the subclass loads, validates and looks up that kind too.
    """

    schema_version: int = SCHEMA_VERSION
    """Format version; files with another version are refused."""
    data_version: str | None = None
    """Version of the data the file belongs to (the packaged data's ``DATA_VERSION``)."""
    sources: tuple[Source, ...] = attrs.field(default=(), metadata=kind(Source, "source"))
    """Every source the records cite."""
    nutrients: tuple[Nutrient, ...] = attrs.field(
        default=(), metadata=kind(Nutrient, "nutrient", refs=(RefKind.NUTRIENT, RefKind.DEFICIENCY, RefKind.EXCESS))
    )
    """Nutrient records."""
    symptoms: tuple[Symptom, ...] = attrs.field(default=(), metadata=kind(Symptom, "symptom", refs=(RefKind.SYMPTOM,)))
    """Symptom records."""
    foods: tuple[Food, ...] = attrs.field(default=(), metadata=kind(Food, "food", refs=(RefKind.FOOD,)))
    """Food records."""
    factors: tuple[Factor, ...] = attrs.field(default=(), metadata=kind(Factor, "factor", refs=(RefKind.FACTOR,)))
    """Medications, conditions, behaviours and states."""
    lab_tests: tuple[LabTest, ...] = attrs.field(default=(), metadata=kind(LabTest, "lab test", refs=(RefKind.LAB_TEST,)))
    """Lab test records."""
    advice: tuple[Advice, ...] = attrs.field(default=(), metadata=kind(Advice, "advice", refs=(RefKind.ADVICE,)))
    """Prevention, relief and caution steps."""
    red_flags: tuple[RedFlag, ...] = attrs.field(default=(), metadata=kind(RedFlag, "red flag"))
    """When to see a doctor."""
    intakes: tuple[IntakeRecommendation, ...] = attrs.field(
        default=(),
        metadata=kind(
            IntakeRecommendation, "intake", key=intake_key, describes=describe_intake, checks=(overlapping_life_stages,)
        ),
    )
    """DRI records, one per nutrient and life stage."""
    relations: tuple[Relation, ...] = attrs.field(default=(), metadata=kind(Relation, "relation", checks=(opposite_directions,)))
    """Graded relations between records."""

    def records(self, kind: Kind[R]) -> tuple[R, ...]:
        """The records of one kind."""
        found: tuple[R, ...] = getattr(self, kind.field)
        return found

    def __repr__(self) -> str:
        counts = ", ".join(f"{k.field}={len(self.records(k))}" for k in Kinds(type(self)) if self.records(k))
        return f"{type(self).__name__}(data_version={self.data_version!r}{', ' if counts else ''}{counts})"


#: The record kinds of the packaged format, in load order.
KINDS = Kinds(Document)

RECORD_FIELDS: tuple[str, ...] = KINDS.fields
"""The names of the record collections a document holds, in load order."""


def kinds_of(document: type[Any]) -> Kinds:
    """The kinds of a document class (the packaged ones for ``Document`` itself)."""
    return KINDS if document is Document else Kinds(document)
