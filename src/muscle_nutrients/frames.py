"""The knowledge base as pandas DataFrames and Parquet files (optional extra ``dataframe``).

``kb.to_frame(kind)`` gives any table of ``muscle_nutrients.tables`` -- a record kind
(``"nutrients"``, ``"foods"``, ``"relations"``, or the record class itself), one of its link or
child tables (``"foods_composition"``, ``"citations"``) -- as a DataFrame with typed, nullable
columns. Foods come wide (``kb.to_frame("foods", wide=True)``: a column per nutrient, amounts
per 100 g, missing where USDA reports none) or long (``"foods_composition"``).
``write_parquet(kb, folder)`` (``muscle-nutrients export --format parquet -o folder``) writes
one file per table, which DuckDB and Polars read directly.

pandas (and pyarrow, for Parquet) are imported only when these are called.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import tables as _tables

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = ["to_frame", "write_parquet"]

_DTYPES = {"TEXT": "string", "INTEGER": "Int64", "REAL": "Float64", "BOOLEAN": "boolean"}


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise ImportError("DataFrames need pandas: pip install 'muscle-nutrients[dataframe]'") from None


def _frame(pd: Any, table: _tables.Table) -> Any:
    frame = pd.DataFrame.from_records(list(table.rows), columns=list(table.column_names))
    return frame.astype({c.name: _DTYPES[c.type] for c in table.columns})


def to_frame(kb: KnowledgeBase, kind: str | type, *, wide: bool = False) -> Any:
    """A pandas DataFrame of one table (see the module docstring).

    Args:
        kind: A table name (``"symptoms"``, ``"foods_composition"``, ``"citations"``) or a record class.
        wide: For ``"foods"``: one column per nutrient (``magnesium_mg``), amounts per 100 g.

    Raises:
        KeyError: no table has that name; the message lists them.
        ImportError: pandas is not installed.
    """
    pd = _pandas()
    name = _table_name(kb, kind)
    if wide and name != "foods":
        raise ValueError("wide=True is for 'foods' (a column per nutrient)")
    made = {t.name: t for t in _tables.tables(kb, only={name, "foods_composition"} if wide else {name})}
    frame = _frame(pd, made[name])
    if wide:
        long = _frame(pd, made["foods_composition"])
        long["column"] = long["nutrient"] + "_" + long["per_100g_unit"].str.replace("µ", "u", regex=False).str.replace(" ", "_", regex=False)
        amounts = long.pivot(index="owner", columns="column", values="per_100g_value")
        order = [c for n in kb.nutrients for c in amounts.columns if c.startswith(f"{n.id}_")]
        frame = frame.merge(amounts[order], how="left", left_on="id", right_index=True)
    return frame


def _table_name(kb: KnowledgeBase, kind: str | type) -> str:
    names = [t.name for t in _tables.layout(kb)]
    if isinstance(kind, type):
        for k in kb._store.kinds:
            if k.record is kind:
                return k.field
        raise KeyError(f"{kind.__name__} is not a record kind of the knowledge base")
    if kind not in names:
        raise KeyError(f"no table {kind!r}; tables: {', '.join(names)}")
    return kind


def write_parquet(kb: KnowledgeBase, folder: str | os.PathLike[str]) -> list[Path]:
    """Write every table as ``<folder>/<table>.parquet``; returns the files written.

    Raises:
        ImportError: pandas or pyarrow is not installed.
        OSError: the folder cannot be written.
    """
    pd = _pandas()
    try:
        importlib.import_module("pyarrow")
    except ImportError:
        raise ImportError("Parquet needs pyarrow: pip install 'muscle-nutrients[dataframe]'") from None
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for table in _tables.tables(kb):
        path = target / f"{table.name}.parquet"
        _frame(pd, table).to_parquet(path, index=False)
        written.append(path)
    return written
