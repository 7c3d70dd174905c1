"""Ranking the possible causes of several symptoms together.

Query (through [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase]): ``rank_causes``.

Index, built on first use from the cause links: for each symptom and each evidence floor,
one row per cause holding its strongest link at or above that floor.

The score of a cause is the sum, over the symptoms it explains, of the weight of its
strongest link to each ([EVIDENCE_WEIGHTS][muscle_nutrients.ranking.EVIDENCE_WEIGHTS]).
Ties go to the cause explaining more symptoms, then to the stronger best grade, then to
the name, so the order is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ._lazy import Sealed
from ._fields import maker
from .causes import CauseIndex
from .evidence import BY_RANK, EvidenceGrade
from .model import RedFlag, Ref, Symptom
from .names import normalize
from .results import DISCLAIMER, CauseCandidate, CauseLink, CauseRanking

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = ["EVIDENCE_WEIGHTS", "MAX_SYMPTOMS", "Ranker", "rank_causes"]

#: Weight of a link in ``rank_causes`` by its evidence grade.
EVIDENCE_WEIGHTS: Mapping[EvidenceGrade, float] = MappingProxyType(
    {
        EvidenceGrade.ESTABLISHED: 1.0,
        EvidenceGrade.PROBABLE: 0.75,
        EvidenceGrade.LIMITED: 0.5,
        EvidenceGrade.UNSUPPORTED: 0.25,
        EvidenceGrade.CONTRADICTED: 0.0,
    }
)

# A row is (cause reference, grade rank, weight, link, position of the cause's name); a cause's
# running state is [score, top grade rank, mask of the symptoms it explains, links in asked order,
# name position].
_SCORE, _TOP, _MASK, _LINKS, _ORDER = 0, 1, 2, 3, 4
_Row = tuple[Ref, int, float, CauseLink, int]

_new_candidate = maker(CauseCandidate)
_new_ranking = maker(CauseRanking)


class Ranker(Sealed):
    """Scores and orders the causes of a set of symptoms."""

    __slots__ = ("_rows", "_flags")

    def __init__(self, causes: CauseIndex, symptom_ids: Sequence[str]) -> None:
        links = {sid: causes.causes_of(sid) for sid in symptom_ids}
        names = sorted({(normalize(link.label), link.relation.subject) for group in links.values() for link in group})
        position = {ref: index for index, (_, ref) in enumerate(names)}
        rows: list[Mapping[str, tuple[_Row, ...]]] = []
        for floor in range(len(BY_RANK)):
            by_symptom: dict[str, tuple[_Row, ...]] = {}
            for sid, group in links.items():
                kept: dict[Ref, _Row] = {}
                for link in group:  # strongest first: the first link of a cause is its best
                    ref = link.relation.subject
                    if link.evidence.rank >= floor and ref not in kept:
                        kept[ref] = (ref, link.evidence.rank, EVIDENCE_WEIGHTS[link.evidence], link, position[ref])
                if kept:
                    by_symptom[sid] = tuple(kept.values())
            rows.append(MappingProxyType(by_symptom))
        self._rows = tuple(rows)
        # answers are immutable, so a bounded cache of the red flags per symptom set is safe
        self._flags: Callable[[tuple[str, ...]], tuple[RedFlag, ...]] = lru_cache(maxsize=1024)(causes.red_flags)

    def rank(self, asked: Sequence[Symptom], floor: EvidenceGrade) -> CauseRanking:
        """The ranking for ``asked`` (distinct symptoms, in the order asked), ignoring links below ``floor``."""
        rows = self._rows[floor.rank]
        best: dict[Ref, list[Any]] = {}
        bit = 1
        for symptom in asked:
            for ref, rank, weight, link, order in rows.get(symptom.id, ()):
                state = best.get(ref)
                if state is None:
                    best[ref] = [weight, rank, bit, [link], order]
                else:
                    state[_SCORE] += weight
                    if rank > state[_TOP]:
                        state[_TOP] = rank
                    state[_MASK] |= bit
                    state[_LINKS].append(link)
            bit <<= 1
        # best score, then most symptoms explained, then best grade, then name (positions are unique)
        ordered = sorted([(-s[_SCORE], -len(s[_LINKS]), -s[_TOP], s[_ORDER], s) for s in best.values()])
        everything = tuple(asked)
        splits: dict[int, tuple[tuple[Symptom, ...], tuple[Symptom, ...]]] = {}
        candidates = []
        new, grades = _new_candidate, BY_RANK
        for key in ordered:
            score, top, mask, links, _ = key[4]
            split = splits.get(mask)
            if split is None:
                split = splits[mask] = _split(everything, mask)
            candidates.append(new(links[0].cause, score, split[0], split[1], grades[top], tuple(links)))
        return _new_ranking(everything, tuple(candidates), self._red_flags(everything), floor, DISCLAIMER)

    def _red_flags(self, asked: tuple[Symptom, ...]) -> tuple[RedFlag, ...]:
        return self._flags(tuple([s.id for s in asked]))



def _split(asked: tuple[Symptom, ...], mask: int) -> tuple[tuple[Symptom, ...], tuple[Symptom, ...]]:
    """The symptoms a cause explains (bits set in ``mask``) and those it does not, in asked order."""
    matched = tuple([s for i, s in enumerate(asked) if mask >> i & 1])
    return matched, tuple([s for i, s in enumerate(asked) if not mask >> i & 1])


#: Most symptoms one ranking accepts.
MAX_SYMPTOMS = 10_000


def rank_causes(
    kb: KnowledgeBase,
    symptoms: Iterable[str | Symptom] | str | Symptom,
    *,
    min_evidence: EvidenceGrade | str = EvidenceGrade.LIMITED,
) -> CauseRanking:
    """Rank the possible causes of several symptoms together.

    For every cause linked to at least one of the symptoms, ``score`` is the sum, over the
    symptoms it explains, of the weight of its strongest link to each
    ([EVIDENCE_WEIGHTS][muscle_nutrients.ranking.EVIDENCE_WEIGHTS]: established 1.0,
    probable 0.75, limited 0.5, unsupported 0.25). Links weaker than ``min_evidence`` are
    ignored. Ties go to the cause explaining more symptoms, then to the stronger best grade,
    then to the name, so the order is deterministic. Adding a symptom a cause explains
    never lowers its score.

    The result carries the red flags that apply and the not-a-diagnosis disclaimer.

    Args:
        symptoms: Symptoms (records, ids, names or aliases); repeats count once.
        min_evidence: The weakest grade of link that counts.

    Raises:
        UnknownNameError: a symptom is unknown.
        ValueError: no symptom, more than 10,000, or an unknown grade.
    """
    floor = EvidenceGrade.parse(min_evidence)
    return kb._ranker.rank(_distinct_symptoms(kb, symptoms), floor)


def _distinct_symptoms(kb: KnowledgeBase, symptoms: Iterable[str | Symptom] | str | Symptom) -> list[Symptom]:
    if isinstance(symptoms, (str, Symptom)):
        symptoms = [symptoms]
    if not isinstance(symptoms, Iterable):
        raise TypeError(f"symptoms must be a symptom or a list of them, not {type(symptoms).__name__}")
    lookup = kb._names[Symptom].lookup
    asked: dict[str, Symptom] = {}
    for count, name in enumerate(symptoms):
        if count >= MAX_SYMPTOMS:
            raise ValueError(f"too many symptoms: the limit is {MAX_SYMPTOMS:,}")
        found = lookup(name)
        asked.setdefault(found.id, found)  # compare ids: record equality compares every field
    if not asked:
        raise ValueError("rank_causes needs at least one symptom")
    return list(asked.values())
