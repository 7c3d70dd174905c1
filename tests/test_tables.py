"""The knowledge base as relational tables, and back: exact round trips over the shipped data
and over generated knowledge bases."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

import muscle_nutrients as mn
from muscle_nutrients import tables

from .strategies import knowledge_bases


def rows_of(kb: mn.KnowledgeBase) -> dict[str, list[dict[str, Any]]]:
    return {t.name: [dict(zip(t.column_names, r)) for r in t.rows] for t in tables.tables(kb)}


def test_every_record_kind_is_a_table_with_its_lists_beside_it(kb: mn.KnowledgeBase) -> None:
    made = {t.name: t for t in tables.tables(kb)}
    for kind in mn.loading.RECORD_FIELDS:
        assert kind in made
    assert len(made["foods"].rows) == len(kb.foods) and len(made["relations"].rows) == len(kb.relations)
    assert len(made["foods_composition"].rows) == sum(len(f.composition) for f in kb.foods)
    citations = made["citations"]
    relation_citations = [r for r in citations.rows if r[1] == "relations"]
    assert len(relation_citations) == sum(len(r.sources) for r in kb.relations)
    columns = {c.name: c for c in made["foods_composition"].columns}
    assert columns["owner"].references == "foods(id)" and columns["nutrient"].references == "nutrients(id)"
    relation = dict(zip(made["relations"].column_names, made["relations"].rows[0]))
    first = kb.relations[0]
    assert (relation["subject_kind"], relation["subject_id"]) == (first.subject.kind.value, first.subject.id)


def test_only_named_tables(kb: mn.KnowledgeBase) -> None:
    made = tables.tables(kb, only={"nutrients", "nutrients_aliases"})
    assert [t.name for t in made] == ["nutrients", "nutrients_aliases"]
    assert len(made[1].rows) == sum(len(n.aliases) for n in kb.nutrients)


def test_the_shipped_data_round_trips(kb: mn.KnowledgeBase) -> None:
    back = tables.document_from_rows(kb, rows_of(kb), data_version=kb.data_version)
    assert back == kb.to_document()


@settings(max_examples=25)
@given(knowledge_bases())
def test_generated_knowledge_bases_round_trip(generated: mn.KnowledgeBase) -> None:
    back = tables.document_from_rows(generated, rows_of(generated), data_version=generated.data_version)
    assert back == generated.to_document()
