"""Name lookups: ids, names, aliases, symbols; case, accent and punctuation do not matter."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import muscle_nutrients as mn
from muscle_nutrients.names import normalize


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


def test_search_ranks_exact_first(kb: mn.KnowledgeBase) -> None:
    hits = kb.search("magnesium")
    assert hits[0].kind == "nutrient" and hits[0].record is kb.nutrient("magnesium") and hits[0].score == 1.0
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))
    assert {h.kind for h in kb.search("cramp", limit=20)} >= {"symptom"}
    assert kb.search("   ") == ()
    with pytest.raises(ValueError):
        kb.search("x", limit=0)


def test_normalize() -> None:
    assert normalize("Vitamin B-12") == normalize("vitamin b12") == "vitaminb12"
    assert normalize("Hypoaesthésia") == "hypoaesthesia"


@given(st.text(max_size=40))
def test_any_text_resolves_or_raises_unknown_name(text: str) -> None:
    kb = mn.load()
    for lookup in (kb.nutrient, kb.symptom, kb.food, kb.factor, kb.lab_test):
        try:
            lookup(text)
        except mn.UnknownNameError as err:
            assert err.key == text


def _accented(text: str) -> str:
    return "".join(ch + "\u0301" if ch.isalpha() else ch for ch in text)


@given(st.data())
def test_case_and_accent_changes_resolve_to_the_same_record(data: st.DataObject) -> None:
    kb = mn.load()
    record = data.draw(st.sampled_from([*kb.nutrients, *kb.symptoms, *kb.foods, *kb.factors]))
    name = data.draw(st.sampled_from([record.id, record.name, *record.aliases]))
    variant = data.draw(st.sampled_from([name.upper(), name.lower(), name.swapcase(), _accented(name), f"  {name}!"]))
    lookup = {mn.Nutrient: kb.nutrient, mn.Symptom: kb.symptom, mn.Food: kb.food, mn.Factor: kb.factor}[type(record)]
    assert lookup(variant) is record
