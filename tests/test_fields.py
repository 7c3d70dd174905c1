"""Field constraints declared once, in metadata, and the record base classes that read them."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import muscle_nutrients as mn
from muscle_nutrients import _fields
from muscle_nutrients._fields import field_errors, maker

from .strategies import RECORD_STRATEGIES


def test_every_record_field_declares_its_check() -> None:
    for cls in RECORD_STRATEGIES:
        if cls is mn.Amount:
            continue
        for a in attrs.fields(cls):
            assert "check" in a.metadata, f"{cls.__name__}.{a.name} declares no check"


def test_a_record_reports_every_bad_field_at_once() -> None:
    with pytest.raises(mn.RecordError) as info:
        mn.Factor(id="Not An Id", name="", kind=mn.FactorKind.MEDICATION, aliases=("ok", "ok", ""), description="  ")
    err = info.value
    assert isinstance(err, ValueError) and isinstance(err, TypeError)
    assert [(e.field, e.index) for e in err.errors] == [("id", None), ("name", None), ("aliases", 1), ("aliases", 2), ("description", None)]
    assert "aliases[1]: repeats an earlier item" in str(err)


@pytest.mark.parametrize("text, problem", [("a\x1b[2Jb", "control characters"), ("a\ud800", "unpaired surrogates"),
                                           ("x" * 301, "the limit is 300"), ("   ", "must not be empty")])
def test_text_fields_refuse_escapes_surrogates_and_overlong_names(text: str, problem: str) -> None:
    with pytest.raises(mn.RecordError, match=problem):
        mn.Factor(id="x", name=text, kind=mn.FactorKind.CONDITION)


@pytest.mark.parametrize("field, value", [("pmid", "１２３"), ("pmid", "١٢٣"), ("pmid", "0123"), ("doi", "10.12/x"), ("accessed", "2026-1-1")])
def test_codes_are_ascii_and_exact(field: str, value: str) -> None:
    with pytest.raises(mn.RecordError, match=field):
        mn.Source(id="s", title="T", publisher="P", kind=mn.SourceKind.REVIEW, **{field: value})


@pytest.mark.parametrize("value, ok", [(1, True), (8, True), (0, False), (-2, False), (1.5, False), (True, False)])
def test_valence_is_a_whole_number_from_1(value: object, ok: bool) -> None:
    make = lambda: mn.Nutrient(id="x", name="X", kind="mineral", unit=mn.Unit.MG, deficiency="low x", valence=value)  # noqa: E731
    if ok:
        assert make().valence == value
    else:
        with pytest.raises(mn.RecordError, match="valence"):
            make()


def test_field_errors_yields_invariants_too() -> None:
    stage = attrs.evolve(mn.LifeStage(min_months=10, max_months=20), max_months=30)
    assert list(field_errors(stage)) == []
    with pytest.raises(mn.RecordError, match="max_months: must be greater than min_months"):
        attrs.evolve(stage, max_months=5)


def test_metadata_says_what_other_tools_read() -> None:
    by_name = {a.name: a.metadata for a in attrs.fields(mn.Source)}
    assert by_name["pmid"]["pattern"] == r"^[1-9][0-9]{0,8}$"
    assert by_name["id"]["names"] is True
    # citation lists hold Citation records, whose ``source`` field cites
    assert {a.name for a in attrs.fields(mn.Nutrient) if a.metadata.get("records") is mn.Citation} == {
        "chebi_sources", "constants_sources", "daily_value_sources", "supplement_sources"}
    assert attrs.fields_dict(mn.Citation)["source"].metadata["cites"] is True
    assert attrs.fields_dict(mn.NutrientContent)["nutrient"].metadata["refers_to"] == "nutrient"
    assert attrs.fields_dict(mn.LabTest)["loinc"].metadata["needs"] == "loinc_sources"
    assert attrs.fields_dict(mn.Serving)["grams"].metadata["exclusive_minimum"] == 0


def test_records_have_a_one_line_repr(kb: mn.KnowledgeBase) -> None:
    ranking = kb.rank_causes(["cramps"])
    for value in (kb.nutrient("Mg"), ranking, ranking.candidates[0], kb.food("banana")):
        text = repr(value)
        assert "\n" not in text and len(text) < 300, text
    assert repr(kb.nutrient("Mg")).startswith("Nutrient(id='magnesium', name='Magnesium'")


def test_equality_and_hashing(kb: mn.KnowledgeBase) -> None:
    magnesium = kb.nutrient("Mg")
    same = attrs.evolve(magnesium)
    assert same == magnesium and same is not magnesium and hash(same) == hash(magnesium)
    assert attrs.evolve(magnesium, summary="changed") != magnesium
    assert magnesium != kb.nutrient("K") and magnesium.__eq__("magnesium") is NotImplemented
    assert len({kb.relations[0], attrs.evolve(kb.relations[0])}) == 1


@given(st.sampled_from(list(RECORD_STRATEGIES)), st.data())
def test_to_dict_is_json_ready(cls: type, data: st.DataObject) -> None:
    record = data.draw(RECORD_STRATEGIES[cls])
    found = record.to_dict()
    assert json.loads(json.dumps(found)) == found


def test_maker_builds_without_init() -> None:
    make = maker(mn.SearchHit)
    hit = make("nutrient", None, "X", 1.0)
    assert hit == mn.SearchHit(kind="nutrient", record=None, name="X", score=1.0)  # type: ignore[arg-type]


def test_limits_are_stated() -> None:
    assert (_fields.MAX_NAME, _fields.MAX_TEXT, _fields.MAX_ITEMS) == (300, 20_000, 10_000)
