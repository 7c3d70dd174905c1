"""The knowledge base as normalised relational tables, and back.

Every record kind is a table (``nutrients``, ``symptoms``, ``foods``, ``relations`` ...) with a
column per scalar field; a nested record (an ``Amount``, a ``LifeStage``, an ``UpperLimit``)
spreads into columns joined by ``_`` (``upper_limit_amount_value``). A list field becomes its
own table: names and ids in a link table ``<table>_<field>`` (``owner``, ``position``,
``value``), nested records in a child table with their columns (``foods_composition``,
``lab_tests_reference_ranges``, ``nutrients_roles``), and every citation, wherever it sits, a
row of one ``citations`` table (``owner_table``, ``owner``, ``field``, ``position``, ``source``,
``where``, ``kind``). References are foreign keys. A relation's subject and object are also
split into kind and id (``subject_kind``, ``subject_id``) so SQL can join on them.

The layout follows the record classes, so a field added to a record appears in the tables
without a change here. SQLite (``export.to_sqlite``) and DataFrames/Parquet
(``frames``) are written from these tables; ``document_from_rows`` reads them back.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any

import attrs

from .document import Document
from .model import Citation, Ref
from .serialization import structure_document, unstructure

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = ["CITATIONS", "Column", "Table", "document_from_rows", "layout", "tables"]

CITATIONS = "citations"
_ROW = "row"  # the integer key of tables whose records have no id


@attrs.frozen
class Column:
    """A column: its name, SQL type (``TEXT``, ``INTEGER``, ``REAL``, ``BOOLEAN``), the ``table(column)`` it
    refers to, and whether it is derived from another column (not read back)."""

    name: str
    type: str
    references: str | None = None
    derived: bool = False


@attrs.frozen
class Table:
    """A table's name, columns, key column, what it holds, and its rows (tuples in column order)."""

    name: str
    columns: tuple[Column, ...]
    key: str
    about: str
    rows: tuple[tuple[Any, ...], ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        """The columns' names, in order."""
        return tuple(c.name for c in self.columns)


# ---------------------------------------------------------------------------- the layout


@attrs.frozen
class _Scalar:
    column: Column
    path: tuple[str, ...]


@attrs.frozen
class _List:
    path: tuple[str, ...]
    item: type | None  # a record class, or None for strings
    table: str  # the link or child table (CITATIONS for citations)
    references: str | None = None


@attrs.frozen
class _Plan:
    """How one record class lays out: its scalar columns, its list fields, its nested singles."""

    table: str
    cls: type
    key: str
    scalars: tuple[_Scalar, ...]
    lists: tuple[_List, ...]
    singles: tuple[tuple[str, ...], ...]  # paths of nested single records (None when all their columns are)


def _sql_type(t: Any) -> str:
    if t is bool:
        return "BOOLEAN"  # SQLite stores 0 and 1; DataFrames get a boolean column
    if t is int:
        return "INTEGER"
    if t is float:
        return "REAL"
    return "TEXT"


def _unwrap(t: Any) -> Any:
    """``X | None`` -> ``X``."""
    args = [a for a in typing.get_args(t) if a is not type(None)]
    return args[0] if typing.get_origin(t) in (typing.Union, types.UnionType) and len(args) == 1 else t


def _plan(cls: type, table: str, key: str, tables_of: Mapping[str, str]) -> _Plan:
    scalars: list[_Scalar] = []
    lists: list[_List] = []
    singles: list[tuple[str, ...]] = []

    def walk(c: type, path: tuple[str, ...]) -> None:
        hints = typing.get_type_hints(c)
        for a in attrs.fields(c):
            t = _unwrap(hints[a.name])
            here = (*path, a.name)
            refers = a.metadata.get("refers_to")
            target = f"{tables_of[refers]}(id)" if isinstance(refers, str) and refers in tables_of else None
            if typing.get_origin(t) is tuple:
                item = typing.get_args(t)[0]
                if item is Citation:
                    lists.append(_List(here, Citation, CITATIONS))
                elif attrs.has(item):
                    lists.append(_List(here, item, f"{table}_{'_'.join(here)}"))
                else:
                    lists.append(_List(here, None, f"{table}_{'_'.join(here)}", target))
            elif attrs.has(t):
                singles.append(here)
                walk(t, here)
            else:
                name = "_".join(here)
                scalars.append(_Scalar(Column(name, _sql_type(t), target), here))
                if t is Ref:  # "deficiency:magnesium" -> its kind and id, for joins
                    scalars.append(_Scalar(Column(f"{name}_kind", "TEXT", derived=True), (*here, "#kind")))
                    scalars.append(_Scalar(Column(f"{name}_id", "TEXT", derived=True), (*here, "#id")))

    walk(cls, ())
    return _Plan(table, cls, key, tuple(scalars), tuple(lists), tuple(singles))


def _labels(kinds: Iterable[Any]) -> dict[str, str]:
    """The ``refers_to`` label of each kind's records (its ``Kind.label``) -> its table."""
    return {kind.label: kind.field for kind in kinds}


def layout(kb: KnowledgeBase) -> tuple[Table, ...]:
    """The tables' definitions (no rows), in an order that creates referenced tables first."""
    plans, tables_of = _plans(kb)
    return tuple(_definitions(plans, tables_of))


def _plans(kb: KnowledgeBase) -> tuple[list[_Plan], dict[str, str]]:
    kinds = kb._store.kinds
    tables_of = _labels(kinds)
    plans = []
    for kind in kinds:
        key = "id" if "id" in attrs.fields_dict(kind.record) else _ROW
        plans.append(_plan(kind.record, kind.field, key, tables_of))
    return plans, tables_of


def _child_plans(plan: _Plan, tables_of: Mapping[str, str]) -> Iterator[tuple[_List, _Plan | None]]:
    """The link and child tables of a plan's list fields (citations excepted), with the child's plan."""
    for lst in plan.lists:
        if lst.table != CITATIONS:
            yield lst, _plan(lst.item, lst.table, _ROW, tables_of) if lst.item is not None else None


def _definitions(plans: Sequence[_Plan], tables_of: Mapping[str, str]) -> Iterator[Table]:
    children: list[Table] = []
    for plan in plans:
        columns = [Column(_ROW, "INTEGER")] if plan.key == _ROW else []
        yield Table(plan.table, (*columns, *[s.column for s in plan.scalars]), plan.key, f"one row per {plan.cls.__name__} record")
        children += _children(plan, tables_of)
    yield from children
    yield Table(CITATIONS, (
        Column(_ROW, "INTEGER"), Column("owner_table", "TEXT"), Column("owner", "TEXT"), Column("field", "TEXT"),
        Column("position", "INTEGER"), Column("source", "TEXT", "sources(id)"), Column("where", "TEXT"), Column("kind", "TEXT"),
    ), _ROW, "every citation: the row it belongs to (table and key), the field, the source, where in it, what kind of evidence")


def _children(plan: _Plan, tables_of: Mapping[str, str]) -> list[Table]:
    """A plan's link and child tables, and theirs in turn (a statement's claims)."""
    out = []
    owner_type = "TEXT" if plan.key == "id" else "INTEGER"
    for lst, child in _child_plans(plan, tables_of):
        head = (Column(_ROW, "INTEGER"), Column("owner", owner_type, f"{plan.table}({plan.key})"), Column("position", "INTEGER"))
        about = f"{'.'.join(lst.path)} of {plan.table}"
        if child is None:
            out.append(Table(lst.table, (*head, Column("value", "TEXT", lst.references)), _ROW, about))
        else:
            out.append(Table(lst.table, (*head, *[s.column for s in child.scalars]), _ROW, about))
            out += _children(child, tables_of)
    return out


# ---------------------------------------------------------------------------- rows


def tables(kb: KnowledgeBase, only: Collection[str] | None = None) -> tuple[Table, ...]:
    """Every table with its rows, in creation order (see the module docstring); with ``only``,
    just the tables named (others are left out, and their records are not read)."""
    plans, tables_of = _plans(kb)
    wanted = None if only is None else set(only)
    data: dict[str, list[Any]] = {}
    for plan in plans:
        mine = {plan.table, *(t.name for t in _children(plan, tables_of))}
        if wanted is None or wanted & mine or CITATIONS in wanted:
            records: Sequence[Any] = kb.records(plan.cls)
            data[plan.table] = [unstructure(r) for r in records]
    rows: dict[str, list[tuple[Any, ...]]] = {}
    counters: dict[str, int] = {}

    def next_row(table: str) -> int:
        counters[table] = counters.get(table, 0) + 1
        return counters[table]

    def lists(plan: _Plan, key: Any, record: Mapping[str, Any]) -> None:
        """The citations, link rows and child rows of one record (its children's, in turn)."""
        for lst in plan.lists:
            if lst.table == CITATIONS:
                for position, c in enumerate(_get(record, lst.path) or ()):
                    rows.setdefault(CITATIONS, []).append((next_row(CITATIONS), plan.table, str(key), ".".join(lst.path), position,
                                                          c["source"], c.get("where"), c.get("kind")))
        for lst, child in _child_plans(plan, tables_of):
            target = rows.setdefault(lst.table, [])
            for position, item in enumerate(_get(record, lst.path) or ()):
                row = next_row(lst.table)
                if child is None:
                    target.append((row, key, position, item))
                else:
                    target.append((row, key, position, *[_scalar(item, s.path) for s in child.scalars]))
                    lists(child, row, item)

    for plan in plans:
        main = rows.setdefault(plan.table, [])
        for index, record in enumerate(data.get(plan.table, ()), 1):
            key = record["id"] if plan.key == "id" else index
            values = tuple(_scalar(record, s.path) for s in plan.scalars)
            main.append(values if plan.key == "id" else (key, *values))
            lists(plan, key, record)
    return tuple(attrs.evolve(t, rows=tuple(rows.get(t.name, ())))
                 for t in _definitions(plans, tables_of) if wanted is None or t.name in wanted)


def _get(record: Mapping[str, Any] | None, path: Sequence[str]) -> Any:
    for name in path:
        if record is None:
            return None
        record = record.get(name)
    return record


def _scalar(record: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    if path[-1] in ("#kind", "#id"):
        ref = _get(record, path[:-1])
        return None if ref is None else str(ref).split(":", 1)[0 if path[-1] == "#kind" else 1]
    value = _get(record, path)
    if isinstance(value, Enum):
        return value.value
    return int(value) if isinstance(value, bool) else value


# ---------------------------------------------------------------------------- reading back


def document_from_rows(kb_layout: KnowledgeBase, rows: Mapping[str, Sequence[Mapping[str, Any]]], *,
                       data_version: str, origin: str = "<tables>") -> Document:
    """The document the tables hold (rows as mappings of column -> value), checked like any data file.

    ``kb_layout`` gives the record kinds (any knowledge base of this version of the library).
    """
    plans, tables_of = _plans(kb_layout)
    cited: dict[tuple[str, str], dict[str, list[tuple[int, dict[str, Any]]]]] = {}
    for c in rows.get(CITATIONS, ()):
        entry = {"source": c["source"], "where": c["where"], "kind": c["kind"]}
        cited.setdefault((c["owner_table"], c["owner"]), {}).setdefault(c["field"], []).append((c["position"], entry))
    by_owner: dict[str, dict[Any, list[Mapping[str, Any]]]] = {}
    for name, table_rows in rows.items():
        if name != CITATIONS and table_rows and "owner" in table_rows[0]:
            group = by_owner.setdefault(name, {})
            for r in table_rows:
                group.setdefault(r["owner"], []).append(r)
    data: dict[str, Any] = {"schema_version": 2, "data_version": data_version}

    def rebuild(plan: _Plan, row: Mapping[str, Any]) -> dict[str, Any]:
        key = row[plan.key]
        record = _unflatten(plan, row, cited.get((plan.table, str(key)), {}))
        for lst, child in _child_plans(plan, tables_of):
            items = sorted(by_owner.get(lst.table, {}).get(key, ()), key=lambda x: x["position"])
            value = [i["value"] for i in items] if child is None else [rebuild(child, i) for i in items]
            _put(record, lst.path, value)
        return record

    for plan in plans:
        data[plan.table] = [rebuild(plan, r) for r in rows.get(plan.table, ())]
    return structure_document(data, origin=origin)


def _unflatten(plan: _Plan, row: Mapping[str, Any], citations: Mapping[str, list[tuple[int, dict[str, Any]]]]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    hints = _hints(plan.cls)
    for s in plan.scalars:
        if s.column.derived:
            continue
        value = row[s.column.name]
        if value is not None and hints.get(s.path) is bool:
            value = bool(value)
        _put(record, s.path, value)
    for path in sorted(plan.singles, key=len, reverse=True):  # innermost first: a nested record with nothing set is absent
        inner = _get(record, path)
        if isinstance(inner, dict) and all(v is None or v == [] for v in inner.values()):
            _put(record, path, None)
    for lst in plan.lists:
        if lst.table == CITATIONS:
            found = [entry for _, entry in sorted(citations.get(".".join(lst.path), ()), key=lambda x: x[0])]
            if found or _get(record, lst.path[:-1]) is not None or len(lst.path) == 1:
                _put(record, lst.path, found)
    return record


@functools.cache
def _hints(cls: type, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """Each scalar field's type by its path in ``cls`` (read once per class)."""
    out: dict[tuple[str, ...], Any] = {}
    hints = typing.get_type_hints(cls)
    for a in attrs.fields(cls):
        t = _unwrap(hints[a.name])
        if attrs.has(t):
            out.update(_hints(t, (*path, a.name)))
        else:
            out[(*path, a.name)] = t
    return out


def _put(record: dict[str, Any], path: Sequence[str], value: Any) -> None:
    for name in path[:-1]:
        inner = record.get(name)
        if inner is None:
            if value is None or value == []:
                return  # nothing to put inside an absent record
            inner = record[name] = {}
        record = inner
    record[path[-1]] = value
