"""The relations as a graph: what points from and to a record, and what covers a seed claim.

Queries (through [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase]):
``relations_from``, ``relations_to``, ``relations_for_claim``, ``facts_for_claim``.

Indexes, built on first use: relations by subject, by object and by seed claim; and every
graded fact (relation, statement, red flag) by seed claim.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

from ._lazy import Sealed
from ._fields import Record, field_names
from ._store import Store
from .errors import UnknownNameError
from .model import CLAIM_IDS, RedFlag, Ref, Relation, Statement

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = ["Fact", "Graph", "claim_id", "facts_for_claim", "relations_for_claim", "relations_from", "relations_to"]

T = TypeVar("T")

Fact = Relation | Statement | RedFlag


def _freeze(groups: dict[str, list[T]]) -> Mapping[str, tuple[T, ...]]:
    return MappingProxyType({key: tuple(value) for key, value in groups.items()})


def claim_id(claim: object) -> str:
    """The canonical seed-claim id (``"s03"`` -> ``"S03"``).

    Raises:
        UnknownNameError: not one of S01..S44.
    """
    text = claim.strip().upper() if isinstance(claim, str) and len(claim) < 20 else ""
    if text not in CLAIM_IDS:
        suggestions = [c for c in CLAIM_IDS if text and c.startswith(text[:2])][:3]
        raise UnknownNameError(str(claim)[:80], "seed claim", suggestions)
    return text


class Graph(Sealed):
    """Relations indexed by their ends and by the seed claims they cover."""

    __slots__ = ("_from", "_to", "_by_claim", "_facts")

    def __init__(self, store: Store) -> None:
        by_subject: dict[str, list[Relation]] = {}
        by_object: dict[str, list[Relation]] = {}
        by_claim: dict[str, list[Relation]] = {}
        facts: dict[str, list[Fact]] = {}
        for rel in store.table(Relation):
            by_subject.setdefault(rel.subject, []).append(rel)
            by_object.setdefault(rel.object, []).append(rel)
            for claim in rel.claims:
                by_claim.setdefault(claim, []).append(rel)
                facts.setdefault(claim, []).append(rel)
        for kind in store.kinds:
            if kind.record is Relation:
                continue
            for record in store.table(kind.record):
                for fact in _claiming(record):
                    for claim in fact.claims:
                        facts.setdefault(claim, []).append(fact)
        self._from = _freeze(by_subject)
        self._to = _freeze(by_object)
        self._by_claim = _freeze(by_claim)
        self._facts = _freeze(facts)

    def relations_from(self, ref: str) -> tuple[Relation, ...]:
        """Relations whose subject is ``ref``."""
        return self._from.get(ref, ())

    def relations_to(self, ref: str) -> tuple[Relation, ...]:
        """Relations whose object is ``ref``."""
        return self._to.get(ref, ())

    def for_claim(self, claim: str) -> tuple[Relation, ...]:
        """Relations tagged with the claim."""
        return self._by_claim.get(claim, ())

    def facts_for_claim(self, claim: str) -> tuple[Fact, ...]:
        """Relations, statements and red flags tagged with the claim."""
        return self._facts.get(claim, ())


def _claiming(record: object) -> list[Fact]:
    """The record itself if it carries claims, and the statements nested in it that do."""
    found: list[Fact] = []
    if isinstance(record, RedFlag):
        found.append(record)
    for name in field_names(type(record)):
        value = getattr(record, name)
        if isinstance(value, tuple):
            found.extend(item for item in value if isinstance(item, Statement))
        elif isinstance(value, Record) and not isinstance(value, Statement):
            found.extend(_claiming(value))
    return found


def relations_for_claim(kb: KnowledgeBase, claim: str) -> tuple[Relation, ...]:
    """The relations tagged with a seed claim id (S01..S44); possibly none.

    Raises:
        UnknownNameError: ``claim`` is not one of S01..S44.
    """
    return kb._graph._by_claim.get(claim_id(claim), ())  # the index's own module: read it directly


def facts_for_claim(kb: KnowledgeBase, claim: str) -> tuple[Fact, ...]:
    """Everything tagged with a seed claim: relations, statements and red flags."""
    return kb._graph.facts_for_claim(claim_id(claim))


def relations_from(kb: KnowledgeBase, ref: str | Ref) -> tuple[Relation, ...]:
    """Relations whose subject is ``ref`` (``"deficiency:magnesium"``, ``"food:spinach-raw"``).

    Raises:
        ValueError: ``ref`` is not a ``"kind:id"`` reference.
    """
    return kb._graph.relations_from(Ref.parse(ref))


def relations_to(kb: KnowledgeBase, ref: str | Ref) -> tuple[Relation, ...]:
    """Relations whose object is ``ref`` (``"symptom:muscle-cramp"``)."""
    return kb._graph.relations_to(Ref.parse(ref))
