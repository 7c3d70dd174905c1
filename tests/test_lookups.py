"""Finding records: ids, names, aliases and symbols; records passed back in; suggestions; search."""

from __future__ import annotations

import pytest

import muscle_nutrients as mn


@pytest.mark.parametrize(
    "name, expected",
    [("Mg", "magnesium"), ("vitamin B-12", "vitamin-b12"), ("cobalamin", "vitamin-b12"), ("K", "potassium"),
     ("Vitamin B1", "thiamin"), ("thiamine", "thiamin"), ("hypokalaemia", "potassium"), ("VITAMIN D3", "vitamin-d")],
)
def test_nutrient_aliases(kb: mn.KnowledgeBase, name: str, expected: str) -> None:
    assert kb.nutrient(name).id == expected


@pytest.mark.parametrize(
    "name, expected",
    [("charley horse", "muscle-cramp"), ("leg cramps", "muscle-cramp"), ("pins and needles", "paresthesia"),
     ("RLS", "restless-legs"), ("nocturnal leg cramps", "night-leg-cramps"), ("twitching", "fasciculations")],
)
def test_symptom_aliases(kb: mn.KnowledgeBase, name: str, expected: str) -> None:
    assert kb.symptom(name).id == expected


def test_other_kinds(kb: mn.KnowledgeBase) -> None:
    assert kb.food("bananas").ndb_number == "09040"
    assert kb.factor("omeprazole").id == "proton-pump-inhibitors"
    assert kb.lab_test("ferritin").loinc == "20567-4"
    assert kb.advice_item("stretching").id == "stretch-cramping-muscle"
    assert kb.source("usda-sr26").year == 2013 and kb.source("USDA SR26").id == "usda-sr26"
    assert kb.lookup(mn.Food, "banana") is kb.food("banana") and kb.get(mn.LabTest, "nope") is None


def test_every_query_takes_the_records_other_queries_return(kb: mn.KnowledgeBase) -> None:
    ranking = kb.rank_causes(["cramps", "tingling"])
    top = next(c for c in ranking if isinstance(c.cause, mn.Nutrient))
    assert kb.symptoms_of(top.cause) == kb.symptoms_of(top.cause.id)
    assert kb.foods_rich_in(kb.nutrient("Mg")) == kb.foods_rich_in("magnesium")
    assert kb.intake(kb.nutrient("iron"), age=30, sex="male") is kb.intake("iron", age=30, sex="male")
    assert kb.lab_tests_for(kb.nutrient("iron")) == kb.lab_tests_for("iron")
    assert kb.causes_of(ranking.symptoms[0]) == kb.causes_of("cramps")
    assert kb.advice_for(kb.symptom("cramp")) == kb.advice_for("cramp")
    assert kb.rank_causes(ranking.symptoms) == kb.rank_causes(["cramps", "tingling"])
    assert kb.nutrients_in(kb.search("banana")[0].record) == kb.nutrients_in("banana")  # type: ignore[arg-type]
    assert kb.interpret_lab(kb.lab_test("serum magnesium"), 2, "mg/dL").status is mn.LabStatus.NORMAL
    assert kb.interpret_lab(kb.nutrient("magnesium"), 2, "mg/dL").test.id == "serum-magnesium"
    assert kb.source(kb.sources[0]) is kb.sources[0]
    assert kb.depleted_by(kb.factor("PPI")) == kb.depleted_by("PPI")


@pytest.mark.parametrize("bad", [3, None, b"magnesium", ["Mg"], 2.5])
def test_a_wrong_type_says_what_is_accepted(kb: mn.KnowledgeBase, bad: object) -> None:
    for query in (kb.nutrient, kb.symptoms_of, kb.foods_rich_in, kb.lab_tests_for):
        with pytest.raises(TypeError, match="must be given as a name, id or alias"):
            query(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be given as a name"):
        kb.interpret_lab(bad, 1, "mg/dL")  # type: ignore[arg-type]


def test_unknown_name_error_carries_suggestions(kb: mn.KnowledgeBase) -> None:
    with pytest.raises(mn.UnknownNameError) as info:
        kb.nutrient("magnesum")
    err = info.value
    assert isinstance(err, LookupError)
    assert (err.key, err.kind) == ("magnesum", "nutrient")
    assert err.suggestions[0] == "Magnesium"
    assert "did you mean 'Magnesium'" in str(err)


def test_get_variants_return_none(kb: mn.KnowledgeBase) -> None:
    assert kb.get_nutrient("unobtainium") is None
    assert kb.get_symptom("") is None
    assert kb.get_food("Bananas") is kb.food("banana")
    assert kb.get_factor("nope") is None and kb.get_lab_test("nope") is None
    assert kb.get_advice("stretching") is kb.advice_item("stretching") and kb.get_source("nope") is None


def test_search_ranks_exact_first(kb: mn.KnowledgeBase) -> None:
    hits = kb.search("magnesium")
    assert hits[0].kind == "nutrient" and hits[0].record is kb.nutrient("magnesium") and hits[0].score == 1.0
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))
    assert {h.kind for h in kb.search("cramp", limit=20)} >= {"symptom"}
    assert kb.search("   ") == ()
    with pytest.raises(ValueError):
        kb.search("x", limit=0)
    with pytest.raises(TypeError):
        kb.search(None)  # type: ignore[arg-type]
