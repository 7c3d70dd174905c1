"""Foods and the nutrients in them.

Queries (through [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase]):
``foods_rich_in``, ``nutrients_in``, and the per-food amounts ``assess_diet`` adds up.

Indexes, built on first use: for each nutrient and basis (per default serving, per 100 g)
the foods ranked by amount, largest first; for each food and basis its rows in nutrient
order. Every amount comes from one formula, [amount_of][muscle_nutrients.foods.amount_of]:
the per-100 g value in the nutrient's unit, times grams / 100.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from ._lazy import Sealed
from . import _args
from ._fields import maker
from ._store import Store
from .model import Food, Nutrient, Serving
from .results import FoodNutrientRow
from .units import Amount, Unit

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = [
    "PER_CHOICES",
    "FoodIndex",
    "Per",
    "amount_of",
    "daily_value",
    "foods_rich_in",
    "nutrients_in",
    "parse_per",
    "portion_grams",
    "portions",
]

#: What a food amount is given per: the food's default serving, or 100 g.
Per = Literal["serving", "100 g"]

#: Accepted spellings of ``per`` (case and spaces do not matter), for Python and the CLI alike.
PER_CHOICES: Mapping[str, Per] = MappingProxyType(
    {"serving": "serving", "perserving": "serving", "100g": "100 g", "per100g": "100 g"}
)

_new_row = maker(FoodNutrientRow)


def parse_per(value: object) -> Per:
    """``"serving"`` or ``"100 g"`` from any accepted spelling (``"100g"``, ``"per 100 g"`` ...)."""
    return _args.choice(value, "per", PER_CHOICES)


def amount_of(per_100g: Amount, unit: Unit, grams: float | None) -> Amount:
    """The amount in ``grams`` of food (or in 100 g when None), in ``unit``."""
    value = per_100g.to(unit).value
    return Amount._trusted(value if grams is None else value * grams / 100, unit)


def row(food: Food, nutrient: Nutrient, per_100g: Amount, serving: Serving | None) -> FoodNutrientRow:
    """One food's amount of one nutrient, per serving (or per 100 g when ``serving`` is None)."""
    amount = amount_of(per_100g, nutrient.unit, None if serving is None else serving.grams)
    dv = nutrient.daily_value
    percent = 100 * amount.to(dv.unit).value / dv.value if dv is not None and dv.value > 0 else None
    return _new_row(food, nutrient, serving, amount, percent)


def portion_grams(food: Food, quantity: object) -> float:
    """The grams of a portion: a serving label or `Serving`, None for the default serving, or grams."""
    if quantity is None or isinstance(quantity, (str, Serving)):
        return food.serving(quantity).grams
    try:
        return _args.real(quantity, f"the quantity of {food.name}", minimum=0, maximum=1e6)
    except TypeError:
        raise TypeError(
            f"the quantity of {food.name} must be grams (a number), a serving label or None, not {type(quantity).__name__}"
        ) from None


class FoodIndex(Sealed):
    """Foods ranked by each nutrient, and each food's nutrients."""

    __slots__ = ("_nutrients", "_by_nutrient", "_by_food")

    def __init__(self, store: Store) -> None:
        nutrients = store.by_id(Nutrient)
        order = {n.id: i for i, n in enumerate(store.table(Nutrient))}
        by_nutrient: dict[tuple[str, Per], list[FoodNutrientRow]] = {}
        by_food: dict[tuple[str, Per], list[FoodNutrientRow]] = {}
        for food in store.table(Food):
            for content in food.composition:
                nutrient = nutrients[content.nutrient]
                for per, serving in (("serving", food.default_serving), ("100 g", None)):
                    found = row(food, nutrient, content.per_100g, serving)
                    by_nutrient.setdefault((nutrient.id, per), []).append(found)  # type: ignore[arg-type]
                    by_food.setdefault((food.id, per), []).append(found)  # type: ignore[arg-type]
        self._nutrients = nutrients
        self._by_nutrient: Mapping[tuple[str, Per], tuple[FoodNutrientRow, ...]] = MappingProxyType(
            {k: tuple(sorted(v, key=lambda r: (-r.amount.value, r.food.name))) for k, v in by_nutrient.items()}
        )
        self._by_food: Mapping[tuple[str, Per], tuple[FoodNutrientRow, ...]] = MappingProxyType(
            {k: tuple(sorted(v, key=lambda r: order[r.nutrient.id])) for k, v in by_food.items()}
        )

    def rich_in(self, nutrient_id: str, per: Per, limit: int) -> tuple[FoodNutrientRow, ...]:
        """The foods with most of the nutrient, largest first."""
        return self._by_nutrient.get((nutrient_id, per), ())[:limit]

    def nutrients_in(self, food: Food, per: Per, serving: str | Serving | None) -> tuple[FoodNutrientRow, ...]:
        """The food's nutrient rows per its default serving, a named serving, or 100 g."""
        if serving is None or per == "100 g":
            if serving is not None:
                raise ValueError("serving cannot be combined with per='100 g'")
            return self._by_food.get((food.id, per), ())
        chosen = food.serving(serving)
        return tuple([row(food, r.nutrient, r.amount, chosen) for r in self._by_food.get((food.id, "100 g"), ())])

    def totals(self, portions: Iterable[tuple[Food, float]], nutrients: Iterable[Nutrient]) -> tuple[dict[str, float], list[tuple[str, str]]]:
        """The amount of each nutrient in the portions (food, grams), and the (food, nutrient)
        pairs the food table reports no value for."""
        wanted = {n.id: n for n in nutrients}
        totals = dict.fromkeys(wanted, 0.0)
        unreported: dict[tuple[str, str], None] = {}
        for food, grams in portions:
            reported = set()
            for content in food.composition:
                n = wanted.get(content.nutrient)
                if n is not None:
                    reported.add(n.id)
                    amount = content.per_100g
                    value = amount.value if amount.unit is n.unit else amount.to(n.unit).value
                    totals[n.id] += value * grams / 100
            for nutrient_id in wanted:
                if nutrient_id not in reported:
                    unreported[food.id, nutrient_id] = None
        return totals, list(unreported)


# ---------------------------------------------------------------------------- queries


def foods_rich_in(
    kb: KnowledgeBase, nutrient: str | Nutrient, *, per: Per | str = "serving", limit: int = 10
) -> tuple[FoodNutrientRow, ...]:
    """Foods with the most of a nutrient, largest first.

    Args:
        nutrient: A [Nutrient][muscle_nutrients.model.Nutrient], or its id, name or alias.
        per: ``"serving"`` (each food's default serving) or ``"100 g"`` (``"100g"`` too).
        limit: How many foods, at least 1.
    """
    basis: Per = "serving" if per == "serving" else "100 g" if per == "100 g" else parse_per(per)
    count = limit if type(limit) is int and limit > 0 else _args.whole(limit, "limit", minimum=1)
    return kb._foods.rich_in(kb._names[Nutrient].lookup(nutrient).id, basis, count)


def nutrients_in(
    kb: KnowledgeBase, food: str | Food, *, per: Per | str = "serving", serving: str | Serving | None = None
) -> tuple[FoodNutrientRow, ...]:
    """The nutrients of one food, per serving (the default one, or ``serving``) or per 100 g.

    Raises:
        ValueError: the food has no such serving (the message lists its servings), or a
            serving was given with ``per="100 g"``.
    """
    basis: Per = "serving" if per == "serving" else "100 g" if per == "100 g" else parse_per(per)
    return kb._foods.nutrients_in(kb._names[Food].lookup(food), basis, serving)


def daily_value(kb: KnowledgeBase, nutrient: str | Nutrient) -> Amount:
    """The FDA label Daily Value (adults and children 4 years and older, 2016 rule).

    Raises:
        LookupError: the nutrient has no Daily Value in the data.
    """
    record = kb._names[Nutrient].lookup(nutrient)
    if record.daily_value is None:
        raise LookupError(f"{record.name} has no Daily Value in the knowledge base")
    return record.daily_value


def portions(kb: KnowledgeBase, given: object, limit: int = 10_000) -> list[tuple[Food, float]]:
    """``(food, quantity)`` pairs (or a mapping) as (food record, grams)."""
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
        out.append((food, portion_grams(food, entry[1])))
    return out
