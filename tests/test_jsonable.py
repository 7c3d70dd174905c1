"""Results and records as JSON-ready data: one implementation for to_dict() and the CLI."""

from __future__ import annotations

import json

import pytest

import muscle_nutrients as mn
from muscle_nutrients._jsonable import to_data


def _results(kb: mn.KnowledgeBase) -> list[object]:
    ranking = kb.rank_causes(["cramps", "weakness", "tingling"])
    return [
        ranking, ranking.candidates[0], ranking.candidates[0].links[0], kb.symptoms_of("Mg")[0], kb.advice_for("cramps")[0],
        kb.depleted_by("PPI")[0], kb.foods_rich_in("iron")[0], kb.intake("sodium", age=40, sex="male"),
        kb.assess_diet([("banana", None)], age=30, sex="female"), kb.interpret_lab("magnesium", 1.55, "mg/dL"),
        kb.search("iron")[0],
    ]


def test_every_result_is_json_ready(kb: mn.KnowledgeBase) -> None:
    for result in _results(kb):
        data = result.to_dict()  # type: ignore[attr-defined]
        assert json.loads(json.dumps(data)) == data, type(result).__name__


def test_results_summarise_the_records_they_mention(kb: mn.KnowledgeBase) -> None:
    link = next(l for l in kb.symptoms_of("Mg") if l.symptom.id == "muscle-cramp")
    data = link.to_dict()
    assert data["symptom"] == {"id": "muscle-cramp", "name": "Muscle cramp", "hpo_id": "HP:0003394", "hpo_label": "Muscle spasm"}
    assert data["evidence"] == "probable" and data["relation"]["id"] == link.relation.id
    assert data["sources"][0]["id"] == link.sources[0].id and "title" in data["sources"][0]
    candidate = kb.rank_causes(["cramps"]).candidates[0].to_dict()
    assert {"cause_kind", "label", "explanation"} <= set(candidate)
    assert kb.intake("iron", age=30, sex="female").to_dict()["life_stage"]["label"] == "females 19-30 y"


def test_records_give_every_field(kb: mn.KnowledgeBase) -> None:
    nutrient = kb.nutrient("Mg")
    data = nutrient.to_dict()
    assert data["daily_value"] == {"value": 420.0, "unit": "mg"} and data["kind"] == "mineral"
    assert data["roles"][0]["evidence"] in {g.value for g in mn.EvidenceGrade}
    assert set(data) == {f.name for f in __import__("attrs").fields(mn.Nutrient)}


def test_floats_lose_their_noise_and_refs_become_text(kb: mn.KnowledgeBase) -> None:
    assert to_data(80.74999999999999) == 80.75
    assert type(to_data(mn.Ref("nutrient:iron"))) is str
    assert to_data({"a": (1, mn.Unit.MG)}) == {"a": [1, "mg"]}
    with pytest.raises(TypeError):
        to_data(object())
