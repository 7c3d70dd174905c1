"""The packed food table: rows made a file at a time, names, rankings and the word index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import muscle_nutrients as mn
from muscle_nutrients._foodtable import CHUNK_ROWS, PackedFoods, WordIndex
from muscle_nutrients._foodtext import stem, tokens

FOLDER = Path(mn.__file__).parent / "data" / "foods"


def _read(name: str) -> bytes:
    return (FOLDER.parent / name).read_bytes()


def test_a_fresh_table_reads_nothing_until_asked() -> None:
    reads: list[str] = []
    table = PackedFoods(lambda name: reads.append(name) or _read(name), mn.DATA_VERSION)
    assert reads == ["foods/table.json"] and len(table) == 8463
    food = table[CHUNK_ROWS + 1]
    assert reads[-1] == "foods/rows-001.json" and table.row(CHUNK_ROWS + 1) is food and table[-1] is table[len(table) - 1]
    assert table.find("09040") is not None and table.find("ndb09040") == table.find("09040") and table.find("nope") is None
    assert reads.count("foods/rows-001.json") == 1 and "foods/keys.json" in reads
    with pytest.raises(IndexError):
        table[len(table)]
    assert len(table[:3]) == 3 and isinstance(table[:3], tuple)
    assert table.by_id()["banana"].ndb_number == "09040" and table.by_id().get("banana-typo") is None


def test_the_rankings_match_the_amounts() -> None:
    table = mn.load().foods
    assert isinstance(table, PackedFoods)
    for per in ("100 g", "serving"):
        order = table.ranking("magnesium", per)
        amounts = []
        for row in order[:200]:
            food = table[row]
            value = food.per_100g("magnesium")
            assert value is not None
            amounts.append(value.value * (1 if per == "100 g" else food.default_serving.grams / 100))
        assert amounts == sorted(amounts, reverse=True)
    reporting = sum(1 for food in table if food.per_100g("vitamin-e") is not None)
    assert len(table.ranking("vitamin-e", "100 g")) == reporting < len(table)
    assert table.ranking("no-such-nutrient", "100 g") == ()


def test_damaged_or_stale_tables_are_refused() -> None:
    with pytest.raises(mn.DataError, match="data_version '1999' is not"):
        PackedFoods(lambda name: b'{"data_version": "1999"}', mn.DATA_VERSION)
    meta = json.loads(_read("foods/table.json"))
    meta["fields"] = ["id"]
    with pytest.raises(mn.DataError, match="row layout"):
        PackedFoods(lambda name: json.dumps(meta).encode(), mn.DATA_VERSION)
    broken = PackedFoods(lambda name: _read(name) if name == "foods/table.json" else b"{", mn.DATA_VERSION)
    with pytest.raises(mn.DataError, match="reinstall the package"):
        broken.row(0)


def test_every_name_finds_its_own_food() -> None:
    table = mn.load().foods
    assert isinstance(table, PackedFoods)
    keys = json.loads(_read("foods/keys.json"))["keys"]
    for key, row in list(keys.items())[::37]:
        food = table.row(row)
        assert key in {mn.names.normalize(n) for n in (food.id, food.name, food.usda_description, *food.aliases)}


def test_words() -> None:
    assert tokens("Nuts, almonds, dry roasted, with salt added") == ["nut", "almond", "dry", "roasted", "salt", "added"]
    assert [stem(w) for w in ("berries", "peaches", "tomatoes", "glass", "hummus", "oats")] == ["berry", "peach", "tomato", "glass", "hummus", "oat"]
    assert tokens("Café au lait — 2%") == ["cafe", "au", "lait", "2"]


NAMES = [("Apples, raw", []), ("Apple juice", []), ("Kiwifruit, green", ["kiwi"]), ("Pineapple, raw", []), ("Almonds, roasted", [])]


def test_a_word_index_of_records() -> None:
    foods = [mn.Food(id=f"f{i}", name=name, ndb_number=f"{i:05d}", usda_description=name, food_group=mn.FoodGroup.FRUITS,
                     servings=(mn.Serving(label="100 g", grams=100),), composition=(), sources=("s",), aliases=tuple(aliases))
             for i, (name, aliases) in enumerate(NAMES)]
    index = WordIndex.of(foods)
    assert [row for row, _ in index.search("apple", 5)][:2] == [0, 1]  # names that begin with the word first
    assert index.search("kiwi fruit", 2)[0][0] == 2 and index.search("almond roast", 1)[0][0] == 4
    assert index.search("aple", 3)[0][0] in (0, 1)  # a typo
    assert index.search("", 3) == [] and index.search("zzzz", 3) == []


@given(st.lists(st.sampled_from(["apple", "raw", "juice", "kiwi", "green", "roasted", "pine"]), min_size=1, max_size=4))
def test_every_hit_holds_a_word_of_the_query(words: list[str]) -> None:
    foods = [mn.Food(id=f"f{i}", name=name, ndb_number=f"{i:05d}", usda_description=name, food_group=mn.FoodGroup.FRUITS,
                     servings=(mn.Serving(label="100 g", grams=100),), composition=(), sources=("s",))
             for i, (name, _) in enumerate(NAMES)]
    index = WordIndex.of(foods)
    hits = index.search(" ".join(words), 10)
    assert len({row for row, _ in hits}) == len(hits)
    for row, score in hits:
        name_words = tokens(foods[row].name)
        assert 0 < score <= 1
        assert any(n.startswith(w[:3]) or w.startswith(n[:3]) for w in map(stem, words) for n in name_words)
