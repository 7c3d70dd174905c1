"""Reading and writing knowledge-base documents: strict parsing and a strict cattrs converter.

cattrs' default converter is forgiving in ways a data library cannot afford: it turns
``"Mg"`` into ``("M", "g")`` for a tuple of strings, ``True`` into ``1.0`` and ``5`` into
``"5"``, and ignores unknown keys. The converter here refuses all of that, runs every
field's declared check while structuring, and reports every problem of a file -- each with
its JSON path, built from the structure of the error, never from message text. It is
private to this module (no caller can register hooks on it); use the functions below.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from enum import Enum
from functools import cache
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override
from cattrs.preconf.json import make_converter

from .document import RECORD_FIELDS, SCHEMA_VERSION, Document
from .errors import DataError, RecordError
from .model import Citation, Ref
from .units import Unit

__all__ = [
    "MAX_NESTING",
    "RECORD_FIELDS",
    "READABLE_SCHEMA_VERSIONS",
    "SCHEMA_VERSION",
    "Document",
    "parse_text",
    "structure",
    "structure_document",
    "unstructure",
    "unstructure_document",
]

T = TypeVar("T")

#: Deepest nesting of arrays and objects accepted in a data file.
MAX_NESTING = 64


# ---------------------------------------------------------------------------- parsing


class _Object(dict[str, Any]):
    """A JSON object that remembers keys it saw twice (the last value would silently win)."""

    repeated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    found = _Object(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        found.repeated = tuple(dict.fromkeys(k for k, _ in pairs if k in seen or seen.add(k)))  # type: ignore[func-returns-value]
    return found


def parse_text(raw: bytes, origin: str) -> Any:
    """Parse a data file's bytes as JSON, or TOML when ``origin`` ends in ``.toml`` (any case).

    Raises:
        DataError: empty, not UTF-8, not valid JSON/TOML, repeated keys, or nested deeper
            than [MAX_NESTING][muscle_nutrients.serialization.MAX_NESTING].
    """
    if not raw.strip():
        raise DataError([f"{origin}: file is empty"])
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark, as Windows editors write, is allowed
    except UnicodeDecodeError as exc:
        raise DataError([f"{origin}: not UTF-8 text (byte {exc.start}: {exc.reason})"]) from None
    toml = origin.lower().endswith(".toml")
    try:
        if toml:
            import tomllib

            data = tomllib.loads(text)
        else:
            data = json.loads(text, object_pairs_hook=_object)
    except RecursionError:
        raise DataError([f"{origin}: nesting is too deep (the limit is {MAX_NESTING} levels)"]) from None
    except ValueError as exc:  # json.JSONDecodeError and tomllib.TOMLDecodeError
        raise DataError([f"{origin}: not valid {'TOML' if toml else 'JSON'}: {exc}"]) from None
    problems = list(_shape_problems(data, origin))
    if problems:
        raise DataError(problems)
    return data


def _shape_problems(data: Any, origin: str) -> Any:
    """Repeated keys and excessive nesting, each with its path (iterative: no recursion limit)."""
    stack: list[tuple[Any, str, int]] = [(data, "$", 1)]
    while stack:
        node, path, depth = stack.pop()
        if depth > MAX_NESTING:
            yield f"{origin}: {path}: nesting is too deep (the limit is {MAX_NESTING} levels)"
            continue
        if isinstance(node, dict):
            for key in getattr(node, "repeated", ()):
                yield f"{origin}: {path}: key {key!r} appears more than once (only one value is allowed)"
            stack.extend((v, f"{path}.{k}", depth + 1) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, f"{path}[{i}]", depth + 1) for i, v in enumerate(node))


# ---------------------------------------------------------------------------- the converter


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})" if len(repr(value)) < 40 else "a number"
    if isinstance(value, str):
        return f"a string ({value!r})" if len(value) < 40 else "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _strict_str(value: Any, t: type) -> Any:
    if t is not str and isinstance(t, type) and issubclass(t, Enum):
        return _enum_hook(value, t)  # string enumerations reach the str hook first
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {_json_type(value)}")
    return value


def _strict_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {_json_type(value)}")
    return value


def _strict_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {_json_type(value)}")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError("expected a number a float can hold, got a number too large") from None
    if not math.isfinite(number):
        raise ValueError(f"expected a finite number, got {value!r}")
    return number


def _strict_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {_json_type(value)}")
    return value


def _enum_hook(value: Any, t: type[Enum]) -> Enum:
    if t is Unit:  # the same spellings as the query API ("mcg", Greek mu ...)
        return Unit.parse(_strict_str(value, str))
    try:
        return t(value)
    except (ValueError, TypeError):
        allowed = ", ".join(repr(m.value) for m in t)
        raise ValueError(f"{_json_type(value)} is not a valid {t.__name__}; allowed: {allowed}") from None


def _ref_hook(value: Any, _: type) -> Ref:
    return Ref.parse(_strict_str(value, str))


def _is_tuple(t: Any) -> bool:
    return get_origin(t) is tuple and len(get_args(t)) == 2 and get_args(t)[1] is Ellipsis


def _tuple_hook(conv: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    def factory(t: Any) -> Callable[[Any, Any], Any]:
        (item_type, _) = get_args(t)
        inner = conv.get_structure_hook(item_type)

        def structure(value: Any, _: Any) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)):
                raise TypeError(f"expected an array, got {_json_type(value)}")
            out: list[Any] = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    out.append(inner(item, item_type))
                except Exception as exc:  # collected, re-raised as one group below
                    exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote(f"@ index {index}", index, item_type)]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {t!r}", errors, t)
            return tuple(out)

        return structure

    return factory


class _FieldProblems(ValueError):
    """A field whose declared check failed while structuring: (index or None, message) pairs."""

    def __init__(self, problems: list[tuple[int | None, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(message for _, message in problems))


def _checked(inner: Callable[[Any, Any], Any], check: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    def hook(value: Any, t: Any) -> Any:
        out = inner(value, t)
        found = check(out)
        if found:
            raise _FieldProblems([(None, found)] if isinstance(found, str) else list(found))
        return out

    return hook


def _record_hook(conv: cattrs.Converter) -> Callable[[type], Callable[[Any, Any], Any]]:
    def factory(cls: type) -> Callable[[Any, Any], Any]:
        attrs.resolve_types(cls)
        overrides = {}
        for a in attrs.fields(cls):  # every field's check runs, so every bad field is reported
            if "check" in a.metadata:
                inner = conv.get_structure_hook(a.type)
                overrides[a.name] = override(struct_hook=_checked(inner, a.metadata["check"]))
        generated: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True, **overrides  # type: ignore[arg-type]
        )

        def structure(value: Any, t: Any) -> Any:
            if cls is Citation and isinstance(value, str):
                value = {"source": value}  # a citation may be given as just the source's id
            if not isinstance(value, Mapping):
                raise TypeError(f"expected an object, got {_json_type(value)}")
            return generated(value, t)

        return structure

    return factory


@cache
def _strict() -> cattrs.Converter:
    conv = make_converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(float, _strict_float)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(Ref, _ref_hook)
    conv.register_unstructure_hook(Ref, str)
    conv.register_structure_hook_func(lambda t: isinstance(t, type) and issubclass(t, Enum), _enum_hook)
    conv.register_structure_hook_factory(_is_tuple, _tuple_hook(conv))
    conv.register_structure_hook_factory(attrs.has, _record_hook(conv))
    return conv


# ---------------------------------------------------------------------------- errors with paths


def _problems(exc: BaseException, path: str) -> list[str]:
    """One ``"$.path: message"`` line per problem in a cattrs error tree."""
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        out: list[str] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            step = f"[{note.index}]" if isinstance(note, IterableValidationNote) else f".{note.name}"
            out += _problems(sub, path + step)
        for sub in without:
            out += _problems(sub, path)
        return out
    if isinstance(exc, _FieldProblems):
        return [f"{path}{'' if i is None else f'[{i}]'}: {message}" for i, message in exc.problems]
    if isinstance(exc, RecordError):
        return [f"{path}.{error.path}: {error.message}" for error in exc.errors]
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(repr(k if len(k) < 40 else k[:37] + "...") for k in sorted(exc.extra_fields)[:20])
        return [f"{path}: unknown key(s) {keys} (not in the format)"]
    if isinstance(exc, KeyError):
        return [f"{path}: required key missing"]
    return [f"{path}: {exc}" if str(exc) else f"{path}: {type(exc).__name__}"]


# ---------------------------------------------------------------------------- public functions


def structure(data: Any, cls: type[T], *, origin: str = "<data>") -> T:
    """Structure JSON data into a record (or any class of the format), strictly.

    Raises:
        DataError: listing every problem as ``origin: $.path: message``.
    """
    try:
        return _strict().structure(data, cls)
    except (ClassValidationError, IterableValidationError) as exc:
        raise DataError([f"{origin}: {line}" for line in _problems(exc, "$")]) from None
    except (TypeError, ValueError) as exc:
        raise DataError([f"{origin}: $: {exc}"]) from None


def structure_document(data: Any, *, origin: str = "<data>", document: type[Document] = Document) -> Document:
    """Structure one parsed JSON/TOML document into a [Document][muscle_nutrients.document.Document].

    Raises:
        DataError: listing every problem as ``origin: $.path: message``.
    """
    if not isinstance(data, Mapping):
        raise DataError([f"{origin}: $: expected a JSON object at the top level, got {_json_type(data)}"])
    version = data.get("schema_version", SCHEMA_VERSION)
    if type(version) is not int or version not in READABLE_SCHEMA_VERSIONS:
        expected = " or ".join(str(v) for v in READABLE_SCHEMA_VERSIONS)
        raise DataError([f"{origin}: $.schema_version: expected {expected}, got {_json_type(version)}"])
    if version == 1:
        data = _upgrade_from_1(data)
    return structure(data, document, origin=origin)


#: Format versions the loader reads: 2 (pinned citations, sources with ``read_at``/``read_note``)
#: and 1, upgraded on reading.
READABLE_SCHEMA_VERSIONS = (1, SCHEMA_VERSION)


def _upgrade_from_1(data: Mapping[str, Any]) -> dict[str, Any]:
    # version 1 described a copy read in ``copy_of``; version 2 calls it ``read_note``. Citations
    # given as plain source ids are still valid, so nothing else changes.
    upgraded = dict(data, schema_version=SCHEMA_VERSION)
    sources = data.get("sources")
    if isinstance(sources, list):
        upgraded["sources"] = [_renamed(s, "copy_of", "read_note") if isinstance(s, Mapping) else s for s in sources]
    return upgraded


def _renamed(record: Mapping[str, Any], old: str, new: str) -> dict[str, Any]:
    out = {k: v for k, v in record.items() if k != old}
    if old in record and new not in record:
        out[new] = record[old]
    return out


def unstructure(value: Any) -> Any:
    """A record (or document) as the JSON data ``structure`` reads back."""
    return _strict().unstructure(value)


def unstructure_document(document: Document) -> dict[str, Any]:
    """A JSON-ready dict of ``document`` that [structure_document][muscle_nutrients.serialization.structure_document] reads back."""
    data: dict[str, Any] = _strict().unstructure(document)
    return data
