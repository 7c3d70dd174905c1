"""Foods and the nutrients in them.

Queries (through [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase]):
``search_foods``, ``foods_rich_in``, ``nutrients_in``, ``daily_value``, and the per-food
amounts ``assess_diet`` adds up.

Every amount comes from one formula, [amount_of][muscle_nutrients.foods.amount_of]: the
per-100 g value in the nutrient's unit, times grams / 100. A nutrient the food table does not
report for a food is *not reported* -- a row with no amount, never zero -- and a food that
does not report a nutrient is never ranked for it.

Indexes, built on first use: the common foods ranked by each nutrient (per default serving
and per 100 g); for all foods, the rankings the packaged table carries (or, for a knowledge
base built from records, made once per nutrient); the word index of food search.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from . import _args, _lazy
from ._fields import maker
from ._foodtable import ExtendedFoods, PackedFoods, WordIndex
from ._lazy import Sealed
from ._store import Store
from .model import Food, FoodGroup, Nutrient, Serving
from .portions import Portion
from .portions import portion as read_portion
from .results import FoodContribution, FoodMatch, FoodNutrientRow
from .units import Amount, Unit

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = [
    "PER_CHOICES",
    "Among",
    "FoodIndex",
    "Per",
    "amount_of",
    "daily_value",
    "foods_rich_in",
    "nutrients_in",
    "parse_among",
    "parse_per",
    "portions",
    "search_foods",
]

#: What a food amount is given per: the food's default serving, or 100 g.
Per = Literal["serving", "100 g"]

#: Which foods a ranking looks at: the common ones (chosen by hand), all, or one food group.
Among = Literal["common", "all"] | FoodGroup

#: Accepted spellings of ``per`` (case and spaces do not matter), for Python and the CLI alike.
PER_CHOICES: Mapping[str, Per] = MappingProxyType(
    {"serving": "serving", "perserving": "serving", "100g": "100 g", "per100g": "100 g"}
)

_AMONG: Mapping[str, Among] = MappingProxyType(
    {"common": "common", "all": "all", **{_args.spelling_key(g.value): g for g in FoodGroup}}
)

_new_row = maker(FoodNutrientRow)
_new_contribution = maker(FoodContribution)
_new_match = maker(FoodMatch)


def parse_per(value: object) -> Per:
    """``"serving"`` or ``"100 g"`` from any accepted spelling (``"100g"``, ``"per 100 g"`` ...)."""
    return _args.choice(value, "per", PER_CHOICES)


def parse_among(value: object) -> Among:
    """``"common"``, ``"all"``, or a `FoodGroup` (its name, or the start of it: ``"vegetables"``)."""
    if isinstance(value, FoodGroup):
        return value
    if isinstance(value, str) and len(value) <= _args.MAX_TEXT_CHARS:
        key = _args.spelling_key(value)
        found = _AMONG.get(key)
        if found is not None:
            return found
        starts = [g for g in FoodGroup if _args.spelling_key(g.value).startswith(key)] if len(key) >= 3 else []
        if len(starts) == 1:
            return starts[0]
    return _args.choice(value, "among ('common', 'all' or a food group)", _AMONG)


def amount_of(per_100g: Amount, unit: Unit, grams: float | None) -> Amount:
    """The amount in ``grams`` of food (or in 100 g when None), in ``unit``."""
    value = per_100g.to(unit).value
    return Amount._trusted(value if grams is None else value * grams / 100, unit)


def _daily_value_in_unit(nutrient: Nutrient) -> float | None:
    """The Daily Value in the nutrient's own unit (copper's 0.9 mg as 900 µg), or None."""
    dv = nutrient.daily_value
    if dv is None or dv.value <= 0:
        return None
    return dv.value if dv.unit is nutrient.unit else dv.to(nutrient.unit).value


def row(food: Food, nutrient: Nutrient, per_100g: Amount | None, serving: Serving | None,
        dv: float | None | Literal[False] = False) -> FoodNutrientRow:
    """One food's amount of one nutrient, per serving (or per 100 g when ``serving`` is None);
    no amount and no %DV when the food table does not report the nutrient. ``dv`` is the Daily
    Value in the nutrient's unit when the caller has it at hand."""
    if per_100g is None:
        return _new_row(food, nutrient, serving, None, None)
    unit = nutrient.unit
    value = per_100g.value if per_100g.unit is unit else per_100g.to(unit).value
    if serving is not None:
        value = value * serving.grams / 100
    daily = _daily_value_in_unit(nutrient) if dv is False else dv
    return _new_row(food, nutrient, serving, Amount._trusted(value, unit), None if daily is None else 100 * value / daily)


class FoodIndex(Sealed):
    """Rankings of foods by nutrient, each food's nutrients, and food search."""

    __slots__ = ("_foods", "_nutrients", "_order", "_dv", "_common", "_ranked", "_words", "_rows", "_recent")

    def __init__(self, store: Store) -> None:
        self._foods: Sequence[Food] = store.table(Food)
        self._nutrients = store.by_id(Nutrient)
        self._order: tuple[Nutrient, ...] = store.records(Nutrient)
        self._dv = {n.id: _daily_value_in_unit(n) for n in self._order}
        self._common: dict[tuple[str, Per], tuple[Food, ...]] = {}
        self._ranked: dict[tuple[str, Per], Sequence[int]] = {}
        self._words: WordIndex | None = None
        # answers kept for repeat calls: rankings by (nutrient, basis, pool), and the rows of the
        # foods asked about most recently (bounded, so touching every food keeps memory flat)
        self._rows: dict[tuple[str, Per, Among], tuple[tuple[FoodNutrientRow, ...], bool]] = {}
        self._recent: OrderedDict[tuple[int, Per], tuple[FoodNutrientRow, ...]] = OrderedDict()

    # ------------------------------------------------------------------ rankings

    def rich_in(self, nutrient_id: str, per: Per, limit: int, among: Among) -> tuple[FoodNutrientRow, ...]:
        """The foods with most of the nutrient, largest first, among the chosen foods."""
        key = (nutrient_id, per, among)
        cached = self._rows.get(key)
        if cached is not None and (len(cached[0]) >= limit or cached[1]):
            return cached[0][:limit]
        n = self._nutrients[nutrient_id]
        if among == "common":
            chosen: Sequence[Food] = self._ranked_common(n, per)
        else:
            chosen = self._ranked_all(n, per, max(limit, 10), among)
        dv = self._dv[n.id]
        rows = tuple([row(f, n, _content(f, n.id), f.default_serving if per == "serving" else None, dv) for f in chosen])
        with _lazy.lock():  # kept with whether every food of the pool is in it
            self._rows[key] = (rows, among == "common" or len(rows) < max(limit, 10))
        return rows[:limit]

    def _ranked_common(self, n: Nutrient, per: Per) -> tuple[Food, ...]:
        found = self._common.get((n.id, per))
        if found is None:
            foods = self._foods
            pool: Sequence[Food] = foods.common if isinstance(foods, (PackedFoods, ExtendedFoods)) else [f for f in foods if f.common] or foods
            scored = [(amount, f) for f in pool if (amount := _grams_basis(f, n, per)) is not None]
            scored.sort(key=lambda item: (-item[0], item[1].name))
            found = self._common[n.id, per] = tuple(f for _, f in scored)
        return found

    def _ranked_all(self, n: Nutrient, per: Per, limit: int, among: Among) -> list[Food]:
        foods = self._foods
        if isinstance(foods, ExtendedFoods):
            # the best of the packed ranking and of the user's foods, merged
            mine = [f for f in foods.own_foods() if among == "all" or f.food_group is among]
            pool = [*_top(foods.base, foods.base.ranking(n.id, per), limit, among, foods.replaced), *mine]
            scored = [(amount, f) for f in pool if (amount := _grams_basis(f, n, per)) is not None]
            scored.sort(key=lambda item: -item[0])
            return [f for _, f in scored[:limit]]
        order = foods.ranking(n.id, per) if isinstance(foods, PackedFoods) else self._ranked.get((n.id, per)) or self._rank_in_memory(n, per)
        return _top(foods, order, limit, among, {})

    def _rank_in_memory(self, n: Nutrient, per: Per) -> Sequence[int]:
        with _lazy.lock():
            scored = [(amount, i) for i, f in enumerate(self._foods) if (amount := _grams_basis(f, n, per)) is not None]
            scored.sort(key=lambda item: (-item[0], item[1]))
            found = self._ranked[n.id, per] = tuple(i for _, i in scored)
        return found

    # ------------------------------------------------------------------ one food

    def nutrients_in(self, food: Food, per: Per, amount: Portion | None) -> tuple[FoodNutrientRow, ...]:
        """A row for every nutrient of the knowledge base, in its order: per the portion, the
        default serving, or 100 g; a nutrient the table does not report has no amount."""
        if amount is None:
            key = (id(food), per)
            found = self._recent.get(key)
            if found is not None and found and found[0].food is food:
                return found
        serving = None if per == "100 g" else (amount.as_serving() if amount is not None else food.default_serving)
        values = {c.nutrient: c.per_100g for c in food.composition}
        dv = self._dv
        rows = tuple([row(food, n, values.get(n.id), serving, dv[n.id]) for n in self._order])
        if amount is None:
            with _lazy.lock():
                self._recent[key] = rows
                if len(self._recent) > _RECENT:
                    self._recent.popitem(last=False)
        return rows

    def contribution(self, food: Food, amount: Portion) -> FoodContribution:
        """What one portion of a food brings: a row per nutrient."""
        serving = amount.as_serving()
        return _new_contribution(food, serving, self.nutrients_in(food, "serving", amount))

    # ------------------------------------------------------------------ search

    def search(self, text: str, limit: int) -> tuple[FoodMatch, ...]:
        """The foods best matching ``text``, best first."""
        foods = self._foods
        if isinstance(foods, ExtendedFoods):  # the packed index and the user's foods' own, merged by their sort keys
            found = [(key, foods.base.row(row), score) for key, row, score in foods.base.words().ranked(text, limit + len(foods.replaced))
                     if row not in foods.replaced]
            mine = foods.own_foods()
            found += [(key, mine[row], score) for key, row, score in foods.own_words().ranked(text, limit)]
            found.sort(key=lambda item: item[0])
            return tuple(_new_match(f, score) for _, f, score in found[:limit])
        words = self._words
        if words is None:
            with _lazy.lock():
                words = self._words
                if words is None:
                    words = foods.words() if isinstance(foods, PackedFoods) else WordIndex.of(foods)
                    object.__setattr__(self, "_words", words)  # built once, under the lock
        return tuple(_new_match(foods[i], score) for i, score in words.search(text, limit))


def _top(foods: Sequence[Food], order: Sequence[int], limit: int, among: Among, skip: Mapping[int, Food]) -> list[Food]:
    """The first ``limit`` foods of ``order`` in the pool, leaving out the rows in ``skip``."""
    if among == "all" and not skip:
        return [foods[i] for i in order[:limit]]
    group_of = foods.group if isinstance(foods, PackedFoods) else None
    out: list[Food] = []
    for i in order:
        if i in skip or among != "all" and (group_of(i) if group_of is not None else foods[i].food_group) is not among:
            continue
        out.append(foods[i])
        if len(out) == limit:
            break
    return out


_RECENT = 512  # foods whose default rows are kept


def _content(food: Food, nutrient_id: str) -> Amount | None:
    for content in food.composition:
        if content.nutrient == nutrient_id:
            return content.per_100g
    return None


def _grams_basis(food: Food, n: Nutrient, per: Per) -> float | None:
    """The food's amount of ``n`` per 100 g or per default serving (in the nutrient's unit), or None."""
    for content in food.composition:
        if content.nutrient == n.id:
            value = content.per_100g.to(n.unit).value
            return value if per == "100 g" else value * food.default_serving.grams / 100
    return None


# ---------------------------------------------------------------------------- queries


def search_foods(kb: KnowledgeBase, text: str, *, limit: int = 10) -> tuple[FoodMatch, ...]:
    """Foods for what a person types, best first: words in any order, plurals, common names,
    and typos (``"roasted almond"``, ``"kiwi fruit"``, ``"yoghurt"``, ``"bananna"``).

    Foods that match every word come first, the common foods first among them; each
    [FoodMatch][muscle_nutrients.results.FoodMatch] has the ``food`` and a ``score`` (0 to 1)
    saying how well it matches. Text that finds nothing gives no matches.

    Args:
        text: What was typed (up to 1,000 characters; the first 12 words are read).
        limit: How many foods, at least 1.

    Raises:
        TypeError: ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"a food search must be a string, not {type(text).__name__}")
    count = limit if type(limit) is int and limit > 0 else _args.whole(limit, "limit", minimum=1)
    if len(text) > _args.MAX_TEXT_CHARS:
        return ()
    return kb._foods.search(text, count)


def foods_rich_in(
    kb: KnowledgeBase, nutrient: str | Nutrient, *, per: Per | str = "serving", limit: int = 10, among: Among | str = "common"
) -> tuple[FoodNutrientRow, ...]:
    """Foods with the most of a nutrient, largest first.

    Args:
        nutrient: A [Nutrient][muscle_nutrients.model.Nutrient], or its id, name or alias.
        per: ``"serving"`` (each food's default serving) or ``"100 g"`` (``"100g"`` too).
        limit: How many foods, at least 1.
        among: ``"common"`` (the foods chosen by hand, the default), ``"all"`` (every food of
            the table) or a food group (a `FoodGroup`, its name, or the start of its name such
            as ``"vegetables"``). Foods that do not report the nutrient are never listed.
    """
    basis: Per = "serving" if per == "serving" else "100 g" if per == "100 g" else parse_per(per)
    count = limit if type(limit) is int and limit > 0 else _args.whole(limit, "limit", minimum=1)
    pool: Among = "common" if among == "common" else parse_among(among)
    return kb._foods.rich_in(kb._names[Nutrient].lookup(nutrient).id, basis, count, pool)


def nutrients_in(
    kb: KnowledgeBase,
    food: str | Food,
    *,
    per: Per | str = "serving",
    serving: str | Serving | None = None,
    portion: float | str | Serving | None = None,
) -> tuple[FoodNutrientRow, ...]:
    """Every nutrient of one food, in the knowledge base's order, for a portion, its default
    serving, or 100 g; a nutrient the table does not report has ``amount`` None (not zero).

    Args:
        food: A [Food][muscle_nutrients.model.Food], or its id, name, alias or NDB number.
        per: ``"serving"`` or ``"100 g"``.
        portion: How much: grams (a number), ``"150 g"``, ``"2 medium"``, ``"1/2 cup"``, a
            `Serving`, or None for the default serving (see
            [portion][muscle_nutrients.portions.portion]).
        serving: A serving label or `Serving` (the same as ``portion``; kept for callers of
            earlier versions).

    Raises:
        ValueError: the portion cannot be read for this food (the message lists its
            measures), or a portion was given with ``per="100 g"``, or both ``serving`` and
            ``portion``.
    """
    basis: Per = "serving" if per == "serving" else "100 g" if per == "100 g" else parse_per(per)
    record = kb._names[Food].lookup(food)
    if serving is not None and portion is not None:
        raise ValueError("give portion or serving, not both")
    given = portion if portion is not None else serving
    if given is not None and basis == "100 g":
        raise ValueError("a portion cannot be combined with per='100 g'")
    return kb._foods.nutrients_in(record, basis, None if given is None else read_portion(record, given))


def daily_value(kb: KnowledgeBase, nutrient: str | Nutrient) -> Amount:
    """The FDA label Daily Value (adults and children 4 years and older, 2016 rule).

    Raises:
        LookupError: the nutrient has no Daily Value in the data.
    """
    record = kb._names[Nutrient].lookup(nutrient)
    if record.daily_value is None:
        raise LookupError(f"{record.name} has no Daily Value in the knowledge base")
    return record.daily_value


def portions(kb: KnowledgeBase, given: object, limit: int = 10_000) -> list[tuple[Food, Portion]]:
    """``(food, quantity)`` pairs (or a mapping) as (food record, resolved portion)."""
    items = given.items() if isinstance(given, Mapping) else given
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise TypeError(f"portions must be (food, quantity) pairs or a mapping, not {type(given).__name__}")
    out = []
    for count, entry in enumerate(items):
        if count >= limit:
            raise ValueError(f"too many portions: the limit is {limit:,}")
        if not (isinstance(entry, tuple) and len(entry) == 2):
            raise ValueError(f"each portion must be a (food, quantity) pair, got {_args.shown(entry)}")
        food = kb._names[Food].lookup(entry[0])
        out.append((food, read_portion(food, entry[1])))
    return out
