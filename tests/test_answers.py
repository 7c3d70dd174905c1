"""Answers for assistants (no MCP needed): grades in words, numbered references that match the
sources listed, red flags and the disclaimer where symptoms are involved."""

from __future__ import annotations

import re

import pytest

import muscle_nutrients as mn
from muscle_nutrients import DATA_VERSION, DISCLAIMER, answers
from muscle_nutrients.evidence import EvidenceGrade as G


@pytest.mark.parametrize(("grade", "label"), [
    (G.ESTABLISHED, "[established]"), (G.LIMITED, "[limited]"),
    (G.UNSUPPORTED, "[UNSUPPORTED: no adequate evidence; not advice]"),
    (G.CONTRADICTED, "[CONTRADICTED: the evidence says this does not hold]"),
])
def test_weak_grades_say_what_they_mean(grade: G, label: str) -> None:
    assert answers.tag(grade) == label


def test_references_name_the_work_and_the_copy_apart(kb: mn.KnowledgeBase) -> None:
    with_copy = next(s for s in kb.sources if s.url and s.read_at)
    line = answers.reference(with_copy)
    assert f"<{with_copy.url}>" in line and f"(read in a copy: {with_copy.read_at})" in line
    hidden = next(s for s in kb.sources if s.authors and s.authors.startswith("not shown"))
    assert not answers.reference(hidden).startswith("not shown")


def test_numbers_in_the_text_are_the_sources_in_the_data(tiny: mn.KnowledgeBase) -> None:
    answer = answers.symptoms_of(tiny, "x")
    assert [s["id"] for s in answer.data["sources"]] == ["src"]
    assert set(re.findall(r"\[(\d+)\]", answer.text)) == {"1"}
    assert "- [established] Ache A (HP:0000001) [1]" in answer.text
    assert "- [limited] Buzz B (HP:0000002) [1]" in answer.text
    assert answer.data["disclaimer"] == DISCLAIMER and answer.data["data_version"] == DATA_VERSION
    assert [f["id"] for f in answer.data["red_flags"]] == ["any"]


def test_advice_keeps_claims_that_do_not_hold_out_of_the_steps(kb: mn.KnowledgeBase) -> None:
    answer = answers.advice(kb, "magnesium")  # a nutrient: steps for its deficiency
    assert answer.data["nutrient"]["id"] == "magnesium"
    assert answer.data["steps"] and all(s["evidence"] not in ("unsupported", "contradicted") for s in answer.data["steps"])
    refuted = answers.advice(kb, "night cramps").data["not_supported"]
    assert refuted and all(s["evidence"] in ("unsupported", "contradicted") for s in refuted)
    assert "Steps for hypomagnesemia" in answer.text


def test_unknown_names_raise_with_suggestions(kb: mn.KnowledgeBase) -> None:
    with pytest.raises(mn.UnknownNameError, match="did you mean"):
        answers.advice(kb, "magnesum")
