"""Hypothesis strategies for every record class, derived from the fields' own metadata, and
for whole, valid knowledge bases.

A record's strategy is built from its attrs fields: the annotation says the type, the
metadata says the pattern, the bounds and what the field refers to -- so a field added to a
record is generated with no edit here. Only rules that span fields (a life stage's band, a
relation's grammar) need a hand-written strategy, below.
"""

from __future__ import annotations

import types
import typing
from enum import Enum
from typing import Any

import attrs
from hypothesis import strategies as st

import muscle_nutrients as mn
from muscle_nutrients import (
    GRAMMAR,
    Amount,
    Cutoff,
    EvidenceGrade,
    Factor,
    FactorKind,
    LifeStage,
    Nutrient,
    NutrientContent,
    Ref,
    ReferenceRange,
    Relation,
    Sex,
    Source,
    SourceKind,
    Symptom,
    Unit,
)
from muscle_nutrients._fields import MAX_NAME, Record

ids = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda s: s.strip() != "")
values = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=1e-3, max_value=1e5, allow_nan=False, allow_infinity=False)
grades = st.sampled_from(list(EvidenceGrade))
source_ids = st.lists(ids, min_size=1, max_size=3, unique=True).map(tuple)


def amounts(units: st.SearchStrategy[Unit] = st.sampled_from(list(Unit))) -> st.SearchStrategy[Amount]:
    return st.builds(Amount, value=values, unit=units)


mass_amounts = amounts(st.sampled_from([Unit.G, Unit.MG, Unit.UG]))
refs = st.builds(lambda kind, rid: Ref.of(kind, rid), st.sampled_from(list(mn.RefKind)), ids)


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _for_type(tp: Any, meta: typing.Mapping[str, Any]) -> st.SearchStrategy[Any]:
    """A strategy for a value of type ``tp`` that passes the field's declared check."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return st.none() | _for_type(inner, meta)
    if origin is tuple:
        item = typing.get_args(tp)[0]
        low = 1 if "check" in meta and meta["check"](()) else 0  # the field refuses an empty list
        if attrs.has(item):
            unique = meta.get("unique_by")  # e.g. citations: one per source
            return st.lists(strategy_for(item), min_size=low, max_size=2,
                            unique_by=(lambda r: getattr(r, unique)) if isinstance(unique, str) else None).map(tuple)
        inner = {k: v for k, v in meta.items() if k in ("pattern", "cites", "refers_to", "claims")}
        return st.lists(_for_type(item, inner), min_size=low, max_size=3, unique=True).map(tuple)
    if meta.get("claims"):
        return st.sampled_from(mn.CLAIM_IDS)
    if tp is str:
        if meta.get("cites") or meta.get("refers_to"):
            return ids
        if "pattern" in meta:
            return st.from_regex(meta["pattern"].replace("\\S", "[a-z0-9./]"), fullmatch=True).filter(lambda s: len(s) <= MAX_NAME)
        return texts
    if tp is bool:
        return st.booleans()
    if tp is Ref:
        return refs
    if tp is Amount:
        return mass_amounts if meta.get("fits") else amounts()
    if tp in (int, float):
        low = meta.get("minimum", meta.get("exclusive_minimum", 0))
        high = min(meta.get("maximum", 1e6), 1e6)
        if tp is int:
            return st.integers(int(low) + (1 if "exclusive_minimum" in meta else 0), int(high))
        return st.floats(min_value=low, max_value=high, exclude_min="exclusive_minimum" in meta, allow_nan=False, allow_infinity=False)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return st.sampled_from(list(tp))
    if attrs.has(tp):
        return strategy_for(tp)
    raise TypeError(f"no strategy for {tp!r}")


@st.composite
def life_stages(draw: st.DrawFn) -> LifeStage:
    low = draw(st.integers(0, 900))
    high = draw(st.none() | st.integers(low + 1, 1200))
    state = draw(st.sampled_from(["none", "pregnant", "lactating"]))
    sex = Sex.FEMALE if state != "none" else draw(st.sampled_from(list(Sex)))
    return LifeStage(min_months=low, max_months=high, sex=sex, pregnant=state == "pregnant", lactating=state == "lactating")


@st.composite
def age_bands(draw: st.DrawFn) -> mn.AgeBand:
    low = draw(st.integers(0, 900))
    return mn.AgeBand(min_months=low, max_months=draw(st.none() | st.integers(low + 1, 1200)))


@st.composite
def _bounded(draw: st.DrawFn, cls: type) -> Any:
    low = draw(st.none() | values)
    high = draw(st.none() | values) if low is not None else draw(values)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return draw(_built(cls, {"low": st.just(low), "high": st.just(high)}))


@st.composite
def relations(draw: st.DrawFn) -> Relation:
    predicate = draw(st.sampled_from(list(GRAMMAR)))
    subjects, objects = GRAMMAR[predicate]
    subject = Ref.of(draw(st.sampled_from(sorted(subjects))), draw(ids))
    obj = Ref.of(draw(st.sampled_from(sorted(objects))), draw(ids))
    return draw(_built(Relation, {"predicate": st.just(predicate), "subject": st.just(subject), "object": st.just(obj)}))


@st.composite
def advice(draw: st.DrawFn) -> mn.Advice:
    # a caution says what it warns against and is never recommended; a step may carry a recommendation
    kind = draw(st.sampled_from(list(mn.AdviceKind)))
    citations = st.lists(st.deferred(lambda: strategy_for(mn.Citation)), min_size=1, max_size=2, unique_by=lambda c: c.source).map(tuple)
    if kind is mn.AdviceKind.CAUTION:
        fixed = {"warns_against": _for_type(str, {}), "recommendation": st.none(), "recommendation_sources": st.just(())}
    else:
        recommended = draw(st.booleans())
        fixed = {"warns_against": st.none(),
                 "recommendation": st.sampled_from(list(mn.Recommendation)) if recommended else st.none(),
                 "recommendation_sources": citations if recommended else st.just(())}
    return draw(_built(mn.Advice, {"kind": st.just(kind), **fixed}))


_SPECIAL: dict[type, st.SearchStrategy[Any]] = {}

# Fields whose valid values depend on a rule the field metadata cannot say.
_CROSS_FIELD: dict[type, dict[str, st.SearchStrategy[Any]]] = {
    NutrientContent: {"per_100g": st.builds(Amount, value=st.floats(0, 100), unit=st.sampled_from([Unit.G, Unit.MG, Unit.UG]))},
    mn.Food: {"servings": st.lists(st.deferred(lambda: strategy_for(mn.Serving)), min_size=1, max_size=3,
                                   unique_by=lambda s: s.label.casefold()).map(tuple),
              "composition": st.lists(st.deferred(lambda: strategy_for(NutrientContent)), max_size=3,
                                      unique_by=lambda c: c.nutrient).map(tuple)},
    Nutrient: {"unit": st.sampled_from([Unit.MG, Unit.UG])},
    # a total-intake limit may not sit below the recommendation: draw supplements-only limits
    mn.IntakeRecommendation: {"upper_limit": st.none() | st.builds(
        attrs.evolve, st.deferred(lambda: strategy_for(mn.UpperLimit)), scope=st.just(mn.UpperLimitScope.SUPPLEMENTS_AND_MEDICINES))},
}


def _built(cls: type, fixed: dict[str, st.SearchStrategy[Any]] | None = None) -> st.SearchStrategy[Any]:
    hints = _hints(cls)
    fixed = {**_CROSS_FIELD.get(cls, {}), **(fixed or {})}
    fields = {a.name: fixed[a.name] if a.name in fixed else _for_type(hints[a.name], a.metadata) for a in attrs.fields(cls)}
    return st.builds(cls, **fields)


def strategy_for(cls: type) -> st.SearchStrategy[Any]:
    """Valid records of ``cls``, every field drawn (defaulted ones too)."""
    if cls in _SPECIAL:
        return _SPECIAL[cls]
    if cls is Amount:
        return amounts()
    return st.deferred(lambda: _built(cls))


_SPECIAL.update({
    LifeStage: life_stages(),
    mn.AgeBand: age_bands(),
    ReferenceRange: _bounded(ReferenceRange),
    Cutoff: _bounded(Cutoff),
    Relation: relations(),
    mn.Advice: advice(),
})

#: Every record class of the packaged format (records nested in them included), and Amount.
RECORD_CLASSES: tuple[type, ...] = tuple(
    sorted({cls for name in dir(mn) if isinstance(cls := getattr(mn, name), type) and issubclass(cls, Record)} | {Amount},
           key=lambda c: c.__name__)
)

#: One strategy per record class, for the round-trip tests.
RECORD_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {cls: strategy_for(cls) for cls in RECORD_CLASSES}


@st.composite
def knowledge_bases(draw: st.DrawFn, max_records: int = 6, levels: bool = True) -> mn.KnowledgeBase:
    """Small, valid knowledge bases: unique names, resolvable references, one source cited by all;
    with ``levels``, factors that lower or raise nutrients too."""
    n_nutrients = draw(st.integers(1, max_records))
    n_symptoms = draw(st.integers(1, max_records))
    n_factors = draw(st.integers(0, max_records))
    src = Source(id="s", title="Source", publisher="Publisher", kind=SourceKind.REVIEW)
    nutrient_list = [
        Nutrient(id=f"n{i}", name=f"Nutrient {i}", kind="mineral", unit=Unit.MG, deficiency=f"low n{i}") for i in range(n_nutrients)
    ]
    # a symptom may be narrower than an earlier one (a tree, as HPO's is-a links)
    parents = [draw(st.none() | st.integers(0, i - 1)) if i else None for i in range(n_symptoms)]
    symptom_list = [Symptom(id=f"sym{i}", name=f"Symptom {i}", hpo_id=f"HP:{i:07d}", hpo_label=f"S{i}", hpo_sources=("s",),
                            broader=(f"sym{p}",) if p is not None else (), broader_sources=("s",) if p is not None else ())
                    for i, p in enumerate(parents)]
    factor_list = [Factor(id=f"f{i}", name=f"Factor {i}", kind=FactorKind.CONDITION) for i in range(n_factors)]
    causes = ([f"deficiency:n{i}" for i in range(n_nutrients)] + [f"excess:n{i}" for i in range(n_nutrients)]
              + [f"factor:f{i}" for i in range(n_factors)])
    # pairs may repeat: one cause can reach one symptom by two relations (say causes and raises risk of)
    pairs = draw(st.lists(st.tuples(st.sampled_from(causes), st.integers(0, n_symptoms - 1)), max_size=25))
    rels = [
        Relation(id=f"r{k}", subject=Ref(subject), predicate=draw(st.sampled_from([mn.Predicate.CAUSES, mn.Predicate.RAISES_RISK_OF])),
                 object=Ref(f"symptom:sym{s}"), evidence=draw(grades), sources=("s",))
        for k, (subject, s) in enumerate(pairs)
    ]
    # what factors do to nutrient levels: one direction per factor and nutrient
    levels = draw(st.dictionaries(st.tuples(st.integers(0, max(n_factors - 1, 0)), st.integers(0, n_nutrients - 1)),
                                  st.sampled_from([mn.Predicate.LOWERS, mn.Predicate.RAISES]), max_size=8)) if n_factors and levels else {}
    rels += [
        Relation(id=f"level{k}", subject=Ref(f"factor:f{f}"), predicate=predicate, object=Ref(f"nutrient:n{n}"),
                 evidence=draw(grades), sources=("s",))
        for k, ((f, n), predicate) in enumerate(sorted(levels.items()))
    ]
    return mn.KnowledgeBase(sources=[src], nutrients=nutrient_list, symptoms=symptom_list, factors=factor_list, relations=rels)
