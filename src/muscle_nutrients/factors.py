"""Factors -- medicines, conditions, behaviours, states -- and what they do to nutrients.

Query (through [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase]): ``depleted_by``.

Index, built on first use: for each factor, the nutrients it depletes, strongest evidence
first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ._lazy import Sealed
from ._store import Store
from .causes import grouped_strongest_first
from .model import Factor, Predicate, Relation
from .results import NutrientLink

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = ["FactorIndex", "depleted_by"]


class FactorIndex(Sealed):
    """What each factor does to nutrients."""

    __slots__ = ("_depletions",)

    def __init__(self, store: Store) -> None:
        depletions: dict[str, list[NutrientLink]] = {}
        for rel in store.table(Relation):
            if rel.predicate is Predicate.DEPLETES:
                depletions.setdefault(rel.subject.id, []).append(
                    NutrientLink(nutrient=store.resolve(rel.object), relation=rel, sources=store.cited(rel.sources))
                )
        self._depletions: Mapping[str, tuple[NutrientLink, ...]] = grouped_strongest_first(depletions, lambda link: link.nutrient.name)

    def depleted_by(self, factor_id: str) -> tuple[NutrientLink, ...]:
        """Nutrients the factor depletes."""
        return self._depletions.get(factor_id, ())


def depleted_by(kb: KnowledgeBase, factor: str | Factor) -> tuple[NutrientLink, ...]:
    """Nutrients a medication, condition or behaviour depletes, strongest evidence first.

    Args:
        factor: A [Factor][muscle_nutrients.model.Factor], or its id, name or alias (a drug name).
    """
    return kb._factors.depleted_by(kb._names[Factor].lookup(factor).id)
