"""Build records from the packaged (trusted) JSON quickly: no cattrs, no ``__init__``, no checks.

The packaged files are checked by the test suite with the strict converter in
``serialization`` and by the cross-record validation, and a test asserts that this module
builds exactly the same records from them. At run time the packaged data therefore only
needs building, not policing: each record class gets one plan, made from its field
annotations, that sets the slots directly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import Enum
from typing import Any

import attrs

from .model import Citation, Ref
from .units import Amount, Unit

__all__ = ["builder"]

_Build = Callable[[Any], Any]
_plans: dict[type, _Build] = {}


def _identity(value: Any) -> Any:
    return value


def _ref(value: str) -> Ref:
    return str.__new__(Ref, value)


def _amount(data: dict[str, Any]) -> Amount:
    return Amount._trusted(float(data["value"]), Unit(data["unit"]))


def _type_builder(annotation: str, namespace: dict[str, Any]) -> _Build:
    """The builder of one annotation written as the records write them (``tuple[X, ...]``, ``X | None``)."""
    text = annotation.strip()
    if text.endswith(" | None"):
        inner = _type_builder(text[: -len(" | None")], namespace)
        return inner if inner is _identity else lambda v: None if v is None else inner(v)
    if text.startswith("tuple[") and text.endswith(", ...]"):
        item = _type_builder(text[len("tuple[") : -len(", ...]")], namespace)
        return tuple if item is _identity else lambda v: tuple([item(x) for x in v])
    if text in ("str", "int", "bool"):
        return _identity
    if text == "float":
        return float
    target = namespace[text]
    if target is Ref:
        return _ref
    if target is Amount:
        return _amount
    if isinstance(target, type) and issubclass(target, Enum):
        return target._value2member_map_.__getitem__
    if target is Citation:
        build = builder(Citation)
        return lambda v: build({"source": v} if isinstance(v, str) else v)  # a citation may be just the id
    return builder(target)


def builder(cls: type) -> _Build:
    """A function making a ``cls`` record from its trusted JSON object."""
    plan = _plans.get(cls)
    if plan is not None:
        return plan
    namespace = vars(sys.modules[cls.__module__])
    steps: list[tuple[str, Callable[[Any, Any], None], _Build, Any]] = []
    new = object.__new__

    def build(data: dict[str, Any]) -> Any:
        record: Any = new(cls)
        for name, put, convert, default in steps:
            value = data.get(name, _MISSING)
            put(record, default if value is _MISSING else convert(value))
        return record

    _plans[cls] = build  # registered first, for classes that nest themselves
    for a in attrs.fields(cls):
        default = a.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            raise TypeError(f"{cls.__name__}.{a.name}: factory defaults are not supported by the fast builder")
        annotation = cls.__annotations__.get(a.name) or next(
            base.__annotations__[a.name] for base in cls.__mro__ if a.name in getattr(base, "__annotations__", {})
        )
        steps.append((a.name, getattr(cls, a.name).__set__, _type_builder(annotation, namespace), default))
    return build


_MISSING: Any = object()
