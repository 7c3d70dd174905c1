"""The strict converter: round trips, and clear errors that name the JSON path."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import muscle_nutrients as mn
from muscle_nutrients.serialization import Document, structure, structure_document, unstructure, unstructure_document

from .strategies import RECORD_STRATEGIES


@pytest.mark.parametrize("cls", list(RECORD_STRATEGIES), ids=lambda c: c.__name__)
@given(data=st.data())
def test_every_record_class_round_trips_through_json(cls: type, data: st.DataObject) -> None:
    record = data.draw(RECORD_STRATEGIES[cls])
    raw = json.loads(json.dumps(unstructure(record)))
    assert structure(raw, cls) == record


def test_packaged_knowledge_base_round_trips(kb: mn.KnowledgeBase) -> None:
    document = kb.to_document()
    text = json.dumps(unstructure_document(document), ensure_ascii=False)
    assert structure_document(json.loads(text)) == document


def _problems(data: Any) -> str:
    with pytest.raises(mn.DataError) as info:
        structure_document(data, origin="user.json")
    return str(info.value)


def test_string_where_a_list_belongs() -> None:
    message = _problems({"factors": [{"id": "x", "name": "X", "kind": "condition", "aliases": "Mg"}]})
    assert "user.json: $.factors[0].aliases: expected an array, got a string" in message


def test_bool_where_a_number_belongs() -> None:
    message = _problems({"sources": [{"id": "s", "title": "T", "publisher": "P", "kind": "review", "year": True}]})
    assert "$.sources[0].year: expected an integer, got a boolean" in message


def test_unknown_keys_and_enum_values_all_reported() -> None:
    message = _problems({"extra": 1, "factors": [{"id": "x", "name": "X", "kind": "mood", "colour": "red"}]})
    assert "$: unknown key(s) 'extra'" in message
    assert "$.factors[0]: unknown key(s) 'colour'" in message
    assert "$.factors[0].kind: a string ('mood') is not a valid FactorKind; allowed: 'medication'" in message


def test_top_level_must_be_an_object_and_version_known() -> None:
    assert "expected a JSON object" in _problems([1, 2])
    assert "schema_version: expected 1 or 2, got a number (99)" in _problems({"schema_version": 99})
    assert "schema_version: expected 1 or 2, got a boolean (true)" in _problems({"schema_version": True})


def test_a_version_1_file_is_read_and_upgraded() -> None:
    # version 1 named the copy read in ``copy_of`` and cited sources by id only
    v1 = {"schema_version": 1,
          "sources": [{"id": "s", "title": "T", "publisher": "P", "kind": "review", "copy_of": "read in a reproduction"}],
          "factors": [{"id": "f", "name": "F", "kind": "condition"}]}
    document = mn.serialization.structure_document(v1, origin="old.json")
    assert document.schema_version == mn.document.SCHEMA_VERSION
    assert document.sources[0].read_note == "read in a reproduction"
    relation = {"id": "r", "subject": "factor:f", "predicate": "raises risk of", "object": "symptom:x", "evidence": "limited",
                "sources": ["s"]}
    assert mn.serialization.structure(relation, mn.Relation).sources == (mn.Citation(source="s"),)


def test_document_defaults_are_empty() -> None:
    assert structure_document({}) == Document()
