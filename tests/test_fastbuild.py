"""The fast trusted builder makes exactly what the strict converter and full validation make."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import muscle_nutrients as mn
from muscle_nutrients._fastbuild import builder
from muscle_nutrients.document import KINDS
from muscle_nutrients.serialization import structure_document

DATA = Path(mn.__file__).parent / "data"


def _packaged(kind: Any) -> dict[str, Any]:
    """A kind's packaged data in the file format: the JSON file, or for the foods (a packed
    table, read row by row) every food written out as a record."""
    if kind.record is mn.Food:
        return {"foods": [food.to_dict() for food in mn.load().foods]}
    data: dict[str, Any] = json.loads((DATA / kind.file).read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("kind", list(KINDS), ids=lambda k: k.field)
def test_fast_builder_equals_the_strict_converter(kind: Any) -> None:
    raw = _packaged(kind)
    strict = structure_document(raw, origin=kind.file)
    if kind.record is mn.Food:  # the packed rows, made into foods, against the strict converter
        assert tuple(mn.load().foods) == strict.records(kind)
        return
    fast = tuple(builder(kind.record)(item) for item in raw[kind.field])
    assert fast == strict.records(kind)


def test_the_packaged_data_passes_full_validation_and_equals_the_lazy_build(kb: mn.KnowledgeBase) -> None:
    documents = [structure_document(_packaged(k), origin=k.file) for k in KINDS]
    eager = mn.KnowledgeBase(mn.loading.merge_documents(documents))  # raises DataError on any cross-record problem
    assert eager.to_document() == kb.to_document()
    assert eager.data_version == kb.data_version == mn.DATA_VERSION


def test_damaged_package_data_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from muscle_nutrients import loading

    monkeypatch.setattr(loading, "_packaged_bytes", lambda name: b'{"data_version": "1999", "nutrients": []}')
    with pytest.raises(mn.DataError, match="data_version '1999' is not"):
        loading._read_packaged_kind(KINDS.of(mn.Nutrient))
    monkeypatch.setattr(loading, "_packaged_bytes", lambda name: b'{"nutrients": [{"id": 1}]')
    with pytest.raises(mn.DataError, match="reinstall the package"):
        loading._read_packaged_kind(KINDS.of(mn.Nutrient))
