"""The ranking against clinical presentations read from case reports, textbooks, reviews and
drug labels (tests/presentations.json): the set is checked against the data, and the accuracy
is measured twice -- from the symptoms and context as ids, and from the person's own words
alone -- and reported at the end of the run (top-1, top-3)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

import muscle_nutrients as mn
from muscle_nutrients import Ref, RefKind

PRESENTATIONS: list[dict[str, Any]] = json.loads((Path(__file__).parent / "presentations.json").read_text("utf-8"))["presentations"]
#: Hosts that copy others' works: never a presentation's address (a copy read goes in ``read_at``).
COPY_HOSTS = ("studylib", "entokey", "thefreelibrary", "docslib", "1library", "docksci", "semanticscholar", "47.251.13.51")

#: Filled by the accuracy tests, printed by conftest's terminal summary.
ACCURACY: dict[str, str] = {}


def rank_of(ranking: mn.CauseRanking, refs: set[str]) -> int | None:
    """1 + how many candidates score strictly higher than the best of ``refs``: a tie for first is first."""
    scores = [c.score for c in ranking.candidates if str(c.ref) in refs]
    if not scores:
        return None
    return 1 + sum(1 for c in ranking.candidates if c.score > max(scores))


def ranked(kb: mn.KnowledgeBase, case: dict[str, Any], *, words: bool) -> mn.CauseRanking:
    person = {"age": case.get("age"), "sex": case.get("sex"), "pregnant": case.get("pregnant", False)}
    if words:
        return kb.rank_causes(case["words"], **person)
    context = [c.removeprefix("phrase:") for c in case["context"]]
    return kb.rank_causes(case["symptoms"], context=context, **person)


def measure(kb: mn.KnowledgeBase, *, words: bool) -> dict[str, float]:
    top1 = top3 = met = 0
    for case in PRESENTATIONS:
        try:
            ranking = ranked(kb, case, words=words)
        except ValueError:  # nothing recognised in the words: a miss
            continue
        strict = rank_of(ranking, {case["expected"]})
        lenient = rank_of(ranking, {case["expected"], *case.get("also_acceptable", ())})
        top1 += strict == 1
        top3 += strict is not None and strict <= 3
        met += lenient is not None and lenient <= (1 if case["must_be"] == "first" else 3)
    n = len(PRESENTATIONS)
    return {"top1": top1 / n, "top3": top3 / n, "met": met / n, "n": n}


def report(label: str, figures: dict[str, float]) -> None:
    n = int(figures["n"])
    ACCURACY[label] = (
        f"top-1 {figures['top1']:.0%} ({round(figures['top1'] * n)}/{n}), top-3 {figures['top3']:.0%} "
        f"({round(figures['top3'] * n)}/{n}), within what each case requires {figures['met']:.0%}"
    )


def test_the_set_is_large_varied_and_sourced() -> None:
    assert len(PRESENTATIONS) >= 40
    assert len({c["id"] for c in PRESENTATIONS}) == len(PRESENTATIONS)
    kinds = {c["expected"].split(":")[0] for c in PRESENTATIONS}
    assert kinds == {"deficiency", "excess", "factor"}  # includes cases where no nutrient is the answer
    for case in PRESENTATIONS:
        source = case["source"]
        # a few copies read did not show the title: the journal and article number stand in
        assert (source.get("title") or source.get("citation")) and source["where"] and source["kind"], case["id"]
        host = urlparse(source["url"]).netloc
        assert host and not any(h in host for h in COPY_HOSTS), (case["id"], host)
        assert case["must_be"] in ("first", "top3") and case["words"].strip(), case["id"]


@pytest.mark.parametrize("case", PRESENTATIONS, ids=[c["id"] for c in PRESENTATIONS])
def test_every_case_names_what_the_data_holds(kb: mn.KnowledgeBase, case: dict[str, Any]) -> None:
    for sid in case["symptoms"]:
        kb.symptom(sid)
    phrases = []
    for item in case["context"]:
        if item.startswith("phrase:"):
            phrases.append(item.removeprefix("phrase:"))
        else:
            kb.factor(item)
    # a circumstance the data does not know (liquorice, smoking) comes back unresolved, not dropped
    ranking = ranked(kb, case, words=False)
    for phrase in phrases:
        found = [t for t in kb.find_terms(phrase) if t.kind == "factor" and not t.negated]
        assert set(ranking.context) >= {t.record for t in found} if found else phrase in ranking.unresolved
    for ref in map(Ref, (case["expected"], *case.get("also_acceptable", ()))):
        assert (kb.factor(ref.id) if ref.kind is RefKind.FACTOR else kb.nutrient(ref.id)).id == ref.id


def test_accuracy_from_symptoms_and_context(kb: mn.KnowledgeBase) -> None:
    figures = measure(kb, words=False)
    report("symptoms and context as ids", figures)
    # floors a little under the figures measured when the set was built: a drop is a regression
    assert figures["top1"] >= 0.60 and figures["top3"] >= 0.85 and figures["met"] >= 0.82, figures


def test_accuracy_from_the_persons_words(kb: mn.KnowledgeBase) -> None:
    figures = measure(kb, words=True)
    report("the person's words alone", figures)
    assert figures["top1"] >= 0.52 and figures["top3"] >= 0.82 and figures["met"] >= 0.78, figures


def test_a_tie_for_first_counts_as_first(tiny: mn.KnowledgeBase) -> None:
    ranking = tiny.rank_causes(["a", "b", "c"])  # f and y tie for second
    assert rank_of(ranking, {"deficiency:x"}) == 1
    assert rank_of(ranking, {"deficiency:y"}) == rank_of(ranking, {"factor:f"}) == 2
    assert rank_of(ranking, {"excess:x"}) is None
