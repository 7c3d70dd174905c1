"""Hypothesis strategies for every model class and for whole, valid knowledge bases."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

import muscle_nutrients as mn
from muscle_nutrients import (
    CLAIM_IDS,
    Advice,
    AdviceKind,
    Amount,
    Cutoff,
    EvidenceGrade,
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
    Predicate,
    RedFlag,
    Ref,
    ReferenceRange,
    Relation,
    Serving,
    Sex,
    Source,
    SourceKind,
    Statement,
    Symptom,
    Unit,
    UpperLimit,
    UpperLimitScope,
)

ids = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda s: s.strip() != "")
values = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=1e-3, max_value=1e5, allow_nan=False, allow_infinity=False)
grades = st.sampled_from(list(EvidenceGrade))
source_ids = st.lists(ids, min_size=1, max_size=3, unique=True).map(tuple)
claims = st.lists(st.sampled_from(CLAIM_IDS), max_size=3, unique=True).map(tuple)
aliases = st.lists(texts, max_size=3, unique=True).map(tuple)
optional_text = st.none() | texts


def amounts(units: st.SearchStrategy[Unit] = st.sampled_from(list(Unit))) -> st.SearchStrategy[Amount]:
    return st.builds(Amount, value=values, unit=units)


mass_amounts = amounts(st.sampled_from([Unit.G, Unit.MG, Unit.UG]))

sources = st.builds(
    Source, id=ids, title=texts, publisher=texts, kind=st.sampled_from(list(SourceKind)),
    year=st.none() | st.integers(1900, 2030), url=st.none() | st.just("https://example.org/x"),
    copy_of=optional_text, pmid=st.none() | st.from_regex(r"[1-9][0-9]{0,8}", fullmatch=True),
    doi=st.none() | st.from_regex(r"10\.[0-9]{4,6}/[a-z0-9.]{1,10}", fullmatch=True),
    accessed=st.none() | st.just("2026-11-22"), used_for=optional_text,
)
statements = st.builds(Statement, text=texts, evidence=grades, sources=source_ids, claims=claims, note=optional_text)
nutrients = st.builds(
    Nutrient, id=ids, name=texts, kind=st.sampled_from(["mineral", "vitamin"]), unit=st.sampled_from([Unit.MG, Unit.UG]),
    deficiency=texts, aliases=aliases, symbol=optional_text, chebi=st.none() | st.just("CHEBI:18420"),
    molar_mass=st.none() | positive, valence=st.none() | st.integers(1, 3), iu_per_microgram=st.none() | positive,
    constants_sources=st.lists(ids, max_size=2, unique=True).map(tuple), daily_value=st.none() | mass_amounts,
    daily_value_sources=st.lists(ids, max_size=2, unique=True).map(tuple), summary=optional_text,
    roles=st.lists(statements, max_size=2).map(tuple), excess=st.lists(statements, max_size=1).map(tuple),
    supplement_forms=aliases, supplement_sources=st.lists(ids, max_size=2, unique=True).map(tuple),
)
hpo_ids = st.from_regex(r"HP:[0-9]{7}", fullmatch=True)
symptoms = st.builds(
    Symptom, id=ids, name=texts, hpo_id=hpo_ids, hpo_label=texts, hpo_sources=source_ids, hpo_match=st.sampled_from(list(HpoMatch)),
    aliases=aliases, description=optional_text, facts=st.lists(statements, max_size=2).map(tuple),
)
servings_ = st.builds(Serving, label=texts, grams=positive)
contents = st.builds(NutrientContent, nutrient=ids, per_100g=mass_amounts)
foods = st.builds(
    Food, id=ids, name=texts, ndb_number=st.from_regex(r"[0-9]{5}", fullmatch=True), usda_description=texts,
    food_group=st.sampled_from(list(FoodGroup)),
    servings=st.lists(servings_, min_size=1, max_size=3, unique_by=lambda s: s.label).map(tuple),
    composition=st.lists(contents, max_size=3, unique_by=lambda c: c.nutrient).map(tuple),
    sources=source_ids, aliases=aliases, fdc_id=st.none() | st.integers(1, 10**7),
)


@st.composite
def life_stages(draw: st.DrawFn) -> LifeStage:
    low = draw(st.integers(0, 900))
    high = draw(st.none() | st.integers(low + 1, 1200))
    state = draw(st.sampled_from(["none", "pregnant", "lactating"]))
    sex = Sex.FEMALE if state != "none" else draw(st.sampled_from(list(Sex)))
    return LifeStage(min_months=low, max_months=high, sex=sex, pregnant=state == "pregnant", lactating=state == "lactating")


upper_limits = st.builds(UpperLimit, amount=mass_amounts, scope=st.sampled_from(list(UpperLimitScope)), sources=source_ids, note=optional_text)
intakes = st.builds(
    IntakeRecommendation, nutrient=ids, life_stage=life_stages(), kind=st.sampled_from(list(IntakeKind)), amount=mass_amounts,
    sources=source_ids, upper_limit=st.none() | upper_limits, chronic_disease_risk_reduction=st.none() | mass_amounts, note=optional_text,
)


@st.composite
def reference_ranges(draw: st.DrawFn) -> ReferenceRange:
    low = draw(st.none() | values)
    high = draw(st.none() | values) if low is not None else draw(values)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return ReferenceRange(low=low, high=high, unit=draw(st.sampled_from(list(Unit))), sources=draw(source_ids),
                          sex=draw(st.sampled_from(list(Sex))), population=draw(texts), note=draw(optional_text))


cutoffs = st.builds(Cutoff, label=texts, unit=st.sampled_from(list(Unit)), sources=source_ids, low=st.none() | values,
                    high=st.none() | values, high_inclusive=st.booleans(), note=optional_text)
lab_tests = st.builds(
    LabTest, id=ids, name=texts, specimen=texts, loinc=st.none() | st.from_regex(r"[1-9][0-9]{0,5}-[0-9]", fullmatch=True),
    loinc_sources=st.lists(ids, max_size=2, unique=True).map(tuple),
    reference_ranges=st.lists(reference_ranges(), min_size=1, max_size=2).map(tuple), nutrient=st.none() | ids,
    aliases=aliases, cutoffs=st.lists(cutoffs, max_size=2).map(tuple), molar_mass=st.none() | positive,
    valence=st.none() | st.integers(1, 3), constants_sources=st.lists(ids, max_size=2, unique=True).map(tuple),
    facts=st.lists(statements, max_size=1).map(tuple), note=optional_text,
)
factors = st.builds(Factor, id=ids, name=texts, kind=st.sampled_from(list(FactorKind)), aliases=aliases, description=optional_text)
advice = st.builds(Advice, id=ids, name=texts, kind=st.sampled_from(list(AdviceKind)), text=texts, aliases=aliases)
red_flags = st.builds(RedFlag, id=ids, text=texts, evidence=grades, sources=source_ids,
                      symptoms=st.lists(ids, max_size=2, unique=True).map(tuple), claims=claims, urgent=st.booleans())
refs = st.builds(lambda kind, rid: Ref.of(kind, rid), st.sampled_from(list(mn.RefKind)), ids)
relations = st.builds(Relation, id=ids, subject=refs, predicate=st.sampled_from(list(Predicate)), object=refs, evidence=grades,
                      sources=source_ids, note=optional_text, population=optional_text, claims=claims)

#: One strategy per record class, for the round-trip tests.
RECORD_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    Amount: amounts(), Source: sources, Statement: statements, Nutrient: nutrients, Symptom: symptoms, Serving: servings_,
    NutrientContent: contents, Food: foods, LifeStage: life_stages(), UpperLimit: upper_limits, IntakeRecommendation: intakes,
    ReferenceRange: reference_ranges(), Cutoff: cutoffs, LabTest: lab_tests, Factor: factors, Advice: advice,
    RedFlag: red_flags, Relation: relations,
}


@st.composite
def knowledge_bases(draw: st.DrawFn, max_records: int = 6) -> mn.KnowledgeBase:
    """Small, valid knowledge bases: unique names, resolvable references, one source cited by all."""
    n_nutrients = draw(st.integers(1, max_records))
    n_symptoms = draw(st.integers(1, max_records))
    n_factors = draw(st.integers(0, max_records))
    src = Source(id="s", title="Source", publisher="Publisher", kind=SourceKind.REVIEW)
    nutrient_list = [
        Nutrient(id=f"n{i}", name=f"Nutrient {i}", kind="mineral", unit=Unit.MG, deficiency=f"low n{i}") for i in range(n_nutrients)
    ]
    symptom_list = [Symptom(id=f"sym{i}", name=f"Symptom {i}", hpo_id=f"HP:{i:07d}", hpo_label=f"S{i}", hpo_sources=("s",)) for i in range(n_symptoms)]
    factor_list = [Factor(id=f"f{i}", name=f"Factor {i}", kind=FactorKind.CONDITION) for i in range(n_factors)]
    causes = [f"deficiency:n{i}" for i in range(n_nutrients)] + [f"factor:f{i}" for i in range(n_factors)]
    pairs = draw(st.lists(st.tuples(st.sampled_from(causes), st.integers(0, n_symptoms - 1)), max_size=25, unique=True))
    rels = [
        Relation(id=f"r{k}", subject=Ref(subject), predicate=draw(st.sampled_from([Predicate.CAUSES, Predicate.RAISES_RISK_OF])),
                 object=Ref(f"symptom:sym{s}"), evidence=draw(grades), sources=("s",))
        for k, (subject, s) in enumerate(pairs)
    ]
    return mn.KnowledgeBase(sources=[src], nutrients=nutrient_list, symptoms=symptom_list, factors=factor_list, relations=rels)
