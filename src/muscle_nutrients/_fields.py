"""Field constraints declared once, as attrs metadata, and the base classes that read them.

A record's field says what it accepts in its metadata -- ``attrs.field(metadata=TEXT)`` --
and everything that checks or describes records reads that one declaration:

* ``check`` -- a function returning the problems of a value (run when a record is made);
* ``pattern`` -- the regular expression a code matches (ASCII digits only);
* ``minimum`` / ``exclusive_minimum`` / ``maximum`` -- bounds of a number;
* ``max_length`` / ``max_items`` -- bounds of a text or a list;
* ``cites`` -- the field holds source ids, each of which must be a known source;
* ``refers_to`` -- the field holds the id of a record of another kind (``"nutrient"``);
* ``names`` -- the field gives names a record is looked up by (``display``: the shown name);
* ``fits`` -- an amount whose unit must fit the nutrient the record is about;
* ``needs`` -- another field that must not be empty when this one is set.

[Record][muscle_nutrients._fields.Record] runs the checks (collecting every problem of a
record, not only the first); the cross-record validation, the JSON Schema script and the
data tests read the same metadata, so a new citing field is checked with no further edit.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar

import attrs

from .errors import FieldError, RecordError

__all__ = [
    "ALIASES",
    "ID",
    "NAME",
    "OPTIONAL_TEXT",
    "TEXT",
    "Record",
    "Result",
    "code",
    "field_errors",
    "number",
    "records",
    "refers_to",
    "field_names",
    "is_id",
    "maker",
    "spec",
    "text",
]

M = TypeVar("M")

#: Longest text a field holds (a note or a description) and longest name.
MAX_TEXT = 20_000
MAX_NAME = 300
#: Most items a list field holds (aliases, sources, servings ...).
MAX_ITEMS = 10_000

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Control characters (terminal escapes among them) and lone surrogates never belong in text.
_BAD_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

#: What a check returns: None when the value is fine, a message, or (index, message) pairs.
Problems = str | list[tuple[int, str]] | None
Check = Callable[[Any], Problems]


def spec(check: Check, **facts: object) -> Mapping[str, object]:
    """Field metadata: the check plus the facts other tools read (``pattern``, ``cites`` ...)."""
    return MappingProxyType({"check": check, **facts})


# ---------------------------------------------------------------------------- checks


def _text_problem(value: object, limit: int) -> str | None:
    if not isinstance(value, str):
        return f"must be a string, not {type(value).__name__}"
    if not value.strip():
        return "must not be empty"
    if len(value) > limit:
        return f"is {len(value):,} characters long; the limit is {limit:,}"
    if _BAD_CHARACTERS.search(value):
        return "must not contain control characters or unpaired surrogates"
    return None


def _text(limit: int) -> Check:
    return lambda value: _text_problem(value, limit)


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _strings(*, min_items: int = 0, limit: int = MAX_TEXT) -> Check:
    def check(value: object) -> Problems:
        if not isinstance(value, (tuple, list)):
            return f"must be a list of strings, not {type(value).__name__}"
        if len(value) < min_items:
            return f"must list at least {min_items} item{'s' if min_items > 1 else ''}"
        if len(value) > MAX_ITEMS:
            return f"has {len(value):,} items; the limit is {MAX_ITEMS:,}"
        found: list[tuple[int, str]] = []
        seen: set[object] = set()
        for index, item in enumerate(value):
            problem = _text_problem(item, limit)
            if problem is None and item in seen:
                problem = "repeats an earlier item"
            if problem:
                found.append((index, problem))
            elif isinstance(item, str):
                seen.add(item)
        return found or None

    return check


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


def _code_check(pattern: str, what: str) -> Check:
    def check(value: object) -> Problems:
        if not isinstance(value, str) or not _compiled(pattern).fullmatch(value):
            shown = value if not isinstance(value, str) or len(value) <= 40 else value[:37] + "..."
            return f"must be {what}, got {shown!r}"
        return None

    return check


def _number_check(minimum: float | None, exclusive: bool, maximum: float | None, integer: bool) -> Check:
    def check(value: object) -> Problems:
        wanted = "a whole number" if integer else "a number"
        ok_type = numbers.Integral if integer else numbers.Real
        if isinstance(value, bool) or not isinstance(value, ok_type):
            return f"must be {wanted}, not {type(value).__name__}"
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):  # NaN, infinities
            return f"must be a finite number, got {value!r}"
        if minimum is not None and (number <= minimum if exclusive else number < minimum):
            return f"must be {'greater than' if exclusive else 'at least'} {minimum:g}, got {value!r}"
        if maximum is not None and number > maximum:
            return f"must be at most {maximum:g}, got {value!r}"
        return None

    return check


def _records_check(cls: type, min_items: int, unique: str | None) -> Check:
    def check(value: object) -> Problems:
        if not isinstance(value, tuple):
            return f"must be a tuple of {cls.__name__}, not {type(value).__name__}"
        if len(value) < min_items:
            return f"must list at least {min_items} {cls.__name__}"
        if len(value) > MAX_ITEMS:
            return f"has {len(value):,} items; the limit is {MAX_ITEMS:,}"
        found = [(i, f"must be a {cls.__name__}") for i, item in enumerate(value) if not isinstance(item, cls)]
        if unique and not found:
            keys = [getattr(item, unique) for item in value]
            found = [(i, f"repeats the {unique} {key!r}") for i, key in enumerate(keys) if key in keys[:i]]
        return found or None

    return check


def _instance_check(cls: type | tuple[type, ...], what: str) -> Check:
    return lambda value: None if isinstance(value, cls) else f"must be {what}, not {type(value).__name__}"


# ---------------------------------------------------------------------------- field specs

ID = spec(_code_check(ID_PATTERN, "a lower-case, hyphenated id such as 'vitamin-b12'"), pattern=ID_PATTERN, names=True)
"""A record's stable id; also one of the names it is found by."""


def text(*, optional: bool = False, limit: int = MAX_TEXT, **facts: object) -> Mapping[str, object]:
    """Text of at most ``limit`` characters, without control characters."""
    check = _text(limit)
    return spec(_optional(check) if optional else check, max_length=limit, **facts)


def is_id(value: str) -> bool:
    """Whether ``value`` is a well-formed record id."""
    return _compiled(ID_PATTERN).fullmatch(value) is not None


NAME = text(limit=MAX_NAME, names=True, display=True)
"""A display name, found by lookups."""
ALIASES = spec(_strings(limit=MAX_NAME), max_length=MAX_NAME, max_items=MAX_ITEMS, unique=True, names=True)
"""Other names a record is found by."""
TEXT = text()
"""Required text."""
OPTIONAL_TEXT = text(optional=True)
"""Optional text (None when absent)."""
STRINGS = spec(_strings(), max_length=MAX_TEXT, max_items=MAX_ITEMS, unique=True)
"""A list of texts without repeats."""


def codes(pattern: str, what: str, **facts: object) -> Mapping[str, object]:
    """A list of distinct codes, each matching ``pattern``."""
    strings, single = _strings(limit=MAX_NAME), _code_check(pattern, what)

    def check(value: object) -> Problems:
        problem = strings(value)
        if problem is not None or not isinstance(value, (tuple, list)):
            return problem
        found = [(i, p) for i, item in enumerate(value) if (p := single(item)) is not None]
        return found or None  # type: ignore[return-value]

    return spec(check, pattern=pattern, max_items=MAX_ITEMS, unique=True, **facts)


def code(pattern: str, what: str, *, optional: bool = False, **facts: object) -> Mapping[str, object]:
    """A code matching ``pattern`` (``what`` says what it is, for messages)."""
    check = _code_check(pattern, what)
    return spec(_optional(check) if optional else check, pattern=pattern, **facts)


def number(
    *,
    minimum: float | None = None,
    exclusive_minimum: bool = False,
    maximum: float | None = None,
    integer: bool = False,
    optional: bool = False,
    **facts: object,
) -> Mapping[str, object]:
    """A finite number within bounds."""
    check = _number_check(minimum, exclusive_minimum, maximum, integer)
    bounds: dict[str, object] = {"maximum": maximum} if maximum is not None else {}
    if minimum is not None:
        bounds["exclusive_minimum" if exclusive_minimum else "minimum"] = minimum
    return spec(_optional(check) if optional else check, **bounds, **facts)


def records(cls: type, *, min_items: int = 0, unique: str | None = None) -> Mapping[str, object]:
    """A tuple of records of ``cls`` (with ``unique``, no two sharing that attribute's value)."""
    return spec(_records_check(cls, min_items, unique), min_items=min_items, max_items=MAX_ITEMS, records=cls, unique_by=unique)


def instance(cls: type | tuple[type, ...], what: str, *, optional: bool = False, **facts: object) -> Mapping[str, object]:
    """A value of ``cls`` (an enum member, an amount, a nested record)."""
    check = _instance_check(cls, what)
    if isinstance(cls, type) and attrs.has(cls):
        facts["record"] = cls  # a nested record: exporters spread its fields
    return spec(_optional(check) if optional else check, **facts)


def refers_to(label: str, *, optional: bool = False, many: bool = False, **facts: object) -> Mapping[str, object]:
    """The id (or, with ``many``, ids) of a record of the kind labelled ``label``."""
    if many:
        return spec(_strings(), refers_to=label, pattern=ID_PATTERN, max_items=MAX_ITEMS, unique=True, **facts)
    return code(ID_PATTERN, f"a {label} id", optional=optional, refers_to=label)


def claims(allowed: tuple[str, ...]) -> Mapping[str, object]:
    """Seed-claim ids from ``allowed``."""
    strings = _strings()

    def check(value: object) -> Problems:
        problems = strings(value)
        if problems or not isinstance(value, (tuple, list)):
            return problems
        found = [(i, f"{c!r} is not a seed-claim id {allowed[0]}..{allowed[-1]}") for i, c in enumerate(value) if c not in allowed]
        return found or None

    return spec(check, claims=allowed, max_items=MAX_ITEMS, unique=True)


# ---------------------------------------------------------------------------- records


_CHECKS: dict[type, tuple[tuple[str, Check], ...]] = {}
_NAMES: dict[type, tuple[str, ...]] = {}


def _checks(cls: type[Any]) -> tuple[tuple[str, Check], ...]:
    found = _CHECKS.get(cls)
    if found is None:
        found = _CHECKS[cls] = tuple((a.name, a.metadata["check"]) for a in attrs.fields(cls) if "check" in a.metadata)
    return found


def field_errors(record: object) -> Iterator[FieldError]:
    """Every problem of one record's fields, then those of its cross-field rules."""
    for name, check in _checks(type(record)):
        found = check(getattr(record, name))
        if isinstance(found, str):
            yield FieldError(name, found)
        elif found:
            for index, message in found:
                yield FieldError(name, message, index)
    invariants = getattr(record, "_invariants", None)
    if invariants is not None:
        yield from invariants()


def field_names(cls: type[Any]) -> tuple[str, ...]:
    """The names of an attrs class's fields, in order."""
    found = _NAMES.get(cls)
    if found is None:
        found = _NAMES[cls] = tuple(a.name for a in attrs.fields(cls))
    return found


_PUBLIC: dict[type[Any], tuple[str, ...]] = {}


def public_names(cls: type[Any]) -> tuple[str, ...]:
    """The names of a class's fields that are its data: all but those starting with ``_``
    (a result may carry a private helper, such as the plan its lazy answers are computed from)."""
    found = _PUBLIC.get(cls)
    if found is None:
        found = _PUBLIC[cls] = tuple(n for n in field_names(cls) if not n.startswith("_"))
    return found


def _short(value: object) -> str:
    if isinstance(value, str):
        text = str(value)
        return repr(text if len(text) <= 40 else text[:37] + "...")
    if isinstance(value, tuple):
        return f"({len(value)} items)" if value else "()"
    if isinstance(value, _Base):
        for name in ("id", "label", "name"):
            ident = getattr(value, name, None)
            if isinstance(ident, str):
                return f"{type(value).__name__}({ident!r})"
        return f"{type(value).__name__}(...)"
    return repr(value)


def maker(cls: type[M]) -> Callable[..., M]:
    """A positional constructor that skips ``__init__``, for results the library builds in hot
    paths from records already validated (arguments in field order)."""
    names = field_names(cls)
    params = ", ".join(f"v{i}" for i in range(len(names)))
    body = "".join(f"    s{i}(o, v{i})\n" for i in range(len(names)))
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    namespace.update({f"s{i}": getattr(cls, name).__set__ for i, name in enumerate(names)})
    # Generated from the class's own field names, never from data -- as attrs makes __init__.
    exec(f"def make({params}):\n    o = new(cls)\n{body}    return o\n", namespace)  # noqa: S102
    make: Callable[..., M] = namespace["make"]
    return make


class _Base:
    """Equality, hashing, a one-line repr and ``to_dict`` for attrs records (slotted, frozen)."""

    __slots__ = ()
    _summary: ClassVar[tuple[str, ...]] = ()
    _extra: ClassVar[tuple[str, ...]] = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in public_names(type(self)))

    def __hash__(self) -> int:
        ident = getattr(self, "id", None)
        if isinstance(ident, str):  # records with an id: equal records share it, so hash only that
            return hash((type(self), ident))
        return hash((type(self), *(getattr(self, n) for n in public_names(type(self)))))

    def __repr__(self) -> str:
        parts = []
        for name in public_names(type(self)):
            value = getattr(self, name)
            if value is None or value == () or value is False:
                continue
            parts.append(f"{name}={_short(value)}")
            if len(parts) == 4:
                parts.append("...")
                break
        return f"{type(self).__name__}({', '.join(parts)})"

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data (str, int, float, bool, None, lists, dicts).

        Records give every field; query results give theirs with records they mention
        summarised (id, name and the like). The command line's ``--json`` prints the same.
        """
        from ._jsonable import to_data

        data: dict[str, Any] = to_data(self)
        return data


class Record(_Base):
    """Base of the knowledge-base records: fields are checked when a record is made.

    Every bad field is reported together in one [RecordError][muscle_nutrients.errors.RecordError].
    Subclasses add cross-field rules in ``_invariants``.
    """

    __slots__ = ()

    def __attrs_post_init__(self) -> None:
        errors = list(field_errors(self))
        if errors:
            raise RecordError(type(self).__name__, errors)


class Result(_Base):
    """Base of query results: made by the library from valid records, so not re-checked."""

    __slots__ = ()
