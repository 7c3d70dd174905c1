"""The records of the knowledge base: frozen, slotted, keyword-only attrs classes.

Every record that states a fact carries its evidence grade and the ids of its sources,
so a caller can always tell established physiology from a weak or contradicted claim.
References between records are ids (strings); the
[KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase] checks that each one
resolves when it is built.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum
from typing import Any

import attrs

from .evidence import EvidenceGrade
from .units import Amount, Unit

__all__ = [
    "Advice",
    "AdviceKind",
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
    "Predicate",
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
    "CLAIM_IDS",
]

#: The seed-claim ids S01..S44 a relation or statement may cover.
CLAIM_IDS: tuple[str, ...] = tuple(f"S{n:02d}" for n in range(1, 45))

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HPO = re.compile(r"^HP:\d{7}$")
_LOINC = re.compile(r"^\d{1,7}-\d$")
_CHEBI = re.compile(r"^CHEBI:\d+$")
_NDB = re.compile(r"^\d{5}$")
_PMID = re.compile(r"^\d{1,9}$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_Validator = Callable[[Any, Any, Any], None]


def _text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a string, not {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


def _optional_text(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None:
        _text(instance, attribute, value)  # type: ignore[arg-type]


def _pattern(regex: re.Pattern[str], what: str, optional: bool = False) -> _Validator:
    def check(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str) or not regex.fullmatch(value):
            raise ValueError(f"{attribute.name} must be {what}, got {value!r}")

    return check


def _strings(instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    if not isinstance(value, tuple):
        raise TypeError(f"{attribute.name} must be a tuple, not {type(value).__name__}")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"{attribute.name}[{index}] must be a non-empty string, got {item!r}")
    if len(set(value)) != len(value):
        raise ValueError(f"{attribute.name} has repeated entries")


def _tuple_of(cls: type) -> _Validator:
    def check(instance: object, attribute: attrs.Attribute[tuple[object, ...]], value: tuple[object, ...]) -> None:
        if not isinstance(value, tuple):
            raise TypeError(f"{attribute.name} must be a tuple, not {type(value).__name__}")
        for index, item in enumerate(value):
            if not isinstance(item, cls):
                raise TypeError(f"{attribute.name}[{index}] must be a {cls.__name__}")

    return check


def _claims(instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    _strings(instance, attribute, value)
    for claim in value:
        if claim not in CLAIM_IDS:
            raise ValueError(f"{attribute.name}: {claim!r} is not a seed-claim id S01..S44")


def _sources(instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    _strings(instance, attribute, value)
    if not value:
        raise ValueError(f"{attribute.name} must name at least one source")


def _non_negative(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0 or value == float("inf"):
        raise ValueError(f"{attribute.name} must be a finite, non-negative number, got {value!r}")


def _positive(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _non_negative(instance, attribute, value)
    if value is not None and value <= 0:
        raise ValueError(f"{attribute.name} must be greater than 0, got {value!r}")


# --------------------------------------------------------------------------- enums


class SourceKind(Enum):
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


class Sex(Enum):
    """Sex as used by the DRI life-stage groups."""

    MALE = "male"
    FEMALE = "female"
    ANY = "any"
    """The group does not depend on sex (infants, children 1-8)."""

    @classmethod
    def parse(cls, text: str | Sex) -> Sex:
        """Return the sex named by ``text`` (``"male"``, ``"m"``, ``"female"``, ``"f"``)."""
        if isinstance(text, Sex):
            return text
        found = _SEX_SPELLINGS.get(text) if isinstance(text, str) else None
        if found is None:
            found = _SEX_SPELLINGS.get(str(text).strip().lower())
        if found is None:
            raise ValueError(f"unknown sex {text!r}; allowed: 'male' or 'female'")
        return found


_SEX_SPELLINGS = {"male": Sex.MALE, "m": Sex.MALE, "female": Sex.FEMALE, "f": Sex.FEMALE}


class IntakeKind(Enum):
    """Which DRI a recommended intake is."""

    RDA = "RDA"
    """Recommended Dietary Allowance: meets the needs of nearly all (97-98%) healthy people."""
    AI = "AI"
    """Adequate Intake: set where evidence was too thin for an RDA; assumed adequate."""


class UpperLimitScope(Enum):
    """Which intake a Tolerable Upper Intake Level (UL) applies to."""

    TOTAL_INTAKE = "total intake"
    """Food, water and supplements together."""
    SUPPLEMENTS_AND_MEDICINES = "supplements and medicines only"
    """Supplemental and pharmacological forms only; food does not count (magnesium)."""


class HpoMatch(Enum):
    """How closely a symptom matches the HPO term it cites."""

    EXACT = "exact"
    """The term means the same thing."""
    BROADER = "broader"
    """The term is broader (e.g. night-time calf cramps cite 'Muscle spasm')."""


class FactorKind(Enum):
    """The kind of a non-nutritional factor."""

    MEDICATION = "medication"
    CONDITION = "condition"
    BEHAVIOUR = "behaviour"
    STATE = "physiological state"


class AdviceKind(Enum):
    """Whether a step is meant to prevent, to relieve, or to keep one safe."""

    PREVENTION = "prevention"
    RELIEF = "relief"
    CAUTION = "caution"


class FoodGroup(Enum):
    """USDA SR food groups used by the shipped foods (code → name in SR's FD_GROUP)."""

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


class RefKind(Enum):
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


class Predicate(Enum):
    """What a relation asserts of its subject and object."""

    CAUSES = "causes"
    """Subject (a deficiency, excess or factor) brings about the object (usually a symptom)."""
    RAISES_RISK_OF = "raises risk of"
    """Subject makes the object more likely without being a direct cause."""
    SUPPLIES = "supplies"
    """A food is a source of a nutrient."""
    DEPLETES = "depletes"
    """A factor lowers the body's stores or blood level of a nutrient."""
    PREVENTS = "prevents"
    """Advice (or a nutrient) makes the object less likely."""
    RELIEVES = "relieves"
    """Advice eases the object once it has started."""
    ASSESSED_BY = "assessed by"
    """A deficiency is measured by a lab test."""


_REF_KINDS = frozenset(k.value for k in RefKind)


class Ref(str):
    """A typed pointer ``"kind:id"`` from a relation to a record, e.g. ``"deficiency:magnesium"``.

    Making one checks it: ``Ref("nutrient:iron")`` works, ``Ref("iron")`` raises ``ValueError``.
    """

    __slots__ = ()

    @property
    def kind(self) -> RefKind:
        """The kind of record pointed at."""
        return RefKind(self.partition(":")[0])

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
        if not sep or kind not in _REF_KINDS or not _ID.fullmatch(record_id):
            kinds = ", ".join(k.value for k in RefKind)
            raise ValueError(f"bad reference {text!r}: expected 'kind:id' with kind one of {kinds}")
        return super().__new__(cls, text)

    @classmethod
    def parse(cls, text: str) -> Ref:
        """Check and return a reference written ``"kind:id"`` (a ``Ref`` is returned as it is)."""
        return text if type(text) is cls else cls(text)


def _to_ref(value: str) -> Ref:
    return Ref.parse(value)


def _ref(instance: object, attribute: attrs.Attribute[Ref], value: Ref) -> None:
    if not isinstance(value, Ref):  # a Ref checks its text when it is made
        raise TypeError(f"{attribute.name} must be a Ref")


# --------------------------------------------------------------------------- records


@attrs.frozen(kw_only=True)
class Source:
    """A document that facts were read from."""

    id: str = attrs.field(validator=_pattern(_ID, "a lower-case, hyphenated id"))
    """Stable id that facts cite, e.g. ``"nasem-2019-elements-rda"``."""
    title: str = attrs.field(validator=_text)
    """Title of the document."""
    publisher: str = attrs.field(validator=_text)
    """Publisher, journal or organisation."""
    kind: SourceKind
    """What kind of document it is."""
    year: int | None = attrs.field(default=None)
    """Year of publication (or of the version read), when known."""
    url: str | None = attrs.field(default=None, validator=_optional_text)
    """Where it was read. When only a copy was available, the copy's address."""
    copy_of: str | None = attrs.field(default=None, validator=_optional_text)
    """When ``url`` is a reproduction, what the original is (title, publisher, address)."""
    pmid: str | None = attrs.field(default=None, validator=_pattern(_PMID, "a PubMed id of digits", True))
    """PubMed id, if the document has one."""
    doi: str | None = attrs.field(default=None, validator=_pattern(_DOI, "a DOI '10.xxxx/...'", True))
    """DOI, if the document has one."""
    accessed: str | None = attrs.field(default=None, validator=_pattern(_DATE, "a date YYYY-MM-DD", True))
    """Date the copy was read (ISO 8601)."""
    used_for: str | None = attrs.field(default=None, validator=_optional_text)
    """What the knowledge base took from it."""


@attrs.frozen(kw_only=True)
class Statement:
    """A fact about one record, in the project's own words, graded and sourced."""

    text: str = attrs.field(validator=_text)
    """The fact."""
    evidence: EvidenceGrade
    """How well the literature supports it."""
    sources: tuple[str, ...] = attrs.field(validator=_sources)
    """Ids of the sources it was read from."""
    claims: tuple[str, ...] = attrs.field(default=(), validator=_claims)
    """Seed claims (S01..S44) this statement covers."""
    note: str | None = attrs.field(default=None, validator=_optional_text)
    """Caveats, disagreements between sources."""


@attrs.frozen(kw_only=True)
class Nutrient:
    """A nutrient in scope, with its roles, deficiency state and conversion constants."""

    id: str = attrs.field(validator=_pattern(_ID, "a lower-case, hyphenated id"))
    """Stable id, e.g. ``"magnesium"``."""
    name: str = attrs.field(validator=_text)
    """Display name."""
    kind: str = attrs.field(validator=attrs.validators.in_(("mineral", "vitamin")))
    """``"mineral"`` or ``"vitamin"``."""
    unit: Unit
    """Unit of intakes and food amounts (mg or µg)."""
    deficiency: str = attrs.field(validator=_text)
    """Name of the deficiency state, e.g. ``"hypomagnesemia"``."""
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    """Other names: chemical names, symbols, common spellings."""
    symbol: str | None = attrs.field(default=None, validator=_optional_text)
    """Chemical symbol for an element (``"Mg"``)."""
    chebi: str | None = attrs.field(default=None, validator=_pattern(_CHEBI, "a ChEBI id 'CHEBI:n'", True))
    """ChEBI cross-reference (for minerals the element's atom; for vitamins the vitamin class)."""
    chebi_label: str | None = attrs.field(default=None, validator=_optional_text)
    """ChEBI's name for that entity, e.g. ``"magnesium atom"``."""
    chebi_sources: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    """Where the ChEBI id and name were read."""
    molar_mass: float | None = attrs.field(default=None, validator=_positive)
    """g/mol, for mass ↔ molar concentration conversions."""
    valence: int | None = attrs.field(default=None)
    """Charge of the ion, for mmol/L ↔ mEq/L conversions."""
    iu_per_microgram: float | None = attrs.field(default=None, validator=_positive)
    """International units per µg (vitamin D: 40)."""
    constants_sources: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    """Sources of the molar mass, valence and IU factor."""
    daily_value: Amount | None = None
    """FDA Daily Value for adults and children 4 years and older (2016 rule)."""
    daily_value_sources: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    """Sources of the Daily Value."""
    summary: str | None = attrs.field(default=None, validator=_optional_text)
    """One or two sentences on what it does for muscles and nerves."""
    roles: tuple[Statement, ...] = attrs.field(default=(), validator=_tuple_of(Statement))
    """Roles in muscle and nerve function, each graded and sourced."""
    excess: tuple[Statement, ...] = attrs.field(default=(), validator=_tuple_of(Statement))
    """Effects of too much, each graded and sourced."""
    supplement_forms: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    """Supplement and treatment forms named by the sources (e.g. magnesium oxide, citrate)."""
    supplement_sources: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    """Where the supplement forms were read."""


@attrs.frozen(kw_only=True)
class Symptom:
    """A symptom or sign, cross-referenced to the Human Phenotype Ontology."""

    id: str = attrs.field(validator=_pattern(_ID, "a lower-case, hyphenated id"))
    """Stable id, e.g. ``"muscle-cramp"``."""
    name: str = attrs.field(validator=_text)
    """Display name."""
    hpo_id: str = attrs.field(validator=_pattern(_HPO, "an HPO id 'HP:nnnnnnn'"))
    """Human Phenotype Ontology term id."""
    hpo_label: str = attrs.field(validator=_text)
    """The HPO term's label in the release cited (labels drift between releases)."""
    hpo_sources: tuple[str, ...] = attrs.field(validator=_sources)
    """Where the HPO id and label were read (the ontology release)."""
    hpo_match: HpoMatch = HpoMatch.EXACT
    """Whether the HPO term is an exact or a broader match."""
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    """Lay and clinical synonyms ("charley horse", "pins and needles")."""
    description: str | None = attrs.field(default=None, validator=_optional_text)
    """What it is, in plain words."""
    facts: tuple[Statement, ...] = attrs.field(default=(), validator=_tuple_of(Statement))
    """Graded facts about the symptom itself (what it is, how common)."""


@attrs.frozen(kw_only=True)
class Serving:
    """A household serving of a food and its weight."""

    label: str = attrs.field(validator=_text)
    """Household measure, e.g. ``"1 medium (7 in to 7-7/8 in long)"``."""
    grams: float = attrs.field(validator=_positive)
    """Its weight in grams."""


@attrs.frozen(kw_only=True)
class NutrientContent:
    """How much of one nutrient 100 g of a food holds."""

    nutrient: str = attrs.field(validator=_pattern(_ID, "a nutrient id"))
    """Nutrient id."""
    per_100g: Amount
    """Amount per 100 g edible portion, in the nutrient's unit."""


@attrs.frozen(kw_only=True)
class Food:
    """A food with its USDA identifiers, servings and composition per 100 g."""

    id: str = attrs.field(validator=_pattern(_ID, "a lower-case, hyphenated id"))
    """Stable id, e.g. ``"banana-raw"``."""
    name: str = attrs.field(validator=_text)
    """Display name."""
    ndb_number: str = attrs.field(validator=_pattern(_NDB, "a five-digit USDA SR NDB number"))
    """USDA Standard Reference NDB number (kept as text: leading zeros matter)."""
    usda_description: str = attrs.field(validator=_text)
    """The food's long description in the USDA release."""
    food_group: FoodGroup
    """USDA food group."""
    servings: tuple[Serving, ...] = attrs.field(validator=_tuple_of(Serving))
    """Household servings; the first is the default serving."""
    composition: tuple[NutrientContent, ...] = attrs.field(validator=_tuple_of(NutrientContent))
    """Amounts per 100 g of each in-scope nutrient the release reports."""
    sources: tuple[str, ...] = attrs.field(validator=_sources)
    """Source ids (the USDA release)."""
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    """Other names."""
    fdc_id: int | None = None
    """FoodData Central id, only where verified."""

    @servings.validator
    def _check_servings(self, attribute: attrs.Attribute[tuple[Serving, ...]], value: tuple[Serving, ...]) -> None:
        if not value:
            raise ValueError("servings must list at least one serving")
        labels = [s.label for s in value]
        if len(set(labels)) != len(labels):
            raise ValueError("servings has two servings with the same label")

    @composition.validator
    def _check_composition(
        self, attribute: attrs.Attribute[tuple[NutrientContent, ...]], value: tuple[NutrientContent, ...]
    ) -> None:
        ids = [c.nutrient for c in value]
        if len(set(ids)) != len(ids):
            raise ValueError("composition lists a nutrient twice")

    @property
    def default_serving(self) -> Serving:
        """The serving used when none is named (the first listed)."""
        return self.servings[0]

    def per_100g(self, nutrient: str) -> Amount | None:
        """Amount of ``nutrient`` (an id) in 100 g, or None if the release reports none."""
        for content in self.composition:
            if content.nutrient == nutrient:
                return content.per_100g
        return None

    def serving(self, label: str | None = None) -> Serving:
        """The serving with ``label`` (exact or case-insensitive), or the default one.

        Raises:
            ValueError: no serving has that label; the message lists the labels.
        """
        if label is None:
            return self.default_serving
        for serving in self.servings:
            if serving.label == label or serving.label.casefold() == label.casefold():
                return serving
        labels = ", ".join(repr(s.label) for s in self.servings)
        raise ValueError(f"{self.name} has no serving {label!r}; its servings: {labels}")


@attrs.frozen(kw_only=True)
class LifeStage:
    """A DRI life-stage group: an age band, a sex, and pregnancy or lactation."""

    min_months: int = attrs.field(validator=_non_negative)
    """Youngest age in the band, in completed months (inclusive)."""
    max_months: int | None = attrs.field(default=None)
    """Age at which the band ends, in months (exclusive); None for no upper end."""
    sex: Sex = Sex.ANY
    """Which sex the group is for."""
    pregnant: bool = False
    """A pregnancy group."""
    lactating: bool = False
    """A lactation group."""

    def __attrs_post_init__(self) -> None:
        if self.max_months is not None and self.max_months <= self.min_months:
            raise ValueError("max_months must be greater than min_months")
        if self.pregnant and self.lactating:
            raise ValueError("a life stage cannot be both pregnant and lactating")
        if (self.pregnant or self.lactating) and self.sex is not Sex.FEMALE:
            raise ValueError("pregnancy and lactation groups must have sex 'female'")

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


@attrs.frozen(kw_only=True)
class UpperLimit:
    """A Tolerable Upper Intake Level and what intake it applies to."""

    amount: Amount
    """The daily limit."""
    scope: UpperLimitScope
    """Which intake counts against it."""
    sources: tuple[str, ...] = attrs.field(validator=_sources)
    """Where it was read."""
    note: str | None = attrs.field(default=None, validator=_optional_text)
    """What the limit is based on, caveats."""


@attrs.frozen(kw_only=True)
class IntakeRecommendation:
    """The DRI for one nutrient and one life-stage group."""

    nutrient: str = attrs.field(validator=_pattern(_ID, "a nutrient id"))
    """Nutrient id."""
    life_stage: LifeStage
    """Who it is for."""
    kind: IntakeKind
    """RDA or AI."""
    amount: Amount
    """Daily amount."""
    sources: tuple[str, ...] = attrs.field(validator=_sources)
    """Where the RDA/AI was read."""
    upper_limit: UpperLimit | None = None
    """The UL, or None where none was set."""
    chronic_disease_risk_reduction: Amount | None = None
    """Sodium's CDRR: intakes above it should be reduced; not a UL."""
    note: str | None = attrs.field(default=None, validator=_optional_text)
    """Caveats, disagreeing sources."""


@attrs.frozen(kw_only=True)
class ReferenceRange:
    """A lab's reference interval for a test in one population."""

    low: float | None = attrs.field(validator=_non_negative)
    """Lower bound (inclusive), or None."""
    high: float | None = attrs.field(validator=_non_negative)
    """Upper bound (inclusive), or None."""
    unit: Unit
    """Unit of the bounds."""
    sources: tuple[str, ...] = attrs.field(validator=_sources)
    """Lab or publication the interval comes from."""
    sex: Sex = Sex.ANY
    """Which sex it applies to."""
    population: str = "adults"
    """Who it applies to."""
    note: str | None = attrs.field(default=None, validator=_optional_text)
    """Caveats (assay, lab)."""

    def __attrs_post_init__(self) -> None:
        if self.low is None and self.high is None:
            raise ValueError("a reference range needs a low or a high bound")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("low must not exceed high")


@attrs.frozen(kw_only=True)
class Cutoff:
    """A guideline's decision threshold on a lab value (e.g. vitamin D status bands)."""

    label: str = attrs.field(validator=_text)
    """What a value in the band means, e.g. ``"at risk of deficiency"``."""
    unit: Unit
    """Unit of the bounds."""
    sources: tuple[str, ...] = attrs.field(validator=_sources)
    """The guideline."""
    low: float | None = attrs.field(default=None, validator=_non_negative)
    """Lower bound (inclusive), or None."""
    high: float | None = attrs.field(default=None, validator=_non_negative)
    """Upper bound (exclusive unless ``high_inclusive``), or None."""
    high_inclusive: bool = False
    """Whether a value equal to ``high`` is inside the band (e.g. "75 ng/mL or less")."""
    note: str | None = attrs.field(default=None, validator=_optional_text)
    """Context: whose threshold, for what decision."""

    def contains(self, value: float) -> bool:
        """Whether ``value`` (in this cut-off's unit) falls in the band."""
        if self.low is not None and value < self.low:
            return False
        if self.high is None:
            return True
        return value <= self.high if self.high_inclusive else value < self.high


@attrs.frozen(kw_only=True)
class LabTest:
    """A laboratory test, its LOINC code, reference intervals and guideline cut-offs."""

    id: str = attrs.field(validator=_pattern(_ID, "a lower-case, hyphenated id"))
    """Stable id, e.g. ``"serum-magnesium"``."""
    name: str = attrs.field(validator=_text)
    """Display name."""
    specimen: str = attrs.field(validator=_text)
    """Specimen, e.g. ``"serum or plasma"``."""
    loinc: str | None = attrs.field(validator=_pattern(_LOINC, "a LOINC code 'nnnn-n'", True))
    """LOINC code of the result, None where it could not be verified."""
    loinc_sources: tuple[str, ...] = attrs.field(validator=_strings)
    """Where the LOINC code was read."""
    reference_ranges: tuple[ReferenceRange, ...] = attrs.field(validator=_tuple_of(ReferenceRange))
    """Reference intervals; the first matching one is the one shipped, others are alternatives."""
    nutrient: str | None = attrs.field(default=None)
    """Nutrient whose status the test reflects."""
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    """Other names."""
    cutoffs: tuple[Cutoff, ...] = attrs.field(default=(), validator=_tuple_of(Cutoff))
    """Guideline decision thresholds."""
    molar_mass: float | None = attrs.field(default=None, validator=_positive)
    """Molar mass of the measured analyte (g/mol), for unit conversion."""
    valence: int | None = None
    """Charge of the measured ion, for mEq/L."""
    iu_per_microgram: float | None = None
    """Not used for lab analytes; present so a LabTest is an ``Analyte``."""
    constants_sources: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    """Sources of the molar mass and valence."""
    facts: tuple[Statement, ...] = attrs.field(default=(), validator=_tuple_of(Statement))
    """Sourced facts about the test, such as another lab's code or a disagreement."""
    note: str | None = attrs.field(default=None, validator=_optional_text)
    """What the test can and cannot tell."""

    @reference_ranges.validator
    def _check_ranges(self, attribute: attrs.Attribute[tuple[ReferenceRange, ...]], value: tuple[ReferenceRange, ...]) -> None:
        if not value:
            raise ValueError("reference_ranges must list at least one range")


@attrs.frozen(kw_only=True)
class Factor:
    """A non-nutritional factor: a medication, condition, behaviour or physiological state."""

    id: str = attrs.field(validator=_pattern(_ID, "a lower-case, hyphenated id"))
    """Stable id, e.g. ``"loop-diuretics"``."""
    name: str = attrs.field(validator=_text)
    """Display name."""
    kind: FactorKind
    """What kind of factor it is."""
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    """Other names, e.g. drug names."""
    description: str | None = attrs.field(default=None, validator=_optional_text)
    """What it is."""


@attrs.frozen(kw_only=True)
class Advice:
    """A prevention or relief step, or a caution."""

    id: str = attrs.field(validator=_pattern(_ID, "a lower-case, hyphenated id"))
    """Stable id, e.g. ``"stretch-calves"``."""
    name: str = attrs.field(validator=_text)
    """Short title."""
    kind: AdviceKind
    """Prevention, relief or caution."""
    text: str = attrs.field(validator=_text)
    """The step, in plain words."""
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    """Other names."""


@attrs.frozen(kw_only=True)
class RedFlag:
    """A sign that calls for medical attention rather than self-care."""

    id: str = attrs.field(validator=_pattern(_ID, "a lower-case, hyphenated id"))
    """Stable id."""
    text: str = attrs.field(validator=_text)
    """When to see a doctor, in plain words."""
    evidence: EvidenceGrade
    """Grade of the recommendation."""
    sources: tuple[str, ...] = attrs.field(validator=_sources)
    """Source ids."""
    symptoms: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    """Symptom ids it applies to; empty means it applies to every symptom."""
    claims: tuple[str, ...] = attrs.field(default=(), validator=_claims)
    """Seed claims it covers."""
    urgent: bool = False
    """True when it calls for urgent care rather than a routine visit."""


@attrs.frozen(kw_only=True)
class Relation:
    """A graded, sourced assertion linking two records (``subject predicate object``)."""

    id: str = attrs.field(validator=_pattern(_ID, "a lower-case, hyphenated id"))
    """Stable id."""
    subject: Ref = attrs.field(converter=_to_ref, validator=_ref)
    """What the assertion is about, e.g. ``deficiency:magnesium``."""
    predicate: Predicate
    """What is asserted."""
    object: Ref = attrs.field(converter=_to_ref, validator=_ref)
    """What it is asserted of, e.g. ``symptom:muscle-cramp``."""
    evidence: EvidenceGrade
    """How well the literature supports it."""
    sources: tuple[str, ...] = attrs.field(validator=_sources)
    """Ids of the sources read."""
    note: str | None = attrs.field(default=None, validator=_optional_text)
    """Explanation, mechanism, disagreement between sources."""
    population: str | None = attrs.field(default=None, validator=_optional_text)
    """Who the grade applies to, where that matters (e.g. "pregnant women")."""
    claims: tuple[str, ...] = attrs.field(default=(), validator=_claims)
    """Seed claims (S01..S44) this relation states."""
