"""The queries as module-level functions over the packaged knowledge base.

Each function takes ``kb=`` to query another [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase]
(one extended with your own data, or a test fixture)::

    from muscle_nutrients import query
    query.symptoms_of("magnesium")
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .evidence import EvidenceGrade
from .knowledge_base import KnowledgeBase
from .loading import packaged
from .model import Factor, Food, LabTest, Nutrient, RedFlag, Relation, Sex, Symptom
from .results import (
    AdviceLink,
    CauseLink,
    CauseRanking,
    DietAssessment,
    FoodNutrientRow,
    IntakeTarget,
    LabInterpretation,
    NutrientLink,
    SearchHit,
    SymptomLink,
)
from .units import Amount, Unit

__all__ = [
    "advice_for",
    "assess_diet",
    "causes_of",
    "daily_value",
    "depleted_by",
    "factor",
    "food",
    "foods_rich_in",
    "intake",
    "interpret_lab",
    "lab_test",
    "nutrient",
    "nutrients_in",
    "rank_causes",
    "red_flags",
    "relations_for_claim",
    "search",
    "symptom",
    "symptoms_of",
]


def _kb(kb: KnowledgeBase | None) -> KnowledgeBase:
    return packaged() if kb is None else kb


def nutrient(name: str, *, kb: KnowledgeBase | None = None) -> Nutrient:
    """See [KnowledgeBase.nutrient][muscle_nutrients.knowledge_base.KnowledgeBase.nutrient]."""
    return _kb(kb).nutrient(name)


def symptom(name: str, *, kb: KnowledgeBase | None = None) -> Symptom:
    """See [KnowledgeBase.symptom][muscle_nutrients.knowledge_base.KnowledgeBase.symptom]."""
    return _kb(kb).symptom(name)


def food(name: str, *, kb: KnowledgeBase | None = None) -> Food:
    """See [KnowledgeBase.food][muscle_nutrients.knowledge_base.KnowledgeBase.food]."""
    return _kb(kb).food(name)


def factor(name: str, *, kb: KnowledgeBase | None = None) -> Factor:
    """See [KnowledgeBase.factor][muscle_nutrients.knowledge_base.KnowledgeBase.factor]."""
    return _kb(kb).factor(name)


def lab_test(name: str, *, kb: KnowledgeBase | None = None) -> LabTest:
    """See [KnowledgeBase.lab_test][muscle_nutrients.knowledge_base.KnowledgeBase.lab_test]."""
    return _kb(kb).lab_test(name)


def search(text: str, *, limit: int = 10, kb: KnowledgeBase | None = None) -> tuple[SearchHit, ...]:
    """See [KnowledgeBase.search][muscle_nutrients.knowledge_base.KnowledgeBase.search]."""
    return _kb(kb).search(text, limit=limit)


def symptoms_of(nutrient: str, *, kb: KnowledgeBase | None = None) -> tuple[SymptomLink, ...]:
    """See [KnowledgeBase.symptoms_of][muscle_nutrients.knowledge_base.KnowledgeBase.symptoms_of]."""
    return _kb(kb).symptoms_of(nutrient)


def causes_of(symptom: str, *, kb: KnowledgeBase | None = None) -> tuple[CauseLink, ...]:
    """See [KnowledgeBase.causes_of][muscle_nutrients.knowledge_base.KnowledgeBase.causes_of]."""
    return _kb(kb).causes_of(symptom)


def rank_causes(
    symptoms: Iterable[str],
    *,
    min_evidence: EvidenceGrade | str = EvidenceGrade.LIMITED,
    kb: KnowledgeBase | None = None,
) -> CauseRanking:
    """See [KnowledgeBase.rank_causes][muscle_nutrients.knowledge_base.KnowledgeBase.rank_causes]."""
    return _kb(kb).rank_causes(symptoms, min_evidence=min_evidence)


def foods_rich_in(
    nutrient: str, *, per: str = "serving", limit: int = 10, kb: KnowledgeBase | None = None
) -> tuple[FoodNutrientRow, ...]:
    """See [KnowledgeBase.foods_rich_in][muscle_nutrients.knowledge_base.KnowledgeBase.foods_rich_in]."""
    return _kb(kb).foods_rich_in(nutrient, per=per, limit=limit)


def nutrients_in(
    food: str, *, per: str = "serving", serving: str | None = None, kb: KnowledgeBase | None = None
) -> tuple[FoodNutrientRow, ...]:
    """See [KnowledgeBase.nutrients_in][muscle_nutrients.knowledge_base.KnowledgeBase.nutrients_in]."""
    return _kb(kb).nutrients_in(food, per=per, serving=serving)


def intake(
    nutrient: str,
    *,
    age: float,
    sex: str | Sex,
    pregnant: bool = False,
    lactating: bool = False,
    kb: KnowledgeBase | None = None,
) -> IntakeTarget:
    """See [KnowledgeBase.intake][muscle_nutrients.knowledge_base.KnowledgeBase.intake]."""
    return _kb(kb).intake(nutrient, age=age, sex=sex, pregnant=pregnant, lactating=lactating)


def daily_value(nutrient: str, *, kb: KnowledgeBase | None = None) -> Amount:
    """See [KnowledgeBase.daily_value][muscle_nutrients.knowledge_base.KnowledgeBase.daily_value]."""
    return _kb(kb).daily_value(nutrient)


def assess_diet(
    portions: Iterable[tuple[str, float | str | None]] | Mapping[str, float | str | None],
    *,
    age: float,
    sex: str | Sex,
    pregnant: bool = False,
    lactating: bool = False,
    supplements: Mapping[str, Amount] | None = None,
    kb: KnowledgeBase | None = None,
) -> DietAssessment:
    """See [KnowledgeBase.assess_diet][muscle_nutrients.knowledge_base.KnowledgeBase.assess_diet]."""
    return _kb(kb).assess_diet(
        portions, age=age, sex=sex, pregnant=pregnant, lactating=lactating, supplements=supplements
    )


def interpret_lab(
    test_or_nutrient: str,
    value: float,
    unit: Unit | str,
    *,
    sex: str | Sex | None = None,
    kb: KnowledgeBase | None = None,
) -> LabInterpretation:
    """See [KnowledgeBase.interpret_lab][muscle_nutrients.knowledge_base.KnowledgeBase.interpret_lab]."""
    return _kb(kb).interpret_lab(test_or_nutrient, value, unit, sex=sex)


def depleted_by(factor: str, *, kb: KnowledgeBase | None = None) -> tuple[NutrientLink, ...]:
    """See [KnowledgeBase.depleted_by][muscle_nutrients.knowledge_base.KnowledgeBase.depleted_by]."""
    return _kb(kb).depleted_by(factor)


def advice_for(symptom: str, *, kb: KnowledgeBase | None = None) -> tuple[AdviceLink, ...]:
    """See [KnowledgeBase.advice_for][muscle_nutrients.knowledge_base.KnowledgeBase.advice_for]."""
    return _kb(kb).advice_for(symptom)


def red_flags(symptom: str | None = None, *, kb: KnowledgeBase | None = None) -> tuple[RedFlag, ...]:
    """See [KnowledgeBase.red_flags][muscle_nutrients.knowledge_base.KnowledgeBase.red_flags]."""
    return _kb(kb).red_flags(symptom)


def relations_for_claim(claim: str, *, kb: KnowledgeBase | None = None) -> tuple[Relation, ...]:
    """See [KnowledgeBase.relations_for_claim][muscle_nutrients.knowledge_base.KnowledgeBase.relations_for_claim]."""
    return _kb(kb).relations_for_claim(claim)
