"""Records and query results as JSON-ready data: one implementation for ``to_dict`` and the CLI.

Records give every field. Query results give theirs, with the knowledge-base records they
mention summarised by the fields each record class names in ``_summary`` (a nutrient as
its id, name, kind, unit and deficiency, say), plus the computed properties they name in
``_extra`` (a link's ``evidence``, a candidate's ``explanation``). Enumerations become their
values, references their text, and floats are rounded to ten significant digits so that
arithmetic noise (``80.74999999999999``) does not reach the output.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from ._fields import Record, Result, _Base, public_names
from .units import Amount

__all__ = ["to_data"]


def to_data(value: object, *, summarise: bool = False) -> Any:
    """``value`` as str, int, float, bool, None, lists and dicts."""
    if value is None or isinstance(value, bool) or isinstance(value, int) and not isinstance(value, Enum):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):
        return str(value)  # a Ref or another str subclass becomes a plain string
    if isinstance(value, float):
        return float(f"{value:.10g}")
    if isinstance(value, Amount):
        return value.to_dict()
    if isinstance(value, _Base):
        return _record(value, summarise)
    if isinstance(value, (tuple, list)):
        return [to_data(item, summarise=summarise) for item in value]
    if isinstance(value, dict):
        return {str(k): to_data(v, summarise=summarise) for k, v in value.items()}
    raise TypeError(f"cannot turn {type(value).__name__} into JSON data")


def _record(record: _Base, summarise: bool) -> dict[str, Any]:
    cls = type(record)
    if summarise and isinstance(record, Record) and cls._summary:
        return {name: to_data(getattr(record, name)) for name in cls._summary}
    inner = isinstance(record, Result)  # records a result mentions are summarised
    data = {name: to_data(getattr(record, name), summarise=inner) for name in public_names(cls)}
    for name in cls._extra:
        data[name] = to_data(getattr(record, name), summarise=inner)
    return data
