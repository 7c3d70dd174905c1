"""The data-file document: which record collections one file (or a whole export) holds."""

from __future__ import annotations

import attrs

from .model import (
    Advice,
    Factor,
    Food,
    IntakeRecommendation,
    LabTest,
    Nutrient,
    RedFlag,
    Relation,
    Source,
    Symptom,
)

__all__ = ["RECORD_FIELDS", "SCHEMA_VERSION", "Document"]

#: Version of the document format; bumped when a field changes meaning or shape.
SCHEMA_VERSION = 1



@attrs.frozen(kw_only=True)
class Document:
    """One data file: any subset of the record kinds, plus the format version."""

    schema_version: int = SCHEMA_VERSION
    """Format version; files with another version are refused."""
    data_version: str | None = None
    """Version of the data the file belongs to (the packaged data's ``DATA_VERSION``)."""
    sources: tuple[Source, ...] = ()
    """Every source the records cite."""
    nutrients: tuple[Nutrient, ...] = ()
    """Nutrient records."""
    symptoms: tuple[Symptom, ...] = ()
    """Symptom records."""
    foods: tuple[Food, ...] = ()
    """Food records."""
    factors: tuple[Factor, ...] = ()
    """Medications, conditions, behaviours and states."""
    lab_tests: tuple[LabTest, ...] = ()
    """Lab test records."""
    advice: tuple[Advice, ...] = ()
    """Prevention, relief and caution steps."""
    red_flags: tuple[RedFlag, ...] = ()
    """When to see a doctor."""
    intakes: tuple[IntakeRecommendation, ...] = ()
    """DRI records, one per nutrient and life stage."""
    relations: tuple[Relation, ...] = ()
    """Graded relations between records."""


RECORD_FIELDS: tuple[str, ...] = tuple(
    f.name for f in attrs.fields(Document) if f.name not in ("schema_version", "data_version")
)
"""The names of the record collections a document holds, in load order."""
