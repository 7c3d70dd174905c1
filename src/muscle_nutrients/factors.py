"""Factors -- medicines, conditions, behaviours, states -- and what they do, in both directions.

Queries (through [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase]):
``effects_of`` (what a factor does to each nutrient and which symptoms it causes directly),
``affecting`` (what lowers or raises a nutrient) and ``depleted_by`` (the "lowers" view of a
factor, kept from earlier versions).

A member drug's generic or brand name resolves to its class (``effects_of("lasix")`` answers
for loop diuretics). Index, built on first use from the relations: effect links per factor
and per nutrient, symptom links and cautions per factor; each strongest evidence first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ._lazy import Sealed
from ._store import Store
from .causes import grouped_strongest_first
from .model import Direction, Factor, Nutrient, Predicate, Relation, RefKind
from .results import CauseLink, CautionLink, EffectLink, FactorEffects, NutrientLink

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = ["FactorIndex", "affecting", "depleted_by", "effects_of"]

_SYMPTOMATIC = (Predicate.CAUSES, Predicate.RAISES_RISK_OF)


class FactorIndex(Sealed):
    """What each factor does to nutrients and symptoms, and what affects each nutrient."""

    __slots__ = ("_by_factor", "_by_nutrient", "_symptoms", "_cautions")

    def __init__(self, store: Store) -> None:
        relations = store.table(Relation)
        cautions: dict[str, list[CautionLink]] = {}
        for rel in relations:
            if rel.predicate is Predicate.CAUTIONS_ABOUT and rel.object.kind is RefKind.FACTOR:
                cautions.setdefault(rel.object.id, []).append(
                    CautionLink(advice=store.resolve(rel.subject), relation=rel, sources=store.cited(rel.sources))
                )
        self._cautions = grouped_strongest_first(cautions, lambda link: link.advice.name)
        by_factor: dict[str, list[EffectLink]] = {}
        by_nutrient: dict[str, list[EffectLink]] = {}
        symptoms: dict[str, list[CauseLink]] = {}
        for rel in relations:
            if rel.subject.kind is not RefKind.FACTOR:
                continue
            factor = store.resolve(rel.subject)
            if rel.predicate.direction is not None:
                nutrient = store.resolve(rel.object)
                # the cautions about the factor that concern this nutrient (or no nutrient in particular)
                cautions_here = tuple([c for c in self._cautions.get(factor.id, ()) if not c.advice.nutrients or nutrient.id in c.advice.nutrients])
                link = EffectLink(factor=factor, nutrient=nutrient, relation=rel, sources=store.cited(rel.sources), cautions=cautions_here)
                by_factor.setdefault(factor.id, []).append(link)
                by_nutrient.setdefault(link.nutrient.id, []).append(link)
            elif rel.predicate in _SYMPTOMATIC and rel.object.kind is RefKind.SYMPTOM:
                symptoms.setdefault(factor.id, []).append(
                    CauseLink(cause=factor, symptom=store.resolve(rel.object), relation=rel, sources=store.cited(rel.sources))
                )
        self._by_factor = grouped_strongest_first(by_factor, lambda link: link.nutrient.name)
        self._by_nutrient = grouped_strongest_first(by_nutrient, lambda link: link.factor.name)
        self._symptoms: Mapping[str, tuple[CauseLink, ...]] = grouped_strongest_first(symptoms, lambda link: link.symptom.name)

    def effects_of(self, factor: Factor) -> FactorEffects:
        """Everything the factor does."""
        return FactorEffects(factor=factor, nutrients=self._by_factor.get(factor.id, ()),
                             symptoms=self._symptoms.get(factor.id, ()), cautions=self._cautions.get(factor.id, ()))

    def affecting(self, nutrient_id: str, direction: Direction | None) -> tuple[EffectLink, ...]:
        """What lowers or raises the nutrient (either way when ``direction`` is None)."""
        links = self._by_nutrient.get(nutrient_id, ())
        return links if direction is None else tuple([link for link in links if link.direction is direction])

    def depleted_by(self, factor_id: str) -> tuple[NutrientLink, ...]:
        """Nutrients the factor lowers."""
        return tuple([NutrientLink(nutrient=link.nutrient, relation=link.relation, sources=link.sources)
                      for link in self._by_factor.get(factor_id, ()) if link.direction is Direction.LOWERS])


def effects_of(kb: KnowledgeBase, factor: str | Factor) -> FactorEffects:
    """What a medicine, condition, behaviour or state does: the nutrients it lowers or raises
    (each graded, with the cautions that apply), and the symptoms it causes or makes more
    likely directly.

    Args:
        factor: A [Factor][muscle_nutrients.model.Factor], or its id, name or alias, or for a drug
            class the generic or brand name of one of its members (``"furosemide"``, ``"Lasix"``).
    """
    return kb._factors.effects_of(kb._names[Factor].lookup(factor))


def affecting(kb: KnowledgeBase, nutrient: str | Nutrient, direction: Direction | str | None = None) -> tuple[EffectLink, ...]:
    """The medicines, conditions and behaviours that lower or raise a nutrient, strongest
    evidence first; each link carries the cautions about its factor.

    Args:
        nutrient: A [Nutrient][muscle_nutrients.model.Nutrient], or its id, name, alias or symbol.
        direction: ``"lowers"``, ``"raises"``, or None for both.

    Raises:
        ValueError: ``direction`` is not "lowers", "raises" or None.
    """
    return kb._factors.affecting(kb._names[Nutrient].lookup(nutrient).id, _direction(direction))


def depleted_by(kb: KnowledgeBase, factor: str | Factor) -> tuple[NutrientLink, ...]:
    """Nutrients a medication, condition or behaviour lowers, strongest evidence first (the
    "lowers" half of ``effects_of``).

    Args:
        factor: A [Factor][muscle_nutrients.model.Factor], or its id, name or alias, or a member drug's name.
    """
    return kb._factors.depleted_by(kb._names[Factor].lookup(factor).id)


def _direction(value: Direction | str | None) -> Direction | None:
    if value is None or isinstance(value, Direction):
        return value
    if not isinstance(value, str):
        raise TypeError(f"direction must be 'lowers', 'raises' or None, not {type(value).__name__}")
    found = Direction._value2member_map_.get(value.strip().lower())
    if found is None:
        raise ValueError(f"unknown direction {value[:40]!r}; allowed: 'lowers', 'raises' (or None for both)")
    return found  # type: ignore[return-value]
