"""Finding records: by kind, by id, name or alias, and by search across kinds.

Queries (through [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase]): the
generic ``records``, ``lookup`` and ``get`` (any kind, by its record class); the typed
``nutrient``, ``symptom``, ``food``, ``factor``, ``lab_test``, ``advice_item`` and ``source``
with their ``get_*`` twins (None instead of an error); and ``search``.

Indexes: one [NameIndex][muscle_nutrients.names.NameIndex] per kind, built on first use.
Strict lookups raise [UnknownNameError][muscle_nutrients.errors.UnknownNameError] with the
closest names as suggestions; ``get_*`` return None; a record of the kind is accepted
anywhere a name is, and resolves to the record with its id.
"""

from __future__ import annotations

from collections.abc import Sequence

from typing import TYPE_CHECKING, TypeVar

from . import _args
from .model import Advice, Factor, Food, LabTest, Nutrient, Source, Symptom
from .names import normalize
from .names import search as search_names
from .results import SearchHit

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = [
    "advice_item",
    "factor",
    "food",
    "get",
    "get_advice",
    "get_factor",
    "get_food",
    "get_lab_test",
    "get_nutrient",
    "get_source",
    "get_symptom",
    "lab_test",
    "lookup",
    "nutrient",
    "records",
    "search",
    "source",
    "symptom",
]

R = TypeVar("R")


def records(kb: KnowledgeBase, kind: type[R]) -> Sequence[R]:
    """Every record of a kind, by its class (``kb.records(mn.Nutrient)``), in data order: a
    tuple, or for the packaged foods a read-only sequence that makes each food when reached.

    Raises:
        TypeError: ``kind`` is not a record class of this knowledge base.
    """
    return kb._store.table(kind)


def lookup(kb: KnowledgeBase, kind: type[R], name: str | R) -> R:
    """The record of a kind with this id, name or alias: ``kb.lookup(mn.Food, "banana")``.

    Raises:
        UnknownNameError: nothing of that kind has the name; suggests the closest ones.
        TypeError: ``name`` is neither a string nor a record of the kind.
    """
    found: R = kb._names[kind].lookup(name)
    return found


def get(kb: KnowledgeBase, kind: type[R], name: str | R) -> R | None:
    """Like ``lookup``, but None when nothing has the name."""
    found: R | None = kb._names[kind].get(name)
    return found


def nutrient(kb: KnowledgeBase, name: str | Nutrient) -> Nutrient:
    """The nutrient with this id, name, alias or symbol ("Mg", "cobalamin", "vitamin B-12").

    Raises:
        UnknownNameError: no nutrient has that name; suggests the closest ones.
    """
    found: Nutrient = kb._names[Nutrient].lookup(name)  # inlined: the hottest path
    return found


def symptom(kb: KnowledgeBase, name: str | Symptom) -> Symptom:
    """The symptom with this id, name or alias ("charley horse", "pins and needles")."""
    found: Symptom = kb._names[Symptom].lookup(name)  # inlined: the hottest path
    return found


def food(kb: KnowledgeBase, name: str | Food) -> Food:
    """The food with this id, name or alias."""
    found: Food = kb._names[Food].lookup(name)  # inlined: the hottest path
    return found


def factor(kb: KnowledgeBase, name: str | Factor) -> Factor:
    """The factor (medication, condition, behaviour, state) with this id, name or alias."""
    found: Factor = kb._names[Factor].lookup(name)  # inlined: the hottest path
    return found


def lab_test(kb: KnowledgeBase, name: str | LabTest) -> LabTest:
    """The lab test with this id, name or alias."""
    found: LabTest = kb._names[LabTest].lookup(name)  # inlined: the hottest path
    return found


def advice_item(kb: KnowledgeBase, name: str | Advice) -> Advice:
    """The advice record with this id, name or alias."""
    found: Advice = kb._names[Advice].lookup(name)  # inlined: the hottest path
    return found


def source(kb: KnowledgeBase, source_id: str | Source) -> Source:
    """The source with this id (``"usda-sr26"``).

    Raises:
        UnknownNameError: no such source; suggests the closest ids.
    """
    return lookup(kb, Source, source_id)


def get_nutrient(kb: KnowledgeBase, name: str | Nutrient) -> Nutrient | None:
    """Like ``nutrient``, but None when unknown."""
    return get(kb, Nutrient, name)


def get_symptom(kb: KnowledgeBase, name: str | Symptom) -> Symptom | None:
    """Like ``symptom``, but None when unknown."""
    return get(kb, Symptom, name)


def get_food(kb: KnowledgeBase, name: str | Food) -> Food | None:
    """Like ``food``, but None when unknown."""
    return get(kb, Food, name)


def get_factor(kb: KnowledgeBase, name: str | Factor) -> Factor | None:
    """Like ``factor``, but None when unknown."""
    return get(kb, Factor, name)


def get_lab_test(kb: KnowledgeBase, name: str | LabTest) -> LabTest | None:
    """Like ``lab_test``, but None when unknown."""
    return get(kb, LabTest, name)


def get_advice(kb: KnowledgeBase, name: str | Advice) -> Advice | None:
    """Like ``advice_item``, but None when unknown."""
    return get(kb, Advice, name)


def get_source(kb: KnowledgeBase, source_id: str | Source) -> Source | None:
    """Like ``source``, but None when unknown."""
    return get(kb, Source, source_id)


def search(kb: KnowledgeBase, text: str, *, limit: int = 10) -> tuple[SearchHit, ...]:
    """Records of any named kind whose names match ``text``, best first.

    Exact name matches score 1.0, prefixes 0.8, substrings 0.6, close spellings their
    similarity times 0.5. Ties are broken by kind and name, so the order is stable. Foods
    are found by food search (``search_foods``): every USDA food is searched by its words,
    its score scaled to the same range (0.9 for a food matching every word, best first).
    """
    _args.text(text, "the search text")
    count = _args.whole(limit, "limit", minimum=1)
    kinds = kb._store.kinds
    named = [index for cls, index in kb._names.items() if kinds.of(cls).display_field and cls is not Food]
    hits = list(search_names(named, text, count))
    if len(text) <= _args.MAX_TEXT_CHARS:
        key = normalize(text)
        for match in kb._foods.search(text, count):
            # an exact name scores 1.0 as for the other kinds; otherwise the food score, scaled below an exact match
            food = match.food
            exact = key and key in {normalize(n) for n in (food.name, *food.aliases)}
            hits.append(SearchHit(kind="food", record=food, name=food.name, score=1.0 if exact else round(0.9 * match.score, 4)))
    hits.sort(key=lambda h: (-h.score, h.kind, h.name))
    return tuple(hits[:count])
