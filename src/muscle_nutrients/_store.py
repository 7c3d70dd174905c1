"""The records of a knowledge base, by kind: tables, id maps and name indexes, made on first use.

A store gets its tables either all at once (records built in Python or read from user
files, validated eagerly) or from a loader that reads one kind's packaged data file the
first time that kind is needed. Either way a table, once made, never changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, TypeVar

from . import _lazy
from ._lazy import Sealed
from ._kinds import Kind, Kinds
from .model import Citation, Ref, Source
from ._foodtable import ExtendedFoods, PackedFoods
from .names import NameIndex, name_indexes, normalize

__all__ = ["Store"]

R = TypeVar("R")

Loader = Callable[[Kind[Any]], Sequence[Any]]


class Store(Sealed):
    """Every record of one knowledge base, found by kind, id, name or reference."""

    __slots__ = ("kinds", "names", "_tables", "_put", "_load", "_origins", "_ids", "_put_ids")

    def __init__(
        self,
        kinds: Kinds,
        *,
        tables: Mapping[str, Sequence[Any]] | None = None,
        load: Loader | None = None,
        origins: Mapping[str, Sequence[str | None]] | None = None,
    ) -> None:
        self.kinds = kinds
        held: dict[str, Sequence[Any]] = dict(tables or {})
        if load is None:
            for k in kinds:
                held.setdefault(k.field, ())
        self._tables: Mapping[str, Sequence[Any]] = MappingProxyType(held)
        self._put = held.__setitem__  # the only writer, used once per kind under the lock
        self._load = load
        self._origins: Mapping[str, Sequence[str | None]] = MappingProxyType(dict(origins or {}))
        ids: dict[str, Mapping[str, Any]] = {}
        self._ids: Mapping[str, Mapping[str, Any]] = MappingProxyType(ids)
        self._put_ids = ids.__setitem__
        self.names = name_indexes({k.record: self._name_index(k) for k in kinds})
        """One name index per kind, keyed by record class."""

    def _name_index(self, kind: Kind[Any]) -> NameIndex[Any]:
        return NameIndex(kind.label, kind.record, lambda: self.table(kind.record), kind.names, kind.display, lambda: self.by_id(kind.record))

    def trusted(self, cls: type[Any]) -> bool:
        """Whether the kind's table is the packaged packed one, already checked (not re-validated)."""
        return bool(getattr(self.table(cls), "trusted", False))

    def table(self, cls: type[R]) -> Sequence[R]:
        """Every record of the kind whose class is ``cls``, in data order: a tuple, or for the
        packaged foods a read-only sequence that makes its records on first use."""
        kind = self.kinds.of(cls)
        found = self._tables.get(kind.field)
        if found is None:
            found = self._fill(kind)
        return found

    def records(self, cls: type[R]) -> tuple[R, ...]:
        """The table of a kind held as a tuple (every kind but the packed foods)."""
        found = self.table(cls)
        return found if isinstance(found, tuple) else tuple(found)

    def _fill(self, kind: Kind[Any]) -> Sequence[Any]:
        with _lazy.lock():
            found = self._tables.get(kind.field)
            if found is None:
                assert self._load is not None
                found = self._load(kind)
                self._put(kind.field, found)
        return found

    def by_id(self, cls: type[R]) -> Mapping[str, R]:
        """Records of one kind by id (the first of a repeated id wins; validation refuses repeats)."""
        kind = self.kinds.of(cls)
        found = self._ids.get(kind.field)
        if found is None:
            with _lazy.lock():
                found = self._ids.get(kind.field)
                if found is None:
                    table = self.table(cls)
                    packed = getattr(table, "by_id", None)  # the packed foods find by id without making every food
                    if packed is not None:
                        found = packed()
                    else:
                        found = MappingProxyType({getattr(r, 'id'): r for r in reversed(table)}) if kind.name_fields else MappingProxyType({})
                    self._put_ids(kind.field, found)
        return found

    def cited(self, citations: Iterable[Citation]) -> tuple[Source, ...]:
        """The sources a fact's citations name, resolved, in order."""
        sources = self.by_id(Source)
        return tuple([sources[c.source] for c in citations])

    def resolve(self, ref: Ref) -> Any:
        """The record a relation reference points at, or None."""
        kind = self.kinds.for_ref(ref.kind)
        return None if kind is None else self.by_id(kind.record).get(ref.id)

    def origin(self, kind: Kind[Any], index: int) -> str | None:
        """Where record ``index`` of ``kind`` was read (``"clinic.json"``), if from a file."""
        origins = self._origins.get(kind.field)
        return origins[index] if origins is not None and index < len(origins) else None


def combined(
    base: Store, kinds: Kinds, located: Sequence[tuple[Any, str | None]], override: bool
) -> tuple[Store, list[str], list[str]]:
    """A new store: ``base``'s records plus those of ``located`` (document, file) pairs.

    Returns the store, the records replaced (described), and the problems: a record whose
    identity is taken is refused unless ``override`` is true.
    """
    layers: dict[str, _Held | _Layers] = {}
    kept: dict[str, Sequence[Any]] = {}
    for kind in kinds:
        try:
            records = base.table(kind.record)
        except TypeError:  # a kind the base knows nothing of
            records = ()
        if isinstance(records, (PackedFoods, ExtendedFoods)):
            # the packed foods are never made one by one: passed on whole, or with the user's foods layered on
            if any(getattr(d, kind.field, ()) for d, _ in located):
                layers[kind.field] = _Layers(records, base, kind)
            else:
                kept[kind.field] = records
            continue
        layers[kind.field] = _Held(base, kind, records)
    replaced: list[str] = []
    problems: list[str] = []
    for document, path in located:
        added: dict[tuple[str, object], str] = {}  # this document's own records: a repeat is never an override
        for kind in kinds:
            if kind.field in kept:
                continue
            for index, record in enumerate(getattr(document, kind.field, ())):
                where = f"{path}: $.{kind.field}[{index}]" if path else f"{kind.field}[{index}]"
                problem = _add(layers[kind.field], kind, record, where, path is not None, override, added, replaced)
                if problem:
                    problems.append(f"{where}: {problem}")
    tables: dict[str, Sequence[Any]] = dict(kept)
    origins: dict[str, Sequence[str | None]] = {}
    for field, layer in layers.items():
        tables[field], origins[field] = layer.build()
    return Store(kinds, tables=tables, origins=origins), replaced, problems


def _add(layer: _Held | _Layers, kind: Kind[Any], record: Any, where: str, from_file: bool, override: bool,
         added: dict[tuple[str, object], str], replaced: list[str]) -> str | None:
    """Put one record of a document into its layer; the problem with it, if any."""
    if not isinstance(record, kind.record):
        return f"expected a {kind.record.__name__}, got {type(record).__name__}"
    key, label = kind.key(record), kind.describe(record)
    if (kind.field, key) in added:
        return f"{label} is defined twice (first at {added[kind.field, key]})"
    added[kind.field, key] = where
    if layer.has(key):
        if not override:
            return f"{label} is already defined; pass override=True to replace it"
        replaced.append(label)
    layer.put(key, record, where if from_file else None)
    return None


class _Held:
    """The records of one kind, by identity, as ``combined`` reads them (later ones replace)."""

    def __init__(self, base: Store, kind: Kind[Any], records: Sequence[Any]) -> None:
        self.rows: dict[object, tuple[Any, str | None]] = {kind.key(r): (r, base.origin(kind, i)) for i, r in enumerate(records)}

    def has(self, key: object) -> bool:
        return key in self.rows

    def put(self, key: object, record: Any, where: str | None) -> None:
        self.rows[key] = (record, where)

    def build(self) -> tuple[tuple[Any, ...], tuple[str | None, ...]]:
        return tuple(r for r, _ in self.rows.values()), tuple(o for _, o in self.rows.values())


class _Layers:
    """The user's foods laid over the packed table, as ``combined`` reads them."""

    def __init__(self, records: PackedFoods | ExtendedFoods, store: Store, kind: Kind[Any]) -> None:
        if isinstance(records, ExtendedFoods):
            self.base, self.replaced, self.appended = records.base, dict(records.replaced), list(records.appended)
            mine = records.own()
            self.where: dict[int, str | None] = {i: store.origin(kind, i) for i, _ in mine}
        else:
            self.base, self.replaced, self.appended, self.where = records, {}, [], {}

    def has(self, food_id: object) -> bool:
        return self._row(food_id) is not None

    def _row(self, food_id: object) -> int | None:
        for i, food in enumerate(self.appended):
            if food.id == food_id:
                return len(self.base) + i
        for row, food in self.replaced.items():
            if food.id == food_id:
                return row
        found = self.base.by_id().get(food_id) if isinstance(food_id, str) else None
        return None if found is None else self.base.find(normalize(food_id))  # type: ignore[arg-type]

    def put(self, food_id: object, record: Any, where: str | None) -> None:
        row = self._row(food_id)
        if row is None:
            row = len(self.base) + len(self.appended)
            self.appended.append(record)
        elif row >= len(self.base):
            self.appended[row - len(self.base)] = record
        else:
            self.replaced[row] = record
        self.where[row] = where

    def build(self) -> tuple[ExtendedFoods, list[str | None]]:
        table = ExtendedFoods(self.base, self.replaced, self.appended)
        origins: list[str | None] = [None] * len(table)
        for row, where in self.where.items():
            origins[row] = where
        return table, origins
