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
from .names import NameIndex, name_indexes

__all__ = ["Store"]

R = TypeVar("R")

Loader = Callable[[Kind[Any]], tuple[Any, ...]]


class Store(Sealed):
    """Every record of one knowledge base, found by kind, id, name or reference."""

    __slots__ = ("kinds", "names", "_tables", "_put", "_load", "_origins", "_ids", "_put_ids")

    def __init__(
        self,
        kinds: Kinds,
        *,
        tables: Mapping[str, tuple[Any, ...]] | None = None,
        load: Loader | None = None,
        origins: Mapping[str, Sequence[str | None]] | None = None,
    ) -> None:
        self.kinds = kinds
        held: dict[str, tuple[Any, ...]] = dict(tables or {})
        if load is None:
            for k in kinds:
                held.setdefault(k.field, ())
        self._tables: Mapping[str, tuple[Any, ...]] = MappingProxyType(held)
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

    def table(self, cls: type[R]) -> tuple[R, ...]:
        """Every record of the kind whose class is ``cls``, in data order."""
        kind = self.kinds.of(cls)
        found = self._tables.get(kind.field)
        if found is None:
            found = self._fill(kind)
        return found

    def _fill(self, kind: Kind[Any]) -> tuple[Any, ...]:
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
    held: dict[str, dict[object, tuple[Any, str | None]]] = {}
    for kind in kinds:
        try:
            records = base.table(kind.record)
        except TypeError:  # a kind the base knows nothing of
            records = ()
        held[kind.field] = {kind.key(r): (r, base.origin(kind, i)) for i, r in enumerate(records)}
    replaced: list[str] = []
    problems: list[str] = []
    for document, path in located:
        added: dict[tuple[str, object], str] = {}  # this document's own records: a repeat is never an override
        for kind in kinds:
            for index, record in enumerate(getattr(document, kind.field, ())):
                where = f"{path}: $.{kind.field}[{index}]" if path else f"{kind.field}[{index}]"
                if not isinstance(record, kind.record):
                    problems.append(f"{where}: expected a {kind.record.__name__}, got {type(record).__name__}")
                    continue
                key, label = kind.key(record), kind.describe(record)
                if (kind.field, key) in added:
                    problems.append(f"{where}: {label} is defined twice (first at {added[kind.field, key]})")
                    continue
                added[kind.field, key] = where
                if key in held[kind.field]:
                    if not override:
                        problems.append(f"{where}: {label} is already defined; pass override=True to replace it")
                        continue
                    replaced.append(label)
                held[kind.field][key] = (record, where if path else None)
    tables = {field: tuple(r for r, _ in rows.values()) for field, rows in held.items()}
    origins = {field: tuple(o for _, o in rows.values()) for field, rows in held.items()}
    return Store(kinds, tables=tables, origins=origins), replaced, problems
