"""The queries on the packaged knowledge base return the cited facts it ships."""

from __future__ import annotations

import pytest

import muscle_nutrients as mn
from muscle_nutrients import EvidenceGrade as G
from muscle_nutrients import Unit


def test_symptoms_of_magnesium(kb: mn.KnowledgeBase) -> None:
    links = kb.symptoms_of("magnesium")
    grades = [l.evidence for l in links]
    assert grades == sorted(grades, reverse=True)
    by_symptom = {l.symptom.id: l for l in links}
    assert by_symptom["muscle-cramp"].evidence is G.PROBABLE
    assert by_symptom["night-leg-cramps"].evidence is G.UNSUPPORTED  # ordinary night cramps: not low magnesium
    assert all(l.sources for l in links)


def test_symptoms_of_potassium_calcium_iron(kb: mn.KnowledgeBase) -> None:
    potassium = {l.symptom.id: l.evidence for l in kb.symptoms_of("K")}
    assert potassium == {"muscle-cramp": G.ESTABLISHED, "muscle-weakness": G.ESTABLISHED, "fatigue": G.ESTABLISHED, "palpitations": G.ESTABLISHED}
    calcium = {l.symptom.id: l.evidence for l in kb.symptoms_of("calcium")}
    assert calcium["tetany"] is G.ESTABLISHED and calcium["paresthesia"] is G.ESTABLISHED
    iron = {l.symptom.id: l.evidence for l in kb.symptoms_of("iron")}
    assert iron["restless-legs"] is G.PROBABLE and iron["fatigue"] is G.ESTABLISHED


def test_causes_of_cramps_include_deficiencies_and_factors(kb: mn.KnowledgeBase) -> None:
    causes = kb.causes_of("cramps")
    ids = {(c.cause_kind.value, c.cause.id) for c in causes}
    assert {("deficiency", "potassium"), ("deficiency", "calcium"), ("deficiency", "magnesium"), ("factor", "cirrhosis")} <= ids
    assert [c.evidence for c in causes] == sorted((c.evidence for c in causes), reverse=True)


@pytest.mark.parametrize("symptom", ["weakness", "tingling", "restless legs"])
def test_causes_of_core_symptoms_are_real(kb: mn.KnowledgeBase, symptom: str) -> None:
    causes = kb.causes_of(symptom)
    assert causes and all(c.sources for c in causes)


def test_restless_legs_points_to_iron(kb: mn.KnowledgeBase) -> None:
    ranking = kb.rank_causes(["restless legs"])
    assert ranking.candidates[0].cause.id == "iron"
    assert [a.advice.id for a in kb.advice_for("RLS")] == ["iron-under-medical-guidance"]


def test_rank_cramps_weakness_tingling(kb: mn.KnowledgeBase) -> None:
    ranking = kb.rank_causes(["cramps", "weakness", "tingling"])
    top = ranking.candidates[0]
    assert len(top.matched) == 3 and not top.unmatched
    assert any(f.id == "cramps-with-weakness-numbness-or-swelling" for f in ranking.red_flags)
    assert ranking.disclaimer == mn.DISCLAIMER


def test_foods_rich_in_magnesium(kb: mn.KnowledgeBase) -> None:
    rows = kb.foods_rich_in("magnesium", limit=5)
    assert len(rows) == 5
    assert [r.amount.value for r in rows] == sorted((r.amount.value for r in rows), reverse=True)
    for row in rows:
        per_100g = row.food.per_100g("magnesium")
        assert row.serving is not None and per_100g is not None
        assert row.amount.value == pytest.approx(per_100g.value * row.serving.grams / 100)
        assert row.percent_daily_value == pytest.approx(100 * row.amount.value / 420)


def test_banana_potassium_from_usda(kb: mn.KnowledgeBase) -> None:
    banana = kb.food("banana")
    assert banana.ndb_number == "09040"
    potassium = next(r for r in kb.nutrients_in("banana") if r.nutrient.id == "potassium")
    assert potassium.serving == banana.default_serving
    assert potassium.amount.unit is Unit.MG


def test_intake_targets(kb: mn.KnowledgeBase) -> None:
    mg = kb.intake("magnesium", age=35, sex="female")
    assert (mg.kind.value, mg.amount.value, mg.upper_limit.amount.value) == ("RDA", 320, 350)
    assert mg.upper_limit.scope is mn.UpperLimitScope.SUPPLEMENTS_AND_MEDICINES
    k = kb.intake("potassium", age=40, sex="male")
    assert (k.kind.value, k.amount.value, k.upper_limit) == ("AI", 3400, None)
    na = kb.intake("sodium", age=40, sex="male")
    assert na.upper_limit is None and na.chronic_disease_risk_reduction == mn.Amount(value=2300, unit=Unit.MG)
    assert kb.intake("iron", age=25, sex="female", pregnant=True).amount.value == 27
    assert kb.intake("vitamin D", age=75, sex="male").amount.value == 20
    assert kb.intake("calcium", age=0.25, sex="male").kind is mn.IntakeKind.AI


def test_daily_values_use_2016_rule(kb: mn.KnowledgeBase) -> None:
    assert kb.daily_value("magnesium").value == 420
    assert kb.daily_value("potassium").value == 4700
    assert kb.daily_value("vitamin D") == mn.Amount(value=20, unit=Unit.UG)
    assert kb.daily_value("B12").value == 2.4


def test_assess_diet_magnesium_supplement_only_ul(kb: mn.KnowledgeBase) -> None:
    day = kb.assess_diet([("pumpkin seeds", "1 cup"), ("spinach, boiled", None)], age=30, sex="male")
    assert day["magnesium"].total.value > 350 and not day["magnesium"].exceeds_upper_limit
    pills = kb.assess_diet([], age=30, sex="male", supplements={"magnesium": mn.Amount(value=400, unit=Unit.MG)})
    assert pills["magnesium"].exceeds_upper_limit


def test_interpret_lab_magnesium_in_either_unit(kb: mn.KnowledgeBase) -> None:
    conventional = kb.interpret_lab("serum magnesium", 1.2, "mg/dL")
    si = kb.interpret_lab("magnesium", 1.2 / 2.4305, "mmol/L")
    assert conventional.status is si.status is mn.LabStatus.LOW
    assert si.converted.value == pytest.approx(1.2)
    assert kb.interpret_lab("Mg", 2.0, "mg/dL").status is mn.LabStatus.NORMAL
    assert kb.interpret_lab("potassium", 3.0, "mEq/L").status is mn.LabStatus.LOW


def test_interpret_ferritin_needs_sex(kb: mn.KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="differ by sex"):
        kb.interpret_lab("ferritin", 50, "ng/mL")
    result = kb.interpret_lab("ferritin", 50, "ng/mL", sex="female")
    assert result.status is mn.LabStatus.NORMAL
    assert [c.label for c in result.cutoffs] == ["iron therapy advised for restless legs (AASM 2024)"]


def test_vitamin_d_bands(kb: mn.KnowledgeBase) -> None:
    result = kb.interpret_lab("25(OH)D", 15, "ng/mL")
    labels = [c.label for c in result.cutoffs]
    assert "at risk of inadequacy (National Academies)" in labels and "deficiency (ARUP laboratory bands)" in labels
    with pytest.raises(ValueError, match="molar mass"):
        kb.interpret_lab("25(OH)D", 40, "nmol/L")


def test_depleted_by_medications(kb: mn.KnowledgeBase) -> None:
    assert [l.nutrient.id for l in kb.depleted_by("omeprazole")] == ["magnesium", "vitamin-b12"]  # established, then probable
    assert {l.nutrient.id for l in kb.depleted_by("furosemide")} == {"potassium", "magnesium"}
    assert [l.nutrient.id for l in kb.depleted_by("metformin")] == ["vitamin-b12"]


def test_claims_have_relations(kb: mn.KnowledgeBase) -> None:
    assert {r.id for r in kb.relations_for_claim("S03")} == {"magnesium-deficiency-causes-night-cramps", "sleep-lowers-magnesium"}
    assert all(r.evidence is G.UNSUPPORTED for r in kb.relations_for_claim("s03"))
    magnesium_for_cramps = {r.population: r.evidence for r in kb.relations_for_claim("S33")}
    assert G.CONTRADICTED in magnesium_for_cramps.values() and G.LIMITED in magnesium_for_cramps.values()


def test_vitamin_d_targets_in_iu(kb: mn.KnowledgeBase) -> None:
    assert kb.intake("vitamin D", age=30, sex="female").amount_in("IU") == mn.Amount(value=600, unit=Unit.IU)
    assert kb.intake("vitamin D", age=80, sex="male").amount_in(Unit.IU).value == 800
    with pytest.raises(ValueError):
        kb.intake("iron", age=30, sex="male").amount_in("IU")


def test_lab_value_read_against_other_labs_ranges(kb: mn.KnowledgeBase) -> None:
    result = kb.interpret_lab("magnesium", 1.55, "mg/dL")
    assert result.status is mn.LabStatus.LOW  # shipped range 1.6-2.2 mg/dL
    others = {rr.sources[0]: status for rr, status in result.alternatives}
    assert others["mlabs-magnesium"] is mn.LabStatus.NORMAL  # 1.5-2.4 mg/dL
    assert others["alfred-magnesium"] is mn.LabStatus.LOW  # 1.55 mg/dL = 0.638 mmol/L, below 0.70-1.10 mmol/L


def test_relations_from_and_to(kb: mn.KnowledgeBase) -> None:
    outgoing = kb.relations_from("deficiency:magnesium")
    assert outgoing and all(r.subject == "deficiency:magnesium" for r in outgoing)
    assert "magnesium-deficiency-causes-cramps" in {r.id for r in outgoing}
    incoming = kb.relations_to("symptom:restless-legs")
    assert {r.id for r in incoming} >= {"iron-deficiency-raises-risk-of-restless-legs", "iron-relieves-restless-legs"}
    assert kb.relations_to("symptom:tetany") and kb.relations_from("food:banana")
    with pytest.raises(ValueError, match="bad reference"):
        kb.relations_from("magnesium")
