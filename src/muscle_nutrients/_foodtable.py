"""The packaged food table: every USDA SR food, stored compactly and read a piece at a time.

``scripts/build_foods.py`` writes the table as a folder of compact JSON files (``data/foods``):

* ``table.json`` -- the columns, the nutrients and units of the value column, the food groups,
  and two small columns for every row: NDB number and food group;
* ``rows-NNN.json`` -- the foods, 64 to a file, each a positional row (``FIELDS``); the
  common foods (chosen by hand) are the first rows;
* ``keys.json`` -- every id, name and alias, normalised, to its row;
* ``search.json`` -- the word index of food search (vocabulary, postings, name lengths);
* ``rank-NUTRIENT.json`` -- the rows reporting the nutrient, largest amount first, per 100 g and
  per default serving.

[PackedFoods][muscle_nutrients._foodtable.PackedFoods] is a read-only sequence of `Food` over
those files. A query reads only what it needs -- one file of rows for a lookup, the word index
for a search, one ranking for ``foods_rich_in`` -- and a row, once made into a `Food`, is kept,
so the same food is always the same object. Nothing is read until the first food query.
"""

from __future__ import annotations

import json
import re
import sys
from array import array
from bisect import bisect_left
from heapq import nsmallest
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, overload

from . import _lazy
from ._fields import field_names, maker
from .errors import DataError
from .evidence import EvidenceKind
from .model import Citation, Food, FoodGroup, NutrientContent, Serving
from .names import normalize
from .units import Amount, Unit
from ._foodtext import tokens

__all__ = ["CHUNK_ROWS", "FIELDS", "ExtendedFoods", "PackedFoods", "WordIndex", "decode_index", "encode_index", "index_words"]

#: Foods per rows file: a first lookup makes the foods of one file, so files stay small.
CHUNK_ROWS = 64
#: The positions of a row.
FIELDS = ("id", "name", "ndb", "description", "group", "common", "aliases", "servings", "values", "fdc_id")

Read = Callable[[str], bytes]

_NDB = re.compile(r"(?:ndb)?([0-9]{5})")
_new_food = maker(Food)
_new_serving = maker(Serving)
_new_content = maker(NutrientContent)
# _make passes a food's fields in this order
assert field_names(Food) == ("id", "name", "ndb_number", "usda_description", "food_group", "servings", "composition",
                             "sources", "aliases", "fdc_id", "common"), field_names(Food)
_GROUPS = tuple(FoodGroup)
# a query word no index word equals or begins: index words this similar to it are taken instead
_FUZZY_FLOOR = 0.75
_MAX_EXPANSIONS = 40


class PackedFoods(Sequence[Food]):
    """Every food of the packaged table, as a read-only sequence made a file of rows at a time."""

    #: The packaged rows are built by the script and checked by the test suite: not re-validated.
    trusted = True

    __slots__ = ("_read", "_origin", "_count", "_common", "_nutrients", "_units", "_citation", "_ndb", "_group",
                 "_foods", "_keys", "_ndb_rows", "_search", "_rankings", "_contents", "_servings", "_common_ids")

    def __init__(self, read: Read, data_version: str, origin: str = "muscle_nutrients/data/foods") -> None:
        self._read = read
        self._origin = origin
        meta = self._json("table.json")
        if meta.get("data_version") != data_version:
            raise DataError([f"{origin}/table.json: data_version {meta.get('data_version')!r} is not {data_version!r}; reinstall the package"])
        if tuple(meta["fields"]) != FIELDS:
            raise DataError([f"{origin}/table.json: the row layout {meta['fields']} is not this version's {list(FIELDS)}; reinstall the package"])
        self._count: int = meta["count"]
        self._common: int = meta["common"]
        self._nutrients: tuple[str, ...] = tuple(meta["nutrients"])
        self._units = tuple(Unit(u) for u in meta["units"])
        c = meta["citation"]
        self._citation = (Citation(source=c["source"], where=c["where"], kind=EvidenceKind(c["kind"])),)
        self._ndb: list[str] = meta["ndb"]
        self._group: list[int] = meta["group"]
        self._common_ids: dict[str, int] = meta["common_ids"]  # the common foods by id, without reading the keys
        self._foods: list[Food | None] = [None] * self._count
        self._keys: dict[str, int] | None = None
        self._ndb_rows: dict[str, int] | None = None
        self._search: WordIndex | None = None
        self._rankings: dict[str, dict[str, list[int]]] = {}
        # Records are immutable, so foods share equal parts: one NutrientContent per (nutrient,
        # amount) and one Serving per (label, grams) keep every food made within the memory budget.
        self._contents: dict[tuple[int, float], NutrientContent] = {}
        self._servings: dict[tuple[str, float], Serving] = {}

    # ------------------------------------------------------------------ the sequence

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Food: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Food, ...]: ...
    def __getitem__(self, index: int | slice) -> Food | tuple[Food, ...]:
        if isinstance(index, slice):
            return tuple(self.row(i) for i in range(*index.indices(self._count)))
        if not -self._count <= index < self._count:
            raise IndexError("food row out of range")
        return self.row(index % self._count)

    def __iter__(self) -> Iterator[Food]:
        for i in range(self._count):
            yield self.row(i)

    def __repr__(self) -> str:
        return f"<PackedFoods: {self._count} foods, {self._common} common>"

    @property
    def common(self) -> tuple[Food, ...]:
        """The foods chosen by hand, in their order (the table's first rows)."""
        return self[: self._common]

    def row(self, index: int) -> Food:
        """The food in row ``index``, made on first use."""
        food = self._foods[index]
        if food is None:
            self._decode(index // CHUNK_ROWS)
            food = self._foods[index]
            assert food is not None
        return food

    def group(self, index: int) -> FoodGroup:
        """The food group of row ``index`` (without making the food)."""
        return _GROUPS[self._group[index]]

    # ------------------------------------------------------------------ names

    def find(self, key: str) -> int | None:
        """The row a normalised name, or an NDB number (``"09040"``, ``"ndb-09040"``), finds."""
        keys = self._keys
        if keys is None:
            keys = self._load_keys()
        found = keys.get(key)  # names first: the common case
        if found is not None:
            return found
        match = _NDB.fullmatch(key)
        if match is None:
            return None
        if self._ndb_rows is None:
            self._ndb_rows = {ndb: i for i, ndb in enumerate(self._ndb)}
        return self._ndb_rows.get(match.group(1))

    def by_key(self) -> Mapping[str, Food]:
        """Normalised name -> food, made on demand (for name lookups)."""
        return _ByKey(self)

    def by_id(self) -> Mapping[str, Food]:
        """Id -> food, made on demand."""
        return _ById(self)

    def keys_items(self) -> Iterator[tuple[str, Food]]:
        """Every (normalised name, food) pair; makes every food (export and validation only)."""
        keys = self._keys if self._keys is not None else self._load_keys()
        for key, index in keys.items():
            yield key, self.row(index)

    # ------------------------------------------------------------------ rankings

    def ranking(self, nutrient: str, per: str) -> Sequence[int]:
        """Rows reporting ``nutrient``, largest amount first (per ``"100 g"`` or ``"serving"``)."""
        found = self._rankings.get(nutrient)
        if found is None:
            if nutrient not in self._nutrients:
                return ()
            with _lazy.lock():
                found = self._rankings.get(nutrient)
                if found is None:
                    found = self._rankings[nutrient] = self._json(f"rank-{nutrient}.json")
        return found[per]

    # ------------------------------------------------------------------ search

    def words(self) -> WordIndex:
        """The word index of the foods' names (read on first use)."""
        found = self._search
        if found is None:
            with _lazy.lock():
                found = self._search
                if found is None:
                    data = decode_index(self._json("search.json"))
                    common = [True] * self._common + [False] * (self._count - self._common)
                    found = self._search = WordIndex(data["vocabulary"], data["postings"], data["lengths"], data["heads"], common)
        return found

    def suggest(self, text: str, limit: int) -> tuple[str, ...]:
        """Names of the foods closest to ``text`` (for "did you mean")."""
        return tuple(self.row(row).name for row, _ in self.words().search(text[:200], limit))

    # ------------------------------------------------------------------ reading

    def _json(self, name: str) -> Any:
        try:
            return json.loads(self._read(f"foods/{name}"))
        except (OSError, ValueError) as exc:  # only if the package itself is damaged
            raise DataError([f"{self._origin}/{name}: cannot be read as packaged data ({exc}); reinstall the package"]) from None

    def _decode(self, chunk: int) -> None:
        with _lazy.lock():
            start = chunk * CHUNK_ROWS
            if self._foods[start] is not None:
                return
            rows = self._json(f"rows-{chunk:03d}.json")["rows"]
            made = [self._make(row) for row in rows]
            self._foods[start:start + len(made)] = made

    def _make(self, row: list[Any]) -> Food:
        food_id, name, ndb, description, group, common, aliases, servings, values, fdc_id = row
        contents, kept = self._contents, self._servings
        composition = []
        for column, value in enumerate(values):
            if value is not None:
                content = contents.get((column, value))
                if content is None:
                    content = contents[column, value] = _new_content(self._nutrients[column], Amount._trusted(value, self._units[column]))
                composition.append(content)
        portions = []
        for label, grams in servings:
            serving = kept.get((label, grams))
            if serving is None:
                serving = kept[label, grams] = _new_serving(sys.intern(label), grams)
            portions.append(serving)
        return _new_food(food_id, name, ndb, description or name, _GROUPS[group], tuple(portions), tuple(composition),
                         self._citation, tuple(aliases), fdc_id, bool(common))

    def _load_keys(self) -> dict[str, int]:
        with _lazy.lock():
            if self._keys is None:
                self._keys = self._json("keys.json")["keys"]
            return self._keys


class WordIndex:
    """Food search over an inverted index of the words in the foods' names.

    Each query word finds the index words it equals or begins (``"almond"`` finds
    ``"almond"``; ``"chick"`` finds ``"chicken"`` and ``"chickpea"``); two query words written
    apart may be one index word (``"kiwi fruit"``); a word found nowhere is matched by shared
    letter triples (``"bananna"``), as are rare spellings (``"yoghurt"``). A food is scored by
    the share of the query it matches, by how much of its own name the query covers and by
    whether its name begins with a query word (USDA names lead with the food: "Apples, raw").
    Foods matching every query word come first, the common foods first among them, then by
    score and shorter names.
    """

    __slots__ = ("_vocabulary", "_postings", "_lengths", "_heads", "_common", "_trigrams")

    def __init__(self, vocabulary: list[str], postings: Sequence[Sequence[int]], lengths: Sequence[int], heads: Sequence[int],
                 common: Sequence[bool]) -> None:
        self._vocabulary = vocabulary
        self._postings = postings
        self._lengths = lengths  # words in each food's name
        self._heads = heads  # each name's first word (its position in the vocabulary): USDA names lead with the food
        self._common = common
        self._trigrams: dict[str, list[int]] | None = None

    @classmethod
    def of(cls, foods: Sequence[Food]) -> WordIndex:
        """The index of foods held in memory (a knowledge base built from records)."""
        data = index_words([(food.name, [*food.aliases, food.usda_description]) for food in foods])
        marked = [food.common for food in foods]
        return cls(data["vocabulary"], data["postings"], data["lengths"], data["heads"], marked if any(marked) else [True] * len(marked))

    def search(self, text: str, limit: int) -> list[tuple[int, float]]:
        """(row, score) of the foods best matching ``text``, best first; scores in (0, 1]."""
        return [(row, score) for _, row, score in self.ranked(text, limit)]

    def ranked(self, text: str, limit: int) -> list[tuple[tuple[bool, bool, float, int], int, float]]:
        """(sort key, row, score) of the best matches, best first: the key orders matches of
        two indexes together (all words matched, a common food, score, name length)."""
        words = tokens(text)[:12]
        if not words:
            return []
        matched: dict[int, float] = {}  # row -> summed weight of the query words it matches
        covered: dict[int, int] = {}  # row -> how many query words it matches
        head: dict[int, float] = {}  # row -> weight of the query word its name begins with
        i = 0
        while i < len(words):
            used, found = 1, []
            if i + 1 < len(words):  # two words written apart that the index holds as one ("kiwi fruit")
                found = self._expand(words[i] + words[i + 1], prefix=False)
                used = 2 if found else 1
            if not found:
                found = self._expand(words[i])
            if sum(len(self._postings[p]) for p, _ in found) < 5:  # nothing, or only a rare spelling: add close ones
                found = found + [f for f in self._fuzzy(words[i]) if f[0] not in {p for p, _ in found}]
            rows: dict[int, float] = {}
            heads = self._heads
            for position, weight in found:
                for row in self._postings[position]:
                    if rows.get(row, 0.0) < weight:
                        rows[row] = weight
                    if heads[row] == position and head.get(row, 0.0) < weight:
                        head[row] = weight
            for row, weight in rows.items():
                matched[row] = matched.get(row, 0.0) + weight * used
                covered[row] = covered.get(row, 0) + used
            i += used
        total = len(words)
        lengths, common = self._lengths, self._common
        scores = {row: round((weight / total) * (0.55 + 0.25 * min(1.0, covered[row] / lengths[row]) + 0.2 * head.get(row, 0.0)), 4)
                  for row, weight in matched.items()}
        # foods matching every query word first; among them the common foods, then the best scores

        def key(row: int) -> tuple[bool, bool, float, int]:
            return (covered[row] < total, not common[row], -scores[row], lengths[row])

        ranked = nsmallest(limit, scores, key=lambda row: (key(row), row))
        return [(key(row), row, scores[row]) for row in ranked]

    def _expand(self, word: str, prefix: bool = True) -> list[tuple[int, float]]:
        """Index words equal to ``word`` (weight 1) and, for words of 3 letters or more, beginning with it (0.75)."""
        vocabulary = self._vocabulary
        start = bisect_left(vocabulary, word)
        out: list[tuple[int, float]] = []
        if start < len(vocabulary) and vocabulary[start] == word:
            out.append((start, 1.0))
            start += 1
        if prefix and len(word) >= 3:
            end = start
            while end < len(vocabulary) and vocabulary[end].startswith(word) and len(out) < _MAX_EXPANSIONS:
                out.append((end, 0.75))
                end += 1
        return out

    def _fuzzy(self, word: str) -> list[tuple[int, float]]:
        """Index words spelled like ``word``: candidates by shared letter triples, kept when their
        similarity (difflib's ratio) is 0.75 or more; weighted 0.8 times the similarity."""
        if len(word) < 3:
            return []
        grams = _trigrams(word)
        index = self._trigrams if self._trigrams is not None else self._index_trigrams()
        shared: dict[int, int] = {}
        for gram in grams:
            for position in index.get(gram, ()):
                shared[position] = shared.get(position, 0) + 1
        candidates = sorted(shared, key=lambda p: (-shared[p] / (len(grams) + len(self._vocabulary[p]) + 2 - shared[p]), p))[:10]
        from difflib import SequenceMatcher  # only a misspelt search needs it

        matcher = SequenceMatcher(None, "", word)
        best = []
        for position in candidates:
            matcher.set_seq1(self._vocabulary[position])
            similarity = matcher.ratio()
            if similarity >= _FUZZY_FLOOR:
                best.append((similarity, position))
        best.sort(key=lambda item: (-item[0], item[1]))
        return [(position, round(0.8 * similarity, 4)) for similarity, position in best[:3]]

    def _index_trigrams(self) -> dict[str, list[int]]:
        with _lazy.lock():
            if self._trigrams is None:
                index: dict[str, list[int]] = {}
                for position, word in enumerate(self._vocabulary):
                    for gram in _trigrams(word):
                        index.setdefault(gram, []).append(position)
                self._trigrams = index
            return self._trigrams


def index_words(names: Sequence[tuple[str, Sequence[str]]]) -> dict[str, Any]:
    """The word index of foods given as (name, other names): vocabulary, postings (rows holding
    each word in any of their names), each name's length in words and its first word."""
    postings: dict[str, list[int]] = {}
    lengths, firsts = [], []
    for row, (name, others) in enumerate(names):
        for token in dict.fromkeys(t for text in (name, *others) for t in tokens(text)):
            postings.setdefault(token, []).append(row)
        own = tokens(name)
        lengths.append(len(dict.fromkeys(own)) or 1)
        firsts.append(own[0] if own else None)
    vocabulary = sorted(postings)
    position = {token: i for i, token in enumerate(vocabulary)}
    return {"vocabulary": vocabulary, "postings": [postings[t] for t in vocabulary], "lengths": lengths,
            "heads": [-1 if first is None else position[first] for first in firsts]}


# The word index on disk: postings as comma-separated base-36 gaps (a string parses far faster
# than a list of numbers, and only the words a query uses are decoded), name lengths as one
# byte per food and first words as four, both hexadecimal.
_NO_HEAD = 0xFFFFFFFF


def encode_index(data: dict[str, Any]) -> dict[str, Any]:
    """The file form of an ``index_words`` result."""
    def gaps(rows: list[int]) -> str:
        previous, out = 0, []
        for row in rows:
            out.append(_base36(row - previous))
            previous = row
        return ",".join(out)

    heads = array("I", [_NO_HEAD if h < 0 else h for h in data["heads"]])
    if sys.byteorder == "big":
        heads.byteswap()
    return {"vocabulary": data["vocabulary"], "postings": [gaps(p) for p in data["postings"]],
            "lengths": bytes(min(n, 255) for n in data["lengths"]).hex(), "heads": heads.tobytes().hex()}


def decode_index(data: dict[str, Any]) -> dict[str, Any]:
    """The in-memory form of a word index file: postings decoded when first used."""
    heads = array("I")
    heads.frombytes(bytes.fromhex(data["heads"]))
    if sys.byteorder == "big":
        heads.byteswap()
    return {"vocabulary": data["vocabulary"], "postings": _Postings(data["postings"]), "lengths": bytes.fromhex(data["lengths"]),
            "heads": _Heads(heads)}


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


class _Postings(Sequence[Sequence[int]]):
    """A word's rows, decoded from its gaps the first time a query uses the word."""

    __slots__ = ("_encoded", "_decoded")

    def __init__(self, encoded: list[str]) -> None:
        self._encoded = encoded
        self._decoded: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self._encoded)

    def __getitem__(self, position: int) -> list[int]:  # type: ignore[override]
        found = self._decoded.get(position)
        if found is None:
            row, found = 0, []
            for gap in self._encoded[position].split(","):
                row += int(gap, 36)
                found.append(row)
            self._decoded[position] = found
        return found


class _Heads(Sequence[int]):
    """Each food's first word's position, -1 for none (stored as an unsigned maximum)."""

    __slots__ = ("_heads",)

    def __init__(self, heads: array[int]) -> None:
        self._heads = heads

    def __len__(self) -> int:
        return len(self._heads)

    def __getitem__(self, row: int) -> int:  # type: ignore[override]
        head = self._heads[row]
        return -1 if head == _NO_HEAD else head


def _trigrams(word: str) -> set[str]:
    padded = f" {word} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class ExtendedFoods(Sequence[Food]):
    """The packaged foods with a user's own: foods replacing packaged ones keep their rows, new
    ones follow. Only the user's foods are made eagerly and validated; names are looked up in
    the user's foods first, then in the packed keys."""

    __slots__ = ("base", "replaced", "appended", "_names", "_ids", "_words")

    def __init__(self, base: PackedFoods, replaced: Mapping[int, Food], appended: Sequence[Food]) -> None:
        self.base = base
        self.replaced = dict(replaced)
        self.appended = tuple(appended)
        names: dict[str, Food] = {}
        for food in self.own_foods():
            for name in _names(food):
                names.setdefault(normalize(name), food)
        self._names = names
        self._ids = {food.id: food for food in self.own_foods()}
        self._words: WordIndex | None = None

    def __len__(self) -> int:
        return len(self.base) + len(self.appended)

    @overload
    def __getitem__(self, index: int) -> Food: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Food, ...]: ...
    def __getitem__(self, index: int | slice) -> Food | tuple[Food, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if not -len(self) <= index < len(self):
            raise IndexError("food row out of range")
        index %= len(self)
        if index >= len(self.base):
            return self.appended[index - len(self.base)]
        return self.replaced.get(index) or self.base.row(index)

    def __iter__(self) -> Iterator[Food]:
        for i in range(len(self)):
            yield self[i]

    def own(self) -> list[tuple[int, Food]]:
        """(row, food) of the user's foods: the ones to validate."""
        return [*sorted(self.replaced.items()), *((len(self.base) + i, f) for i, f in enumerate(self.appended))]

    def own_foods(self) -> list[Food]:
        """The user's foods."""
        return [food for _, food in self.own()]

    @property
    def common(self) -> tuple[Food, ...]:
        """The common foods: the packaged ones (as replaced) and the user's marked common."""
        return (*(self.replaced.get(i) or f for i, f in enumerate(self.base.common)), *(f for f in self.appended if f.common))

    def by_key(self) -> Mapping[str, Food]:
        """Normalised name -> food: the user's names first, then the packaged ones."""
        return _Layered(self)

    def by_id(self) -> Mapping[str, Food]:
        """Id -> food: the user's first, then the packaged ones not replaced."""
        return _LayeredIds(self)

    def suggest(self, text: str, limit: int) -> tuple[str, ...]:
        """Names of the foods closest to ``text``."""
        import difflib

        key = normalize(text)[:100]
        mine = [self._names[k].name for k in difflib.get_close_matches(key, list(self._names), n=limit)]
        return tuple(dict.fromkeys([*mine, *self.base.suggest(text, limit)]))[:limit]

    def collisions(self) -> list[tuple[str, Food, Food]]:
        """(name, packaged food, user's food) for each name of a user's food a packaged food holds."""
        out = []
        for food in self.own_foods():
            for name in _names(food):
                row = self.base.find(normalize(name))
                if row is not None and row not in self.replaced and self.base.row(row).id != food.id:
                    out.append((name, self.base.row(row), food))
        return out

    def own_words(self) -> WordIndex:
        """The word index of the user's foods."""
        if self._words is None:
            with _lazy.lock():
                if self._words is None:
                    self._words = WordIndex.of(self.own_foods())
        return self._words


def _names(food: Food) -> list[str]:
    return [food.id, food.name, food.ndb_number, food.usda_description, *food.aliases]


class _LayeredView(Mapping[str, Food]):
    """A read-only mapping over the user's foods laid over the packed table; ``get`` says how."""

    __slots__ = ("_table",)

    def __init__(self, table: ExtendedFoods) -> None:
        self._table = table

    def __getitem__(self, key: str) -> Food:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found


class _Layered(_LayeredView):
    """Normalised name -> food."""

    __slots__ = ()

    def get(self, key: str, default: Any = None) -> Any:
        table = self._table
        mine = table._names.get(key)
        if mine is not None:
            return mine
        row = table.base.find(key) if isinstance(key, str) else None
        return default if row is None or row in table.replaced else table.base.row(row)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self._table._names, *(k for k, _ in self._table.base.keys_items())]))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _LayeredIds(_LayeredView):
    """Food id -> food."""

    __slots__ = ()

    def get(self, food_id: str, default: Any = None) -> Any:
        table = self._table
        mine = table._ids.get(food_id) if isinstance(food_id, str) else None
        if mine is not None:
            return mine
        found = table.base.by_id().get(food_id)
        if found is None or table.base.find(normalize(food_id)) in table.replaced:
            return default
        return found

    def __iter__(self) -> Iterator[str]:
        return (food.id for food in self._table)

    def __len__(self) -> int:
        return len(self._table)


class _ByKey(Mapping[str, Food]):
    """Normalised name -> food, over the packed keys."""

    __slots__ = ("_table",)

    def __init__(self, table: PackedFoods) -> None:
        self._table = table

    def __getitem__(self, key: str) -> Food:
        row = self._table.find(key)
        if row is None:
            raise KeyError(key)
        return self._table.row(row)

    def get(self, key: str, default: Any = None) -> Any:
        row = self._table.find(key) if isinstance(key, str) else None
        return default if row is None else self._table.row(row)

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self._table.keys_items())

    def __len__(self) -> int:
        keys = self._table._keys if self._table._keys is not None else self._table._load_keys()
        return len(keys)


class _ById(Mapping[str, Food]):
    """Id -> food, over the packed keys (an id is one of a food's names)."""

    __slots__ = ("_table",)

    def __init__(self, table: PackedFoods) -> None:
        self._table = table

    def __getitem__(self, food_id: str) -> Food:
        found = self.get(food_id)
        if found is None:
            raise KeyError(food_id)
        return found  # type: ignore[no-any-return]

    def get(self, food_id: str, default: Any = None) -> Any:
        if not isinstance(food_id, str):
            return default
        row = self._table._common_ids.get(food_id)
        if row is None:
            row = self._table.find(normalize(food_id))
        if row is None:
            return default
        food = self._table.row(row)
        return food if food.id == food_id else default

    def __iter__(self) -> Iterator[str]:
        return (food.id for food in self._table)

    def __len__(self) -> int:
        return len(self._table)
