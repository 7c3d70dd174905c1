"""The records of the knowledge base: frozen, slotted, keyword-only attrs classes.

Every record that states a fact carries its evidence grade and the ids of its sources,
so a caller can always tell established physiology from a weak or contradicted claim.
References between records are ids (strings); the
[KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase] checks that each one
resolves when it is built. What each field accepts is declared once, in its metadata
(see ``muscle_nutrients._fields``); making a record with bad fields raises one
[RecordError][muscle_nutrients.errors.RecordError] listing them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from . import _args
from ._fields import (
    ALIASES,
    ID,
    ID_PATTERN,
    MAX_NAME,
    NAME,
    OPTIONAL_TEXT,
    STRINGS,
    TEXT,
    Record,
    claims,
    code,
    codes,
    instance,
    number,
    is_id,
    records,
    refers_to,
)
from ._fields import text as words  # a record may have a field called "text"
from .errors import FieldError
from .evidence import EvidenceGrade, EvidenceKind
from .units import Amount, Dimension, Unit

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = [
    "ADULT_MONTHS",
    "CLAIM_IDS",
    "GRAMMAR",
    "OPTIONAL_SOURCES",
    "SOURCES",
    "Advice",
    "AdviceKind",
    "AgeBand",
    "Citation",
    "Cutoff",
    "Factor",
    "FactorKind",
    "Food",
    "FoodGroup",
    "HpoMatch",
    "IntakeKind",
    "IntakeRecommendation",
    "LabTest",
    "LifeStage",
    "Nutrient",
    "NutrientContent",
    "NutrientKind",
    "Predicate",
    "Recommendation",
    "RedFlag",
    "Ref",
    "RefKind",
    "ReferenceRange",
    "Relation",
    "Serving",
    "Sex",
    "Source",
    "SourceKind",
    "Statement",
    "Symptom",
    "UpperLimit",
    "UpperLimitScope",
    "describe_intake",
    "intake_key",
    "opposite_directions",
    "overlapping_life_stages",
]

#: The seed-claim ids S01..S44 a relation or statement may cover.
CLAIM_IDS: tuple[str, ...] = tuple(f"S{n:02d}" for n in range(1, 45))

_CLAIMS = claims(CLAIM_IDS)
_GRADE = instance(EvidenceGrade, "an EvidenceGrade")
_FLAG = instance(bool, "True or False")
_AMOUNT = instance(Amount, "an Amount")
_MOLAR_MASS = number(minimum=0, exclusive_minimum=True, maximum=1e6, optional=True)
_VALENCE = number(minimum=1, maximum=8, integer=True, optional=True)


# --------------------------------------------------------------------------- enums


class SourceKind(StrEnum):
    """What kind of document a source is, which bears on how much weight it carries."""

    REFERENCE_VALUES = "reference values"
    """Official reference tables: DRIs, Daily Values, food composition databases."""
    GUIDELINE = "guideline"
    """A clinical practice guideline from a professional body."""
    SYSTEMATIC_REVIEW = "systematic review"
    """A systematic review or meta-analysis (e.g. Cochrane)."""
    REVIEW = "review"
    """A narrative review or textbook chapter (e.g. StatPearls)."""
    STUDY = "study"
    """A single primary study."""
    ONTOLOGY = "ontology"
    """A terminology or ontology (HPO, LOINC, ChEBI)."""
    LAB_CATALOGUE = "lab catalogue"
    """A clinical laboratory's test catalogue, source of reference ranges."""
    REGULATORY = "regulatory"
    """A regulator's notice or safety communication."""
    FACT_SHEET = "fact sheet"
    """A health authority's fact sheet (e.g. NIH Office of Dietary Supplements)."""
    CONSUMER = "consumer"
    """A consumer health article; never enough on its own to support a fact."""


class Sex(StrEnum):
    """Sex as used by the DRI life-stage groups."""

    MALE = "male"
    FEMALE = "female"
    ANY = "any"
    """The group does not depend on sex (infants, children 1-8)."""

    @classmethod
    def parse(cls, text: str | Sex) -> Sex:
        """Return the sex named by ``text``: ``"male"``, ``"m"``, ``"female"``, ``"f"`` (any case).

        Raises:
            ValueError: another spelling.
            TypeError: ``text`` is not a string.
        """
        if isinstance(text, Sex):
            return text
        found = _SEX_SPELLINGS.get(text) if isinstance(text, str) else None
        return found if found is not None else _args.choice(text, "sex", _SEX_CHOICES)


_SEX_SPELLINGS = {"male": Sex.MALE, "m": Sex.MALE, "female": Sex.FEMALE, "f": Sex.FEMALE}
_SEX_CHOICES = {"male": Sex.MALE, "m": Sex.MALE, "female": Sex.FEMALE, "f": Sex.FEMALE}


class NutrientKind(StrEnum):
    """Whether a nutrient is a mineral or a vitamin."""

    MINERAL = "mineral"
    VITAMIN = "vitamin"


class IntakeKind(StrEnum):
    """Which DRI a recommended intake is."""

    RDA = "RDA"
    """Recommended Dietary Allowance: meets the needs of nearly all (97-98%) healthy people."""
    AI = "AI"
    """Adequate Intake: set where evidence was too thin for an RDA; assumed adequate."""


class UpperLimitScope(StrEnum):
    """Which intake a Tolerable Upper Intake Level (UL) applies to."""

    TOTAL_INTAKE = "total intake"
    """Food, water and supplements together."""
    SUPPLEMENTS_AND_MEDICINES = "supplements and medicines only"
    """Supplemental and pharmacological forms only; food does not count (magnesium)."""
    SYNTHETIC_FORMS = "synthetic forms from supplements and fortified foods"
    """The synthetic form taken as supplements or added to foods (folic acid, counted in µg of
    folic acid, not DFE); the folate natural to food does not count."""
    ADDED_FORMS = "any form from supplements and fortified foods"
    """Any form taken as a supplement, natural or synthetic, and synthetic forms added to foods
    (vitamin E: supplemental α-tocopherol); what food holds naturally does not count."""


class HpoMatch(StrEnum):
    """How closely a symptom matches the HPO term it cites."""

    EXACT = "exact"
    """The term means the same thing."""
    BROADER = "broader"
    """The term is broader (e.g. night-time calf cramps cite 'Muscle spasm')."""


class BodySystem(StrEnum):
    """The part of the body or kind of function a symptom belongs to, for grouping answers."""

    MUSCULAR = "muscular"
    NEUROLOGICAL = "neurological"
    SENSORY = "sensory"
    CARDIOVASCULAR = "cardiovascular"
    RESPIRATORY = "respiratory"
    GASTROINTESTINAL = "gastrointestinal"
    RENAL = "renal"
    SKIN = "skin"
    MOUTH = "mouth"
    NAILS = "nails"
    HAIR = "hair"
    BONE = "bone"
    MENTAL = "mental"
    BLOOD = "blood"
    GENERAL = "general"


class FactorKind(StrEnum):
    """The kind of a non-nutritional factor."""

    MEDICATION = "medication"
    CONDITION = "condition"
    BEHAVIOUR = "behaviour"
    STATE = "physiological state"


class AdviceKind(StrEnum):
    """Whether a step is meant to prevent, to relieve, or to keep one safe (a caution: what not to do)."""

    PREVENTION = "prevention"
    RELIEF = "relief"
    CAUTION = "caution"


class Recommendation(StrEnum):
    """Whether a step is advised -- a separate question from whether it works (the relation's grade)."""

    RECOMMENDED = "recommended"
    """Sources advise it."""
    CONSIDER = "consider with a clinician"
    """Worth discussing with a clinician; not a step to take alone."""
    NOT_RECOMMENDED = "not recommended"
    """Sources advise against it (harms, or no benefit)."""


class FoodGroup(StrEnum):
    """USDA SR food groups (the names in SR's FD_GROUP)."""

    DAIRY_AND_EGG = "Dairy and Egg Products"
    SPICES_AND_HERBS = "Spices and Herbs"
    BABY_FOODS = "Baby Foods"
    FATS_AND_OILS = "Fats and Oils"
    POULTRY = "Poultry Products"
    SOUPS_SAUCES_GRAVIES = "Soups, Sauces, and Gravies"
    SAUSAGES_AND_LUNCHEON_MEATS = "Sausages and Luncheon Meats"
    BREAKFAST_CEREALS = "Breakfast Cereals"
    FRUITS = "Fruits and Fruit Juices"
    PORK = "Pork Products"
    VEGETABLES = "Vegetables and Vegetable Products"
    NUTS_AND_SEEDS = "Nut and Seed Products"
    BEEF = "Beef Products"
    BEVERAGES = "Beverages"
    FISH_AND_SHELLFISH = "Finfish and Shellfish Products"
    LEGUMES = "Legumes and Legume Products"
    LAMB_VEAL_GAME = "Lamb, Veal, and Game Products"
    BAKED_PRODUCTS = "Baked Products"
    SWEETS = "Sweets"
    CEREAL_GRAINS_AND_PASTA = "Cereal Grains and Pasta"
    FAST_FOODS = "Fast Foods"
    MEALS_ENTREES_SIDE_DISHES = "Meals, Entrees, and Side Dishes"
    SNACKS = "Snacks"
    AMERICAN_INDIAN = "American Indian/Alaska Native Foods"
    RESTAURANT_FOODS = "Restaurant Foods"


class RefKind(StrEnum):
    """What a relation's end points at. ``DEFICIENCY`` and ``EXCESS`` refer to a nutrient's
    deficiency state and excess intake; the others to records of that kind."""

    NUTRIENT = "nutrient"
    DEFICIENCY = "deficiency"
    EXCESS = "excess"
    SYMPTOM = "symptom"
    FOOD = "food"
    FACTOR = "factor"
    ADVICE = "advice"
    LAB_TEST = "lab"


class Predicate(StrEnum):
    """What a relation asserts of its subject and object."""

    CAUSES = "causes"
    """Subject (a deficiency, excess or factor) brings about the object (usually a symptom)."""
    RAISES_RISK_OF = "raises risk of"
    """Subject makes the object more likely without being a direct cause."""
    SUPPLIES = "supplies"
    """A food is a source of a nutrient."""
    LOWERS = "lowers"
    """A factor lowers the blood level or the body's stores of a nutrient (``"depletes"`` is read as this)."""
    RAISES = "raises"
    """A factor raises the blood level or the body's stores of a nutrient."""
    PREVENTS = "prevents"
    """A step or a medicine makes the object less likely (efficacy, not advice to take it)."""
    RELIEVES = "relieves"
    """A step or a medicine eases the object once it has started."""
    CAUTIONS_ABOUT = "cautions about"
    """A caution applies to the object: what not to do about a symptom, a deficiency or an excess."""
    ASSESSED_BY = "assessed by"
    """A deficiency is measured by a lab test."""

    @classmethod
    def _missing_(cls, value: object) -> Predicate | None:
        # format versions 1 and 2 named the lowering direction "depletes"
        return cls.LOWERS if value == "depletes" else None

    @property
    def direction(self) -> Direction | None:
        """For ``LOWERS`` and ``RAISES``: which way the nutrient moves; None for the others."""
        return _DIRECTIONS.get(self)


class Direction(StrEnum):
    """Which way a factor moves a nutrient's blood level or stores."""

    LOWERS = "lowers"
    RAISES = "raises"

    @property
    def predicate(self) -> Predicate:
        """The relation predicate that states this direction."""
        return Predicate(self.value)


_DIRECTIONS: Mapping[Predicate, Direction] = MappingProxyType({Predicate.LOWERS: Direction.LOWERS, Predicate.RAISES: Direction.RAISES})


def _kinds(*kinds: RefKind) -> frozenset[RefKind]:
    return frozenset(kinds)


_CAUSE_ENDS = _kinds(RefKind.DEFICIENCY, RefKind.EXCESS, RefKind.FACTOR)
_EFFECT_ENDS = _kinds(RefKind.SYMPTOM, RefKind.DEFICIENCY, RefKind.FACTOR)
_TREATED = _kinds(RefKind.SYMPTOM, RefKind.DEFICIENCY, RefKind.EXCESS)

#: The relation grammar: which kinds of record each predicate may join (subjects, objects).
GRAMMAR: Mapping[Predicate, tuple[frozenset[RefKind], frozenset[RefKind]]] = MappingProxyType(
    {
        Predicate.CAUSES: (_CAUSE_ENDS, _EFFECT_ENDS),
        Predicate.RAISES_RISK_OF: (_CAUSE_ENDS, _EFFECT_ENDS),
        Predicate.SUPPLIES: (_kinds(RefKind.FOOD, RefKind.FACTOR), _kinds(RefKind.NUTRIENT)),
        Predicate.LOWERS: (_kinds(RefKind.FACTOR), _kinds(RefKind.NUTRIENT)),
        Predicate.RAISES: (_kinds(RefKind.FACTOR), _kinds(RefKind.NUTRIENT)),
        Predicate.PREVENTS: (_kinds(RefKind.ADVICE, RefKind.FACTOR), _TREATED),
        Predicate.RELIEVES: (_kinds(RefKind.ADVICE, RefKind.FACTOR), _TREATED),
        Predicate.CAUTIONS_ABOUT: (_kinds(RefKind.ADVICE), _TREATED | {RefKind.FACTOR}),
        Predicate.ASSESSED_BY: (_kinds(RefKind.DEFICIENCY), _kinds(RefKind.LAB_TEST)),
    }
)

_REF_KINDS: Mapping[str, RefKind] = MappingProxyType({k.value: k for k in RefKind})


class Ref(str):
    """A typed pointer ``"kind:id"`` from a relation to a record, e.g. ``"deficiency:magnesium"``.

    Making one checks it: ``Ref("nutrient:iron")`` works, ``Ref("iron")`` raises ``ValueError``.
    """

    __slots__ = ()

    @property
    def kind(self) -> RefKind:
        """The kind of record pointed at."""
        return _REF_KINDS[self.partition(":")[0]]

    @property
    def id(self) -> str:
        """The id of the record pointed at."""
        return self.partition(":")[2]

    @classmethod
    def of(cls, kind: RefKind, record_id: str) -> Ref:
        """Build a reference from its parts."""
        return cls(f"{kind.value}:{record_id}")

    def __new__(cls, text: str) -> Ref:
        if not isinstance(text, str):
            raise TypeError(f"a reference must be a string 'kind:id', not {type(text).__name__}")
        kind, sep, record_id = text.partition(":")
        if not sep or kind not in _REF_KINDS or len(text) > MAX_NAME or not is_id(record_id):
            kinds = ", ".join(k.value for k in RefKind)
            raise ValueError(f"bad reference {_args.shown(text)}: expected 'kind:id' with kind one of {kinds}")
        return super().__new__(cls, text)

    @classmethod
    def parse(cls, text: str) -> Ref:
        """Check and return a reference written ``"kind:id"`` (a ``Ref`` is returned as it is)."""
        return text if type(text) is cls else cls(text)


def _to_ref(value: str) -> Ref:
    return Ref.parse(value)


def _nutrient_kind(value: str | NutrientKind) -> NutrientKind:
    # this field was plain text before NutrientKind existed: text keeps working
    return NutrientKind(value) if type(value) is str and value in NutrientKind._value2member_map_ else value  # type: ignore[return-value]


ATC_PATTERN = r"^[A-V](?:[0-9]{2}(?:[A-Z](?:[A-Z](?:[0-9]{2})?)?)?)?$"
"""A WHO ATC code at any level: anatomical group "C", therapeutic "C03", ... substance "C03CA01"."""


# --------------------------------------------------------------------------- records


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Citation(Record):
    """A pinned citation: which source, where in it the support is, and what kind of evidence that passage is.

    In a data file a citation is an object (``{"source": "aan-2010-cramps", "where": "abstract",
    "kind": "guideline"}``) or, where the passage is not pinned, just the source's id.
    """

    source: str = attrs.field(metadata=code(ID_PATTERN, "a source id", cites=True))
    """Id of the source cited."""
    where: str | None = attrs.field(default=None, metadata=words(optional=True, limit=MAX_NAME))
    """Where in the source the support is: a table, a section, a page, or ``"abstract"``."""
    kind: EvidenceKind | None = attrs.field(default=None, metadata=instance(EvidenceKind, "an EvidenceKind", optional=True))
    """What kind of evidence the passage is (guideline, systematic review, trial, cohort ...)."""


def _citations(value: Iterable[str | Citation]) -> tuple[Citation, ...]:
    # a citation may be given as just the source id; anything else is left for the field's check to refuse
    if not isinstance(value, (list, tuple)):
        return value  # type: ignore[return-value]
    return tuple(Citation(source=item) if isinstance(item, str) else item for item in value)


SOURCES = records(Citation, min_items=1, unique="source")
"""Citations of the sources a fact was read in: at least one."""
OPTIONAL_SOURCES = records(Citation, unique="source")
"""Citations, possibly none (e.g. where a code could not be verified)."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Source(Record):
    """A document that facts were read from."""

    id: str = attrs.field(metadata=ID)
    """Stable id that facts cite, e.g. ``"nasem-2019-elements-rda"``."""
    title: str = attrs.field(metadata=TEXT)
    """Title of the document."""
    publisher: str = attrs.field(metadata=TEXT)
    """Publisher, journal or organisation."""
    kind: SourceKind = attrs.field(metadata=instance(SourceKind, "a SourceKind"))
    """What kind of document it is."""
    year: int | None = attrs.field(default=None, metadata=number(minimum=1800, maximum=2100, integer=True, optional=True))
    """Year of publication (or of the version read), when known."""
    authors: str | None = attrs.field(default=None, metadata=words(optional=True, limit=MAX_NAME))
    """Who wrote or issued it: the first author ("Agus ZS") with "et al." where there are more, or the issuing body."""
    url: str | None = attrs.field(default=None, metadata=words(optional=True, limit=2000, url=True))
    """The work's own address: its DOI (``https://doi.org/...``), PubMed, PMC or Bookshelf page, or the
    publisher's or issuing body's page -- never a mirror or a copy."""
    read_at: str | None = attrs.field(default=None, metadata=words(optional=True, limit=2000, url=True))
    """Where a copy of the work was read, when it could not be read at ``url`` (a reproduction, cited only as such)."""
    read_note: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    """What was read and how: which copy, which part (abstract, full text, a table)."""
    pmid: str | None = attrs.field(default=None, metadata=code(r"^[1-9][0-9]{0,8}$", "a PubMed id of digits", optional=True))
    """PubMed id, if the document has one."""
    doi: str | None = attrs.field(default=None, metadata=code(r"^10\.[0-9]{4,9}/\S+$", "a DOI '10.xxxx/...'", optional=True))
    """DOI, if the document has one."""
    accessed: str | None = attrs.field(default=None, metadata=code(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "a date YYYY-MM-DD", optional=True))
    """Date the copy was read (ISO 8601)."""
    used_for: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    """What the knowledge base took from it."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Statement(Record):
    """A fact about one record, in the project's own words, graded and sourced."""

    text: str = attrs.field(metadata=TEXT)
    """The fact."""
    evidence: EvidenceGrade = attrs.field(metadata=_GRADE)
    """How well the literature supports it."""
    sources: tuple[Citation, ...] = attrs.field(converter=_citations, metadata=SOURCES)
    """Ids of the sources it was read from."""
    claims: tuple[str, ...] = attrs.field(default=(), metadata=_CLAIMS)
    """Seed claims (S01..S44) this statement covers."""
    note: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    """Caveats, disagreements between sources."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Nutrient(Record):
    """A nutrient in scope, with its roles, deficiency state and conversion constants."""

    _summary = ("id", "name", "kind", "unit", "deficiency")

    id: str = attrs.field(metadata=ID)
    """Stable id, e.g. ``"magnesium"``."""
    name: str = attrs.field(metadata=NAME)
    """Display name."""
    kind: NutrientKind = attrs.field(converter=_nutrient_kind, metadata=instance(NutrientKind, "a NutrientKind"))
    """Mineral or vitamin (``"mineral"`` and ``"vitamin"`` are accepted too)."""
    unit: Unit = attrs.field(metadata=instance(Unit, "a Unit"))
    """Unit of intakes and food amounts (mg, µg, or µg DFE for folate)."""
    deficiency: str = attrs.field(metadata=TEXT)
    """Name of the deficiency state, e.g. ``"hypomagnesemia"``."""
    aliases: tuple[str, ...] = attrs.field(default=(), metadata=ALIASES)
    """Other names: chemical names, symbols, common spellings."""
    symbol: str | None = attrs.field(default=None, metadata=words(optional=True, limit=MAX_NAME, names=True))
    """Chemical symbol for an element (``"Mg"``)."""
    chebi: str | None = attrs.field(
        default=None, metadata=code(r"^CHEBI:[0-9]{1,9}$", "a ChEBI id 'CHEBI:n'", optional=True, needs="chebi_sources")
    )
    """ChEBI cross-reference (for minerals the element's atom; for vitamins the vitamin class)."""
    chebi_label: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    """ChEBI's name for that entity, e.g. ``"magnesium atom"``."""
    chebi_sources: tuple[Citation, ...] = attrs.field(default=(), converter=_citations, metadata=OPTIONAL_SOURCES)
    """Where the ChEBI id and name were read."""
    molar_mass: float | None = attrs.field(default=None, metadata=_MOLAR_MASS)
    """g/mol, for mass ↔ molar concentration conversions."""
    valence: int | None = attrs.field(default=None, metadata=_VALENCE)
    """Charge of the ion, for mmol/L ↔ mEq/L conversions."""
    iu_per_microgram: float | None = attrs.field(default=None, metadata=number(minimum=0, exclusive_minimum=True, maximum=1e9, optional=True))
    """International units per µg (vitamin D: 40)."""
    dfe_per_microgram: float | None = attrs.field(default=None, metadata=number(minimum=0, exclusive_minimum=True, maximum=1e9, optional=True))
    """µg of dietary folate equivalents per µg of folic acid taken with food (folate: 1.7)."""
    constants_sources: tuple[Citation, ...] = attrs.field(default=(), converter=_citations, metadata=OPTIONAL_SOURCES)
    """Sources of the molar mass, valence and IU factor."""
    daily_value: Amount | None = attrs.field(default=None, metadata=instance(Amount, "an Amount", optional=True, fits=True, needs="daily_value_sources"))
    """FDA Daily Value for adults and children 4 years and older (2016 rule)."""
    daily_value_sources: tuple[Citation, ...] = attrs.field(default=(), converter=_citations, metadata=OPTIONAL_SOURCES)
    """Sources of the Daily Value."""
    summary: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    """One or two sentences on what it does for muscles and nerves."""
    roles: tuple[Statement, ...] = attrs.field(default=(), metadata=records(Statement))
    """Roles in muscle and nerve function, each graded and sourced."""
    excess: tuple[Statement, ...] = attrs.field(default=(), metadata=records(Statement))
    """Effects of too much, each graded and sourced."""
    supplement_forms: tuple[str, ...] = attrs.field(default=(), metadata=STRINGS)
    """Supplement and treatment forms named by the sources (e.g. magnesium oxide, citrate)."""
    supplement_sources: tuple[Citation, ...] = attrs.field(default=(), converter=_citations, metadata=OPTIONAL_SOURCES)
    """Where the supplement forms were read."""
    unit_note: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    """How amounts are counted and the traps in reading labels (DFE, α-tocopherol, µg against mg)."""

    def _invariants(self) -> Iterator[FieldError]:
        if isinstance(self.unit, Unit) and self.unit.dimension not in _INTAKE_DIMENSIONS:
            yield FieldError("unit", f"must be a unit of mass (g, mg or µg) or µg DFE, got {self.unit.value}")
        if self.unit is Unit.UG_DFE and self.dfe_per_microgram is None:
            yield FieldError("dfe_per_microgram", "is needed when amounts are in µg DFE (to read µg of folic acid)")


_INTAKE_DIMENSIONS = (Dimension.MASS, Dimension.FOLATE_EQUIVALENTS)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Symptom(Record):
    """A symptom or sign, cross-referenced to the Human Phenotype Ontology."""

    _summary = ("id", "name", "hpo_id", "hpo_label")

    id: str = attrs.field(metadata=ID)
    """Stable id, e.g. ``"muscle-cramp"``."""
    name: str = attrs.field(metadata=NAME)
    """Display name."""
    hpo_id: str = attrs.field(metadata=code(r"^HP:[0-9]{7}$", "an HPO id 'HP:nnnnnnn'"))
    """Human Phenotype Ontology term id."""
    hpo_label: str = attrs.field(metadata=TEXT)
    """The HPO term's label in the release cited (labels drift between releases)."""
    hpo_sources: tuple[Citation, ...] = attrs.field(converter=_citations, metadata=SOURCES)
    """Where the HPO id and label were read (the ontology release)."""
    hpo_match: HpoMatch = attrs.field(default=HpoMatch.EXACT, metadata=instance(HpoMatch, "an HpoMatch"))
    """Whether the HPO term is an exact or a broader match."""
    system: BodySystem = attrs.field(default=BodySystem.GENERAL, metadata=instance(BodySystem, "a BodySystem"))
    """The body system it belongs to (muscular, neurological, cardiovascular ...)."""
    body_site: str | None = attrs.field(default=None, metadata=words(optional=True, limit=MAX_NAME))
    """Where in the body, when that matters ("calves", "around the mouth")."""
    aliases: tuple[str, ...] = attrs.field(default=(), metadata=ALIASES)
    """Lay and clinical synonyms ("charley horse", "pins and needles")."""
    description: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    """What it is, in plain words."""
    facts: tuple[Statement, ...] = attrs.field(default=(), metadata=records(Statement))
    """Graded facts about the symptom itself (what it is, how common)."""
    broader: tuple[str, ...] = attrs.field(default=(), metadata=refers_to("symptom", many=True, needs="broader_sources"))
    """Symptoms of the knowledge base whose HPO terms are ancestors of this one's (exercise cramps
    are muscle cramps): a cause of the broader symptom explains this one too."""
    broader_sources: tuple[Citation, ...] = attrs.field(default=(), converter=_citations, metadata=OPTIONAL_SOURCES)
    """Where the HPO ancestry was read."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Serving(Record):
    """A household serving of a food and its weight."""

    label: str = attrs.field(metadata=words(limit=MAX_NAME))
    """Household measure, e.g. ``"1 medium (7 in to 7-7/8 in long)"``."""
    grams: float = attrs.field(metadata=number(minimum=0, exclusive_minimum=True, maximum=1e6))
    """Its weight in grams."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class NutrientContent(Record):
    """How much of one nutrient 100 g of a food holds."""

    nutrient: str = attrs.field(metadata=refers_to("nutrient"))
    """Nutrient id."""
    per_100g: Amount = attrs.field(metadata=instance(Amount, "an Amount", fits=True))
    """Amount per 100 g edible portion, in the nutrient's unit."""

    def _invariants(self) -> Iterator[FieldError]:
        amount = self.per_100g
        if isinstance(amount, Amount) and amount.unit.dimension is Dimension.MASS and amount.to(Unit.G).value > 100:
            yield FieldError("per_100g", f"{amount} is more than the 100 g it is part of")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Food(Record):
    """A food with its USDA identifiers, servings and composition per 100 g."""

    _summary = ("id", "name", "ndb_number", "food_group")

    id: str = attrs.field(metadata=ID)
    """Stable id, e.g. ``"banana-raw"``."""
    name: str = attrs.field(metadata=NAME)
    """Display name."""
    ndb_number: str = attrs.field(metadata=code(r"^[0-9]{5}$", "a five-digit USDA SR NDB number", names=True))
    """USDA Standard Reference NDB number (kept as text: leading zeros matter); the food is found by it."""
    usda_description: str = attrs.field(metadata=words(names=True))
    """The food's long description in the USDA release; the food is found by it."""
    food_group: FoodGroup = attrs.field(metadata=instance(FoodGroup, "a FoodGroup"))
    """USDA food group."""
    servings: tuple[Serving, ...] = attrs.field(metadata=records(Serving, min_items=1))
    """Household measures (every one the release lists); the first is the default serving."""
    composition: tuple[NutrientContent, ...] = attrs.field(metadata=records(NutrientContent))
    """Amounts per 100 g of each in-scope nutrient the release reports; a nutrient it does not
    report is absent (not reported -- never zero)."""
    sources: tuple[Citation, ...] = attrs.field(converter=_citations, metadata=SOURCES)
    """Source ids (the USDA release)."""
    aliases: tuple[str, ...] = attrs.field(default=(), metadata=ALIASES)
    """Other names."""
    fdc_id: int | None = attrs.field(default=None, metadata=number(minimum=1, maximum=10**9, integer=True, optional=True))
    """FoodData Central id, only where verified."""
    common: bool = attrs.field(default=False, metadata=_FLAG)
    """One of the common foods chosen by hand, with a friendly name and everyday aliases (the
    other foods carry USDA's descriptions)."""

    def _invariants(self) -> Iterator[FieldError]:
        labels = [s.label.casefold() for s in self.servings if isinstance(s, Serving)]
        for index, label in enumerate(labels):
            if label in labels[:index]:
                yield FieldError("servings", "repeats the label of an earlier serving (case does not count)", index)
        ids = [c.nutrient for c in self.composition if isinstance(c, NutrientContent)]
        for index, nutrient in enumerate(ids):
            if nutrient in ids[:index]:
                yield FieldError("composition", f"lists {nutrient!r} twice", index)

    @property
    def default_serving(self) -> Serving:
        """The serving used when none is named (the first listed)."""
        return self.servings[0]

    def per_100g(self, nutrient: str | Nutrient, *, kb: KnowledgeBase | None = None) -> Amount | None:
        """Amount of ``nutrient`` in 100 g, or None if the release reports no value.

        ``nutrient`` is a [Nutrient][muscle_nutrients.model.Nutrient], its id, name, alias or
        symbol, resolved in ``kb`` (default: the packaged knowledge base).

        Raises:
            UnknownNameError: no nutrient has that name.
            TypeError: ``nutrient`` is neither a string nor a Nutrient.
        """
        if isinstance(nutrient, Nutrient):
            key = nutrient.id
        elif isinstance(nutrient, str):
            key = nutrient
            if not any(c.nutrient == key for c in self.composition):
                if kb is None:
                    from .loading import packaged

                    kb = packaged()
                key = kb.nutrient(nutrient).id
        else:
            raise TypeError(f"a nutrient must be a name, id or Nutrient, not {type(nutrient).__name__}")
        for content in self.composition:
            if content.nutrient == key:
                return content.per_100g
        return None

    def serving(self, label: str | Serving | None = None) -> Serving:
        """The serving with ``label`` (exact, else ignoring case), or the default one.

        Raises:
            ValueError: no serving has that label; the message lists the labels.
            TypeError: ``label`` is not a string.
        """
        if label is None:
            return self.default_serving
        if isinstance(label, Serving):
            label = label.label
        _args.text(label, "a serving label")
        for serving in self.servings:
            if serving.label == label:
                return serving
        for serving in self.servings:
            if serving.label.casefold() == label.casefold():
                return serving
        labels = ", ".join(repr(s.label) for s in self.servings)
        raise ValueError(f"{self.name} has no serving {_args.shown(label)}; its servings: {labels}")


_MONTHS = number(minimum=0, maximum=1800, integer=True)
_END_MONTHS = number(minimum=1, maximum=1800, integer=True, optional=True)
ADULT_MONTHS = 18 * 12
"""Age (months) from which a person is read as an adult when no age is given."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class AgeBand(Record):
    """The ages a reference range or cut-off applies to, in completed months."""

    min_months: int = attrs.field(default=0, metadata=_MONTHS)
    """Youngest age in the band (inclusive)."""
    max_months: int | None = attrs.field(default=None, metadata=_END_MONTHS)
    """Age at which the band ends (exclusive); None for no upper end."""

    def _invariants(self) -> Iterator[FieldError]:
        if isinstance(self.max_months, int) and isinstance(self.min_months, int) and self.max_months <= self.min_months:
            yield FieldError("max_months", "must be greater than min_months")

    def contains(self, age_months: float) -> bool:
        """Whether a person of this age (months) falls in the band."""
        return self.min_months <= age_months and (self.max_months is None or age_months < self.max_months)

    @property
    def for_adults(self) -> bool:
        """Whether the band is an adult one: it starts at 18 years or later, or has no upper end."""
        return self.max_months is None or self.min_months >= ADULT_MONTHS


def _covers(ages: AgeBand | None, age_months: float | None) -> bool:
    """Whether a range or cut-off with ``ages`` applies: to that age, or to adults when no age is given."""
    if ages is None:
        return True
    return ages.for_adults if age_months is None else ages.contains(age_months)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class LifeStage(Record):
    """A DRI life-stage group: an age band, a sex, and pregnancy or lactation."""

    _extra = ("label",)

    min_months: int = attrs.field(metadata=_MONTHS)
    """Youngest age in the band, in completed months (inclusive)."""
    max_months: int | None = attrs.field(default=None, metadata=_END_MONTHS)
    """Age at which the band ends, in months (exclusive); None for no upper end."""
    sex: Sex = attrs.field(default=Sex.ANY, metadata=instance(Sex, "a Sex"))
    """Which sex the group is for."""
    pregnant: bool = attrs.field(default=False, metadata=_FLAG)
    """A pregnancy group."""
    lactating: bool = attrs.field(default=False, metadata=_FLAG)
    """A lactation group."""

    def _invariants(self) -> Iterator[FieldError]:
        if isinstance(self.max_months, int) and isinstance(self.min_months, int) and self.max_months <= self.min_months:
            yield FieldError("max_months", "must be greater than min_months")
        if self.pregnant is True and self.lactating is True:
            yield FieldError("lactating", "a life stage cannot be both pregnant and lactating")
        if (self.pregnant is True or self.lactating is True) and self.sex is not Sex.FEMALE:
            yield FieldError("sex", "pregnancy and lactation groups must have sex 'female'")

    def contains(self, age_months: float, sex: Sex, pregnant: bool, lactating: bool) -> bool:
        """Whether a person of this age (months), sex and state falls in the group."""
        if self.pregnant != pregnant or self.lactating != lactating:
            return False
        if self.sex is not Sex.ANY and self.sex is not sex:
            return False
        return self.min_months <= age_months and (self.max_months is None or age_months < self.max_months)

    @property
    def label(self) -> str:
        """The DRI tables' label, such as ``"females 19-30 y"``, ``"infants 7-12 mo"`` or ``"males >70 y"``."""
        low, high = self.min_months, self.max_months
        if high is not None and high <= 12:
            band = f"{low if low == 0 else low + 1}-{high} mo"  # DRI tables count the 7th-12th month
        elif high is None:
            band = f">{low // 12 - 1} y"
        else:
            band = f"{low // 12}-{high // 12 - 1} y"
        if self.pregnant:
            who = "pregnancy"
        elif self.lactating:
            who = "lactation"
        elif high is not None and high <= 12:
            who = "infants"
        elif self.sex is Sex.ANY:
            who = "children" if high is not None and high <= 108 else "all"
        else:
            who = "males" if self.sex is Sex.MALE else "females"
        return f"{who} {band}"


@attrs.frozen(kw_only=True, eq=False, repr=False)
class UpperLimit(Record):
    """A Tolerable Upper Intake Level and what intake it applies to."""

    amount: Amount = attrs.field(metadata=instance(Amount, "an Amount", fits=True))
    """The daily limit."""
    scope: UpperLimitScope = attrs.field(metadata=instance(UpperLimitScope, "an UpperLimitScope"))
    """Which intake counts against it."""
    sources: tuple[Citation, ...] = attrs.field(converter=_citations, metadata=SOURCES)
    """Where it was read."""
    note: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    """What the limit is based on, caveats."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class IntakeRecommendation(Record):
    """The DRI for one nutrient and one life-stage group."""

    nutrient: str = attrs.field(metadata=refers_to("nutrient"))
    """Nutrient id."""
    life_stage: LifeStage = attrs.field(metadata=instance(LifeStage, "a LifeStage"))
    """Who it is for."""
    kind: IntakeKind = attrs.field(metadata=instance(IntakeKind, "an IntakeKind"))
    """RDA or AI."""
    amount: Amount = attrs.field(metadata=instance(Amount, "an Amount", fits=True))
    """Daily amount."""
    sources: tuple[Citation, ...] = attrs.field(converter=_citations, metadata=SOURCES)
    """Where the RDA/AI was read."""
    upper_limit: UpperLimit | None = attrs.field(default=None, metadata=instance(UpperLimit, "an UpperLimit", optional=True))
    """The UL, or None where none was set."""
    chronic_disease_risk_reduction: Amount | None = attrs.field(default=None, metadata=instance(Amount, "an Amount", optional=True, fits=True))
    """Sodium's CDRR: intakes above it should be reduced; not a UL."""
    note: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    """Caveats, disagreeing sources."""

    def _invariants(self) -> Iterator[FieldError]:
        limit = self.upper_limit
        if not isinstance(limit, UpperLimit) or not isinstance(self.amount, Amount):
            return
        if limit.scope is UpperLimitScope.TOTAL_INTAKE and limit.amount.dimension is self.amount.dimension and limit.amount < self.amount:
            # a supplements-only limit (magnesium) may sit below the RDA: food does not count against it
            yield FieldError("upper_limit", f"a total-intake limit of {limit.amount} is below the recommended {self.amount}")


_BOUND = number(minimum=0, maximum=1e9, optional=True)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ReferenceRange(Record):
    """A lab's reference interval for a test in one population."""

    low: float | None = attrs.field(metadata=_BOUND)
    """Lower bound (inclusive), or None."""
    high: float | None = attrs.field(metadata=_BOUND)
    """Upper bound (inclusive), or None."""
    unit: Unit = attrs.field(metadata=instance(Unit, "a Unit"))
    """Unit of the bounds."""
    sources: tuple[Citation, ...] = attrs.field(converter=_citations, metadata=SOURCES)
    """Lab or publication the interval comes from."""
    sex: Sex = attrs.field(default=Sex.ANY, metadata=instance(Sex, "a Sex"))
    """Which sex it applies to."""
    population: str = attrs.field(default="adults", metadata=TEXT)
    """Who it applies to, in words."""
    ages: AgeBand | None = attrs.field(default=None, metadata=instance(AgeBand, "an AgeBand", optional=True))
    """The ages it applies to; None where the laboratory states no age band."""
    note: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    """Caveats (assay, lab)."""

    def _invariants(self) -> Iterator[FieldError]:
        yield from _bounds(self.low, self.high)

    def applies_to(self, sex: Sex | None, age_months: float | None) -> bool:
        """Whether the range is for this sex (None: either) and age (None: an adult)."""
        return (self.sex is Sex.ANY or self.sex is sex) and _covers(self.ages, age_months)


def _bounds(low: object, high: object) -> Iterator[FieldError]:
    if low is None and high is None:
        yield FieldError("low", "a range needs a low or a high bound")
    if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
        yield FieldError("low", "must not exceed high")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Cutoff(Record):
    """A guideline's decision threshold on a lab value (e.g. vitamin D status bands)."""

    label: str = attrs.field(metadata=TEXT)
    """What a value in the band means, e.g. ``"at risk of deficiency"``."""
    unit: Unit = attrs.field(metadata=instance(Unit, "a Unit"))
    """Unit of the bounds."""
    sources: tuple[Citation, ...] = attrs.field(converter=_citations, metadata=SOURCES)
    """The guideline."""
    low: float | None = attrs.field(default=None, metadata=_BOUND)
    """Lower bound (inclusive), or None."""
    high: float | None = attrs.field(default=None, metadata=_BOUND)
    """Upper bound (exclusive unless ``high_inclusive``), or None."""
    high_inclusive: bool = attrs.field(default=False, metadata=_FLAG)
    """Whether a value equal to ``high`` is inside the band (e.g. "75 ng/mL or less")."""
    ages: AgeBand | None = attrs.field(default=None, metadata=instance(AgeBand, "an AgeBand", optional=True))
    """The ages the threshold is for; None where the source gives it for everyone."""
    note: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    """Context: whose threshold, for what decision."""
    critical: bool = attrs.field(default=False, metadata=_FLAG)
    """Whether the source gives the band as a laboratory's critical (panic) value: FHIR
    interpretation ``LL`` or ``HH`` rather than ``L`` or ``H``."""

    def applies_to(self, age_months: float | None) -> bool:
        """Whether the threshold is for this age (None: an adult)."""
        return _covers(self.ages, age_months)

    def _invariants(self) -> Iterator[FieldError]:
        yield from _bounds(self.low, self.high)

    def contains(self, value: float) -> bool:
        """Whether ``value`` (in this cut-off's unit) falls in the band."""
        if self.low is not None and value < self.low:
            return False
        if self.high is None:
            return True
        return value <= self.high if self.high_inclusive else value < self.high


@attrs.frozen(kw_only=True, eq=False, repr=False)
class LabTest(Record):
    """A laboratory test, its LOINC code, reference intervals and guideline cut-offs."""

    _summary = ("id", "name", "loinc", "specimen", "nutrient")

    id: str = attrs.field(metadata=ID)
    """Stable id, e.g. ``"serum-magnesium"``."""
    name: str = attrs.field(metadata=NAME)
    """Display name."""
    specimen: str = attrs.field(metadata=TEXT)
    """Specimen, e.g. ``"serum or plasma"``."""
    loinc: str | None = attrs.field(metadata=code(r"^[0-9]{1,7}-[0-9]$", "a LOINC code 'nnnn-n'", optional=True, needs="loinc_sources"))
    """LOINC code of the result, None where it could not be verified."""
    loinc_sources: tuple[Citation, ...] = attrs.field(default=(), converter=_citations, metadata=OPTIONAL_SOURCES)
    """Where the LOINC code was read."""
    reference_ranges: tuple[ReferenceRange, ...] = attrs.field(metadata=records(ReferenceRange, min_items=1))
    """Reference intervals; the first matching one is the one shipped, others are alternatives."""
    nutrient: str | None = attrs.field(default=None, metadata=refers_to("nutrient", optional=True))
    """Nutrient whose status the test reflects."""
    aliases: tuple[str, ...] = attrs.field(default=(), metadata=ALIASES)
    """Other names."""
    cutoffs: tuple[Cutoff, ...] = attrs.field(default=(), metadata=records(Cutoff))
    """Guideline decision thresholds."""
    molar_mass: float | None = attrs.field(default=None, metadata=_MOLAR_MASS)
    """Molar mass of the measured analyte (g/mol), for unit conversion."""
    valence: int | None = attrs.field(default=None, metadata=_VALENCE)
    """Charge of the measured ion, for mEq/L."""
    constants_sources: tuple[Citation, ...] = attrs.field(default=(), converter=_citations, metadata=OPTIONAL_SOURCES)
    """Sources of the molar mass and valence."""
    facts: tuple[Statement, ...] = attrs.field(default=(), metadata=records(Statement))
    """Sourced facts about the test, such as another lab's code or a disagreement."""
    note: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    """What the test can and cannot tell."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Factor(Record):
    """A non-nutritional factor: a medication, condition, behaviour or physiological state."""

    _summary = ("id", "name", "kind")

    id: str = attrs.field(metadata=ID)
    """Stable id, e.g. ``"loop-diuretics"``."""
    name: str = attrs.field(metadata=NAME)
    """Display name."""
    kind: FactorKind = attrs.field(metadata=instance(FactorKind, "a FactorKind"))
    """What kind of factor it is."""
    aliases: tuple[str, ...] = attrs.field(default=(), metadata=ALIASES)
    """Other names."""
    description: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    """What it is."""
    members: tuple[str, ...] = attrs.field(default=(), metadata={**ALIASES, "needs": "members_sources"})
    """For a drug class: its member drugs by generic name (each resolves to the class)."""
    brands: tuple[str, ...] = attrs.field(default=(), metadata={**ALIASES, "needs": "members_sources"})
    """For a drug class: brand names a source gives (each resolves to the class)."""
    members_sources: tuple[Citation, ...] = attrs.field(default=(), converter=_citations, metadata=OPTIONAL_SOURCES)
    """Where the members and brands were read."""
    atc: tuple[str, ...] = attrs.field(default=(), metadata=codes(ATC_PATTERN, "a WHO ATC code such as 'C03CA01'", needs="atc_sources"))
    """WHO ATC codes of the class or its members, e.g. ``"C03CA"`` (a group) or ``"C03CA01"`` (a drug)."""
    atc_sources: tuple[Citation, ...] = attrs.field(default=(), converter=_citations, metadata=OPTIONAL_SOURCES)
    """Where the ATC codes were read."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Advice(Record):
    """A prevention or relief step, or a caution."""

    _summary = ("id", "name", "kind", "text")

    id: str = attrs.field(metadata=ID)
    """Stable id, e.g. ``"stretch-calves"``."""
    name: str = attrs.field(metadata=NAME)
    """Short title."""
    kind: AdviceKind = attrs.field(metadata=instance(AdviceKind, "an AdviceKind"))
    """Prevention, relief or caution."""
    text: str = attrs.field(metadata=TEXT)
    """The step, in plain words."""
    aliases: tuple[str, ...] = attrs.field(default=(), metadata=ALIASES)
    """Other names."""
    recommendation: Recommendation | None = attrs.field(
        default=None, metadata=instance(Recommendation, "a Recommendation", optional=True, needs="recommendation_sources")
    )
    """Whether sources advise the step (for prevention and relief steps); how well it works is the grade of its relations."""
    recommendation_sources: tuple[Citation, ...] = attrs.field(default=(), converter=_citations, metadata=OPTIONAL_SOURCES)
    """Where the recommendation was read."""
    warns_against: str | None = attrs.field(default=None, metadata=words(optional=True, limit=MAX_NAME))
    """For a caution: what it warns against, e.g. "taking quinine for cramps"."""
    nutrients: tuple[str, ...] = attrs.field(default=(), metadata=refers_to("nutrient", many=True))
    """The nutrients the step or caution concerns, when it concerns particular ones (a caution about
    potassium supplements on an ACE inhibitor concerns potassium)."""

    def _invariants(self) -> Iterator[FieldError]:
        if self.kind is AdviceKind.CAUTION and not self.warns_against:
            yield FieldError("warns_against", "a caution must say what it warns against")
        if self.kind is AdviceKind.CAUTION and self.recommendation is not None:
            yield FieldError("recommendation", "a caution is not a step: it has no recommendation")
        if self.kind is not AdviceKind.CAUTION and self.warns_against is not None:
            yield FieldError("warns_against", "only a caution warns against something")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class RedFlag(Record):
    """A sign that calls for medical attention rather than self-care."""

    id: str = attrs.field(metadata=ID)
    """Stable id."""
    text: str = attrs.field(metadata=TEXT)
    """When to see a doctor, in plain words."""
    evidence: EvidenceGrade = attrs.field(metadata=_GRADE)
    """Grade of the recommendation."""
    sources: tuple[Citation, ...] = attrs.field(converter=_citations, metadata=SOURCES)
    """Source ids."""
    symptoms: tuple[str, ...] = attrs.field(default=(), metadata=refers_to("symptom", many=True))
    """Symptom ids it applies to; empty means it applies to every symptom."""
    claims: tuple[str, ...] = attrs.field(default=(), metadata=_CLAIMS)
    """Seed claims it covers."""
    urgent: bool = attrs.field(default=False, metadata=_FLAG)
    """True when it calls for urgent care rather than a routine visit."""


_REF = instance(Ref, "a Ref 'kind:id'", ref=True)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Relation(Record):
    """A graded, sourced assertion linking two records (``subject predicate object``)."""

    id: str = attrs.field(metadata=ID)
    """Stable id."""
    subject: Ref = attrs.field(converter=_to_ref, metadata=_REF)
    """What the assertion is about, e.g. ``deficiency:magnesium``."""
    predicate: Predicate = attrs.field(metadata=instance(Predicate, "a Predicate"))
    """What is asserted."""
    object: Ref = attrs.field(converter=_to_ref, metadata=_REF)
    """What it is asserted of, e.g. ``symptom:muscle-cramp``."""
    evidence: EvidenceGrade = attrs.field(metadata=_GRADE)
    """How well the literature supports it."""
    sources: tuple[Citation, ...] = attrs.field(converter=_citations, metadata=SOURCES)
    """Ids of the sources read."""
    note: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    """Explanation, mechanism, disagreement between sources."""
    population: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    """Who the grade applies to, where that matters (e.g. "pregnant women")."""
    claims: tuple[str, ...] = attrs.field(default=(), metadata=_CLAIMS)
    """Seed claims (S01..S44) this relation states."""

    def _invariants(self) -> Iterator[FieldError]:
        shape = GRAMMAR.get(self.predicate)
        if shape is None or not isinstance(self.subject, Ref) or not isinstance(self.object, Ref):
            return
        subjects, objects = shape
        if self.subject.kind not in subjects or self.object.kind not in objects:
            yield FieldError(
                "predicate",
                f"'{self.predicate.value}' cannot join {self.subject.kind.value} to {self.object.kind.value}",
            )


# --------------------------------------------------------------------------- rules over many intakes


def intake_key(record: IntakeRecommendation) -> tuple[object, ...]:
    """An intake's identity: its nutrient and its exact life-stage group."""
    stage = record.life_stage
    return (record.nutrient, stage.min_months, stage.max_months, stage.sex.value, stage.pregnant, stage.lactating)


def describe_intake(record: IntakeRecommendation) -> str:
    """``"magnesium (males 31-50 y)"``."""
    return f"{record.nutrient} ({record.life_stage.label})"


def opposite_directions(records: Sequence[Relation]) -> Iterator[tuple[tuple[int, int], str]]:
    """(the two indexes, problem) for a factor said both to lower and to raise one nutrient
    where either relation does not say for whom (its ``population``): without that the two
    contradict each other."""
    seen: dict[tuple[str, str], dict[Predicate, int]] = {}
    for index, rel in enumerate(records):
        if rel.predicate.direction is None:
            continue
        pair = seen.setdefault((rel.subject, rel.object), {})
        pair.setdefault(rel.predicate, index)
        if len(pair) == 2:
            lowers, raises = pair[Predicate.LOWERS], pair[Predicate.RAISES]
            if not (records[lowers].population and records[raises].population):
                later, earlier = max(lowers, raises), min(lowers, raises)
                yield (later, earlier), (f"{rel.subject} both lowers and raises {rel.object}: "
                                         "give each relation the population it applies to")


def overlapping_life_stages(records: Sequence[IntakeRecommendation]) -> Iterator[tuple[tuple[int, int], str]]:
    """(the two indexes, problem) for each intake whose age band overlaps another of the same nutrient and group."""
    groups: dict[tuple[str, bool, bool], list[int]] = {}
    for index, rec in enumerate(records):
        groups.setdefault((rec.nutrient, rec.life_stage.pregnant, rec.life_stage.lactating), []).append(index)
    reported: set[int] = set()
    for (nutrient, _, _), indexes in groups.items():
        for sex in (Sex.MALE, Sex.FEMALE):
            bands = sorted(
                (i for i in indexes if records[i].life_stage.sex in (sex, Sex.ANY)),
                key=lambda i: records[i].life_stage.min_months,
            )
            for a, b in zip(bands, bands[1:]):
                first, second = records[a].life_stage, records[b].life_stage
                if (first.max_months is None or first.max_months > second.min_months) and b not in reported:
                    reported.add(b)
                    yield (b, a), f"{second.label} overlaps {first.label} for {nutrient}"
