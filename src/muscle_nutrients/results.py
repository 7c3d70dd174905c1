"""What the queries return: small frozen records that carry their evidence with them.

Every result has ``to_dict()`` (JSON-ready data, the shape the command line's ``--json``
prints) and a one-line ``repr``.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Any

import attrs

from ._fields import Result
from .evidence import EvidenceGrade
from .model import (
    Advice,
    Direction,
    Cutoff,
    Factor,
    Food,
    IntakeKind,
    LabTest,
    LifeStage,
    Nutrient,
    Recommendation,
    RedFlag,
    Ref,
    RefKind,
    ReferenceRange,
    Relation,
    Serving,
    Source,
    Symptom,
    UpperLimit,
)
from .names import normalize
from .units import Amount, Unit, convert_for

__all__ = [
    "DISCLAIMER",
    "AdviceLink",
    "CauseCandidate",
    "CauseLink",
    "CauseRanking",
    "ContextLink",
    "CautionLink",
    "EffectLink",
    "FactorEffects",
    "DietAssessment",
    "FoodContribution",
    "FoodMatch",
    "FoodNutrientRow",
    "IntakeTarget",
    "LabInterpretation",
    "LabStatus",
    "NextQuestion",
    "NutrientIntake",
    "NutrientLink",
    "RangeReading",
    "SearchHit",
    "SymptomLink",
    "Term",
]

DISCLAIMER = (
    "This is general information from published sources, not a diagnosis or medical advice. "
    "Symptoms like these have many causes; a clinician who can examine you and order tests "
    "should decide what is wrong and whether any supplement or treatment is right for you."
)
"""The not-a-diagnosis statement attached to every answer about symptoms and lab values."""



@attrs.frozen(kw_only=True, eq=False, repr=False)
class SymptomLink(Result):
    """A symptom that a nutrient's deficiency causes or makes more likely."""

    _extra = ("evidence",)

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


@attrs.frozen(kw_only=True, eq=False, repr=False)
class NutrientLink(Result):
    """A nutrient that a factor lowers (the ``depleted_by`` view)."""

    _extra = ("evidence",)

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


@attrs.frozen(kw_only=True, eq=False, repr=False)
class AdviceLink(Result):
    """A step that prevents or relieves a symptom: how well it works (``evidence``) and whether
    it is advised (``recommendation``) are separate."""

    _extra = ("evidence", "recommendation")

    advice: Advice
    """The step."""
    relation: Relation
    """The graded relation (``PREVENTS`` or ``RELIEVES``)."""
    sources: tuple[Source, ...]
    """The relation's sources, resolved."""

    @property
    def evidence(self) -> EvidenceGrade:
        """How well the step works: the relation's evidence grade."""
        return self.relation.evidence

    @property
    def recommendation(self) -> Recommendation | None:
        """Whether the step is advised (None where no source says)."""
        return self.advice.recommendation


@attrs.frozen(kw_only=True, eq=False, repr=False)
class CautionLink(Result):
    """A caution about a symptom: what not to do, and the evidence that the hazard is real."""

    _extra = ("evidence", "warns_against")

    advice: Advice
    """The caution."""
    relation: Relation
    """The graded relation (``CAUTIONS_ABOUT``)."""
    sources: tuple[Source, ...]
    """The relation's sources, resolved."""

    @property
    def evidence(self) -> EvidenceGrade:
        """The grade of the evidence behind the caution."""
        return self.relation.evidence

    @property
    def warns_against(self) -> str:
        """What the caution warns against."""
        return self.advice.warns_against or self.advice.name


@attrs.frozen(kw_only=True, eq=False, repr=False)
class EffectLink(Result):
    """What a factor does to a nutrient's blood level or stores: lowers or raises it, graded,
    with the cautions that apply to the factor (what not to add while taking it)."""

    _extra = ("direction", "evidence")

    factor: Factor
    """The medicine, condition, behaviour or state."""
    nutrient: Nutrient
    """The nutrient whose level or stores move."""
    relation: Relation
    """The graded relation (``lowers`` or ``raises``)."""
    sources: tuple[Source, ...]
    """The relation's sources, resolved."""
    cautions: tuple[CautionLink, ...] = ()
    """Cautions about the factor, e.g. not to add potassium supplements while taking it."""

    @property
    def direction(self) -> Direction:
        """Whether the factor lowers or raises the nutrient."""
        direction = self.relation.predicate.direction
        assert direction is not None  # an EffectLink is only made from lowers/raises relations
        return direction

    @property
    def evidence(self) -> EvidenceGrade:
        """The relation's evidence grade."""
        return self.relation.evidence


@attrs.frozen(kw_only=True, eq=False, repr=False)
class FactorEffects(Result):
    """Everything a factor does: the nutrients it lowers or raises, the symptoms it causes or
    makes more likely directly, and the cautions about it."""

    _extra = ("lowers", "raises")

    factor: Factor
    """The medicine, condition, behaviour or state."""
    nutrients: tuple[EffectLink, ...]
    """Its effects on nutrients, strongest evidence first."""
    symptoms: tuple[CauseLink, ...]
    """Symptoms it causes or makes more likely directly, strongest evidence first."""
    cautions: tuple[CautionLink, ...]
    """Cautions about it."""

    @property
    def lowers(self) -> tuple[EffectLink, ...]:
        """The nutrients it lowers."""
        return tuple([link for link in self.nutrients if link.direction is Direction.LOWERS])

    @property
    def raises(self) -> tuple[EffectLink, ...]:
        """The nutrients it raises."""
        return tuple([link for link in self.nutrients if link.direction is Direction.RAISES])


def in_sentence(name: str) -> str:
    """A name as it reads inside a sentence: ``"Vitamin B12 deficiency"`` -> ``"vitamin B12
    deficiency"``; an initialism (``"HIV"``) stays as it is."""
    first = name.split(" ", 1)[0]
    return name if len(first) > 1 and first[1:2].isupper() else name[:1].lower() + name[1:]


def cause_label(cause: Nutrient | Factor, kind: RefKind) -> str:
    """A readable name for a cause: a nutrient's deficiency or excess, or a factor."""
    if isinstance(cause, Nutrient):
        if kind is RefKind.EXCESS:
            return f"{cause.name} excess"
        if cause.name.casefold() in cause.deficiency.casefold():
            return cause.deficiency[:1].upper() + cause.deficiency[1:]
        return f"{cause.name} deficiency ({cause.deficiency})"
    return cause.name


@attrs.frozen(kw_only=True, eq=False, repr=False)
class CauseLink(Result):
    """A nutrient deficiency or factor that causes or raises the risk of a symptom."""

    _extra = ("evidence", "cause_kind", "label")

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


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ContextLink(Result):
    """How something about the person made a candidate cause more or less likely: the medicine,
    condition, diet or situation, and the relation it acts through."""

    _extra = ("evidence", "raises", "chain")

    factor: Factor
    """What the person takes, has or does."""
    relation: Relation | None
    """What it does to the candidate (``lowers`` a nutrient, ``raises`` it, ``raises risk of`` a
    deficiency); None when the candidate is the factor itself, which the person reported."""
    weight: float
    """What it added to the candidate's score (negative: what it took away)."""
    acts_on: Nutrient | Factor | None = None
    """The nutrient (or factor) the relation acts on; None for the person's own report."""

    @property
    def evidence(self) -> EvidenceGrade:
        """The grade of the relation (established for the person's own report)."""
        return self.relation.evidence if self.relation is not None else EvidenceGrade.ESTABLISHED

    @property
    def raises(self) -> bool:
        """Whether it made the candidate more likely (False: less likely)."""
        return self.weight > 0

    @property
    def chain(self) -> str:
        """The link in words: ``"Loop diuretics lowers potassium (established)"``."""
        if self.relation is None:
            return f"{self.factor.name}: reported, and it can cause these symptoms itself"
        target = self.relation.object
        name = in_sentence(self.acts_on.name) if self.acts_on is not None else target.id.replace("-", " ")
        if target.kind in (RefKind.DEFICIENCY, RefKind.EXCESS):
            name = f"{name} {target.kind.value}"
        return f"{self.factor.name} {self.relation.predicate.value} {name} ({self.relation.evidence.value})"


@attrs.frozen(kw_only=True, eq=False, repr=False)
class CauseCandidate(Result):
    """One possible cause in a [CauseRanking][muscle_nutrients.results.CauseRanking]."""

    _extra = ("ref", "cause_kind", "label", "explanation")

    cause: Nutrient | Factor
    """The nutrient (whose deficiency or excess is meant) or the factor."""
    score: float
    """How well it accounts for the symptoms in this person (see ``rank_causes`` and docs/ranking.md)."""
    matched: tuple[Symptom, ...]
    """The symptoms asked about that this cause explains."""
    unmatched: tuple[Symptom, ...]
    """The symptoms asked about that it does not explain."""
    evidence: EvidenceGrade
    """The strongest grade among the links to the matched symptoms."""
    links: tuple[CauseLink, ...]
    """The strongest link for each matched symptom, in the order of ``matched``. A link may be to
    a narrower symptom (a cause of night cramps explains cramps) or a broader one (a cause of
    cramps explains exercise cramps, less specifically)."""
    context: tuple[ContextLink, ...] = ()
    """What about the person made it more or less likely, with the chain each acts through."""
    tied_with: tuple[Ref, ...] = ()
    """Other candidates with exactly the same score: their order among themselves means nothing."""

    @property
    def ref(self) -> Ref:
        """The cause as a reference: ``deficiency:magnesium``, ``excess:calcium``, ``factor:statins``."""
        return self.links[0].relation.subject

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
        """In words: which symptoms it explains and how strongly, what about the person made it
        more likely (and through what), and what it does not explain."""
        parts = []
        for asked, link in zip(self.matched, self.links):
            via = "" if link.symptom.id == asked.id else f" (as {in_sentence(link.symptom.name)})"
            parts.append(f"{asked.name}{via}, {link.evidence.value} evidence")
        text = f"Explains: {'; '.join(parts)}."
        for c in self.context:
            if not c.raises:
                text += f" Made less likely by {c.chain}."
            elif c.relation is None:
                text += f" Made more likely by {c.chain}."
            else:  # the whole chain: medicine -> lowers nutrient -> its deficiency causes the symptom
                leads = ", ".join(f"{in_sentence(link.symptom.name)} ({link.evidence.value})" for link in self.links)
                text += f" Made more likely by {c.chain} -> {in_sentence(self.label)} -> {leads}."
        if self.unmatched:
            text += f" Does not explain: {', '.join(s.name for s in self.unmatched)}."
        return text


@attrs.frozen(kw_only=True, eq=False, repr=False)
class NextQuestion(Result):
    """A symptom to ask about, or a lab test to suggest, that would best tell the leading
    candidates apart."""

    _extra = ("kind", "name")

    record: Symptom | LabTest
    """The symptom or the lab test."""
    question: str
    """What to ask or suggest, in words."""
    points_to: tuple[Ref, ...]
    """The candidates a positive answer (or an abnormal result) would favour."""
    gain: float
    """How much the answer would sort the leading candidates out (expected information, in bits)."""

    @property
    def kind(self) -> str:
        """``"symptom"`` or ``"lab test"``."""
        return "symptom" if isinstance(self.record, Symptom) else "lab test"

    @property
    def name(self) -> str:
        """The symptom's or the test's name."""
        return self.record.name


@attrs.frozen(kw_only=True, eq=False, repr=False)
class CauseRanking(Result):
    """Candidate causes of a set of symptoms, best first, with red flags and the disclaimer.

    Iterating the ranking yields the candidates.
    """

    _extra = ("next_questions",)

    symptoms: tuple[Symptom, ...]
    """The symptoms asked about (as resolved from names or phrases)."""
    candidates: tuple[CauseCandidate, ...]
    """Candidates, highest score first; equal scores are ties (``tied_with``)."""
    red_flags: tuple[RedFlag, ...]
    """Signs that call for a doctor rather than self-care, for these symptoms."""
    min_evidence: EvidenceGrade
    """Links weaker than this were left out."""
    disclaimer: str = DISCLAIMER
    """The not-a-diagnosis statement."""
    context: tuple[Factor, ...] = ()
    """What the person takes, has or does, as resolved (including what age and pregnancy imply)."""
    unresolved: tuple[str, ...] = ()
    """Phrases, among the symptoms and the context, that matched nothing: show them to the person."""
    _plan: Any = None  # how next_questions is worked out when first read (not data)
    _asked_next: Any = None

    def __iter__(self) -> Iterator[CauseCandidate]:
        return iter(self.candidates)

    def __len__(self) -> int:
        return len(self.candidates)

    @property
    def next_questions(self) -> tuple[NextQuestion, ...]:
        """The symptoms and lab tests that would best tell the leading candidates apart, most
        telling first (worked out on first use)."""
        found = self._asked_next
        if found is None:
            found = () if self._plan is None else self._plan(self)
            object.__setattr__(self, "_asked_next", found)
        return found  # type: ignore[no-any-return]


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Term(Result):
    """A symptom, medicine, condition, nutrient or food that a text mentions."""

    _extra = ("ref",)

    kind: str
    """``"symptom"``, ``"factor"``, ``"nutrient"`` or ``"food"``."""
    record: Symptom | Factor | Nutrient | Food
    """What was found."""
    text: str
    """The words of the text that matched."""
    start: int
    """Where they begin in the text (a character index)."""
    end: int
    """Where they end (exclusive): ``text == original[start:end]``."""
    negated: bool = False
    """True when the text denies it ("no numbness", "I don't take lasix")."""

    @property
    def ref(self) -> str:
        """``"symptom:paresthesia"``, ``"factor:loop-diuretics"`` ..."""
        return f"{self.kind}:{self.record.id}"


@attrs.frozen(kw_only=True, eq=False, repr=False)
class FoodNutrientRow(Result):
    """How much of a nutrient a food supplies, per serving or per 100 g."""

    food: Food
    """The food."""
    nutrient: Nutrient
    """The nutrient."""
    serving: Serving | None
    """The serving or portion the amount is for; None when the amount is per 100 g."""
    amount: Amount | None
    """The amount, in the nutrient's unit; None when the food table does not report the
    nutrient for this food (not reported -- which is not zero)."""
    percent_daily_value: float | None
    """The amount as a percentage of the FDA Daily Value (None without a DV or an amount)."""

    @property
    def reported(self) -> bool:
        """Whether the food table reports the nutrient for this food."""
        return self.amount is not None


@attrs.frozen(kw_only=True, eq=False, repr=False)
class FoodContribution(Result):
    """What one portion of a food in a day's meals brings, nutrient by nutrient."""

    food: Food
    """The food."""
    portion: Serving
    """The portion: its label as given (``"2 medium"``, ``"150 g"``) and its grams."""
    rows: tuple[FoodNutrientRow, ...]
    """A row per nutrient of the knowledge base; ``amount`` None where the food table reports none."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class IntakeTarget(Result):
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


@attrs.frozen(kw_only=True, eq=False, repr=False)
class NutrientIntake(Result):
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
    shortfall: Amount | None
    """How far below the RDA/AI the total is (zero when met). None for a nutrient whose concern
    is too much rather than too little -- one with an upper target such as sodium's CDRR --
    so that it is never reported as a shortfall to make up."""
    exceeds_upper_limit: bool
    """True when the intake the UL covers (total, or supplements only) is above it."""
    exceeds_chronic_disease_risk_reduction: bool = False
    """True when the total is above the CDRR (sodium): intakes above it should be reduced."""
    complete: bool = True
    """False when a food eaten has no reported value for the nutrient: the total then counts
    only what is reported, a lower bound (the foods are in the assessment's ``unreported``)."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class DietAssessment(Result):
    """A day's intake compared with the targets for one person, per nutrient."""

    rows: tuple[NutrientIntake, ...]
    """One line per nutrient, in the knowledge base's nutrient order."""
    unreported: tuple[tuple[str, str], ...]
    """(food id, nutrient id) pairs the food table has no value for: left out of the totals,
    whose row says ``complete=False`` -- not reported is not zero."""
    without_target: tuple[str, ...] = ()
    """Ids of nutrients the data has intakes for, but none for this person (left out of ``rows``)."""
    foods: tuple[FoodContribution, ...] = ()
    """Each portion eaten and what it brought of every nutrient, in the order given."""
    disclaimer: str = DISCLAIMER
    """The not-medical-advice statement."""

    def __iter__(self) -> Iterator[NutrientIntake]:
        return iter(self.rows)

    def contributions(self, nutrient: str | Nutrient) -> tuple[FoodNutrientRow, ...]:
        """Which foods gave how much of a nutrient, largest first; foods that do not report it last.

        Raises:
            KeyError: the assessment has no row for that nutrient.
        """
        wanted = self[nutrient].nutrient.id
        rows = [r for portion in self.foods for r in portion.rows if r.nutrient.id == wanted]
        return tuple(sorted(rows, key=lambda r: (r.amount is None, -(r.amount.value if r.amount is not None else 0.0))))

    def __getitem__(self, nutrient: str | Nutrient) -> NutrientIntake:
        """The row of a nutrient, by [Nutrient][muscle_nutrients.model.Nutrient], id, name, alias or symbol."""
        wanted = nutrient.id if isinstance(nutrient, Nutrient) else nutrient
        for row in self.rows:
            if row.nutrient.id == wanted:
                return row
        key = normalize(wanted) if isinstance(wanted, str) else ""
        for row in self.rows:
            n = row.nutrient
            if key and key in {normalize(name) for name in (n.name, *n.aliases, n.symbol or "")}:
                return row
        raise KeyError(nutrient)


class LabStatus(StrEnum):
    """Where a lab value falls against the reference range."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


@attrs.frozen(kw_only=True, eq=False, repr=False)
class RangeReading(Result):
    """How a lab value reads against one laboratory's reference range.

    Unpacks as ``(range, status)``.
    """

    range: ReferenceRange
    """The range."""
    status: LabStatus
    """Low, normal or high against it."""

    def __iter__(self) -> Iterator[Any]:
        return iter((self.range, self.status))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class LabInterpretation(Result):
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
    alternatives: tuple[RangeReading, ...] = ()
    """How the value reads against the other laboratories' ranges shipped for the test (ranges differ between labs)."""
    sources: tuple[Source, ...]
    """Sources of the range and the matching cut-offs."""
    disclaimer: str = DISCLAIMER
    """The not-a-diagnosis statement."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class FoodMatch(Result):
    """One food found by ``KnowledgeBase.search_foods``."""

    food: Food
    """The food."""
    score: float
    """How well it matches, 0 to 1: the share of the query it matches, how much of its name the
    query covers, and whether its name begins with a query word."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class SearchHit(Result):
    """One match from ``KnowledgeBase.search``."""

    kind: str
    """Kind of record: ``"nutrient"``, ``"symptom"``, ``"food"``, ``"factor"``, ``"lab test"``, ``"advice"``."""
    record: Nutrient | Symptom | Food | Factor | LabTest | Advice
    """The record."""
    name: str
    """Its display name."""
    score: float
    """1.0 for an exact name match, lower for prefix, substring and fuzzy matches."""
