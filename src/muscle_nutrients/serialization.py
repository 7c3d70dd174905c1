"""Reading and writing knowledge-base documents: a strict cattrs converter.

cattrs' default converter is forgiving in ways a data library cannot afford: it turns
``"Mg"`` into ``("M", "g")`` for a tuple of strings, ``True`` into ``1.0`` and ``5`` into
``"5"``, and ignores unknown keys. This converter refuses all of that and reports every
problem with its JSON path.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, get_args, get_origin

import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.preconf.json import make_converter

from .document import RECORD_FIELDS, SCHEMA_VERSION, Document
from .errors import DataError
from .model import Ref

__all__ = ["RECORD_FIELDS", "SCHEMA_VERSION", "Document", "converter", "structure_document", "unstructure_document"]

def _strict_str(value: Any, _: type) -> str:
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
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {value!r}")
    return float(value)


def _strict_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {_json_type(value)}")
    return value


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return f"a string ({value!r})" if len(value) < 40 else "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _is_tuple(t: Any) -> bool:
    return get_origin(t) is tuple and len(get_args(t)) == 2 and get_args(t)[1] is Ellipsis


def _make_tuple_hook(conv: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
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
                    note = IterableValidationNote(f"Structuring {t} @ index {index}", index, item_type)
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {t!r}", errors, t)
            return tuple(out)

        return structure

    return factory


def _enum_hook(value: Any, t: type[Enum]) -> Enum:
    try:
        return t(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in t)
        raise ValueError(f"{value!r} is not a valid {t.__name__}; allowed: {allowed}") from None


def _ref_hook(value: Any, _: type) -> Ref:
    return Ref.parse(_strict_str(value, str))


def _make_converter() -> cattrs.Converter:
    conv = make_converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(float, _strict_float)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(Ref, _ref_hook)
    conv.register_unstructure_hook(Ref, str)
    conv.register_structure_hook_func(lambda t: isinstance(t, type) and issubclass(t, Enum), _enum_hook)
    conv.register_structure_hook_factory(_is_tuple, _make_tuple_hook(conv))
    return conv


converter: cattrs.Converter = _make_converter()
"""The strict converter used for every knowledge-base document."""


def _format(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, ForbiddenExtraKeysError):
        return "unknown key(s) " + ", ".join(repr(k) for k in sorted(exc.extra_fields)) + " (not in the format)"
    if isinstance(exc, KeyError):
        return "required key missing"
    return f"{exc}" if str(exc) else type(exc).__name__


def structure_document(data: Any, *, origin: str = "<data>") -> Document:
    """Structure one parsed JSON/TOML document into a [Document][muscle_nutrients.serialization.Document].

    Raises:
        DataError: listing every problem as ``origin: $.path: message``.
    """
    if not isinstance(data, Mapping):
        raise DataError([f"{origin}: $: expected a JSON object at the top level, got {_json_type(data)}"])
    version = data.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        raise DataError([f"{origin}: $.schema_version: expected {SCHEMA_VERSION}, got {version!r}"])
    try:
        return converter.structure(data, Document)
    except (ClassValidationError, IterableValidationError) as exc:
        lines = cattrs.transform_error(exc, path="$", format_exception=_format)
        raise DataError([f"{origin}: {_relocate(line)}" for line in lines]) from None
    except (TypeError, ValueError) as exc:
        raise DataError([f"{origin}: $: {exc}"]) from None


_FIELD_MESSAGE = re.compile(r"^([a-z_]+)((?:\[\d+\])?) (?:must|has) ")


def _relocate(line: str) -> str:
    """``"message @ $.a[1]"`` -> ``"$.a[1]: message"`` (path first reads better in a list).

    An attrs validator's error stops the path at the object; our validators start their
    message with the field's name, which is moved onto the path (``$.a[1].value``).
    """
    message, sep, path = line.rpartition(" @ ")
    if not sep:
        return line
    field = _FIELD_MESSAGE.match(message)
    if field:
        path = f"{path}.{field.group(1)}{field.group(2)}"
    return f"{path}: {message}"


def unstructure_document(document: Document) -> dict[str, Any]:
    """A JSON-ready dict of ``document`` that [structure_document][muscle_nutrients.serialization.structure_document] reads back."""
    data: dict[str, Any] = converter.unstructure(document)
    return data
