"""Finding the symptoms, factors, nutrients and foods a free text mentions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import muscle_nutrients as mn
from muscle_nutrients.terms import MAX_TEXT, age_in, stem


def found(kb: mn.KnowledgeBase, text: str) -> list[tuple[str, bool]]:
    return [(t.ref, t.negated) for t in kb.find_terms(text)]


def test_symptoms_medicines_and_negation(kb: mn.KnowledgeBase) -> None:
    text = "My legs cramp at night and my feet tingle; I take Lasix, no numbness"
    terms = kb.find_terms(text)
    assert [(t.ref, t.negated) for t in terms] == [
        ("symptom:night-leg-cramps", False), ("symptom:paresthesia", False), ("factor:loop-diuretics", False), ("symptom:numbness", True),
    ]
    for term in terms:
        assert text[term.start:term.end] == term.text
    assert terms[2].text == "Lasix" and terms[2].record is kb.factor("loop-diuretics")


def test_negation_scope(kb: mn.KnowledgeBase) -> None:
    assert found(kb, "no numbness or weakness") == [("symptom:numbness", True), ("symptom:muscle-weakness", True)]
    assert found(kb, "no numbness, but weakness") == [("symptom:numbness", True), ("symptom:muscle-weakness", False)]
    assert found(kb, "I don't take omeprazole and I have cramps") == [
        ("factor:proton-pump-inhibitors", True), ("symptom:muscle-cramp", False)]
    # a negation more than three words back no longer reaches
    assert found(kb, "never had anything like this before, then tingling") == [("symptom:paresthesia", False)]


def test_names_that_only_mean_something_whole(kb: mn.KnowledgeBase) -> None:
    assert found(kb, "I've been feeling low") == [("symptom:depression", False)]
    assert found(kb, "low white cells") == []  # "low" alone is not low mood
    assert found(kb, "a urine infection") == []  # "lots of urine" is, "urine" is not
    assert found(kb, "passing lots of urine") == [("symptom:polyuria", False)]


def test_a_shared_name_gives_each_kind(kb: mn.KnowledgeBase) -> None:
    assert found(kb, "vomiting") == [("symptom:vomiting", False), ("factor:vomiting-diarrhoea", False)]


def test_longer_names_and_other_word_orders_win(kb: mn.KnowledgeBase) -> None:
    assert found(kb, "thighs and shoulders are weak") == [("symptom:proximal-muscle-weakness", False)]
    assert found(kb, "leg cramps at night") == [("symptom:night-leg-cramps", False)]
    assert found(kb, "his blood pressure dropped") == [("symptom:hypotension", False)]


def test_nutrients_foods_and_conditions(kb: mn.KnowledgeBase) -> None:
    refs = [t.ref for t in kb.find_terms("I eat no dairy and have a banana a day; my magnesium was low; on dialysis")]
    assert refs == ["factor:dairy-avoidance", "food:banana", "nutrient:magnesium", "factor:kidney-disease-dialysis"]


def test_bad_input(kb: mn.KnowledgeBase) -> None:
    with pytest.raises(TypeError, match="not int"):
        kb.find_terms(3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at most"):
        kb.find_terms("a" * (MAX_TEXT + 1))
    assert kb.find_terms("") == () == kb.find_terms("  ,,; ")


def test_stem_folds_endings() -> None:
    assert stem("tingling") == stem("tingles") == stem("tingle")
    assert stem("cramps") == stem("cramped") == stem("cramp")
    assert stem("dropped") == stem("dropping") == stem("drop")
    assert stem("feet") == "foot" and stem("Cramps") == stem("cramps")
    assert stem("swelling") == "swell"


@given(st.text(max_size=300))
def test_any_text_gives_spans_of_itself(text: str) -> None:
    kb = mn.load()
    terms = kb.find_terms(text)
    starts = [t.start for t in terms]
    assert starts == sorted(starts)
    for term in terms:
        assert text[term.start:term.end] == term.text and term.text
        assert term.kind in ("symptom", "factor", "nutrient", "food")


@given(st.lists(st.sampled_from(["cramps", "tingling", "numbness", "fatigue", "weakness", "restless legs", "lasix", "omeprazole"]),
                min_size=1, max_size=5, unique=True))
def test_names_joined_in_a_sentence_are_all_found(names: list[str]) -> None:
    kb = mn.load()
    text = "I have " + ", ".join(names)
    refs = {t.ref for t in kb.find_terms(text) if not t.negated}
    expected = set()
    for name in names:
        hits = kb.find_terms(name)
        assert hits, name
        expected.add(hits[0].ref)
    assert expected <= refs


@pytest.mark.parametrize(("text", "expected"), [
    ("I get charley horses in my calves", {("symptom", "muscle-cramp")}),
    ("my hands and feet are numb and tingly, I am diabetic", {("symptom", "numbness"), ("symptom", "paresthesia"), ("factor", "diabetes")}),
    ("I am constipated and my muscles are weak", {("symptom", "constipation"), ("symptom", "muscle-weakness")}),
    ("cramps after running a marathon in the heat", {("symptom", "exercise-cramps"), ("factor", "endurance-exercise"), ("factor", "heat-exposure")}),
    ("twitchy muscles", {("symptom", "fasciculations")}),
    ("my calves cramp when I walk", {("symptom", "claudication")}),
    ("I had gastric bypass surgery two years ago", {("factor", "bariatric-surgery")}),
    ("my muscles are sore since I started atorvastatin", {("symptom", "myalgia"), ("factor", "statins")}),
])
def test_everyday_words(kb: mn.KnowledgeBase, text: str, expected: set[tuple[str, str]]) -> None:
    assert {(t.kind, t.record.id) for t in kb.find_terms(text)} == expected


@pytest.mark.parametrize(("text", "years"), [
    ("I'm 70 and my calf knots up", 70.0), ("I am over 90; two weeks ago", 90.0), ("aged 85", 85.0),
    ("a 67-year-old man", 67.0), ("72 years old", 72.0), ("I'm 45.", 45.0),
    ("I'm 5 weeks pregnant", None), ("I am 6 foot tall", None), ("I take 400 mg", None), ("I'm 80kg", None), ("no age here", None),
])
def test_age_in_words(text: str, years: float | None) -> None:
    assert age_in(text) == years


def test_a_stated_age_counts_unless_one_is_given(kb: mn.KnowledgeBase) -> None:
    words = "I'm 70 and most nights my calf knots up and wakes me"
    assert [f.id for f in kb.rank_causes(words).context] == ["older-age"]
    assert [f.id for f in kb.rank_causes(words, age=40).context] == []  # the age given wins
