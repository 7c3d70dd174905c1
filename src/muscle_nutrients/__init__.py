"""muscle-nutrients: a cited, evidence-graded knowledge base of the nutrients behind muscle and nerve function.

Quick use::

    import muscle_nutrients as mn

    kb = mn.load()
    for link in kb.symptoms_of("magnesium"):
        print(link.symptom.name, link.evidence.value)

The library informs; it never diagnoses or prescribes. See ``DISCLAIMER``.
"""

from __future__ import annotations

from . import query
from ._version import DATA_VERSION, __version__
from .errors import DataError, FieldError, OverrideWarning, RecordError, UnknownNameError
from .evidence import EvidenceGrade, EvidenceKind
from .document import Document
from .knowledge_base import EVIDENCE_WEIGHTS, KnowledgeBase
from .loading import json_schema, load, read_document
from .model import (
    CLAIM_IDS,
    GRAMMAR,
    Advice,
    AdviceKind,
    Citation,
    Cutoff,
    Factor,
    FactorKind,
    Food,
    FoodGroup,
    HpoMatch,
    IntakeKind,
    IntakeRecommendation,
    LabTest,
    LifeStage,
    Nutrient,
    NutrientContent,
    NutrientKind,
    Predicate,
    Recommendation,
    RedFlag,
    Ref,
    RefKind,
    ReferenceRange,
    Relation,
    Serving,
    Sex,
    Source,
    SourceKind,
    Statement,
    Symptom,
    UpperLimit,
    UpperLimitScope,
)
from .results import (
    DISCLAIMER,
    AdviceLink,
    CauseCandidate,
    CauseLink,
    CauseRanking,
    CautionLink,
    DietAssessment,
    FoodNutrientRow,
    IntakeTarget,
    LabInterpretation,
    LabStatus,
    NutrientIntake,
    NutrientLink,
    RangeReading,
    SearchHit,
    SymptomLink,
)
from .units import MAX_AMOUNT, Amount, Dimension, Unit, convert_for

__all__ = [
    "CLAIM_IDS",
    "DATA_VERSION",
    "DISCLAIMER",
    "EVIDENCE_WEIGHTS",
    "GRAMMAR",
    "MAX_AMOUNT",
    "Advice",
    "AdviceKind",
    "AdviceLink",
    "Amount",
    "CauseCandidate",
    "CauseLink",
    "CauseRanking",
    "CautionLink",
    "Citation",
    "Cutoff",
    "DataError",
    "DietAssessment",
    "Dimension",
    "Document",
    "EvidenceGrade",
    "EvidenceKind",
    "Factor",
    "FactorKind",
    "FieldError",
    "Food",
    "FoodGroup",
    "FoodNutrientRow",
    "HpoMatch",
    "IntakeKind",
    "IntakeRecommendation",
    "IntakeTarget",
    "KnowledgeBase",
    "LabInterpretation",
    "LabStatus",
    "LabTest",
    "LifeStage",
    "Nutrient",
    "NutrientContent",
    "NutrientIntake",
    "NutrientKind",
    "NutrientLink",
    "OverrideWarning",
    "Predicate",
    "RangeReading",
    "Recommendation",
    "RecordError",
    "RedFlag",
    "Ref",
    "RefKind",
    "ReferenceRange",
    "Relation",
    "SearchHit",
    "Serving",
    "Sex",
    "Source",
    "SourceKind",
    "Statement",
    "Symptom",
    "SymptomLink",
    "Unit",
    "UnknownNameError",
    "UpperLimit",
    "UpperLimitScope",
    "__version__",
    "convert_for",
    "json_schema",
    "load",
    "query",
    "read_document",
]
