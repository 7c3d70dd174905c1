"""The knowledge base: every record, validated together, indexed both ways, and queried.

A [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase] is immutable. Building one
checks uniqueness and referential integrity and builds every index, so a query is a
dictionary access and a slice -- no query scans the records.
"""

from __future__ import annotations

import difflib
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Protocol, TypeVar

from .errors import DataError, UnknownNameError
from .evidence import BY_RANK, EvidenceGrade
from .model import (
    CLAIM_IDS,
    Advice,
    Factor,
    Food,
    IntakeRecommendation,
    LabTest,
    Nutrient,
    Predicate,
    RedFlag,
    Ref,
    RefKind,
    ReferenceRange,
    Relation,
    Sex,
    Source,
    Statement,
    Symptom,
    UpperLimitScope,
)
from .names import NameIndex, normalize
from .results import (
    AdviceLink,
    CauseCandidate,
    CauseLink,
    CauseRanking,
    DietAssessment,
    FoodNutrientRow,
    IntakeTarget,
    LabInterpretation,
    LabStatus,
    NutrientIntake,
    NutrientLink,
    SearchHit,
    SymptomLink,
)
from .document import RECORD_FIELDS, Document
from .units import Amount, Unit, convert_for

__all__ = ["EVIDENCE_WEIGHTS", "KnowledgeBase", "Portion"]

class _Graded(Protocol):
    @property
    def evidence(self) -> EvidenceGrade: ...


R = TypeVar("R", bound=_Graded)

#: Weight of a link in ``rank_causes`` by its evidence grade.
EVIDENCE_WEIGHTS: Mapping[EvidenceGrade, float] = MappingProxyType(
    {
        EvidenceGrade.ESTABLISHED: 1.0,
        EvidenceGrade.PROBABLE: 0.75,
        EvidenceGrade.LIMITED: 0.5,
        EvidenceGrade.UNSUPPORTED: 0.25,
        EvidenceGrade.CONTRADICTED: 0.0,
    }
)

#: A portion in ``assess_diet``: a food name and grams, a serving label, or None (default serving).
Portion = tuple[str, "float | str | None"]

_CAUSAL = (Predicate.CAUSES, Predicate.RAISES_RISK_OF)
_PER_CHOICES = ("serving", "100 g")

# Which record kinds each predicate may join (subject kinds, object kinds).
_SHAPES: dict[Predicate, tuple[frozenset[RefKind], frozenset[RefKind]]] = {
    Predicate.CAUSES: (
        frozenset({RefKind.DEFICIENCY, RefKind.EXCESS, RefKind.FACTOR}),
        frozenset({RefKind.SYMPTOM, RefKind.DEFICIENCY, RefKind.FACTOR}),
    ),
    Predicate.RAISES_RISK_OF: (
        frozenset({RefKind.DEFICIENCY, RefKind.EXCESS, RefKind.FACTOR}),
        frozenset({RefKind.SYMPTOM, RefKind.DEFICIENCY, RefKind.FACTOR}),
    ),
    Predicate.SUPPLIES: (frozenset({RefKind.FOOD, RefKind.FACTOR}), frozenset({RefKind.NUTRIENT})),
    Predicate.DEPLETES: (frozenset({RefKind.FACTOR}), frozenset({RefKind.NUTRIENT})),
    Predicate.PREVENTS: (
        frozenset({RefKind.ADVICE}),
        frozenset({RefKind.SYMPTOM, RefKind.DEFICIENCY, RefKind.EXCESS}),
    ),
    Predicate.RELIEVES: (
        frozenset({RefKind.ADVICE}),
        frozenset({RefKind.SYMPTOM, RefKind.DEFICIENCY, RefKind.EXCESS}),
    ),
    Predicate.ASSESSED_BY: (frozenset({RefKind.DEFICIENCY}), frozenset({RefKind.LAB_TEST})),
}


def _sorted_links(links: Iterable[R], name: Callable[[R], str]) -> tuple[R, ...]:
    """Strongest evidence first, then by name (every link type has ``.evidence``)."""
    return tuple(sorted(links, key=lambda link: (-link.evidence.rank, normalize(name(link)))))


class KnowledgeBase:
    """All records, validated together and indexed for every query.

    Build one from records (keyword arguments) or with
    [muscle_nutrients.load][muscle_nutrients.loading.load]. Construction raises
    [DataError][muscle_nutrients.errors.DataError] listing every problem found: duplicate
    ids or names, references to records that do not exist, units that do not fit.
    """

    __slots__ = (
        "_sources",
        "_nutrients",
        "_symptoms",
        "_foods",
        "_factors",
        "_lab_tests",
        "_advice",
        "_red_flags",
        "_intakes",
        "_relations",
        "_index",
        "_source_by_id",
        "_symptom_links",
        "_cause_links",
        "_food_rows",
        "_food_nutrient_rows",
        "_intakes_by_nutrient",
        "_depletions",
        "_advice_links",
        "_red_flags_by_symptom",
        "_general_red_flags",
        "_by_claim",
        "_facts_by_claim",
        "_relations_by_subject",
        "_relations_by_object",
        "_lab_by_nutrient",
        "_overrides",
        "_has_intakes",
        "_cause_rows",
        "_cause_order",
        "_data_version",
    )

    def __init__(
        self,
        *,
        sources: Sequence[Source] = (),
        nutrients: Sequence[Nutrient] = (),
        symptoms: Sequence[Symptom] = (),
        foods: Sequence[Food] = (),
        factors: Sequence[Factor] = (),
        lab_tests: Sequence[LabTest] = (),
        advice: Sequence[Advice] = (),
        red_flags: Sequence[RedFlag] = (),
        intakes: Sequence[IntakeRecommendation] = (),
        relations: Sequence[Relation] = (),
        data_version: str = "unversioned",
        overrides: Sequence[str] = (),
        origins: Mapping[int, str] | None = None,
    ) -> None:
        self._data_version = data_version
        self._overrides = tuple(overrides)
        self._sources = tuple(sources)
        self._nutrients = tuple(nutrients)
        self._symptoms = tuple(symptoms)
        self._foods = tuple(foods)
        self._factors = tuple(factors)
        self._lab_tests = tuple(lab_tests)
        self._advice = tuple(advice)
        self._red_flags = tuple(red_flags)
        self._intakes = tuple(intakes)
        self._relations = tuple(relations)
        problems: list[str] = []
        # origins: id(record) -> "file: $.path", so a problem can say where the record was read
        at = _locator(origins or {})
        self._build_name_indexes(problems, at)
        self._validate(problems, at)
        if problems:
            raise DataError(problems)
        self._build_query_indexes()

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_document(cls, document: Document) -> KnowledgeBase:
        """Build a knowledge base from one (merged) [Document][muscle_nutrients.serialization.Document]."""
        return cls(
            sources=document.sources,
            nutrients=document.nutrients,
            symptoms=document.symptoms,
            foods=document.foods,
            factors=document.factors,
            lab_tests=document.lab_tests,
            advice=document.advice,
            red_flags=document.red_flags,
            intakes=document.intakes,
            relations=document.relations,
            data_version=document.data_version or "unversioned",
        )

    @property
    def data_version(self) -> str:
        """Version of the data (``DATA_VERSION`` for the packaged knowledge base)."""
        return self._data_version

    @property
    def overrides(self) -> tuple[str, ...]:
        """Records that replaced others when this knowledge base was extended, as ``"kind id"``."""
        return self._overrides

    def extend(
        self, *documents: Document, override: bool = False, origins: Mapping[int, str] | None = None
    ) -> KnowledgeBase:
        """A new knowledge base with the records of ``documents`` added; this one is unchanged.

        A record whose id (for intakes: nutrient and life stage) is already present is an
        error, unless ``override`` is true: then it replaces the existing record and is
        listed in the new knowledge base's [overrides][muscle_nutrients.knowledge_base.KnowledgeBase.overrides]
        and reported with an ``OverrideWarning``. ``origins`` maps ``id(record)`` to where
        the record was read (``"file: $.path"``) so that problems name it.

        Raises:
            DataError: collisions without ``override``, or any validation problem of the
                combined records; every problem is listed.
        """
        import warnings

        from .errors import OverrideWarning

        mine = self.to_document()
        combined: dict[str, dict[object, Any]] = {
            name: {_record_key(name, r): r for r in getattr(mine, name)} for name in RECORD_FIELDS
        }
        problems: list[str] = []
        replaced: list[str] = list(self._overrides)
        for document in documents:
            for name in RECORD_FIELDS:
                for record in getattr(document, name):
                    key = _record_key(name, record)
                    if key in combined[name]:
                        label = f"{name[:-1] if name.endswith('s') else name} {_describe_key(key)}"
                        if not override:
                            origin = (origins or {}).get(id(record))
                            prefix = f"{origin}: " if origin else ""
                            problems.append(f"{prefix}{label} is already defined; pass override=True to replace it")
                            continue
                        replaced.append(label)
                        warnings.warn(f"replacing {label}", OverrideWarning, stacklevel=2)
                    combined[name][key] = record
        if problems:
            raise DataError(problems)
        return KnowledgeBase(
            **{name: tuple(records.values()) for name, records in combined.items()},
            data_version=self._data_version,
            overrides=replaced,
            origins=origins,
        )

    def merge(self, other: KnowledgeBase, *, override: bool = False) -> KnowledgeBase:
        """A new knowledge base with ``other``'s records added (see [extend][muscle_nutrients.knowledge_base.KnowledgeBase.extend])."""
        return self.extend(other.to_document(), override=override)

    def to_document(self) -> Document:
        """Every record as one [Document][muscle_nutrients.serialization.Document] (for export)."""
        return Document(
            data_version=self.data_version,
            sources=self._sources,
            nutrients=self._nutrients,
            symptoms=self._symptoms,
            foods=self._foods,
            factors=self._factors,
            lab_tests=self._lab_tests,
            advice=self._advice,
            red_flags=self._red_flags,
            intakes=self._intakes,
            relations=self._relations,
        )

    def _build_name_indexes(self, problems: list[str], at: Callable[[object], str]) -> None:
        def names(record: Any) -> tuple[str, ...]:
            return (record.id, record.name, *record.aliases)

        def nutrient_names(n: Nutrient) -> tuple[str, ...]:
            return (n.id, n.name, *n.aliases, *((n.symbol,) if n.symbol else ()))

        self._index: dict[str, NameIndex[Any]] = {
            "nutrient": NameIndex("nutrient", self._nutrients, nutrient_names, lambda r: r.name),
            "symptom": NameIndex("symptom", self._symptoms, names, lambda r: r.name),
            "food": NameIndex("food", self._foods, names, lambda r: r.name),
            "factor": NameIndex("factor", self._factors, names, lambda r: r.name),
            "lab test": NameIndex("lab test", self._lab_tests, names, lambda r: r.name),
            "advice": NameIndex("advice", self._advice, names, lambda r: r.name),
        }
        for kind, index in self._index.items():
            for name, first, second in index.collisions:
                problems.append(
                    f"{at(second)}{kind} name {name!r} (key {normalize(name)!r}) is used by both "
                    f"{first.id!r} and {second.id!r}"
                )
        for kind, records in (("source", self._sources), ("red flag", self._red_flags), ("relation", self._relations)):
            seen: set[str] = set()
            for record in records:
                if record.id in seen:
                    problems.append(f"{at(record)}{kind} id {record.id!r} is used twice")
                seen.add(record.id)
        self._source_by_id: Mapping[str, Source] = MappingProxyType({s.id: s for s in self._sources})

    def _validate(self, problems: list[str], at: Callable[[object], str]) -> None:
        nutrients = {n.id: n for n in self._nutrients}

        def check_sources(where: str, ids: Iterable[str]) -> None:
            for source_id in ids:
                if source_id not in self._source_by_id:
                    problems.append(f"{where}: unknown source {source_id!r}{self._hint('source', source_id)}")

        def check_unit(where: str, nutrient_id: str, amount: Amount) -> None:
            nutrient = nutrients.get(nutrient_id)
            if nutrient is not None and amount.unit.dimension is not nutrient.unit.dimension:
                problems.append(
                    f"{where}: unit {amount.unit.value} does not fit {nutrient_id} (measured in {nutrient.unit.value})"
                )

        for n in self._nutrients:
            check_sources(f"{at(n)}nutrient {n.id}", n.constants_sources)
            check_sources(f"{at(n)}nutrient {n.id} ChEBI", n.chebi_sources)
            check_sources(f"{at(n)}nutrient {n.id} supplement forms", n.supplement_sources)
            check_sources(f"{at(n)}nutrient {n.id} daily value", n.daily_value_sources)
            for fact in (*n.roles, *n.excess):
                check_sources(f"{at(n)}nutrient {n.id} statement", fact.sources)
            if n.daily_value is not None:
                check_unit(f"{at(n)}nutrient {n.id} daily value", n.id, n.daily_value)
                if not n.daily_value_sources:
                    problems.append(f"{at(n)}nutrient {n.id}: a daily value needs daily_value_sources")
        for s in self._symptoms:
            check_sources(f"{at(s)}symptom {s.id} HPO", s.hpo_sources)
            for fact in s.facts:
                check_sources(f"{at(s)}symptom {s.id} statement", fact.sources)
        for f in self._foods:
            check_sources(f"{at(f)}food {f.id}", f.sources)
            for content in f.composition:
                if content.nutrient not in nutrients:
                    problems.append(f"{at(f)}food {f.id}: unknown nutrient {content.nutrient!r}{self._hint('nutrient', content.nutrient)}")
                check_unit(f"{at(f)}food {f.id}", content.nutrient, content.per_100g)
        for t in self._lab_tests:
            check_sources(f"{at(t)}lab test {t.id} LOINC", t.loinc_sources)
            check_sources(f"{at(t)}lab test {t.id}", t.constants_sources)
            for fact in t.facts:
                check_sources(f"{at(t)}lab test {t.id} statement", fact.sources)
            for rr in t.reference_ranges:
                check_sources(f"{at(t)}lab test {t.id} reference range", rr.sources)
            for cut in t.cutoffs:
                check_sources(f"{at(t)}lab test {t.id} cut-off {cut.label!r}", cut.sources)
            if t.nutrient is not None and t.nutrient not in nutrients:
                problems.append(f"{at(t)}lab test {t.id}: unknown nutrient {t.nutrient!r}{self._hint('nutrient', t.nutrient)}")
            if t.loinc is not None and not t.loinc_sources:
                problems.append(f"{at(t)}lab test {t.id}: a LOINC code needs loinc_sources")
        symptom_ids = {s.id for s in self._symptoms}
        for flag in self._red_flags:
            check_sources(f"{at(flag)}red flag {flag.id}", flag.sources)
            for sid in flag.symptoms:
                if sid not in symptom_ids:
                    problems.append(f"{at(flag)}red flag {flag.id}: unknown symptom {sid!r}{self._hint('symptom', sid)}")
        for rec in self._intakes:
            where = f"{at(rec)}intake {rec.nutrient} {rec.life_stage.label}"
            if rec.nutrient not in nutrients:
                problems.append(f"{where}: unknown nutrient {rec.nutrient!r}{self._hint('nutrient', rec.nutrient)}")
            check_sources(where, rec.sources)
            check_unit(where, rec.nutrient, rec.amount)
            if rec.upper_limit is not None:
                check_sources(f"{where} upper limit", rec.upper_limit.sources)
                check_unit(f"{where} upper limit", rec.nutrient, rec.upper_limit.amount)
            if rec.chronic_disease_risk_reduction is not None:
                check_unit(f"{where} CDRR", rec.nutrient, rec.chronic_disease_risk_reduction)
        self._check_life_stage_overlaps(problems)
        for rel in self._relations:
            where = f"{at(rel)}relation {rel.id}"
            check_sources(where, rel.sources)
            subjects, objects = _SHAPES[rel.predicate]
            if rel.subject.kind not in subjects or rel.object.kind not in objects:
                problems.append(
                    f"{where}: '{rel.predicate.value}' cannot join {rel.subject.kind.value} to "
                    f"{rel.object.kind.value}"
                )
            for ref in (rel.subject, rel.object):
                if self._resolve(ref) is None:
                    kind = _REF_INDEX[ref.kind]
                    problems.append(f"{where}: unknown {kind} {ref.id!r} in {ref!r}{self._hint(kind, ref.id)}")

    def _check_life_stage_overlaps(self, problems: list[str]) -> None:
        by_key: dict[tuple[str, bool, bool], list[IntakeRecommendation]] = defaultdict(list)
        for rec in self._intakes:
            by_key[(rec.nutrient, rec.life_stage.pregnant, rec.life_stage.lactating)].append(rec)
        for (nutrient, _, _), recs in by_key.items():
            for sex in (Sex.MALE, Sex.FEMALE):
                bands = sorted(
                    (r.life_stage for r in recs if r.life_stage.sex in (sex, Sex.ANY)),
                    key=lambda stage: stage.min_months,
                )
                for a, b in zip(bands, bands[1:]):
                    if a.max_months is None or a.max_months > b.min_months:
                        problems.append(f"intakes for {nutrient}: {a.label} overlaps {b.label}")

    def _hint(self, kind: str, key: str) -> str:
        close = self._source_suggestions(key) if kind == "source" else self._index[kind].suggest(key)
        return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""

    def _source_suggestions(self, key: str) -> list[str]:
        return difflib.get_close_matches(key, list(self._source_by_id), n=3)

    def _resolve(self, ref: Ref) -> Any:
        kind = ref.kind
        if kind in (RefKind.DEFICIENCY, RefKind.EXCESS, RefKind.NUTRIENT):
            record = self._index["nutrient"].get(ref.id)
        else:
            record = self._index[_REF_INDEX[kind]].get(ref.id)
        return record if record is not None and record.id == ref.id else None

    def _build_query_indexes(self) -> None:
        sources = self._source_by_id

        def resolved(ids: Iterable[str]) -> tuple[Source, ...]:
            return tuple(sources[i] for i in ids)

        by_subject: dict[str, list[Relation]] = defaultdict(list)
        by_object: dict[str, list[Relation]] = defaultdict(list)
        by_claim: dict[str, list[Relation]] = defaultdict(list)
        facts: dict[str, list[Relation | Statement | RedFlag]] = defaultdict(list)
        symptom_links: dict[str, list[SymptomLink]] = defaultdict(list)
        cause_links: dict[str, list[CauseLink]] = defaultdict(list)
        depletions: dict[str, list[NutrientLink]] = defaultdict(list)
        advice_links: dict[str, list[AdviceLink]] = defaultdict(list)
        for rel in self._relations:
            by_subject[rel.subject].append(rel)
            by_object[rel.object].append(rel)
            for claim in rel.claims:
                by_claim[claim].append(rel)
                facts[claim].append(rel)
            subject, obj = self._resolve(rel.subject), self._resolve(rel.object)
            if rel.predicate in _CAUSAL and rel.object.kind is RefKind.SYMPTOM:
                link = CauseLink(cause=subject, symptom=obj, relation=rel, sources=resolved(rel.sources))
                cause_links[obj.id].append(link)
                if rel.subject.kind is RefKind.DEFICIENCY:
                    symptom_links[subject.id].append(
                        SymptomLink(symptom=obj, relation=rel, sources=link.sources)
                    )
            elif rel.predicate is Predicate.DEPLETES:
                depletions[subject.id].append(NutrientLink(nutrient=obj, relation=rel, sources=resolved(rel.sources)))
            elif rel.predicate in (Predicate.PREVENTS, Predicate.RELIEVES) and rel.object.kind is RefKind.SYMPTOM:
                advice_links[obj.id].append(AdviceLink(advice=subject, relation=rel, sources=resolved(rel.sources)))
        for record in (*self._nutrients, *self._symptoms, *self._lab_tests):
            for fact in (*getattr(record, "roles", ()), *getattr(record, "excess", ()), *getattr(record, "facts", ())):
                for claim in fact.claims:
                    facts[claim].append(fact)
        for flag in self._red_flags:
            for claim in flag.claims:
                facts[claim].append(flag)

        self._relations_by_subject = _freeze(by_subject)
        self._relations_by_object = _freeze(by_object)
        self._by_claim = _freeze(by_claim)
        self._facts_by_claim = _freeze(facts)
        self._symptom_links = MappingProxyType(
            {k: _sorted_links(v, lambda x: x.symptom.name) for k, v in symptom_links.items()}
        )
        self._cause_links = MappingProxyType(
            {k: _sorted_links(v, lambda x: x.label) for k, v in cause_links.items()}
        )
        # rank_causes works on plain tuples: (cause ref, grade rank, weight, link).
        self._cause_rows = MappingProxyType(
            {k: tuple((l.relation.subject, l.evidence.rank, EVIDENCE_WEIGHTS[l.evidence], l) for l in v) for k, v in self._cause_links.items()}
        )
        self._cause_order = MappingProxyType(
            {l.relation.subject: normalize(l.label) for v in self._cause_links.values() for l in v}
        )
        self._depletions = MappingProxyType(
            {k: _sorted_links(v, lambda x: x.nutrient.name) for k, v in depletions.items()}
        )
        self._advice_links = MappingProxyType(
            {k: _sorted_links(v, lambda x: x.advice.name) for k, v in advice_links.items()}
        )

        general: list[RedFlag] = []
        flags_by_symptom: dict[str, list[RedFlag]] = defaultdict(list)
        for flag in self._red_flags:
            if not flag.symptoms:
                general.append(flag)
            for sid in flag.symptoms:
                flags_by_symptom[sid].append(flag)
        self._general_red_flags = tuple(general)
        self._red_flags_by_symptom = _freeze(flags_by_symptom)

        nutrients = {n.id: n for n in self._nutrients}
        food_rows: dict[tuple[str, str], list[FoodNutrientRow]] = defaultdict(list)
        per_food: dict[tuple[str, str], list[FoodNutrientRow]] = defaultdict(list)
        for food in self._foods:
            for content in food.composition:
                nutrient = nutrients[content.nutrient]
                for per in _PER_CHOICES:
                    row = _food_row(food, nutrient, content.per_100g, None if per == "100 g" else food.default_serving)
                    food_rows[(nutrient.id, per)].append(row)
                    per_food[(food.id, per)].append(row)
        order = {n.id: i for i, n in enumerate(self._nutrients)}
        self._food_rows = MappingProxyType(
            {k: tuple(sorted(v, key=lambda r: (-r.amount.value, r.food.name))) for k, v in food_rows.items()}
        )
        self._food_nutrient_rows = MappingProxyType(
            {k: tuple(sorted(v, key=lambda r: order[r.nutrient.id])) for k, v in per_food.items()}
        )
        # (nutrient, sex, pregnant, lactating) -> [(min_months, max_months, target)], youngest first;
        # the target objects are built once here, so intake() only validates and picks one.
        targets: dict[tuple[str, str, bool, bool], list[tuple[int, float, IntakeTarget]]] = defaultdict(list)
        for rec in self._intakes:
            stage = rec.life_stage
            target = IntakeTarget(
                nutrient=nutrients[rec.nutrient], life_stage=stage, kind=rec.kind, amount=rec.amount,
                upper_limit=rec.upper_limit, chronic_disease_risk_reduction=rec.chronic_disease_risk_reduction,
                sources=resolved(rec.sources), note=rec.note,
            )
            sexes = (Sex.MALE, Sex.FEMALE) if stage.sex is Sex.ANY else (stage.sex,)
            upper = math.inf if stage.max_months is None else stage.max_months
            for sex in sexes:
                # keyed by the sex's value: hashing a str is much cheaper than hashing an Enum member
                targets[(rec.nutrient, sex.value, stage.pregnant, stage.lactating)].append((stage.min_months, upper, target))
        self._intakes_by_nutrient = MappingProxyType(
            {key: tuple(sorted(rows, key=lambda row: row[0])) for key, rows in targets.items()}
        )
        self._has_intakes = frozenset(key[0] for key in targets)
        labs: dict[str, list[LabTest]] = defaultdict(list)
        for test in self._lab_tests:
            if test.nutrient is not None:
                labs[test.nutrient].append(test)
        self._lab_by_nutrient = _freeze(labs)

    # ------------------------------------------------------------------ collections

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source, in data order."""
        return self._sources

    @property
    def nutrients(self) -> tuple[Nutrient, ...]:
        """Every nutrient."""
        return self._nutrients

    @property
    def symptoms(self) -> tuple[Symptom, ...]:
        """Every symptom."""
        return self._symptoms

    @property
    def foods(self) -> tuple[Food, ...]:
        """Every food."""
        return self._foods

    @property
    def factors(self) -> tuple[Factor, ...]:
        """Every non-nutritional factor."""
        return self._factors

    @property
    def lab_tests(self) -> tuple[LabTest, ...]:
        """Every lab test."""
        return self._lab_tests

    @property
    def advice(self) -> tuple[Advice, ...]:
        """Every prevention or relief step."""
        return self._advice

    @property
    def intakes(self) -> tuple[IntakeRecommendation, ...]:
        """Every DRI record (one per nutrient and life stage)."""
        return self._intakes

    @property
    def relations(self) -> tuple[Relation, ...]:
        """Every relation."""
        return self._relations

    def __repr__(self) -> str:
        return (
            f"<KnowledgeBase {self.data_version}: {len(self._nutrients)} nutrients, "
            f"{len(self._symptoms)} symptoms, {len(self._foods)} foods, {len(self._factors)} factors, "
            f"{len(self._relations)} relations, {len(self._sources)} sources>"
        )

    # ------------------------------------------------------------------ lookups

    def nutrient(self, name: str) -> Nutrient:
        """The nutrient with this id, name, alias or symbol ("Mg", "cobalamin", "vitamin B-12").

        Raises:
            UnknownNameError: no nutrient has that name; suggests the closest ones.
        """
        found: Nutrient = self._index["nutrient"].lookup(name)
        return found

    def symptom(self, name: str) -> Symptom:
        """The symptom with this id, name or alias ("charley horse", "pins and needles")."""
        found: Symptom = self._index["symptom"].lookup(name)
        return found

    def food(self, name: str) -> Food:
        """The food with this id, name or alias."""
        found: Food = self._index["food"].lookup(name)
        return found

    def factor(self, name: str) -> Factor:
        """The factor (medication, condition, behaviour, state) with this id, name or alias."""
        found: Factor = self._index["factor"].lookup(name)
        return found

    def lab_test(self, name: str) -> LabTest:
        """The lab test with this id, name or alias."""
        found: LabTest = self._index["lab test"].lookup(name)
        return found

    def advice_item(self, name: str) -> Advice:
        """The advice record with this id, name or alias."""
        found: Advice = self._index["advice"].lookup(name)
        return found

    def get_nutrient(self, name: str) -> Nutrient | None:
        """Like [nutrient][muscle_nutrients.knowledge_base.KnowledgeBase.nutrient], but None when unknown."""
        return self._index["nutrient"].get(name)

    def get_symptom(self, name: str) -> Symptom | None:
        """Like [symptom][muscle_nutrients.knowledge_base.KnowledgeBase.symptom], but None when unknown."""
        return self._index["symptom"].get(name)

    def get_food(self, name: str) -> Food | None:
        """Like [food][muscle_nutrients.knowledge_base.KnowledgeBase.food], but None when unknown."""
        return self._index["food"].get(name)

    def get_factor(self, name: str) -> Factor | None:
        """Like [factor][muscle_nutrients.knowledge_base.KnowledgeBase.factor], but None when unknown."""
        return self._index["factor"].get(name)

    def get_lab_test(self, name: str) -> LabTest | None:
        """Like [lab_test][muscle_nutrients.knowledge_base.KnowledgeBase.lab_test], but None when unknown."""
        return self._index["lab test"].get(name)

    def source(self, source_id: str) -> Source:
        """The source with this id.

        Raises:
            UnknownNameError: no such source.
        """
        found = self._source_by_id.get(source_id)
        if found is None:
            raise UnknownNameError(source_id, "source", self._source_suggestions(source_id))
        return found

    def search(self, text: str, *, limit: int = 10) -> tuple[SearchHit, ...]:
        """Records of any kind whose names match ``text``, best first.

        Exact name matches score 1.0, prefixes 0.8, substrings 0.6, close spellings their
        similarity times 0.5. Ties are broken by kind and name, so the order is stable.
        """
        _check_limit(limit)
        key = normalize(text) if isinstance(text, str) else ""
        if not key:
            return ()
        # One matcher with the query as its second sequence: difflib caches what it learns
        # about that sequence, and the cheap upper bounds skip most keys before ratio().
        matcher = difflib.SequenceMatcher(None, "", key)
        best: dict[tuple[str, str], SearchHit] = {}
        for kind, index in self._index.items():
            for name_key, record in index.items():
                if name_key == key:
                    score = 1.0
                elif name_key.startswith(key):
                    score = 0.8
                elif key in name_key:
                    score = 0.6
                else:
                    matcher.set_seq1(name_key)
                    if matcher.real_quick_ratio() < 0.75 or matcher.quick_ratio() < 0.75:
                        continue
                    ratio = matcher.ratio()
                    score = 0.5 * ratio if ratio >= 0.75 else 0.0
                slot = (kind, record.id)
                if score > 0 and (slot not in best or best[slot].score < score):
                    best[slot] = SearchHit(kind=kind, record=record, name=record.name, score=score)
        hits = sorted(best.values(), key=lambda h: (-h.score, h.kind, h.name))
        return tuple(hits[:limit])

    # ------------------------------------------------------------------ relations

    def symptoms_of(self, nutrient: str) -> tuple[SymptomLink, ...]:
        """Symptoms that the nutrient's deficiency causes or makes more likely, strongest evidence first."""
        return self._symptom_links.get(self.nutrient(nutrient).id, ())

    def causes_of(self, symptom: str) -> tuple[CauseLink, ...]:
        """Nutrient deficiencies (or excesses) and factors that cause or raise the risk of a symptom, strongest first.

        Only direct relations are returned: a factor that depletes a nutrient whose
        deficiency causes the symptom is not listed unless a relation says so.
        """
        return self._cause_links.get(self.symptom(symptom).id, ())

    def rank_causes(
        self, symptoms: Iterable[str], *, min_evidence: EvidenceGrade | str = EvidenceGrade.LIMITED
    ) -> CauseRanking:
        """Rank the possible causes of several symptoms together.

        For every cause linked to at least one of the symptoms, ``score`` is the sum, over
        the symptoms it explains, of the weight of its strongest link to each
        ([EVIDENCE_WEIGHTS][muscle_nutrients.knowledge_base.EVIDENCE_WEIGHTS]: established
        1.0, probable 0.75, limited 0.5, unsupported 0.25). Links weaker than
        ``min_evidence`` are ignored. Ties go to the cause explaining more symptoms, then to
        the stronger best grade, then to the name, so the order is deterministic. Adding a
        symptom a cause explains never lowers its score.

        The result carries the red flags that apply and the not-a-diagnosis disclaimer.
        """
        floor = EvidenceGrade.parse(min_evidence).rank
        if isinstance(symptoms, str):
            symptoms = [symptoms]
        asked: list[Symptom] = []
        seen: set[str] = set()
        for name in symptoms:
            found = self.symptom(name)
            if found.id not in seen:  # compare ids: record equality compares every field
                seen.add(found.id)
                asked.append(found)
        if not asked:
            raise ValueError("rank_causes needs at least one symptom")
        # One pass keeps, per cause, the strongest link to each symptom and a running score.
        # state = [score, top rank, {symptom id: (rank, weight, link)}]
        best: dict[Ref, list[Any]] = {}
        for symptom in asked:
            sid = symptom.id
            for ref, rank, weight, link in self._cause_rows.get(sid, ()):
                if rank < floor:
                    continue
                state = best.get(ref)
                if state is None:
                    best[ref] = [weight, rank, {sid: (rank, weight, link)}]
                    continue
                held = state[2].get(sid)
                if held is None:
                    state[0] += weight
                elif rank > held[0]:
                    state[0] += weight - held[1]
                else:
                    continue
                state[2][sid] = (rank, weight, link)
                if rank > state[1]:
                    state[1] = rank
        order = self._cause_order
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], -len(item[1][2]), -item[1][1], order[item[0]]))
        candidates = []
        for _, (score, top, per_symptom) in ranked:
            links = tuple([per_symptom[s.id][2] for s in asked if s.id in per_symptom])
            candidates.append(
                CauseCandidate(
                    cause=links[0].cause,
                    score=score,
                    matched=tuple([link.symptom for link in links]),
                    unmatched=tuple([s for s in asked if s.id not in per_symptom]),
                    evidence=BY_RANK[top],
                    links=links,
                )
            )
        return CauseRanking(
            symptoms=tuple(asked),
            candidates=tuple(candidates),
            red_flags=self._flags_for(asked),
            min_evidence=EvidenceGrade.parse(min_evidence),
        )

    def _flags_for(self, symptoms: Iterable[Symptom]) -> tuple[RedFlag, ...]:
        flags = {flag.id: flag for flag in self._general_red_flags}
        for symptom in symptoms:
            for flag in self._red_flags_by_symptom.get(symptom.id, ()):
                flags.setdefault(flag.id, flag)
        return tuple(flags.values())

    def depleted_by(self, factor: str) -> tuple[NutrientLink, ...]:
        """Nutrients a medication, condition or behaviour depletes, strongest evidence first."""
        return self._depletions.get(self.factor(factor).id, ())

    def advice_for(self, symptom: str) -> tuple[AdviceLink, ...]:
        """Steps that prevent or relieve a symptom, strongest evidence first (contradicted ones included, so they can be shown as such)."""
        return self._advice_links.get(self.symptom(symptom).id, ())

    def red_flags(self, symptom: str | None = None) -> tuple[RedFlag, ...]:
        """Every red flag, or those that apply to one symptom (including the general ones)."""
        if symptom is None:
            return self._red_flags
        return self._flags_for([self.symptom(symptom)])

    def relations_for_claim(self, claim: str) -> tuple[Relation, ...]:
        """The relations tagged with a seed claim id (S01..S44); possibly none.

        Raises:
            UnknownNameError: ``claim`` is not one of S01..S44.
        """
        return self._by_claim.get(_claim_id(claim), ())

    def facts_for_claim(self, claim: str) -> tuple[Relation | Statement | RedFlag, ...]:
        """Everything tagged with a seed claim: relations, statements and red flags."""
        return self._facts_by_claim.get(_claim_id(claim), ())

    def relations_from(self, ref: str) -> tuple[Relation, ...]:
        """Relations whose subject is ``ref`` (``"deficiency:magnesium"``, ``"food:spinach-raw"``)."""
        return self._relations_by_subject.get(Ref.parse(ref), ())

    def relations_to(self, ref: str) -> tuple[Relation, ...]:
        """Relations whose object is ``ref`` (``"symptom:muscle-cramp"``)."""
        return self._relations_by_object.get(Ref.parse(ref), ())

    # ------------------------------------------------------------------ foods

    def foods_rich_in(self, nutrient: str, *, per: str = "serving", limit: int = 10) -> tuple[FoodNutrientRow, ...]:
        """Foods with the most of a nutrient, largest first, per default serving or per 100 g."""
        _check_per(per)
        _check_limit(limit)
        return self._food_rows.get((self.nutrient(nutrient).id, per), ())[:limit]

    def nutrients_in(self, food: str, *, per: str = "serving", serving: str | None = None) -> tuple[FoodNutrientRow, ...]:
        """The in-scope nutrients of one food, per serving (the default one, or ``serving``) or per 100 g."""
        _check_per(per)
        record = self.food(food)
        if serving is None or per == "100 g":
            if serving is not None:
                raise ValueError("serving cannot be combined with per='100 g'")
            return self._food_nutrient_rows.get((record.id, per), ())
        chosen = record.serving(serving)
        return tuple(
            _food_row(record, row.nutrient, row.amount, chosen)
            for row in self._food_nutrient_rows.get((record.id, "100 g"), ())
        )

    def daily_value(self, nutrient: str) -> Amount:
        """The FDA label Daily Value (adults and children 4 years and older).

        Raises:
            LookupError: the nutrient has no Daily Value in the data.
        """
        record = self.nutrient(nutrient)
        if record.daily_value is None:
            raise LookupError(f"{record.name} has no Daily Value in the knowledge base")
        return record.daily_value

    # ------------------------------------------------------------------ intakes

    def intake(
        self, nutrient: str, *, age: float, sex: str | Sex, pregnant: bool = False, lactating: bool = False
    ) -> IntakeTarget:
        """The RDA or AI, UL and (for sodium) CDRR for a person.

        Args:
            nutrient: Nutrient name.
            age: Age in years (fractions allowed: 0.5 is six months).
            sex: ``"male"`` or ``"female"``.
            pregnant: Use the pregnancy groups (females 14-50 years).
            lactating: Use the lactation groups (females 14-50 years).

        Raises:
            ValueError: a bad age or sex, pregnant and lactating together, or no DRI group
                for the combination (e.g. pregnancy at 12 years).
        """
        record: Nutrient = self._index["nutrient"].lookup(nutrient)
        if type(age) in (int, float) and 0 <= age <= 130 and type(sex) is str and sex in _SEX_VALUES and not (pregnant or lactating):
            months, key = age * 12, (record.id, sex, False, False)  # the common case, checked inline
        else:
            months, person_sex = _person(age, sex, pregnant, lactating)
            key = (record.id, person_sex.value, bool(pregnant), bool(lactating))
        for low, high, target in self._intakes_by_nutrient.get(key, ()):
            if low <= months < high:
                return target
        person_sex = _person(age, sex, pregnant, lactating)[1]
        state = " pregnant" if pregnant else " lactating" if lactating else ""
        raise ValueError(
            f"no DRI group for {record.name} covers a{state} {person_sex.value} aged {age:g} years"
            + (" (the pregnancy and lactation groups cover ages 14-50)" if state else "")
        )

    def assess_diet(
        self,
        portions: Iterable[tuple[str, float | str | None]] | Mapping[str, float | str | None],
        *,
        age: float,
        sex: str | Sex,
        pregnant: bool = False,
        lactating: bool = False,
        supplements: Mapping[str, Amount] | None = None,
    ) -> DietAssessment:
        """Add up a day's foods (and supplements) and compare them with the person's targets.

        Args:
            portions: ``(food, quantity)`` pairs or a mapping; quantity is grams (a number),
                a serving label, or None for the food's default serving.
            supplements: Daily amounts from supplements or medicines, by nutrient name.
                They count toward totals and are what a supplements-only UL (magnesium)
                is compared with.

        Only nutrients with a DRI for the person are reported. Foods lacking a value for a
        nutrient count as zero and are listed in ``unreported``.
        """
        items = portions.items() if isinstance(portions, Mapping) else portions
        food_totals: dict[str, float] = defaultdict(float)
        unreported: list[tuple[str, str]] = []
        for entry in items:
            if not (isinstance(entry, tuple) and len(entry) == 2):
                raise ValueError(f"each portion must be a (food, quantity) pair, got {entry!r}")
            name, quantity = entry
            food = self.food(name)
            grams = _portion_grams(food, quantity)
            for n in self._nutrients:
                per_100g = food.per_100g(n.id)
                if per_100g is None:
                    if (food.id, n.id) not in unreported:
                        unreported.append((food.id, n.id))
                    continue
                food_totals[n.id] += per_100g.to(n.unit).value * grams / 100
        supplement_totals: dict[str, float] = defaultdict(float)
        for name, amount in (supplements or {}).items():
            n = self.nutrient(name)
            if not isinstance(amount, Amount):
                raise ValueError(f"supplement amount for {n.name} must be an Amount, got {amount!r}")
            supplement_totals[n.id] += convert_for(amount, n.unit, n).value
        rows = []
        for n in self._nutrients:
            if n.id not in self._has_intakes:
                continue
            target = self.intake(n.id, age=age, sex=sex, pregnant=pregnant, lactating=lactating)
            goal = target.amount.to(n.unit).value
            total = food_totals[n.id] + supplement_totals[n.id]
            limit = target.upper_limit
            exceeds = False
            if limit is not None:
                counted = supplement_totals[n.id] if limit.scope is UpperLimitScope.SUPPLEMENTS_AND_MEDICINES else total
                exceeds = counted > limit.amount.to(n.unit).value
            rows.append(
                NutrientIntake(
                    nutrient=n,
                    total=Amount(value=total, unit=n.unit),
                    from_supplements=Amount(value=supplement_totals[n.id], unit=n.unit),
                    target=target,
                    percent_of_target=100 * total / goal if goal else math.inf,
                    shortfall=Amount(value=max(goal - total, 0.0), unit=n.unit),
                    exceeds_upper_limit=exceeds,
                )
            )
        return DietAssessment(rows=tuple(rows), unreported=tuple(unreported))

    # ------------------------------------------------------------------ labs

    def lab_tests_for(self, nutrient: str) -> tuple[LabTest, ...]:
        """The lab tests that reflect a nutrient's status, primary test first."""
        return self._lab_by_nutrient.get(self.nutrient(nutrient).id, ())

    def interpret_lab(
        self, test_or_nutrient: str, value: float, unit: Unit | str, *, sex: str | Sex | None = None
    ) -> LabInterpretation:
        """Read a lab value against the shipped reference range and guideline cut-offs.

        ``test_or_nutrient`` names a lab test, or a nutrient (its primary test is used).
        The value is converted to the range's unit -- exactly within a dimension, by molar
        mass or valence across them. Where ranges differ by sex, ``sex`` is required.

        Raises:
            UnknownNameError: neither a lab test nor a nutrient has that name.
            ValueError: the unit is unknown or cannot convert for this test, the value is
                negative or not finite, or the sex is needed and missing.
        """
        test = self.get_lab_test(test_or_nutrient) if isinstance(test_or_nutrient, str) else None
        if test is None:
            nutrient = self.get_nutrient(test_or_nutrient)
            tests = self._lab_by_nutrient.get(nutrient.id, ()) if nutrient is not None else ()
            if not tests:
                suggestions = self._index["lab test"].suggest(test_or_nutrient) or self._index["nutrient"].suggest(
                    test_or_nutrient
                )
                raise UnknownNameError(test_or_nutrient, "lab test", suggestions)
            test = tests[0]
        given = Amount(value=_lab_value(value), unit=Unit.parse(unit))
        person_sex = Sex.parse(sex) if sex is not None else None
        reference = _pick_range(test, person_sex)
        converted = convert_for(given, reference.unit, test)
        status = _status(converted.value, reference)
        alternatives = []
        for rr in test.reference_ranges:
            if rr is reference or rr.sex not in (Sex.ANY, person_sex):
                continue
            try:
                other = convert_for(given, rr.unit, test)
            except ValueError:
                continue  # another lab's range in a unit this value cannot reach: not shown, never guessed
            alternatives.append((rr, _status(other.value, rr)))
        cutoffs = []
        for cut in test.cutoffs:
            if cut.contains(convert_for(given, cut.unit, test).value):
                cutoffs.append(cut)
        ids = list(dict.fromkeys([*reference.sources, *(s for cut in cutoffs for s in cut.sources)]))
        return LabInterpretation(
            test=test,
            value=given,
            converted=converted,
            status=status,
            reference_range=reference,
            cutoffs=tuple(cutoffs),
            sources=tuple(self._source_by_id[s] for s in ids),
            alternatives=tuple(alternatives),
        )


_REF_INDEX: dict[RefKind, str] = {
    RefKind.NUTRIENT: "nutrient",
    RefKind.DEFICIENCY: "nutrient",
    RefKind.EXCESS: "nutrient",
    RefKind.SYMPTOM: "symptom",
    RefKind.FOOD: "food",
    RefKind.FACTOR: "factor",
    RefKind.ADVICE: "advice",
    RefKind.LAB_TEST: "lab test",
}


def _locator(origins: Mapping[int, str]) -> Callable[[object], str]:
    """``at(record)``: the ``"file: $.path: "`` prefix of a record read from a file, else ``""``."""

    def at(record: object) -> str:
        origin = origins.get(id(record))
        return f"{origin}: " if origin else ""

    return at


def _record_key(field: str, record: Any) -> object:
    if field == "intakes":
        stage = record.life_stage
        return (record.nutrient, stage.min_months, stage.max_months, stage.sex.value, stage.pregnant, stage.lactating)
    return record.id


def _describe_key(key: object) -> str:
    if isinstance(key, tuple):
        nutrient, low, high, sex, pregnant, lactating = key
        state = " pregnant" if pregnant else " lactating" if lactating else ""
        return f"{nutrient} ({sex}{state}, {low}-{'' if high is None else high} months)"
    return repr(key)


def _freeze(groups: Mapping[Any, list[Any]]) -> Mapping[Any, tuple[Any, ...]]:
    return MappingProxyType({k: tuple(v) for k, v in groups.items()})


def _food_row(food: Food, nutrient: Nutrient, per_100g: Amount, serving: Any) -> FoodNutrientRow:
    per_100g = per_100g.to(nutrient.unit)  # rows of one nutrient are compared and summed: one unit
    amount = per_100g if serving is None else Amount(value=per_100g.value * serving.grams / 100, unit=per_100g.unit)
    dv = nutrient.daily_value
    percent = 100 * amount.to(dv.unit).value / dv.value if dv is not None and dv.value > 0 else None
    return FoodNutrientRow(food=food, nutrient=nutrient, serving=serving, amount=amount, percent_daily_value=percent)


def _check_per(per: str) -> None:
    if per not in _PER_CHOICES:
        raise ValueError(f"per must be 'serving' or '100 g', got {per!r}")


def _check_limit(limit: int) -> None:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be an integer of at least 1, got {limit!r}")


def _claim_id(claim: str) -> str:
    text = claim.strip().upper() if isinstance(claim, str) else ""
    if text not in CLAIM_IDS:
        raise UnknownNameError(str(claim), "seed claim", [c for c in CLAIM_IDS if text and c.startswith(text[:2])][:3])
    return text


_SEXES: dict[str, Sex] = {"male": Sex.MALE, "female": Sex.FEMALE}
_SEX_VALUES = frozenset(_SEXES)


def _person(age: float, sex: str | Sex, pregnant: bool, lactating: bool) -> tuple[float, Sex]:
    if type(age) not in (int, float) or not 0 <= age <= 130:  # also rejects bool and NaN
        raise ValueError(f"age must be a number of years from 0 to 130, got {age!r}")
    person_sex = sex if isinstance(sex, Sex) else (_SEXES.get(sex) if isinstance(sex, str) else None) or Sex.parse(sex)
    if person_sex is Sex.ANY:
        raise ValueError("sex must be 'male' or 'female'")
    if pregnant and lactating:
        raise ValueError("pregnant and lactating cannot both be true (the DRIs have separate groups)")
    if (pregnant or lactating) and person_sex is not Sex.FEMALE:
        raise ValueError("pregnant or lactating requires sex='female'")
    return age * 12, person_sex


def _portion_grams(food: Food, quantity: float | str | None) -> float:
    if quantity is None or isinstance(quantity, str):
        return food.serving(quantity).grams
    if isinstance(quantity, bool) or not isinstance(quantity, (int, float)) or not math.isfinite(quantity) or quantity < 0:
        raise ValueError(f"quantity of {food.name} must be grams (a number, 0 or more), a serving label or None")
    return float(quantity)


def _lab_value(value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise ValueError(f"a lab value must be a finite number, 0 or more, got {value!r}")
    return float(value)


def _status(value: float, reference: ReferenceRange) -> LabStatus:
    if reference.low is not None and value < reference.low:
        return LabStatus.LOW
    if reference.high is not None and value > reference.high:
        return LabStatus.HIGH
    return LabStatus.NORMAL


def _pick_range(test: LabTest, sex: Sex | None) -> ReferenceRange:
    if sex is not None:
        for rr in test.reference_ranges:
            if rr.sex is sex:
                return rr
    for rr in test.reference_ranges:
        if rr.sex is Sex.ANY:
            return rr
    raise ValueError(f"the reference ranges for {test.name} differ by sex: pass sex='male' or 'female'")

