"""What the queries return: small frozen records that carry their evidence with them."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

import attrs

from .evidence import EvidenceGrade
from .model import (
    Cutoff,
    Factor,
    Food,
    IntakeKind,
    LabTest,
    LifeStage,
    Nutrient,
    Advice,
    RedFlag,
    RefKind,
    ReferenceRange,
    Relation,
    Serving,
    Source,
    Symptom,
    UpperLimit,
)
from .units import Amount, Unit, convert_for

__all__ = [
    "DISCLAIMER",
    "AdviceLink",
    "CauseCandidate",
    "CauseLink",
    "CauseRanking",
    "DietAssessment",
    "FoodNutrientRow",
    "IntakeTarget",
    "LabInterpretation",
    "LabStatus",
    "NutrientIntake",
    "NutrientLink",
    "SearchHit",
    "SymptomLink",
]

DISCLAIMER = (
    "This is general information from published sources, not a diagnosis or medical advice. "
    "Symptoms like these have many causes; a clinician who can examine you and order tests "
    "should decide what is wrong and whether any supplement or treatment is right for you."
)
"""The not-a-diagnosis statement attached to every answer about symptoms and lab values."""


@attrs.frozen(kw_only=True)
class SymptomLink:
    """A symptom that a nutrient's deficiency causes or makes more likely."""

    symptom: Symptom
    """The symptom."""
    relation: Relation
    """The graded relation behind the link."""
    sources: tuple[Source, ...]
    """The relation's sources, resolved."""

    @property
    def evidence(self) -> EvidenceGrade:
        """The relation's evidence grade."""
        return self.relation.evidence


@attrs.frozen(kw_only=True)
class NutrientLink:
    """A nutrient that a factor depletes."""

    nutrient: Nutrient
    """The nutrient."""
    relation: Relation
    """The graded relation behind the link."""
    sources: tuple[Source, ...]
    """The relation's sources, resolved."""

    @property
    def evidence(self) -> EvidenceGrade:
        """The relation's evidence grade."""
        return self.relation.evidence


@attrs.frozen(kw_only=True)
class AdviceLink:
    """A step that prevents or relieves a symptom."""

    advice: Advice
    """The step."""
    relation: Relation
    """The graded relation (``PREVENTS`` or ``RELIEVES``)."""
    sources: tuple[Source, ...]
    """The relation's sources, resolved."""

    @property
    def evidence(self) -> EvidenceGrade:
        """The relation's evidence grade."""
        return self.relation.evidence


@attrs.frozen(kw_only=True)
class CauseLink:
    """A nutrient deficiency or factor that causes or raises the risk of a symptom."""

    cause: Nutrient | Factor
    """The nutrient (whose deficiency is meant) or the factor."""
    symptom: Symptom
    """The symptom."""
    relation: Relation
    """The graded relation behind the link."""
    sources: tuple[Source, ...]
    """The relation's sources, resolved."""

    @property
    def evidence(self) -> EvidenceGrade:
        """The relation's evidence grade."""
        return self.relation.evidence

    @property
    def cause_kind(self) -> RefKind:
        """``DEFICIENCY`` or ``EXCESS`` for a nutrient, ``FACTOR`` for a factor."""
        return self.relation.subject.kind

    @property
    def label(self) -> str:
        """``"Magnesium deficiency (hypomagnesemia)"``, ``"Vitamin B6 excess"`` or the factor's name."""
        return cause_label(self.cause, self.cause_kind)


def cause_label(cause: Nutrient | Factor, kind: RefKind) -> str:
    """A readable name for a cause: a nutrient's deficiency or excess, or a factor."""
    if isinstance(cause, Nutrient):
        if kind is RefKind.EXCESS:
            return f"{cause.name} excess"
        if cause.name.casefold() in cause.deficiency.casefold():
            return cause.deficiency[:1].upper() + cause.deficiency[1:]
        return f"{cause.name} deficiency ({cause.deficiency})"
    return cause.name


@attrs.frozen(kw_only=True)
class CauseCandidate:
    """One possible cause in a [CauseRanking][muscle_nutrients.results.CauseRanking]."""

    cause: Nutrient | Factor
    """The nutrient (whose deficiency is meant) or the factor."""
    score: float
    """Sum over the matched symptoms of the weight of the strongest link (see ``rank_causes``)."""
    matched: tuple[Symptom, ...]
    """The symptoms asked about that this cause explains."""
    unmatched: tuple[Symptom, ...]
    """The symptoms asked about that it does not explain."""
    evidence: EvidenceGrade
    """The strongest grade among the links to the matched symptoms."""
    links: tuple[CauseLink, ...]
    """The strongest link for each matched symptom, in the order of ``matched``."""

    @property
    def cause_kind(self) -> RefKind:
        """``DEFICIENCY``, ``EXCESS`` or ``FACTOR``."""
        return self.links[0].cause_kind

    @property
    def label(self) -> str:
        """A readable name of the cause."""
        return self.links[0].label

    @property
    def explanation(self) -> str:
        """Why the candidate is ranked where it is, in one sentence per matched symptom."""
        parts = [
            f"{link.label} → {link.symptom.name}: {link.evidence.value} evidence"
            + (f" ({link.relation.note})" if link.relation.note else "")
            for link in self.links
        ]
        missing = ", ".join(s.name for s in self.unmatched)
        tail = f" Does not explain: {missing}." if missing else ""
        return "; ".join(parts) + "." + tail


@attrs.frozen(kw_only=True)
class CauseRanking:
    """Candidate causes of a set of symptoms, best first, with red flags and the disclaimer.

    Iterating the ranking yields the candidates.
    """

    symptoms: tuple[Symptom, ...]
    """The symptoms asked about."""
    candidates: tuple[CauseCandidate, ...]
    """Candidates, highest score first."""
    red_flags: tuple[RedFlag, ...]
    """Signs that call for a doctor rather than self-care, for these symptoms."""
    min_evidence: EvidenceGrade
    """Links weaker than this were left out."""
    disclaimer: str = DISCLAIMER
    """The not-a-diagnosis statement."""

    def __iter__(self) -> Iterator[CauseCandidate]:
        return iter(self.candidates)

    def __len__(self) -> int:
        return len(self.candidates)


@attrs.frozen(kw_only=True)
class FoodNutrientRow:
    """How much of a nutrient a food supplies, per serving or per 100 g."""

    food: Food
    """The food."""
    nutrient: Nutrient
    """The nutrient."""
    serving: Serving | None
    """The serving the amount is for; None when the amount is per 100 g."""
    amount: Amount
    """The amount, in the nutrient's unit."""
    percent_daily_value: float | None
    """The amount as a percentage of the FDA Daily Value (None without a DV)."""


@attrs.frozen(kw_only=True)
class IntakeTarget:
    """The DRI that applies to one person for one nutrient."""

    nutrient: Nutrient
    """The nutrient."""
    life_stage: LifeStage
    """The DRI group the person falls in."""
    kind: IntakeKind
    """RDA or AI."""
    amount: Amount
    """The daily target."""
    upper_limit: UpperLimit | None
    """The UL and its scope, or None where none was set."""
    chronic_disease_risk_reduction: Amount | None
    """Sodium's CDRR, or None."""
    sources: tuple[Source, ...]
    """Sources of the RDA/AI, resolved."""
    note: str | None
    """Caveats from the data."""

    def amount_in(self, unit: Unit | str) -> Amount:
        """The target in another unit, e.g. vitamin D in IU (``target.amount_in("IU")``).

        Raises:
            ValueError: the nutrient cannot be expressed in that unit.
        """
        return convert_for(self.amount, unit, self.nutrient)


@attrs.frozen(kw_only=True)
class NutrientIntake:
    """One nutrient's line in a [DietAssessment][muscle_nutrients.results.DietAssessment]."""

    nutrient: Nutrient
    """The nutrient."""
    total: Amount
    """Food plus supplements."""
    from_supplements: Amount
    """The part that came from supplements."""
    target: IntakeTarget
    """The RDA/AI and UL that apply."""
    percent_of_target: float
    """``total`` as a percentage of the RDA/AI."""
    shortfall: Amount
    """How far below the RDA/AI the total is (zero when met)."""
    exceeds_upper_limit: bool
    """True when the intake the UL covers (total, or supplements only) is above it."""


@attrs.frozen(kw_only=True)
class DietAssessment:
    """A day's intake compared with the targets for one person, per nutrient."""

    rows: tuple[NutrientIntake, ...]
    """One line per nutrient, in the knowledge base's nutrient order."""
    unreported: tuple[tuple[str, str], ...]
    """(food id, nutrient id) pairs the food table has no value for (counted as zero)."""
    disclaimer: str = DISCLAIMER
    """The not-medical-advice statement."""

    def __iter__(self) -> Iterator[NutrientIntake]:
        return iter(self.rows)

    def __getitem__(self, nutrient_id: str) -> NutrientIntake:
        for row in self.rows:
            if row.nutrient.id == nutrient_id:
                return row
        raise KeyError(nutrient_id)


class LabStatus(Enum):
    """Where a lab value falls against the reference range."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


@attrs.frozen(kw_only=True)
class LabInterpretation:
    """A lab value read against a reference range and the guideline cut-offs."""

    test: LabTest
    """The test."""
    value: Amount
    """The value as given."""
    converted: Amount
    """The value in the reference range's unit."""
    status: LabStatus
    """Low, normal or high against ``reference_range``."""
    reference_range: ReferenceRange
    """The range used."""
    cutoffs: tuple[Cutoff, ...]
    """Guideline bands the value falls in."""
    alternatives: tuple[tuple[ReferenceRange, LabStatus], ...] = ()
    """How the value reads against the other laboratories' ranges shipped for the test (ranges differ between labs)."""
    sources: tuple[Source, ...]
    """Sources of the range and the matching cut-offs."""
    disclaimer: str = DISCLAIMER
    """The not-a-diagnosis statement."""


@attrs.frozen(kw_only=True)
class SearchHit:
    """One match from ``KnowledgeBase.search``."""

    kind: str
    """Kind of record: ``"nutrient"``, ``"symptom"``, ``"food"``, ``"factor"``, ``"lab test"``, ``"advice"``."""
    record: object
    """The record."""
    name: str
    """Its display name."""
    score: float
    """1.0 for an exact name match, lower for prefix, substring and fuzzy matches."""
