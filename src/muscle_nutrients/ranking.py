"""Ranking the possible causes of a person's symptoms, in their circumstances, and explaining it.

Query (through [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase]): ``rank_causes``.

The score, documented with its limits in ``docs/ranking.md``::

    score(c) = Σ_{s asked}  max_{a linked to c}  w(grade of c → a) · ic(mica(s, a))     symptoms
             ± Σ_{x in context}  λ · w(grade of x → c)                                     circumstances

* ``w`` weighs a link by its evidence grade ([EVIDENCE_WEIGHTS][muscle_nutrients.ranking.EVIDENCE_WEIGHTS]).
* ``ic(s) = ln(1 + N / n(s))`` is how specific a symptom is: ``n(s)`` of the ``N`` causes are
  linked to it or to a narrower symptom, so fatigue (linked to many) weighs little and a positive
  Chvostek sign (two causes) much, as information content does in phenotype matching
  (Phenomizer, LIRICAL); the ``1 +`` keeps a symptom every cause shares from counting nothing.
* ``mica(s, a)`` is the more general of the asked symptom and the linked one when one is an HPO
  ancestor of the other (Resnik similarity): a cause of night cramps explains "cramps" in full,
  a cause of cramps explains "exercise cramps" only as much as "cramps" is specific.
* A medicine, condition, diet or situation of the person counts through the graph with its
  grade: one that lowers a nutrient makes its deficiency more likely and its excess less
  likely, one that raises it the reverse, one that raises the risk of something makes that more
  likely. A factor that lowers a level in some people and raises it in others counts only for
  each, never against (the data cannot say which applies to this person). A cause the person
  reported (a medicine they take, a condition they have) counts as one more circumstance with
  an established link: it is certainly present. ``λ`` is ``CONTEXT_WEIGHT``.
  Age 65 or more adds *older age* and pregnancy *pregnancy*, so the risks the data records for
  those groups count.

Candidates explain at least one symptom. Equal scores are ties (``tied_with``); within a tie the
order (more symptoms explained, stronger best grade, then the data's order) carries no meaning.

Index, built on first use: for each symptom and each evidence floor, the causes that explain it
with their weights; what each factor makes more likely; which symptoms each cause explains and
which lab test assesses it (for the next questions).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from . import _args, _lazy, terms
from ._fields import maker
from ._lazy import Sealed
from ._store import Store
from .causes import CauseIndex
from .evidence import BY_RANK, EvidenceGrade
from .model import Factor, LabTest, Nutrient, Predicate, Ref, RefKind, Relation, Sex, Symptom
from .results import DISCLAIMER, CauseCandidate, CauseLink, CauseRanking, ContextLink, NextQuestion, in_sentence

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = ["CONTEXT_WEIGHT", "EVIDENCE_WEIGHTS", "MAX_SYMPTOMS", "OLDER_AGE", "Ranker", "rank_causes"]

#: Weight of a link by its evidence grade.
EVIDENCE_WEIGHTS: Mapping[EvidenceGrade, float] = MappingProxyType(
    {
        EvidenceGrade.ESTABLISHED: 1.0,
        EvidenceGrade.PROBABLE: 0.75,
        EvidenceGrade.LIMITED: 0.5,
        EvidenceGrade.UNSUPPORTED: 0.25,
        EvidenceGrade.CONTRADICTED: 0.0,
    }
)
#: λ: what one circumstance of the person adds to a cause, times its grade's weight: about what
#: one fairly specific symptom adds (ic ≈ 1.5 for a symptom shared by a quarter of the causes).
CONTEXT_WEIGHT = 1.5
#: Most symptoms (and most context items) one ranking accepts.
MAX_SYMPTOMS = 10_000
#: Age (years) from which the *older age* factor applies.
OLDER_AGE = 65

_TOP_FOR_QUESTIONS = 6
_QUESTIONS = 5
_CACHE = 512

_new_candidate = maker(CauseCandidate)
_new_ranking = maker(CauseRanking)
_new_context = maker(ContextLink)
_new_question = maker(NextQuestion)

# A row: (cause reference, grade rank, weight: grade × specificity, link, data order)
_Row = tuple[Ref, int, float, CauseLink, int]


class Ranker(Sealed):
    """Scores, orders and explains the causes of a set of symptoms for a person."""

    __slots__ = ("_rows", "_effects", "_explains", "_tests", "_lab_tests", "_symptoms", "_factors", "_flags", "_cache")

    def __init__(self, causes: CauseIndex, store: Store) -> None:
        symptoms = store.records(Symptom)
        links = {s.id: causes.causes_of(s.id) for s in symptoms}
        order: dict[Ref, int] = {}
        for s in symptoms:
            for link in links[s.id]:
                order.setdefault(link.relation.subject, len(order))
        up = _ancestors(symptoms)
        down: dict[str, set[str]] = {s.id: set() for s in symptoms}
        for sid, above in up.items():
            for b in above:
                down[b].add(sid)
        rows: list[Mapping[str, tuple[_Row, ...]]] = []
        for floor in range(len(BY_RANK)):
            kept_links = {sid: [lk for lk in group if lk.evidence.rank >= floor] for sid, group in links.items()}
            causes_of = {sid: {lk.relation.subject for sid2 in (sid, *down[sid]) for lk in kept_links[sid2]} for sid in links}
            total = len({ref for group in causes_of.values() for ref in group}) or 1
            ic = {sid: math.log(1 + total / len(group)) for sid, group in causes_of.items() if group}
            by_symptom: dict[str, tuple[_Row, ...]] = {}
            for s in symptoms:
                kept: dict[Ref, _Row] = {}
                # the asked symptom or a narrower one counts the asked symptom's specificity; a
                # broader one only its own (the more general of the two, as Resnik's similarity)
                for sid in (s.id, *sorted(down[s.id]), *sorted(up[s.id])):
                    for link in kept_links[sid]:  # strongest first: a cause's first link is its best
                        ref = link.relation.subject
                        weight = EVIDENCE_WEIGHTS[link.evidence] * ic[s.id if sid == s.id or sid in down[s.id] else sid]
                        if ref not in kept or kept[ref][2] < weight:
                            kept[ref] = (ref, link.evidence.rank, weight, link, order[ref])
                if kept:
                    by_symptom[s.id] = tuple(kept.values())
            rows.append(MappingProxyType(by_symptom))
        self._rows = tuple(rows)
        self._effects = MappingProxyType(_effects(store))
        explains: dict[Ref, set[str]] = {}
        for sid, group in rows[0].items():
            for ref, *_ in group:
                explains.setdefault(ref, set()).add(sid)
        self._explains = MappingProxyType({ref: frozenset(v) for ref, v in explains.items()})
        self._tests = MappingProxyType(_tests(store))
        self._lab_tests = store.by_id(LabTest)
        self._symptoms = store.by_id(Symptom)
        self._factors = store.by_id(Factor)
        self._flags = causes.red_flags
        self._cache: OrderedDict[tuple[Any, ...], CauseRanking] = OrderedDict()

    def rank(self, asked: Sequence[Symptom], floor: EvidenceGrade, context: Sequence[Factor], unresolved: tuple[str, ...],
             excluded: frozenset[Ref] = frozenset()) -> CauseRanking:
        """The ranking for ``asked`` (distinct symptoms, in the order asked) in ``context``,
        leaving out the ``excluded`` causes (states the person cannot be in)."""
        key = (tuple([s.id for s in asked]), floor, tuple([f.id for f in context]), unresolved, excluded)
        found = self._cache.get(key)
        if found is not None:
            return found
        best = self._score(asked, floor)
        for ref in excluded:
            best.pop(ref, None)
        self._add_context(best, context, floor)
        candidates = _candidates(best, tuple(asked))
        result: CauseRanking = _new_ranking(
            tuple(asked), candidates, self._flags([s.id for s in asked]), floor, DISCLAIMER, tuple(context), unresolved,
            self._next_questions, None,
        )
        with _lazy.lock():  # answers are immutable: a bounded cache of recent ones is safe
            self._cache[key] = result
            if len(self._cache) > _CACHE:
                self._cache.popitem(last=False)
        return result

    def _score(self, asked: Sequence[Symptom], floor: EvidenceGrade) -> dict[Ref, list[Any]]:
        """Each cause of an asked symptom: [score, top grade rank, mask of symptoms explained,
        links, data order, context links]; symptom ``i`` is bit ``i`` of the mask."""
        rows = self._rows[floor.rank]
        best: dict[Ref, list[Any]] = {}
        bit = 1
        for symptom in asked:
            for ref, rank, weight, link, position in rows.get(symptom.id, ()):
                state = best.get(ref)
                if state is None:
                    best[ref] = [weight, rank, bit, [link], position, None]
                else:
                    state[0] += weight
                    if rank > state[1]:
                        state[1] = rank
                    state[2] |= bit
                    state[3].append(link)
            bit <<= 1
        return best

    def _add_context(self, best: dict[Ref, list[Any]], context: Sequence[Factor], floor: EvidenceGrade) -> None:
        """Move the candidates' scores by what the person's circumstances do to them."""
        for factor in context:
            for ref, added, relation, acts_on in self._effects.get(factor.id, ()):
                state = best.get(ref)
                if state is None or relation is not None and relation.evidence.rank < floor.rank:
                    continue  # only causes of the symptoms are candidates; weak links below the floor do not count
                state[0] += added
                if state[5] is None:
                    state[5] = []
                state[5].append(_new_context(factor, relation, round(added, 6), acts_on))

    def _next_questions(self, ranking: CauseRanking) -> tuple[NextQuestion, ...]:
        """Symptoms and lab tests that best separate the leading candidates (expected information gain)."""
        top = ranking.candidates[:_TOP_FOR_QUESTIONS]
        if len(top) < 2:
            return ()
        low = min(c.score for c in top)
        weights = [c.score - low + 0.5 for c in top]  # the leading candidates, weighted by their lead
        total = sum(weights)
        p = [w / total for w in weights]
        entropy = -sum(x * math.log2(x) for x in p if x > 0)
        asked = {s.id for s in ranking.symptoms}
        options: dict[str, list[int]] = {}
        for i, c in enumerate(top):
            for sid in self._explains.get(c.ref, ()):
                if sid not in asked:
                    options.setdefault(sid, []).append(i)
        scored: list[tuple[float, str, Symptom | LabTest, list[int]]] = []
        for sid, members in options.items():
            scored.append((_gain(p, members, entropy), sid, self._symptoms[sid], members))
        tests: dict[str, list[int]] = {}
        for i, c in enumerate(top):
            for test in self._tests.get(c.ref, ()):
                tests.setdefault(test.id, []).append(i)  # one test may measure a deficiency and an excess
        for tid, members in tests.items():
            scored.append((_gain(p, members, entropy), tid, self._lab_tests[tid], members))
        scored.sort(key=lambda item: (-item[0], isinstance(item[2], Symptom), item[1]))  # a test before a symptom of equal gain
        chosen: list[tuple[float, str, Symptom | LabTest, list[int]]] = []
        seen: set[tuple[int, ...]] = set()
        for item in scored:
            if item[0] > 0 and tuple(item[3]) not in seen:  # a second question favouring the same candidates adds nothing
                seen.add(tuple(item[3]))
                chosen.append(item)
        out = chosen[:_QUESTIONS]
        if not any(isinstance(item[2], LabTest) for item in out):
            # a lab test settles what symptoms only suggest: offer the best one there is
            best_test = next((item for item in chosen if isinstance(item[2], LabTest)), None)
            if best_test is not None:
                out = [*out[: _QUESTIONS - 1], best_test]
        return tuple([self._question(top, *item) for item in out])

    @staticmethod
    def _question(top: Sequence[CauseCandidate], gain: float, ident: str, record: Symptom | LabTest, members: list[int]) -> NextQuestion:
        favours = tuple([top[i].ref for i in members])
        labels = _listed([in_sentence(top[i].label) for i in members])
        name = in_sentence(record.name)
        if isinstance(record, Symptom):
            question = f"Do you also have {name}? It would point to {labels}."
        else:
            question = f"{'An' if name[:1] in 'aeiou' else 'A'} {name} test would confirm or rule out {labels}."
        return _new_question(record, question, favours, round(gain, 4))


def _candidates(best: Mapping[Ref, list[Any]], asked: tuple[Symptom, ...]) -> tuple[CauseCandidate, ...]:
    """The scored causes as candidates, best first, each with the others it ties with."""
    # one rounding per candidate: equal scores (to the reported precision) are ties
    keyed = sorted((-round(state[0], 6), -state[2].bit_count(), -state[1], state[4], ref) for ref, state in best.items())
    ties: dict[float, list[Ref]] = {}
    for item in keyed:
        ties.setdefault(item[0], []).append(item[4])
    splits: dict[int, tuple[tuple[Symptom, ...], tuple[Symptom, ...]]] = {}
    candidates = []
    for negated, _, _, _, ref in keyed:
        _, top, mask, links, _, context_links = best[ref]
        split = splits.get(mask)
        if split is None:
            split = splits[mask] = _split(asked, mask)
        tied = ties[negated]
        candidates.append(_new_candidate(
            links[0].cause, -negated or 0.0, split[0], split[1], BY_RANK[top], tuple(links),
            tuple(context_links) if context_links else (), tuple([r for r in tied if r != ref]) if len(tied) > 1 else (),
        ))
    return tuple(candidates)


def _listed(items: Sequence[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def _gain(p: Sequence[float], members: Sequence[int], entropy: float) -> float:
    """Expected reduction of uncertainty over the candidates from learning whether the
    candidates in ``members`` (those a yes points to) are favoured."""
    yes = sum(p[i] for i in members)
    if yes <= 0 or yes >= 1:
        return 0.0
    inside = [p[i] / yes for i in members]
    outside = [p[i] / (1 - yes) for i in range(len(p)) if i not in members]
    h_yes = -sum(x * math.log2(x) for x in inside if x > 0)
    h_no = -sum(x * math.log2(x) for x in outside if x > 0)
    return entropy - (yes * h_yes + (1 - yes) * h_no)


_Effect = tuple[Ref, float, Relation | None, Nutrient | Factor | None]


def _effects(store: Store) -> dict[str, list[_Effect]]:
    """factor id -> (cause it makes more or less likely, what that adds, relation, the record the
    relation acts on): see the module docstring. A factor that both lowers and raises a level
    (each for some people) only counts for, never against."""
    nutrients, factors = store.by_id(Nutrient), store.by_id(Factor)
    out: dict[str, list[_Effect]] = {}
    for factor in store.table(Factor):
        out.setdefault(factor.id, []).append((Ref(f"factor:{factor.id}"), CONTEXT_WEIGHT, None, None))
    for rel in store.table(Relation):
        if rel.subject.kind is not RefKind.FACTOR:
            continue
        target, weight = rel.object, CONTEXT_WEIGHT * EVIDENCE_WEIGHTS[rel.evidence]
        if rel.predicate in (Predicate.LOWERS, Predicate.RAISES):
            more, less = ("deficiency", "excess") if rel.predicate is Predicate.LOWERS else ("excess", "deficiency")
            effects = [(Ref(f"{more}:{target.id}"), weight), (Ref(f"{less}:{target.id}"), -weight)]
        elif rel.predicate in (Predicate.CAUSES, Predicate.RAISES_RISK_OF) and target.kind in (RefKind.DEFICIENCY, RefKind.EXCESS, RefKind.FACTOR):
            effects = [(target, weight)]
        else:
            continue
        acts_on = factors.get(target.id) if target.kind is RefKind.FACTOR else nutrients.get(target.id)
        out.setdefault(rel.subject.id, []).extend((ref, added, rel, acts_on) for ref, added in effects)
    for factor_id, found in out.items():
        favoured = {e[0] for e in found if e[1] > 0}
        out[factor_id] = [e for e in found if e[1] > 0 or e[0] not in favoured]
    return out


def _ancestors(symptoms: Sequence[Symptom]) -> dict[str, frozenset[str]]:
    """symptom id -> every broader symptom, transitively (the data lists the HPO ancestors among
    its symptoms, but a chain is followed in case a list is partial)."""
    by_id = {s.id: s for s in symptoms}
    out: dict[str, frozenset[str]] = {}
    for s in symptoms:
        seen: set[str] = set()
        todo = list(s.broader)
        while todo:
            b = todo.pop()
            if b not in seen and b != s.id and b in by_id:
                seen.add(b)
                todo.extend(by_id[b].broader)
        out[s.id] = frozenset(seen)
    return out


def _tests(store: Store) -> dict[Ref, list[LabTest]]:
    """deficiency or excess -> the lab tests that assess it (``assessed by`` the deficiency; a test
    that shows a level too low shows it too high as well)."""
    tests = store.by_id(LabTest)
    out: dict[Ref, list[LabTest]] = {}
    for rel in store.table(Relation):
        if rel.predicate is Predicate.ASSESSED_BY and rel.object.id in tests:
            test = tests[rel.object.id]
            for ref in (rel.subject, Ref(f"excess:{rel.subject.id}") if rel.subject.kind is RefKind.DEFICIENCY else None):
                if ref is not None and test not in out.setdefault(ref, []):
                    out[ref].append(test)
    return out


def _split(asked: tuple[Symptom, ...], mask: int) -> tuple[tuple[Symptom, ...], tuple[Symptom, ...]]:
    """The symptoms a cause explains (bits set in ``mask``) and those it does not, in asked order."""
    matched = tuple([s for i, s in enumerate(asked) if mask >> i & 1])
    return matched, tuple([s for i, s in enumerate(asked) if not mask >> i & 1])


# ---------------------------------------------------------------------------- query


def rank_causes(
    kb: KnowledgeBase,
    symptoms: Iterable[str | Symptom] | str | Symptom,
    *,
    context: Iterable[str | Factor] | str | Factor = (),
    age: float | None = None,
    sex: str | None = None,
    pregnant: bool = False,
    min_evidence: EvidenceGrade | str = EvidenceGrade.LIMITED,
) -> CauseRanking:
    """Rank the possible causes of a person's symptoms in their circumstances, and explain each.

    Args:
        symptoms: Symptoms as records, ids, names, aliases -- or phrases and free text ("my
            legs cramp at night and my feet tingle"), read with ``find_terms``; medicines and
            conditions found in the text join the context, and what the text denies is left out.
        context: Medicines (generic or brand), conditions, diets, behaviours and situations, as
            records, names or phrases ("on dialysis", "eats no dairy", "takes lithium").
        age: In years; 65 or more adds the *older age* factor. Without it, an age stated in the
            words ("I'm 70", "a 67-year-old") is used.
        sex: ``"male"`` or ``"female"`` (checked; the data's sex-specific risks come through
            conditions such as pregnancy).
        pregnant: Adds the *pregnancy* factor.
        min_evidence: The weakest grade of link that counts.

    Returns:
        The candidates, best first, each with its score, the symptoms it explains (and how
        strongly), the context that raised or lowered it (each chain with its grades), what it
        does not explain and the candidates it ties with; the red flags, the disclaimer, the
        phrases that matched nothing (``unresolved``, for the app to show), and
        ``next_questions``: what to ask or test next. See docs/ranking.md for the score.

    Raises:
        ValueError: no symptom was recognised, more than 10,000 items, a bad age or sex, or an
            unknown grade.
        TypeError: an argument of the wrong type.
    """
    floor = EvidenceGrade.parse(min_evidence)
    unresolved: list[str] = []
    asked, found_context = _symptoms(kb, symptoms, unresolved)
    factors = _context(kb, context, unresolved)
    if age is None:  # an age the person states in their words ("I'm 70") counts as if given
        age = next((a for item in (*_items(symptoms, "symptoms"), *_items(context, "context items"))
                    if isinstance(item, str) and (a := terms.age_in(item)) is not None), None)
    for factor in found_context:
        if factor not in factors:
            factors.append(factor)
    excluded = _person(kb, age, sex, pregnant, factors)
    if not asked:
        said = f" ({', '.join(repr(u) for u in unresolved[:5])} matched no symptom)" if unresolved else ""
        raise ValueError(f"rank_causes needs at least one symptom it knows{said}")
    return kb._ranker.rank(asked, floor, factors, tuple(dict.fromkeys(unresolved)), excluded)


def _items(value: object, what: str) -> list[Any]:
    if isinstance(value, (str, Symptom, Factor)):
        return [value]
    if not isinstance(value, Iterable):
        raise TypeError(f"{what} must be a name, a record, or a list of them, not {type(value).__name__}")
    items = []
    for count, item in enumerate(value):
        if count >= MAX_SYMPTOMS:
            raise ValueError(f"too many {what}: the limit is {MAX_SYMPTOMS:,}")
        items.append(item)
    return items


def _symptoms(kb: KnowledgeBase, symptoms: object, unresolved: list[str]) -> tuple[list[Symptom], list[Factor]]:
    """The symptoms named or described (distinct, in order), and the factors the text mentions."""
    index = kb._names[Symptom]
    asked: dict[str, Symptom] = {}
    factors: list[Factor] = []
    for item in _items(symptoms, "symptoms"):
        found = index.get(item)
        if found is not None:
            asked.setdefault(found.id, found)  # compare ids: record equality compares every field
            continue
        if not isinstance(item, str):
            index.lookup(item)  # raises the TypeError or UnknownNameError it should
        terms = kb.find_terms(item[:10_000])
        named = [t for t in terms if not t.negated and t.kind == "symptom"]
        for term in named:
            asked.setdefault(term.record.id, term.record)  # type: ignore[arg-type]
        factors += [t.record for t in terms if not t.negated and t.kind == "factor"]  # type: ignore[misc]
        if not named:
            unresolved.append(item)
    return list(asked.values()), factors


def _context(kb: KnowledgeBase, context: object, unresolved: list[str]) -> list[Factor]:
    index = kb._names[Factor]
    out: list[Factor] = []
    for item in _items(context, "context items"):
        found = index.get(item)
        if found is None and isinstance(item, str):
            terms = [t for t in kb.find_terms(item[:10_000]) if t.kind == "factor" and not t.negated]
            if not terms:
                unresolved.append(item)
            for term in terms:
                if term.record not in out:
                    out.append(term.record)  # type: ignore[arg-type]
            continue
        if found is None:
            index.lookup(item)  # raises the TypeError it should
        elif found not in out:
            out.append(found)
    return out


def _person(kb: KnowledgeBase, age: object, sex: object, pregnant: object, factors: list[Factor]) -> frozenset[Ref]:
    """Add the factors age and pregnancy imply (their risks are data, like any other context);
    return the states the person cannot be in: pregnancy for a man or from 65, older age below 65."""
    male = sex is not None and _parse_sex(sex) is Sex.MALE
    years = None if age is None else _args.real(age, "age (in years)", minimum=0, maximum=130)
    is_pregnant = _args.boolean(pregnant, "pregnant")
    if is_pregnant and (male or years is not None and years >= OLDER_AGE):
        raise ValueError("pregnant does not go with a male sex or an age of 65 or more")
    implied, excluded = [], set()
    if years is not None:
        if years >= OLDER_AGE:
            implied.append("older-age")
        else:
            excluded.add(Ref("factor:older-age"))
    if is_pregnant:
        implied.append("pregnancy")
    elif male or years is not None and years >= OLDER_AGE:
        excluded.add(Ref("factor:pregnancy"))
    by_id = kb._store.by_id(Factor)
    for ident in implied:
        factor = by_id.get(ident)
        if factor is not None and factor not in factors:
            factors.append(factor)
    return frozenset(excluded)


def _parse_sex(sex: object) -> Sex:
    parsed = Sex.parse(sex)  # type: ignore[arg-type]
    if parsed is Sex.ANY:
        raise ValueError("sex must be 'male' or 'female'")
    return parsed
