"""DataFrames and Parquet (extra ``dataframe``): typed columns, foods wide and long, the same
answers as the Python API, one Parquet file per table that reads back."""

from __future__ import annotations

from pathlib import Path

import pytest

import muscle_nutrients as mn
from muscle_nutrients import tables
from muscle_nutrients.frames import write_parquet

pd = pytest.importorskip("pandas")


def test_any_kind_by_name_or_class(kb: mn.KnowledgeBase) -> None:
    symptoms = kb.to_frame("symptoms")
    assert list(symptoms["id"]) == [s.id for s in kb.symptoms]
    assert str(symptoms["hpo_id"].dtype) == "string"
    relations = kb.to_frame(mn.Relation)
    assert len(relations) == len(kb.relations) and str(relations["subject_kind"].dtype) == "string"
    red_flags = kb.to_frame("red_flags")
    assert str(red_flags["urgent"].dtype) == "boolean" and list(red_flags["urgent"]) == [f.urgent for f in kb.red_flags()]
    intakes = kb.to_frame("intakes")
    assert str(intakes["amount_value"].dtype) == "Float64" and intakes["upper_limit_amount_value"].isna().any()


def test_foods_wide_and_long(kb: mn.KnowledgeBase) -> None:
    wide = kb.to_frame("foods", wide=True).set_index("id")
    banana = kb.food("banana")
    for n in kb.nutrients:
        column = f"{n.id}_{n.unit.value.replace('µ', 'u').replace(' ', '_')}"
        value = banana.per_100g(n.id)
        cell = wide.loc[banana.id, column]
        assert (pd.isna(cell) and value is None) or cell == value.value, column  # not reported stays missing, never zero
    long = kb.to_frame("foods_composition")
    magnesium = long[long["nutrient"] == "magnesium"].nlargest(5, "per_100g_value")
    api = kb.foods_rich_in("magnesium", per="100g", among="all", limit=5)
    assert list(magnesium["per_100g_value"]) == [r.amount.value for r in api]


def test_unknown_tables_and_wide_elsewhere(kb: mn.KnowledgeBase) -> None:
    with pytest.raises(KeyError, match="no table 'nutrient'; tables: sources, nutrients"):
        kb.to_frame("nutrient")
    with pytest.raises(KeyError, match="not a record kind"):
        kb.to_frame(mn.Amount)
    with pytest.raises(ValueError, match="wide=True is for 'foods'"):
        kb.to_frame("symptoms", wide=True)


def test_parquet_one_file_per_table(tiny: mn.KnowledgeBase, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    written = write_parquet(tiny, tmp_path / "pq")
    assert sorted(p.stem for p in written) == sorted(t.name for t in tables.layout(tiny))
    back = pd.read_parquet(tmp_path / "pq" / "foods_composition.parquet")
    assert list(back["owner"]) == [f.id for f in tiny.foods for _ in f.composition]
    assert list(pd.read_parquet(tmp_path / "pq" / "nutrients.parquet")["id"]) == ["x", "y"]
