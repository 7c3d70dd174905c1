"""The knowledge base: every record, validated together, and the façade over every query.

A [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase] is immutable. It holds the
records and binds each query from the topic module that owns it, with its indexes:

| topic module | queries |
|---|---|
| [lookups][muscle_nutrients.lookups] | ``records``, ``lookup``, ``get``, ``nutrient`` ... ``source``, ``get_*``, ``search`` |
| [causes][muscle_nutrients.causes] | ``symptoms_of``, ``causes_of``, ``advice_for``, ``advice_for_deficiency``, ``cautions_for``, ``red_flags`` |
| [ranking][muscle_nutrients.ranking] | ``rank_causes`` |
| [terms][muscle_nutrients.terms] | ``find_terms`` |
| [foods][muscle_nutrients.foods] | ``search_foods``, ``foods_rich_in``, ``nutrients_in``, ``daily_value`` |
| [intakes][muscle_nutrients.intakes] | ``intake``, ``assess_diet`` |
| [labs][muscle_nutrients.labs] | ``lab_tests_for``, ``interpret_lab`` |
| [fhir][muscle_nutrients.fhir] | ``interpret_observation`` |
| [factors][muscle_nutrients.factors] | ``effects_of``, ``affecting``, ``depleted_by`` |
| [graph][muscle_nutrients.graph] | ``relations_from``, ``relations_to``, ``relations_for_claim``, ``facts_for_claim`` |

Each topic builds its indexes the first time one of its queries runs (thread-safely), so
loading is cheap and a warm query is a dictionary access and a slice. Every query accepts
what callers hold: a record returned by another query, its id, its name or an alias.
"""

from __future__ import annotations

import os
import warnings
from functools import partial
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import _validation, causes, fhir, graph, labs, lookups, ranking, terms
from . import factors as factor_queries  # the class has properties named factors, foods, intakes
from . import foods as food_queries
from . import intakes as intake_queries
from ._lazy import Pending
from ._store import Loader, Store, combined
from .document import Document, kinds_of
from .errors import DataError, OverrideWarning
from .model import Advice, Factor, Food, IntakeRecommendation, LabTest, Nutrient, Relation, Source, Symptom
from .names import NameIndexes
from .ranking import EVIDENCE_WEIGHTS

__all__ = ["EVIDENCE_WEIGHTS", "KnowledgeBase"]

# Each topic's index object, built from the knowledge base on first use.
_TOPICS: Mapping[str, Callable[[KnowledgeBase], object]] = {
    "_causes": lambda kb: causes.CauseIndex(kb._store),
    "_ranker": lambda kb: ranking.Ranker(kb._causes, kb._store),
    "_foods": lambda kb: food_queries.FoodIndex(kb._store),
    "_intakes": lambda kb: intake_queries.IntakeIndex(kb._store),
    "_labs": lambda kb: labs.LabIndex(kb._store),
    "_factors": lambda kb: factor_queries.FactorIndex(kb._store),
    "_graph": lambda kb: graph.Graph(kb._store),
    "_terms": lambda kb: terms.TermIndex(kb._store),
}


class KnowledgeBase:
    """All records, validated together, and every query over them.

    Build one from a [Document][muscle_nutrients.document.Document] or from records given
    by kind (``KnowledgeBase(nutrients=[...], symptoms=[...])``), or get the packaged one
    with [muscle_nutrients.load][muscle_nutrients.loading.load]. Construction raises
    [DataError][muscle_nutrients.errors.DataError] listing every problem found: duplicate
    ids or names, references to records that do not exist, units that do not fit.

    The queries are documented in the topic modules listed in
    [muscle_nutrients.knowledge_base][muscle_nutrients.knowledge_base].
    """

    __slots__ = ("_store", "_names", "_data_version", "_overrides", *_TOPICS)
    _store: Store
    _names: NameIndexes
    _data_version: str
    _overrides: tuple[str, ...]
    _causes: causes.CauseIndex
    _ranker: ranking.Ranker
    _foods: food_queries.FoodIndex
    _intakes: intake_queries.IntakeIndex
    _labs: labs.LabIndex
    _factors: factor_queries.FactorIndex
    _graph: graph.Graph
    _terms: terms.TermIndex

    def __init__(self, document: Document | None = None, /, *, data_version: str | None = None, **records: Iterable[Any]) -> None:
        if document is None:
            tables: dict[str, Any] = {k: tuple(v) for k, v in records.items()}
            document = Document(data_version=data_version, **tables)
        elif records:
            raise TypeError("give either a Document or records by kind, not both")
        kinds = kinds_of(type(document))
        store, _, problems = combined(Store(kinds), kinds, [(document, None)], False)
        self._setup(store, data_version or document.data_version or "unversioned", ())
        problems += _validation.problems(store)
        if problems:
            raise DataError(problems)

    def _setup(self, store: Store, data_version: str, overrides: tuple[str, ...]) -> None:
        for slot, value in (("_store", store), ("_names", store.names), ("_data_version", data_version), ("_overrides", overrides)):
            object.__setattr__(self, slot, value)
        for slot, build in _TOPICS.items():
            object.__setattr__(self, slot, Pending(self, slot, partial(build, self)))

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"a KnowledgeBase cannot be changed (tried to set {name!r}); extend() makes a new one")

    @classmethod
    def _lazy(cls, load: Loader, data_version: str) -> KnowledgeBase:
        """A knowledge base whose tables ``load`` reads on first use (trusted, packaged data)."""
        kb = cls.__new__(cls)
        kb._setup(Store(kinds_of(Document), load=load), data_version, ())
        return kb

    @classmethod
    def from_document(cls, document: Document) -> KnowledgeBase:
        """Build a knowledge base from one [Document][muscle_nutrients.document.Document]."""
        return cls(document)

    @property
    def data_version(self) -> str:
        """Version of the data (``DATA_VERSION`` for the packaged knowledge base)."""
        return self._data_version

    @property
    def overrides(self) -> tuple[str, ...]:
        """Records that replaced others when this knowledge base was extended (``"lab test 'serum-magnesium'"``)."""
        return self._overrides

    def extend(self, *documents: Document, override: bool = False) -> KnowledgeBase:
        """A new knowledge base with the records of ``documents`` added; this one is unchanged.

        A record whose identity (its id; for intakes, nutrient and life stage) is already
        present is an error, unless ``override`` is true: then it replaces the existing
        record, is listed in the new knowledge base's ``overrides`` and is reported with an
        ``OverrideWarning``. A document of a subclass of ``Document`` adds its kinds.

        Raises:
            DataError: collisions without ``override``, or any validation problem of the
                combined records; every problem is listed.
        """
        return self._extended([(document, None) for document in documents], override)

    def _extended(self, located: list[tuple[Document, str | None]], override: bool) -> KnowledgeBase:
        document_class = self._store.kinds.document
        for document, _ in located:
            if issubclass(type(document), document_class):
                document_class = type(document)
        store, replaced, problems = combined(self._store, kinds_of(document_class), located, override)
        if not problems:
            for label in replaced:
                warnings.warn(f"replacing {label}", OverrideWarning, stacklevel=3)
            kb = KnowledgeBase.__new__(KnowledgeBase)
            kb._setup(store, self._data_version, (*self._overrides, *replaced))
            problems = _validation.problems(store)
        if problems:
            raise DataError(problems)
        return kb

    def merge(self, other: KnowledgeBase, *, override: bool = False) -> KnowledgeBase:
        """A new knowledge base with ``other``'s records added (see ``extend``)."""
        return self.extend(other.to_document(), override=override)

    def to_document(self) -> Document:
        """Every record as one [Document][muscle_nutrients.document.Document] (for export)."""
        store = self._store
        document: Document = store.kinds.document(
            data_version=self._data_version, **{k.field: tuple(store.table(k.record)) for k in store.kinds}
        )
        return document

    def to_sqlite(self, path: str | os.PathLike[str]) -> Path:
        """Write the knowledge base as a SQLite database. See [sqlite.to_sqlite][muscle_nutrients.sqlite.to_sqlite]."""
        from . import sqlite

        return sqlite.to_sqlite(self, path)

    def to_frame(self, kind: str | type, *, wide: bool = False) -> Any:
        """One table as a pandas DataFrame (extra ``dataframe``). See [frames.to_frame][muscle_nutrients.frames.to_frame]."""
        from . import frames

        return frames.to_frame(self, kind, wide=wide)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(self._store.table(k.record))} {k.field.replace('_', ' ')}" for k in self._store.kinds)
        return f"<KnowledgeBase {self._data_version}: {counts}>"

    # ------------------------------------------------------------------ collections

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source, in data order."""
        return self._store.records(Source)

    @property
    def nutrients(self) -> tuple[Nutrient, ...]:
        """Every nutrient."""
        return self._store.records(Nutrient)

    @property
    def symptoms(self) -> tuple[Symptom, ...]:
        """Every symptom."""
        return self._store.records(Symptom)

    @property
    def foods(self) -> Sequence[Food]:
        """Every food: a read-only sequence (for the packaged table, all 8,463 USDA SR foods, each
        made when first reached). ``common_foods`` are the ones chosen by hand."""
        return self._store.table(Food)

    @property
    def common_foods(self) -> tuple[Food, ...]:
        """The foods chosen by hand (friendly names, everyday aliases), in their order."""
        foods = self._store.table(Food)
        common = getattr(foods, "common", None)
        return common if common is not None else tuple(f for f in foods if f.common)

    @property
    def factors(self) -> tuple[Factor, ...]:
        """Every non-nutritional factor."""
        return self._store.records(Factor)

    @property
    def lab_tests(self) -> tuple[LabTest, ...]:
        """Every lab test."""
        return self._store.records(LabTest)

    @property
    def advice(self) -> tuple[Advice, ...]:
        """Every prevention, relief or caution step."""
        return self._store.records(Advice)

    @property
    def intakes(self) -> tuple[IntakeRecommendation, ...]:
        """Every DRI record (one per nutrient and life stage)."""
        return self._store.records(IntakeRecommendation)

    @property
    def relations(self) -> tuple[Relation, ...]:
        """Every relation."""
        return self._store.records(Relation)

    # ------------------------------------------------------------------ queries, by topic module

    records = lookups.records
    """Every record of a kind, by its class. See [lookups.records][muscle_nutrients.lookups.records]."""
    lookup = lookups.lookup
    """A record of any kind by id, name or alias. See [lookups.lookup][muscle_nutrients.lookups.lookup]."""
    get = lookups.get
    """Like ``lookup``, but None when unknown. See [lookups.get][muscle_nutrients.lookups.get]."""
    nutrient = lookups.nutrient
    """A nutrient by id, name, alias or symbol. See [lookups.nutrient][muscle_nutrients.lookups.nutrient]."""
    symptom = lookups.symptom
    """A symptom by id, name or alias. See [lookups.symptom][muscle_nutrients.lookups.symptom]."""
    food = lookups.food
    """A food by id, name or alias. See [lookups.food][muscle_nutrients.lookups.food]."""
    factor = lookups.factor
    """A factor by id, name or alias. See [lookups.factor][muscle_nutrients.lookups.factor]."""
    lab_test = lookups.lab_test
    """A lab test by id, name or alias. See [lookups.lab_test][muscle_nutrients.lookups.lab_test]."""
    advice_item = lookups.advice_item
    """An advice record by id, name or alias. See [lookups.advice_item][muscle_nutrients.lookups.advice_item]."""
    source = lookups.source
    """A source by id. See [lookups.source][muscle_nutrients.lookups.source]."""
    get_nutrient = lookups.get_nutrient
    """Like ``nutrient``, but None when unknown."""
    get_symptom = lookups.get_symptom
    """Like ``symptom``, but None when unknown."""
    get_food = lookups.get_food
    """Like ``food``, but None when unknown."""
    get_factor = lookups.get_factor
    """Like ``factor``, but None when unknown."""
    get_lab_test = lookups.get_lab_test
    """Like ``lab_test``, but None when unknown."""
    get_advice = lookups.get_advice
    """Like ``advice_item``, but None when unknown."""
    get_source = lookups.get_source
    """Like ``source``, but None when unknown."""
    search = lookups.search
    """Records of any named kind matching a text, ranked. See [lookups.search][muscle_nutrients.lookups.search]."""

    symptoms_of = causes.symptoms_of
    """A deficiency's (or excess's) symptoms, strongest first. See [causes.symptoms_of][muscle_nutrients.causes.symptoms_of]."""
    causes_of = causes.causes_of
    """A symptom's causes, strongest first. See [causes.causes_of][muscle_nutrients.causes.causes_of]."""
    advice_for = causes.advice_for
    """Steps that prevent or relieve a symptom. See [causes.advice_for][muscle_nutrients.causes.advice_for]."""
    advice_for_deficiency = causes.advice_for_deficiency
    """Steps that prevent or relieve a deficiency. See [causes.advice_for_deficiency][muscle_nutrients.causes.advice_for_deficiency]."""
    cautions_for = causes.cautions_for
    """What not to do about a symptom. See [causes.cautions_for][muscle_nutrients.causes.cautions_for]."""
    red_flags = causes.red_flags
    """When to see a doctor, for a symptom or in general. See [causes.red_flags][muscle_nutrients.causes.red_flags]."""
    rank_causes = ranking.rank_causes
    """The causes of several symptoms, ranked and explained. See [ranking.rank_causes][muscle_nutrients.ranking.rank_causes]."""
    find_terms = terms.find_terms
    """Symptoms, medicines, conditions, nutrients and foods in a free text. See [terms.find_terms][muscle_nutrients.terms.find_terms]."""
    effects_of = factor_queries.effects_of
    """What a factor does to nutrients and symptoms. See [factors.effects_of][muscle_nutrients.factors.effects_of]."""
    affecting = factor_queries.affecting
    """What lowers or raises a nutrient. See [factors.affecting][muscle_nutrients.factors.affecting]."""
    depleted_by = factor_queries.depleted_by
    """The nutrients a factor lowers. See [factors.depleted_by][muscle_nutrients.factors.depleted_by]."""

    search_foods = food_queries.search_foods
    """Foods for what a person types. See [foods.search_foods][muscle_nutrients.foods.search_foods]."""
    foods_rich_in = food_queries.foods_rich_in
    """Foods with most of a nutrient. See [foods.foods_rich_in][muscle_nutrients.foods.foods_rich_in]."""
    nutrients_in = food_queries.nutrients_in
    """The nutrients of one food. See [foods.nutrients_in][muscle_nutrients.foods.nutrients_in]."""
    daily_value = food_queries.daily_value
    """A nutrient's FDA Daily Value. See [foods.daily_value][muscle_nutrients.foods.daily_value]."""
    intake = intake_queries.intake
    """RDA or AI, UL and CDRR for a person. See [intakes.intake][muscle_nutrients.intakes.intake]."""
    assess_diet = intake_queries.assess_diet
    """A day's foods and supplements against a person's targets. See [intakes.assess_diet][muscle_nutrients.intakes.assess_diet]."""

    lab_tests_for = labs.lab_tests_for
    """The lab tests of a nutrient. See [labs.lab_tests_for][muscle_nutrients.labs.lab_tests_for]."""
    interpret_lab = labs.interpret_lab
    """A lab value against ranges and cut-offs. See [labs.interpret_lab][muscle_nutrients.labs.interpret_lab]."""
    interpret_observation = fhir.interpret_observation
    """A FHIR R4 Observation: HL7 interpretation code, range and sources. See [fhir.interpret_observation][muscle_nutrients.fhir.interpret_observation]."""

    relations_from = graph.relations_from
    """Relations whose subject is a reference. See [graph.relations_from][muscle_nutrients.graph.relations_from]."""
    relations_to = graph.relations_to
    """Relations whose object is a reference. See [graph.relations_to][muscle_nutrients.graph.relations_to]."""
    relations_for_claim = graph.relations_for_claim
    """Relations tagged with a seed claim. See [graph.relations_for_claim][muscle_nutrients.graph.relations_for_claim]."""
    facts_for_claim = graph.facts_for_claim
    """Everything tagged with a seed claim. See [graph.facts_for_claim][muscle_nutrients.graph.facts_for_claim]."""
