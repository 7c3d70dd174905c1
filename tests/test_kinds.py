"""Record kinds: declared once on the document, everything else derived from that declaration."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import muscle_nutrients as mn
from muscle_nutrients import _fields as f
from muscle_nutrients._kinds import Kinds, kind
from muscle_nutrients.document import KINDS


def test_the_packaged_kinds_in_load_order() -> None:
    assert [k.field for k in KINDS] == ["sources", "nutrients", "symptoms", "foods", "factors", "lab_tests", "advice",
                                        "red_flags", "intakes", "relations"]
    assert mn.loading.PACKAGED_FILES == tuple("foods/table.json" if k.field == "foods" else f"{k.field}.json" for k in KINDS)
    assert KINDS.of(mn.LabTest).label == "lab test" and KINDS.labelled("lab test").record is mn.LabTest
    assert KINDS.for_ref(mn.RefKind.DEFICIENCY) is KINDS.of(mn.Nutrient) and KINDS.for_ref(mn.RefKind.LAB_TEST) is KINDS.of(mn.LabTest)
    with pytest.raises(TypeError, match="not a record kind"):
        KINDS.of(int)


def test_names_and_identity_come_from_the_fields(kb: mn.KnowledgeBase) -> None:
    nutrients = KINDS.of(mn.Nutrient)
    assert nutrients.name_fields == ("id", "name", "aliases", "symbol")
    assert "Mg" in nutrients.names(kb.nutrient("magnesium")) and nutrients.display(kb.nutrient("Mg")) == "Magnesium"
    intakes = KINDS.of(mn.IntakeRecommendation)
    record = kb.intakes[0]
    assert intakes.key(record) == (record.nutrient, 0, 6, "any", False, False)
    assert intakes.describe(record) == "intake calcium (infants 0-6 mo)"
    assert KINDS.of(mn.Relation).display(kb.relations[0]) == kb.relations[0].id  # no name field: shown by id


# ---------------------------------------------------------------------------- a new kind in a few lines


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Supplement(f.Record):
    """A product, declared here to show what a new kind takes."""

    id: str = attrs.field(metadata=f.ID)
    name: str = attrs.field(metadata=f.NAME)
    nutrient: str = attrs.field(metadata=f.refers_to("nutrient"))
    sources: tuple[mn.Citation, ...] = attrs.field(metadata=mn.model.SOURCES)
    aliases: tuple[str, ...] = attrs.field(default=(), metadata=f.ALIASES)


@attrs.frozen(kw_only=True, repr=False)
class ShopDocument(mn.Document):
    supplements: tuple[Supplement, ...] = attrs.field(default=(), metadata=kind(Supplement, "supplement"))


def _shop_file(tmp_path: Path, **supplement: object) -> Path:
    record = {"id": "mag-citrate", "name": "Magnesium citrate tablets", "nutrient": "magnesium",
              "sources": ["usda-sr26"], "aliases": ["mag citrate"], **supplement}
    path = tmp_path / "shop.json"
    path.write_text(json.dumps({"supplements": [record]}), encoding="utf-8")
    return path


def test_a_new_kind_loads_validates_and_is_looked_up(tmp_path: Path) -> None:
    kb = mn.load(_shop_file(tmp_path), document=ShopDocument)
    found = kb.lookup(Supplement, "Mag Citrate")
    assert found.id == "mag-citrate" and kb.records(Supplement) == (found,)
    assert kb.nutrient("Mg").name == "Magnesium"  # the packaged kinds are all still there
    assert Kinds(ShopDocument).of(Supplement).file == "supplements.json"
    assert isinstance(kb.to_document(), ShopDocument)
    with pytest.raises(mn.UnknownNameError, match="unknown supplement 'zinc tablets'"):
        kb.lookup(Supplement, "zinc tablets")


def test_a_new_kind_is_validated_like_the_others(tmp_path: Path) -> None:
    with pytest.raises(mn.DataError) as info:
        mn.load(_shop_file(tmp_path, nutrient="magnesum", sources=["nope"], name=""), document=ShopDocument)
    text = str(info.value)
    assert "shop.json: $.supplements[0].name: must not be empty" in text
    with pytest.raises(mn.DataError) as info:
        mn.load(_shop_file(tmp_path, nutrient="magnesum", sources=["nope"]), document=ShopDocument)
    text = str(info.value)
    assert "shop.json: $.supplements[0].nutrient: unknown nutrient 'magnesum' (did you mean 'Magnesium'?)" in text
    assert "shop.json: $.supplements[0].sources[0]: unknown source 'nope'" in text
