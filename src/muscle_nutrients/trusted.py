"""Structure the packaged (trusted) data quickly, without cattrs.

The packaged files are checked by the test suite with the strict converter in
``serialization`` (no coercion, unknown keys rejected, every path reported), and a test
asserts that this module builds exactly the same records from them. At run time the
packaged data therefore only needs building, not policing: this module turns JSON values
into records with one precomputed plan per class, which keeps ``import`` and the first
``load()`` fast. User files always go through the strict converter.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any

import attrs

from . import model, units
from .document import Document
from .model import Ref

__all__ = ["structure_trusted"]

_Build = Callable[[Any], Any]
_plans: dict[type, _Build] = {}


def _identity(value: Any) -> Any:
    return value


def _to_float(value: Any) -> float:
    return float(value)


def _builder(tp: Any) -> _Build:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        build = _builder(inner)
        return lambda v: None if v is None else build(v)
    if origin is tuple:
        item = _builder(typing.get_args(tp)[0])
        if item is _identity:
            return tuple
        return lambda v: tuple([item(x) for x in v])
    if tp is Ref:
        return Ref
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp
    if tp is float:
        return _to_float
    if attrs.has(tp):
        return _class_builder(tp)
    return _identity


def _class_builder(cls: type) -> _Build:
    plan = _plans.get(cls)
    if plan is not None:
        return plan
    hints = typing.get_type_hints(cls, vars(model) | vars(units))
    steps: list[tuple[str, _Build]] = []

    def build(data: Any) -> Any:
        kwargs = {name: convert(data[name]) for name, convert in steps if name in data}
        return cls(**kwargs)

    _plans[cls] = build  # registered before the fields, for self-referencing classes
    steps.extend((f.name, _builder(hints[f.name])) for f in attrs.fields(cls))
    return build


def structure_trusted(data: dict[str, Any]) -> Document:
    """Build a [Document][muscle_nutrients.document.Document] from already-validated JSON data."""
    result: Document = _class_builder(Document)(data)
    return result
