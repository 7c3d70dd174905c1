"""Rules that span records, checked when a knowledge base is built from user data.

Each record already checked its own fields when it was made. What is left needs the other
records, and the field metadata says what to check (see ``muscle_nutrients._fields``):

* a ``cites`` field names known sources;
* a ``refers_to`` field names a known record of that kind;
* a relation reference (``ref``) points at a known record;
* a ``fits`` amount is in the dimension of the nutrient the record is about;
* a ``needs`` field, when set, has its companion field filled in.

Every kind's names must be unique (identities are checked as records are combined), and each kind adds its own rules
(``Kind.checks``). Every problem is reported, each naming the file and JSON path of the
record (or the record, when it was built in Python). "Did you mean" hints are given for
the first [MAX_HINTS][muscle_nutrients._validation.MAX_HINTS] problems only, so a file full
of bad references is refused in time linear in its size.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from ._fields import Record
from ._kinds import Kind
from ._store import Store
from .model import Advice, AdviceKind, Nutrient, Predicate, Ref, RefKind, Relation, Source
from .names import normalize
from .units import Amount, convert_for

__all__ = ["MAX_HINTS", "problems"]

#: How many problems get a "did you mean" hint.
MAX_HINTS = 50


class _Hints:
    """Did-you-mean suggestions, for a bounded number of problems."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.left = MAX_HINTS

    def __call__(self, kind: Kind[Any], key: str) -> str:
        if self.left <= 0 or not isinstance(key, str):
            return ""
        self.left -= 1
        if kind.record is Source:
            import difflib  # only bad user data needs it

            close = difflib.get_close_matches(key[:100], list(self.store.by_id(Source)), n=3)
        else:
            close = list(self.store.names[kind.record].suggest(key))
        return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""


def problems(store: Store) -> list[str]:
    """Every cross-record problem of the store's records, located."""
    hints = _Hints(store)
    found: list[str] = []
    for kind in store.kinds:
        if store.trusted(kind.record):
            continue  # the packaged food table, checked when it was built and by the test suite
        records = store.table(kind.record)
        layered = getattr(records, "own", None)
        if layered is not None:  # a user's foods over the packed table: only theirs are checked, their names against all
            found += _layered_problems(store, kind, records, layered(), hints)
            continue
        found += _collisions(store, kind, records)
        for index, record in enumerate(records):
            for path, message in _record_problems(store, record, hints):
                found.append(f"{_locate(store, kind, index, record, path)}: {message}")
        for check in kind.checks:
            for indexes, message in check(records):
                index = next((i for i in indexes if store.origin(kind, i)), indexes[0])
                found.append(f"{_locate(store, kind, index, records[index], '')}: {message}")
    return found


def _locate(store: Store, kind: Kind[Any], index: int, record: Any, path: str) -> str:
    origin = store.origin(kind, index)
    if origin:
        return f"{origin}{path}"
    return kind.describe(record) + (f" at {path.lstrip('.')}" if path else "")


def _layered_problems(store: Store, kind: Kind[Any], records: Any, own: list[tuple[int, Any]], hints: _Hints) -> list[str]:
    found = []
    rows = {id(record): index for index, record in own}
    for name, held, record in records.collisions():
        index = rows[id(record)]
        found.append(f"{_locate(store, kind, index, record, '')}: {kind.label} name {name!r} is used by both {held.id!r} and {record.id!r}")
    seen: dict[str, Any] = {}
    for index, record in own:  # the user's foods among themselves
        for name in kind.names(record):
            key = normalize(name)
            if key and seen.setdefault(key, record) is not record and seen[key].id != record.id:
                found.append(f"{_locate(store, kind, index, record, '')}: {kind.label} name {name!r} is used by both "
                             f"{seen[key].id!r} and {record.id!r}")
        for path, message in _record_problems(store, record, hints):
            found.append(f"{_locate(store, kind, index, record, path)}: {message}")
    return found


def _collisions(store: Store, kind: Kind[Any], records: Sequence[Any]) -> Iterator[str]:
    if not kind.name_fields:
        return
    position = {id(record): index for index, record in enumerate(records)}
    for name, held, record in store.names[kind.record].collisions:
        if held.id == record.id:
            continue  # the same record twice: reported as a duplicate
        # reported at the record read from a file, when one of the two was
        index = position[id(record)]
        if not store.origin(kind, index) and store.origin(kind, position[id(held)]):
            index = position[id(held)]
        yield (
            f"{_locate(store, kind, index, records[index], '')}: {kind.label} name {name!r} is used by both "
            f"{held.id!r} and {record.id!r}"
        )


def _record_problems(store: Store, record: Any, hints: _Hints) -> Iterator[tuple[str, str]]:
    for path, meta, value, owner, nutrient in _walk(record, "", None):
        if value is None or value == ():
            continue
        if meta.get("cites"):
            # a citation names its source: report at the citation, as a plain id and an object both read there
            yield from _unknown(store, store.kinds.of(Source), path.removesuffix(".source"), value, hints)
        label = meta.get("refers_to")
        if isinstance(label, str):
            yield from _unknown(store, store.kinds.labelled(label), path, value, hints)
        if meta.get("ref") and isinstance(value, Ref):
            found = _bad_ref(store, value, hints)
            if found:
                yield path, found
        if meta.get("fits") and isinstance(value, Amount) and nutrient is not None:
            found = _misfit(store, value, nutrient)
            if found:
                yield path, found
        needs = meta.get("needs")
        if isinstance(needs, str) and not getattr(owner, needs):
            yield path, f"needs {needs} (where it was read)"
    if isinstance(record, Relation):
        found = _caution_role(store, record)
        if found:
            yield ".predicate", found


def _caution_role(store: Store, relation: Relation) -> str | None:
    """A caution is never a step that prevents or relieves; only a caution cautions."""
    if relation.subject.kind is not RefKind.ADVICE:
        return None
    advice = store.by_id(Advice).get(relation.subject.id)
    if advice is None:
        return None
    caution = advice.kind is AdviceKind.CAUTION
    if caution and relation.predicate in (Predicate.PREVENTS, Predicate.RELIEVES):
        return f"advice {advice.id!r} is a caution: it cannot {relation.predicate.value.removesuffix('s')} anything (use 'cautions about')"
    if not caution and relation.predicate is Predicate.CAUTIONS_ABOUT:
        return f"advice {advice.id!r} is a {advice.kind.value} step, not a caution"
    return None


def _walk(record: Any, path: str, nutrient: str | None) -> Iterator[tuple[str, Mapping[str, Any], Any, Any, str | None]]:
    """Every field of a record and of the records nested in it, with the nutrient it is about."""
    if isinstance(record, Nutrient):
        nutrient = record.id
    fields = attrs.fields(type(record))
    for a in fields:
        if a.metadata.get("refers_to") == "nutrient" and isinstance(getattr(record, a.name), str):
            nutrient = getattr(record, a.name)
    for a in fields:
        value = getattr(record, a.name)
        here = f"{path}.{a.name}"
        yield here, a.metadata, value, record, nutrient
        if isinstance(value, Record):
            yield from _walk(value, here, nutrient)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, Record):
                    yield from _walk(item, f"{here}[{index}]", nutrient)


def _unknown(store: Store, kind: Kind[Any], path: str, value: Any, hints: _Hints) -> Iterator[tuple[str, str]]:
    known = store.by_id(kind.record)
    if isinstance(value, str):
        if value not in known:
            yield path, f"unknown {kind.label} {value!r}{hints(kind, value)}"
        return
    for index, item in enumerate(value):
        if isinstance(item, str) and item not in known:
            yield f"{path}[{index}]", f"unknown {kind.label} {item!r}{hints(kind, item)}"


def _bad_ref(store: Store, ref: Ref, hints: _Hints) -> str | None:
    kind = store.kinds.for_ref(ref.kind)
    if kind is None:
        return f"no record kind is pointed at by {ref.kind.value!r} references"
    if ref.id in store.by_id(kind.record):
        return None
    return f"unknown {kind.label} {ref.id!r} in {str(ref)!r}{hints(kind, ref.id)}"


def _misfit(store: Store, amount: Amount, nutrient_id: str) -> str | None:
    nutrient = store.by_id(Nutrient).get(nutrient_id)
    if nutrient is None or amount.unit.dimension is nutrient.unit.dimension:
        return None
    try:  # another dimension fits when the nutrient says how to convert (folic acid µg to µg DFE)
        convert_for(amount, nutrient.unit, nutrient)
        return None
    except ValueError:
        return f"unit {amount.unit.value} does not fit {nutrient_id} (measured in {nutrient.unit.value})"
