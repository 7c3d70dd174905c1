"""The queries as module-level functions over the packaged knowledge base.

Each function takes ``kb=`` to query another [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase]
(one extended with your own data, or a test fixture); a test keeps these in step with the
knowledge base's methods::

    from muscle_nutrients import query
    query.symptoms_of("magnesium")
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from .evidence import EvidenceGrade
from .fhir import ObservationReading
from .foods import Among, Per
from .graph import Fact
from .knowledge_base import KnowledgeBase
from .loading import packaged
from .model import Advice, Direction, Factor, Food, LabTest, Nutrient, RedFlag, Ref, Relation, Serving, Sex, Source, Symptom
from .results import (
    AdviceLink,
    CauseLink,
    CauseRanking,
    CautionLink,
    EffectLink,
    FactorEffects,
    DietAssessment,
    FoodMatch,
    FoodNutrientRow,
    IntakeTarget,
    LabInterpretation,
    NutrientLink,
    SearchHit,
    SymptomLink,
    Term,
)
from .units import Amount, Unit

__all__ = [
    "advice_for",
    "advice_for_deficiency",
    "advice_item",
    "assess_diet",
    "causes_of",
    "cautions_for",
    "daily_value",
    "affecting",
    "depleted_by",
    "effects_of",
    "factor",
    "facts_for_claim",
    "find_terms",
    "food",
    "foods_rich_in",
    "search_foods",
    "get",
    "get_advice",
    "get_factor",
    "get_food",
    "get_lab_test",
    "get_nutrient",
    "get_source",
    "get_symptom",
    "intake",
    "interpret_lab",
    "interpret_observation",
    "lab_test",
    "lab_tests_for",
    "lookup",
    "nutrient",
    "nutrients_in",
    "rank_causes",
    "records",
    "red_flags",
    "relations_for_claim",
    "relations_from",
    "relations_to",
    "search",
    "source",
    "symptom",
    "symptoms_of",
]

R = TypeVar("R")


def _kb(kb: KnowledgeBase | None) -> KnowledgeBase:
    return packaged() if kb is None else kb


def records(kind: type[R], *, kb: KnowledgeBase | None = None) -> Sequence[R]:
    """See [lookups.records][muscle_nutrients.lookups.records]."""
    return _kb(kb).records(kind)


def lookup(kind: type[R], name: str | R, *, kb: KnowledgeBase | None = None) -> R:
    """See [lookups.lookup][muscle_nutrients.lookups.lookup]."""
    return _kb(kb).lookup(kind, name)


def get(kind: type[R], name: str | R, *, kb: KnowledgeBase | None = None) -> R | None:
    """See [lookups.get][muscle_nutrients.lookups.get]."""
    return _kb(kb).get(kind, name)


def nutrient(name: str | Nutrient, *, kb: KnowledgeBase | None = None) -> Nutrient:
    """See [lookups.nutrient][muscle_nutrients.lookups.nutrient]."""
    return _kb(kb).nutrient(name)


def symptom(name: str | Symptom, *, kb: KnowledgeBase | None = None) -> Symptom:
    """See [lookups.symptom][muscle_nutrients.lookups.symptom]."""
    return _kb(kb).symptom(name)


def food(name: str | Food, *, kb: KnowledgeBase | None = None) -> Food:
    """See [lookups.food][muscle_nutrients.lookups.food]."""
    return _kb(kb).food(name)


def factor(name: str | Factor, *, kb: KnowledgeBase | None = None) -> Factor:
    """See [lookups.factor][muscle_nutrients.lookups.factor]."""
    return _kb(kb).factor(name)


def lab_test(name: str | LabTest, *, kb: KnowledgeBase | None = None) -> LabTest:
    """See [lookups.lab_test][muscle_nutrients.lookups.lab_test]."""
    return _kb(kb).lab_test(name)


def advice_item(name: str | Advice, *, kb: KnowledgeBase | None = None) -> Advice:
    """See [lookups.advice_item][muscle_nutrients.lookups.advice_item]."""
    return _kb(kb).advice_item(name)


def source(source_id: str | Source, *, kb: KnowledgeBase | None = None) -> Source:
    """See [lookups.source][muscle_nutrients.lookups.source]."""
    return _kb(kb).source(source_id)


def get_nutrient(name: str | Nutrient, *, kb: KnowledgeBase | None = None) -> Nutrient | None:
    """See [lookups.get_nutrient][muscle_nutrients.lookups.get_nutrient]."""
    return _kb(kb).get_nutrient(name)


def get_symptom(name: str | Symptom, *, kb: KnowledgeBase | None = None) -> Symptom | None:
    """See [lookups.get_symptom][muscle_nutrients.lookups.get_symptom]."""
    return _kb(kb).get_symptom(name)


def get_food(name: str | Food, *, kb: KnowledgeBase | None = None) -> Food | None:
    """See [lookups.get_food][muscle_nutrients.lookups.get_food]."""
    return _kb(kb).get_food(name)


def get_factor(name: str | Factor, *, kb: KnowledgeBase | None = None) -> Factor | None:
    """See [lookups.get_factor][muscle_nutrients.lookups.get_factor]."""
    return _kb(kb).get_factor(name)


def get_lab_test(name: str | LabTest, *, kb: KnowledgeBase | None = None) -> LabTest | None:
    """See [lookups.get_lab_test][muscle_nutrients.lookups.get_lab_test]."""
    return _kb(kb).get_lab_test(name)


def get_advice(name: str | Advice, *, kb: KnowledgeBase | None = None) -> Advice | None:
    """See [lookups.get_advice][muscle_nutrients.lookups.get_advice]."""
    return _kb(kb).get_advice(name)


def get_source(source_id: str | Source, *, kb: KnowledgeBase | None = None) -> Source | None:
    """See [lookups.get_source][muscle_nutrients.lookups.get_source]."""
    return _kb(kb).get_source(source_id)


def search(text: str, *, limit: int = 10, kb: KnowledgeBase | None = None) -> tuple[SearchHit, ...]:
    """See [lookups.search][muscle_nutrients.lookups.search]."""
    return _kb(kb).search(text, limit=limit)


def symptoms_of(nutrient: str | Nutrient, *, state: str = "deficiency", kb: KnowledgeBase | None = None) -> tuple[SymptomLink, ...]:
    """See [causes.symptoms_of][muscle_nutrients.causes.symptoms_of]."""
    return _kb(kb).symptoms_of(nutrient, state=state)


def causes_of(symptom: str | Symptom, *, kb: KnowledgeBase | None = None) -> tuple[CauseLink, ...]:
    """See [causes.causes_of][muscle_nutrients.causes.causes_of]."""
    return _kb(kb).causes_of(symptom)


def advice_for(
    symptom: str | Symptom, *, min_evidence: EvidenceGrade | str = EvidenceGrade.LIMITED, kb: KnowledgeBase | None = None
) -> tuple[AdviceLink, ...]:
    """See [causes.advice_for][muscle_nutrients.causes.advice_for]."""
    return _kb(kb).advice_for(symptom, min_evidence=min_evidence)


def advice_for_deficiency(
    nutrient: str | Nutrient, *, min_evidence: EvidenceGrade | str = EvidenceGrade.LIMITED, kb: KnowledgeBase | None = None
) -> tuple[AdviceLink, ...]:
    """See [causes.advice_for_deficiency][muscle_nutrients.causes.advice_for_deficiency]."""
    return _kb(kb).advice_for_deficiency(nutrient, min_evidence=min_evidence)


def cautions_for(symptom: str | Symptom, *, kb: KnowledgeBase | None = None) -> tuple[CautionLink, ...]:
    """See [causes.cautions_for][muscle_nutrients.causes.cautions_for]."""
    return _kb(kb).cautions_for(symptom)


def red_flags(symptom: str | Symptom | None = None, *, kb: KnowledgeBase | None = None) -> tuple[RedFlag, ...]:
    """See [causes.red_flags][muscle_nutrients.causes.red_flags]."""
    return _kb(kb).red_flags(symptom)


def rank_causes(
    symptoms: Iterable[str | Symptom] | str | Symptom,
    *,
    context: Iterable[str | Factor] | str | Factor = (),
    age: float | None = None,
    sex: str | None = None,
    pregnant: bool = False,
    min_evidence: EvidenceGrade | str = EvidenceGrade.LIMITED,
    kb: KnowledgeBase | None = None,
) -> CauseRanking:
    """See [ranking.rank_causes][muscle_nutrients.ranking.rank_causes]."""
    return _kb(kb).rank_causes(symptoms, context=context, age=age, sex=sex, pregnant=pregnant, min_evidence=min_evidence)


def find_terms(text: str, *, kb: KnowledgeBase | None = None) -> tuple[Term, ...]:
    """See [terms.find_terms][muscle_nutrients.terms.find_terms]."""
    return _kb(kb).find_terms(text)


def effects_of(factor: str | Factor, *, kb: KnowledgeBase | None = None) -> FactorEffects:
    """See [factors.effects_of][muscle_nutrients.factors.effects_of]."""
    return _kb(kb).effects_of(factor)


def affecting(
    nutrient: str | Nutrient, direction: Direction | str | None = None, *, kb: KnowledgeBase | None = None
) -> tuple[EffectLink, ...]:
    """See [factors.affecting][muscle_nutrients.factors.affecting]."""
    return _kb(kb).affecting(nutrient, direction)


def depleted_by(factor: str | Factor, *, kb: KnowledgeBase | None = None) -> tuple[NutrientLink, ...]:
    """See [factors.depleted_by][muscle_nutrients.factors.depleted_by]."""
    return _kb(kb).depleted_by(factor)


def search_foods(text: str, *, limit: int = 10, kb: KnowledgeBase | None = None) -> tuple[FoodMatch, ...]:
    """See [foods.search_foods][muscle_nutrients.foods.search_foods]."""
    return _kb(kb).search_foods(text, limit=limit)


def foods_rich_in(
    nutrient: str | Nutrient,
    *,
    per: Per | str = "serving",
    limit: int = 10,
    among: Among | str = "common",
    kb: KnowledgeBase | None = None,
) -> tuple[FoodNutrientRow, ...]:
    """See [foods.foods_rich_in][muscle_nutrients.foods.foods_rich_in]."""
    return _kb(kb).foods_rich_in(nutrient, per=per, limit=limit, among=among)


def nutrients_in(
    food: str | Food,
    *,
    per: Per | str = "serving",
    serving: str | Serving | None = None,
    portion: float | str | Serving | None = None,
    kb: KnowledgeBase | None = None,
) -> tuple[FoodNutrientRow, ...]:
    """See [foods.nutrients_in][muscle_nutrients.foods.nutrients_in]."""
    return _kb(kb).nutrients_in(food, per=per, serving=serving, portion=portion)


def daily_value(nutrient: str | Nutrient, *, kb: KnowledgeBase | None = None) -> Amount:
    """See [foods.daily_value][muscle_nutrients.foods.daily_value]."""
    return _kb(kb).daily_value(nutrient)


def intake(
    nutrient: str | Nutrient,
    *,
    age: float,
    sex: str | Sex,
    pregnant: bool = False,
    lactating: bool = False,
    kb: KnowledgeBase | None = None,
) -> IntakeTarget:
    """See [intakes.intake][muscle_nutrients.intakes.intake]."""
    return _kb(kb).intake(nutrient, age=age, sex=sex, pregnant=pregnant, lactating=lactating)


def assess_diet(
    portions: Iterable[tuple[str | Food, float | str | Serving | None]] | Mapping[str | Food, float | str | Serving | None],
    *,
    age: float,
    sex: str | Sex,
    pregnant: bool = False,
    lactating: bool = False,
    supplements: Mapping[str | Nutrient, Amount | str] | None = None,
    kb: KnowledgeBase | None = None,
) -> DietAssessment:
    """See [intakes.assess_diet][muscle_nutrients.intakes.assess_diet]."""
    return _kb(kb).assess_diet(portions, age=age, sex=sex, pregnant=pregnant, lactating=lactating, supplements=supplements)


def lab_tests_for(nutrient: str | Nutrient, *, kb: KnowledgeBase | None = None) -> tuple[LabTest, ...]:
    """See [labs.lab_tests_for][muscle_nutrients.labs.lab_tests_for]."""
    return _kb(kb).lab_tests_for(nutrient)


def interpret_lab(
    test_or_nutrient: str | LabTest | Nutrient,
    value: float,
    unit: Unit | str,
    *,
    sex: str | Sex | None = None,
    age: float | None = None,
    kb: KnowledgeBase | None = None,
) -> LabInterpretation:
    """See [labs.interpret_lab][muscle_nutrients.labs.interpret_lab]."""
    return _kb(kb).interpret_lab(test_or_nutrient, value, unit, sex=sex, age=age)


def interpret_observation(
    observation: Mapping[str, Any], *, sex: str | None = None, age: float | None = None, kb: KnowledgeBase | None = None
) -> ObservationReading:
    """See [fhir.interpret_observation][muscle_nutrients.fhir.interpret_observation]."""
    return _kb(kb).interpret_observation(observation, sex=sex, age=age)


def relations_from(ref: str | Ref, *, kb: KnowledgeBase | None = None) -> tuple[Relation, ...]:
    """See [graph.relations_from][muscle_nutrients.graph.relations_from]."""
    return _kb(kb).relations_from(ref)


def relations_to(ref: str | Ref, *, kb: KnowledgeBase | None = None) -> tuple[Relation, ...]:
    """See [graph.relations_to][muscle_nutrients.graph.relations_to]."""
    return _kb(kb).relations_to(ref)


def relations_for_claim(claim: str, *, kb: KnowledgeBase | None = None) -> tuple[Relation, ...]:
    """See [graph.relations_for_claim][muscle_nutrients.graph.relations_for_claim]."""
    return _kb(kb).relations_for_claim(claim)


def facts_for_claim(claim: str, *, kb: KnowledgeBase | None = None) -> tuple[Fact, ...]:
    """See [graph.facts_for_claim][muscle_nutrients.graph.facts_for_claim]."""
    return _kb(kb).facts_for_claim(claim)
