"""The SQLite export: answers in SQL equal the Python API's, the file reads back to the same
knowledge base, and what is not such a database is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import muscle_nutrients as mn
from muscle_nutrients.sqlite import SCHEMA_VERSION, VIEWS, read_sqlite


@pytest.fixture(scope="module")
def database(kb: mn.KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return kb.to_sqlite(tmp_path_factory.mktemp("db") / "kb.sqlite")


@pytest.fixture()
def db(database: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(database)
    yield connection
    connection.close()


def test_meta_says_the_versions(db: sqlite3.Connection, kb: mn.KnowledgeBase) -> None:
    meta = dict(db.execute("SELECT key, value FROM meta"))
    assert meta["data_version"] == kb.data_version and meta["schema_version"] == str(SCHEMA_VERSION)
    described = {name for (name,) in db.execute("SELECT name FROM meta_tables")}
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert described == tables - {"meta", "meta_tables"}
    views = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert views == set(VIEWS)


def test_keys_and_indexes(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    keys = db.execute("PRAGMA foreign_key_list(foods_composition)").fetchall()
    assert {(k[2], k[3]) for k in keys} == {("foods", "owner"), ("nutrients", "nutrient")}
    indexes = {row[1] for row in db.execute("PRAGMA index_list(relations)")}
    assert {"relations_subject_id", "relations_object_id"} <= indexes


@pytest.mark.parametrize("state", ["deficiency", "excess"])
def test_symptoms_of_in_sql(db: sqlite3.Connection, kb: mn.KnowledgeBase, state: str) -> None:
    for n in kb.nutrients:
        sql = {(s, r) for s, r in db.execute(f"SELECT symptom, relation FROM symptoms_of_{state} WHERE nutrient = ?", (n.id,))}
        api = {(link.symptom.id, link.relation.id) for link in kb.symptoms_of(n.id, state=state)}
        assert sql == api, n.id


def test_foods_rich_in_in_sql(db: sqlite3.Connection, kb: mn.KnowledgeBase) -> None:
    for n in kb.nutrients:
        sql = [round(v, 6) for (v,) in db.execute(
            "SELECT per_100g FROM foods_rich_in WHERE nutrient = ? ORDER BY per_100g DESC LIMIT 10", (n.id,))]
        api = [round(r.amount.value, 6) for r in kb.foods_rich_in(n.id, per="100g", among="all", limit=10)]
        assert sql == api, n.id
    common = {f for (f,) in db.execute(
        "SELECT food FROM foods_rich_in WHERE nutrient = 'magnesium' AND common ORDER BY per_100g DESC LIMIT 1")}
    assert common == {kb.foods_rich_in("magnesium", per="100g", limit=1)[0].food.id}


def test_intake_by_life_stage_in_sql(db: sqlite3.Connection, kb: mn.KnowledgeBase) -> None:
    for age, sex in ((35, "female"), (70, "male"), (0.5, "male")):
        months = age * 12
        for n in kb.nutrients:
            target = kb.intake(n.id, age=age, sex=sex)
            rows = db.execute(
                "SELECT kind, amount, unit, upper_limit FROM intake_by_life_stage WHERE nutrient = ? AND min_months <= ? "
                "AND (max_months IS NULL OR ? < max_months) AND sex IN (?, 'any') AND NOT pregnant AND NOT lactating",
                (n.id, months, months, sex)).fetchall()
            limit = target.upper_limit.amount.value if target.upper_limit else None
            assert (target.kind.value, target.amount.value, target.amount.unit.value, limit) in rows, (n.id, age)


def test_what_lowers_or_raises_in_sql(db: sqlite3.Connection, kb: mn.KnowledgeBase) -> None:
    for n in kb.nutrients:
        sql = {(f, d) for f, d in db.execute("SELECT factor, direction FROM nutrient_effects WHERE nutrient = ?", (n.id,))}
        assert sql == {(link.factor.id, link.direction.value) for link in kb.affecting(n.id)}, n.id


def test_relation_sources_in_sql(db: sqlite3.Connection, kb: mn.KnowledgeBase) -> None:
    relation = kb.relations[10]
    sql = [s for (s,) in db.execute("SELECT source FROM relation_sources WHERE relation = ? ORDER BY position", (relation.id,))]
    assert sql == [c.source for c in relation.sources]


def test_reads_back_to_the_same_knowledge_base(database: Path, kb: mn.KnowledgeBase) -> None:
    assert read_sqlite(database) == kb.to_document()


def test_an_extended_knowledge_base_round_trips(tiny: mn.KnowledgeBase, tmp_path: Path) -> None:
    path = tiny.to_sqlite(tmp_path / "tiny.sqlite")
    assert read_sqlite(path, tiny) == tiny.to_document()
    path.write_bytes(b"not a database at all" * 10)
    with pytest.raises(mn.DataError, match="not a muscle-nutrients database"):
        read_sqlite(path, tiny)
    with pytest.raises(FileNotFoundError):
        read_sqlite(tmp_path / "missing.sqlite")


def test_other_schema_versions_are_refused(tiny: mn.KnowledgeBase, tmp_path: Path) -> None:
    path = tiny.to_sqlite(tmp_path / "tiny.sqlite")
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    connection.close()
    with pytest.raises(mn.DataError, match="schema version '99'"):
        read_sqlite(path, tiny)


def test_writing_replaces_the_file_whole(tiny: mn.KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "kb.sqlite"
    path.write_text("old")
    tiny.to_sqlite(path)
    assert read_sqlite(path, tiny) == tiny.to_document()
    assert [p.name for p in tmp_path.iterdir()] == ["kb.sqlite"]  # no temporary file left behind
