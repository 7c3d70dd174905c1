"""The knowledge base as a SQLite database (standard library only), and back.

``to_sqlite(kb, path)`` (``kb.to_sqlite(path)``, ``muscle-nutrients export --format sqlite -o
kb.sqlite``) writes the normalised tables of ``muscle_nutrients.tables`` with primary and
foreign keys, an index on every key a join uses, views for the common questions, a ``meta``
table (data version, schema version, library version) and a ``meta_tables`` table saying what
each table holds. The file is written next to its destination and moved into place, so a
reader never sees half a database. ``read_sqlite(path)`` reads one back into a ``Document``,
checked like any data file. docs/how-to/sqlite.md documents the schema with example SQL.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from . import tables as _tables
from ._version import DATA_VERSION, __version__
from .document import Document
from .errors import DataError

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = ["SCHEMA_VERSION", "VIEWS", "read_sqlite", "to_sqlite"]

#: Version of the database layout; a reader refuses another.
SCHEMA_VERSION = 1

#: The views, by name: the questions apps ask most, in SQL.
VIEWS: dict[str, str] = {
    "symptoms_of_deficiency": """
        SELECT r.subject_id AS nutrient, s.id AS symptom, s.name AS symptom_name, s.hpo_id, r.predicate,
               r.evidence, r.population, r.id AS relation
        FROM relations r JOIN symptoms s ON s.id = r.object_id
        WHERE r.subject_kind = 'deficiency' AND r.object_kind = 'symptom' AND r.predicate IN ('causes', 'raises risk of')""",
    "symptoms_of_excess": """
        SELECT r.subject_id AS nutrient, s.id AS symptom, s.name AS symptom_name, s.hpo_id, r.predicate,
               r.evidence, r.population, r.id AS relation
        FROM relations r JOIN symptoms s ON s.id = r.object_id
        WHERE r.subject_kind = 'excess' AND r.object_kind = 'symptom' AND r.predicate IN ('causes', 'raises risk of')""",
    "foods_rich_in": """
        SELECT c.nutrient, f.id AS food, f.name AS food_name, f.ndb_number, f.food_group, f.common,
               c.per_100g_value AS per_100g, c.per_100g_unit AS unit
        FROM foods_composition c JOIN foods f ON f.id = c.owner""",
    "intake_by_life_stage": """
        SELECT nutrient, life_stage_min_months AS min_months, life_stage_max_months AS max_months,
               life_stage_sex AS sex, life_stage_pregnant AS pregnant, life_stage_lactating AS lactating,
               kind, amount_value AS amount, amount_unit AS unit,
               upper_limit_amount_value AS upper_limit, upper_limit_amount_unit AS upper_limit_unit,
               upper_limit_scope, chronic_disease_risk_reduction_value AS cdrr, chronic_disease_risk_reduction_unit AS cdrr_unit
        FROM intakes""",
    "nutrient_effects": """
        SELECT r.object_id AS nutrient, r.predicate AS direction, f.id AS factor, f.name AS factor_name, f.kind AS factor_kind,
               r.evidence, r.population, r.id AS relation
        FROM relations r JOIN factors f ON f.id = r.subject_id
        WHERE r.subject_kind = 'factor' AND r.object_kind = 'nutrient' AND r.predicate IN ('lowers', 'raises')""",
    "relation_sources": """
        SELECT c.owner AS relation, c.position, s.id AS source, s.title, s.url, s.read_at, c."where", c.kind
        FROM citations c JOIN sources s ON s.id = c.source
        WHERE c.owner_table = 'relations'""",
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create(table: _tables.Table) -> str:
    columns = []
    for c in table.columns:
        key = " PRIMARY KEY" if c.name == table.key else ""
        columns.append(f"{_quote(c.name)} {c.type}{key}")
    for c in table.columns:
        if c.references:
            target, column = c.references.rstrip(")").split("(")
            columns.append(f"FOREIGN KEY ({_quote(c.name)}) REFERENCES {_quote(target)}({_quote(column)})")
    return f"CREATE TABLE {_quote(table.name)} (\n  " + ",\n  ".join(columns) + "\n)"


def _indexes(table: _tables.Table) -> list[str]:
    wanted = [c.name for c in table.columns if c.references or c.name in ("owner", "subject_id", "object_id", "owner_table")]
    return [f"CREATE INDEX {_quote(f'{table.name}_{name}')} ON {_quote(table.name)}({_quote(name)})" for name in wanted]


def to_sqlite(kb: KnowledgeBase, path: str | os.PathLike[str]) -> Path:
    """Write the knowledge base to a SQLite file at ``path`` (replaced if it exists); returns the path.

    Raises:
        OSError: the file cannot be written.
    """
    target = Path(path)
    made = _tables.tables(kb)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        try:
            _write(connection, kb, made)
        finally:
            connection.close()
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _write(db: sqlite3.Connection, kb: KnowledgeBase, made: tuple[_tables.Table, ...]) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    with db:  # one transaction
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("schema_version", str(SCHEMA_VERSION)), ("data_version", kb.data_version),
            ("library_version", __version__), ("created_by", "muscle-nutrients"),
        ])
        db.execute("CREATE TABLE meta_tables (name TEXT PRIMARY KEY, key TEXT NOT NULL, about TEXT NOT NULL)")
        for table in made:
            db.execute(_create(table))
            db.execute("INSERT INTO meta_tables VALUES (?, ?, ?)", (table.name, table.key, table.about))
            marks = ", ".join("?" * len(table.columns))
            db.executemany(f"INSERT INTO {_quote(table.name)} VALUES ({marks})", table.rows)
        for table in made:
            for statement in _indexes(table):
                db.execute(statement)
        for name, sql in VIEWS.items():
            db.execute(f"CREATE VIEW {_quote(name)} AS {sql}")
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:  # pragma: no cover - the knowledge base's own checks make this unreachable
            raise DataError([f"SQLite export: {len(problems)} broken references, first {problems[0]}"])


def read_sqlite(path: str | os.PathLike[str], kb_layout: KnowledgeBase | None = None) -> Document:
    """The document a database written by ``to_sqlite`` holds, checked like any data file.

    Raises:
        DataError: not such a database, another schema version, or data that does not check.
        OSError: the file cannot be read.
    """
    from .loading import packaged

    layout_kb = packaged() if kb_layout is None else kb_layout
    source = Path(path)
    if not source.is_file():
        raise FileNotFoundError(f"no SQLite file at {source}")
    db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        try:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as err:
            raise DataError([f"{source}: not a muscle-nutrients database ({err})"]) from None
        if meta.get("schema_version") != str(SCHEMA_VERSION):
            raise DataError([f"{source}: schema version {meta.get('schema_version')!r}, this library reads {SCHEMA_VERSION}"])
        rows = {t.name: [dict(r) for r in db.execute(f"SELECT * FROM {_quote(t.name)}")] for t in _tables.layout(layout_kb)}
    finally:
        db.close()
    return _tables.document_from_rows(layout_kb, rows, data_version=meta.get("data_version", DATA_VERSION), origin=str(source))
