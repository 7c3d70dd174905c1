"""A tiny, hand-drawn knowledge base for testing query logic with exactly known answers.

Nutrients X (mg) and Y (µg); symptoms A, B, C; one factor F; two foods; one lab test.
    deficiency:x  causes        A (established), B (limited)
    deficiency:y  causes        B (probable), C (unsupported)
    factor:f      raises risk   A (probable);  lowers x (probable)
    advice:rest   relieves      A (limited)
"""

from __future__ import annotations

from muscle_nutrients import (
    Advice,
    AdviceKind,
    Amount,
    Cutoff,
    Factor,
    FactorKind,
    Food,
    FoodGroup,
    IntakeKind,
    IntakeRecommendation,
    KnowledgeBase,
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
    Symptom,
    Unit,
    UpperLimit,
    UpperLimitScope,
)
from muscle_nutrients.evidence import EvidenceGrade as G

SRC = ("src",)


def rel(rid: str, subject: str, predicate: Predicate, obj: str, grade: G) -> Relation:
    return Relation(id=rid, subject=Ref(subject), predicate=predicate, object=Ref(obj), evidence=grade, sources=SRC)


def stage(lo: int, hi: int | None, sex: Sex = Sex.ANY) -> LifeStage:
    return LifeStage(min_months=lo, max_months=hi, sex=sex)


def tiny_knowledge_base() -> KnowledgeBase:
    mg = Unit.MG
    intakes = []
    for sex in (Sex.MALE, Sex.FEMALE):
        intakes.append(
            IntakeRecommendation(
                nutrient="x", life_stage=stage(12, None, sex), kind=IntakeKind.RDA,
                amount=Amount(value=100 if sex is Sex.MALE else 80, unit=mg), sources=SRC,
                upper_limit=UpperLimit(amount=Amount(value=50, unit=mg), scope=UpperLimitScope.SUPPLEMENTS_AND_MEDICINES, sources=SRC),
            )
        )
    intakes.append(
        IntakeRecommendation(nutrient="x", life_stage=stage(0, 12), kind=IntakeKind.AI, amount=Amount(value=10, unit=mg), sources=SRC)
    )
    intakes.append(
        IntakeRecommendation(
            nutrient="x", life_stage=LifeStage(min_months=168, max_months=612, sex=Sex.FEMALE, pregnant=True),
            kind=IntakeKind.RDA, amount=Amount(value=120, unit=mg), sources=SRC,
        )
    )
    intakes.append(
        IntakeRecommendation(
            nutrient="y", life_stage=stage(0, None), kind=IntakeKind.AI, amount=Amount(value=2, unit=Unit.UG), sources=SRC,
            upper_limit=UpperLimit(amount=Amount(value=10, unit=Unit.UG), scope=UpperLimitScope.TOTAL_INTAKE, sources=SRC),
        )
    )
    return KnowledgeBase(
        sources=[Source(id="src", title="Test source", publisher="Tests", kind=SourceKind.REVIEW, url="https://example.org/")],
        nutrients=[
            Nutrient(id="x", name="Xenium", kind="mineral", unit=mg, deficiency="hypoxenemia", aliases=("Xe", "xénium salt"),
                     molar_mass=20.0, valence=2, daily_value=Amount(value=200, unit=mg), daily_value_sources=SRC),
            Nutrient(id="y", name="Vitamin Y", kind="vitamin", unit=Unit.UG, deficiency="vitamin Y deficiency",
                     iu_per_microgram=40, daily_value=Amount(value=4, unit=Unit.UG), daily_value_sources=SRC),
        ],
        symptoms=[
            Symptom(id="a", name="Ache A", hpo_id="HP:0000001", hpo_label="A", hpo_sources=SRC, aliases=("alpha pain",)),
            Symptom(id="b", name="Buzz B", hpo_id="HP:0000002", hpo_label="B", hpo_sources=SRC),
            Symptom(id="c", name="Cold C", hpo_id="HP:0000003", hpo_label="C", hpo_sources=SRC),
        ],
        foods=[
            Food(id="bean", name="Bean", ndb_number="00001", usda_description="Beans", food_group=FoodGroup.LEGUMES,
                 servings=(Serving(label="1 cup", grams=200), Serving(label="1 tbsp", grams=10)),
                 composition=(NutrientContent(nutrient="x", per_100g=Amount(value=50, unit=mg)),
                              NutrientContent(nutrient="y", per_100g=Amount(value=1, unit=Unit.UG))),
                 sources=SRC),
            Food(id="nut", name="Nut", ndb_number="00002", usda_description="Nuts", food_group=FoodGroup.NUTS_AND_SEEDS,
                 servings=(Serving(label="1 oz", grams=28),),
                 composition=(NutrientContent(nutrient="x", per_100g=Amount(value=300, unit=mg)),), sources=SRC),
        ],
        factors=[Factor(id="f", name="Factor F", kind=FactorKind.MEDICATION, aliases=("effy",))],
        lab_tests=[
            LabTest(id="serum-x", name="Serum xenium", specimen="serum", loinc="1234-5", loinc_sources=SRC, nutrient="x",
                    reference_ranges=(ReferenceRange(low=1.0, high=2.0, unit=Unit.MG_PER_DL, sources=SRC),),
                    cutoffs=(Cutoff(label="very low", unit=Unit.MG_PER_DL, sources=SRC, high=0.5),),
                    molar_mass=20.0, valence=2),
        ],
        advice=[Advice(id="rest", name="Rest", kind=AdviceKind.RELIEF, text="Rest the muscle.")],
        red_flags=[
            RedFlag(id="any", text="General flag.", evidence=G.ESTABLISHED, sources=SRC),
            RedFlag(id="for-c", text="Flag for C.", evidence=G.PROBABLE, sources=SRC, symptoms=("c",)),
        ],
        intakes=intakes,
        relations=[
            rel("xa", "deficiency:x", Predicate.CAUSES, "symptom:a", G.ESTABLISHED),
            rel("xb", "deficiency:x", Predicate.CAUSES, "symptom:b", G.LIMITED),
            rel("yb", "deficiency:y", Predicate.CAUSES, "symptom:b", G.PROBABLE),
            rel("yc", "deficiency:y", Predicate.CAUSES, "symptom:c", G.UNSUPPORTED),
            rel("fa", "factor:f", Predicate.RAISES_RISK_OF, "symptom:a", G.PROBABLE),
            rel("fx", "factor:f", Predicate.LOWERS, "nutrient:x", G.PROBABLE),
            rel("rest-a", "advice:rest", Predicate.RELIEVES, "symptom:a", G.LIMITED),
        ],
        data_version="test",
    )
