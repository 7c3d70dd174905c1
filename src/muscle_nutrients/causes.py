"""Causes, symptoms, advice and red flags: what brings a symptom about, and what to do.

Queries (through [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase]):
``symptoms_of`` (a deficiency's or an excess's symptoms), ``causes_of`` (a symptom's causes),
``advice_for`` (steps for a symptom), ``advice_for_deficiency`` (steps for a deficiency), ``cautions_for`` (what not to do), ``red_flags``.

Indexes, built together on first use from the relations: symptom links per deficiency and excess state, cause
links per symptom, step links and caution links per symptom (each strongest evidence first,
then by name), and red flags per symptom plus the general ones. A caution is never listed
as a step: steps are prevention and relief advice, cautions come from ``cautions about``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol, TypeVar

from . import _args
from ._lazy import Sealed
from ._store import Store
from .evidence import EvidenceGrade
from .model import Nutrient, Predicate, RedFlag, Relation, RefKind, Symptom
from .names import normalize
from .results import AdviceLink, CauseLink, CautionLink, SymptomLink

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = [
    "CAUSAL",
    "CauseIndex",
    "advice_for",
    "advice_for_deficiency",
    "causes_of",
    "cautions_for",
    "grouped_strongest_first",
    "red_flags",
    "strongest_first",
    "symptoms_of",
]

#: Predicates that make a subject a cause of a symptom.
CAUSAL = frozenset({Predicate.CAUSES, Predicate.RAISES_RISK_OF})

_STEPS = (Predicate.PREVENTS, Predicate.RELIEVES)

# The nutrient states whose symptoms ``symptoms_of`` lists, by the words a caller may use.
_STATES = {"deficiency": RefKind.DEFICIENCY, "excess": RefKind.EXCESS}


class _Graded(Protocol):
    @property
    def evidence(self) -> EvidenceGrade: ...


L = TypeVar("L", bound=_Graded)


def strongest_first(links: Iterable[L], name: Callable[[L], str]) -> tuple[L, ...]:
    """Links sorted by evidence (strongest first), then by name, so the order is stable."""
    return tuple(sorted(links, key=lambda link: (-link.evidence.rank, normalize(name(link)))))


def grouped_strongest_first(groups: Mapping[str, list[L]], name: Callable[[L], str]) -> Mapping[str, tuple[L, ...]]:
    """Each group of links sorted strongest first (see strongest_first), frozen."""
    return MappingProxyType({key: strongest_first(links, name) for key, links in groups.items()})


class CauseIndex(Sealed):
    """Links from causes to symptoms and from steps to symptoms, both ways, and the red flags."""

    __slots__ = (
        "_symptom_links", "_cause_links", "_advice_links", "_caution_links", "_flags_by_symptom", "_general_flags", "_all_flags"
    )

    def __init__(self, store: Store) -> None:
        symptom_links: dict[str, list[SymptomLink]] = {}
        cause_links: dict[str, list[CauseLink]] = {}
        advice_links: dict[str, list[AdviceLink]] = {}
        caution_links: dict[str, list[CautionLink]] = {}
        for rel in store.table(Relation):
            if rel.object.kind is RefKind.DEFICIENCY and rel.subject.kind is RefKind.ADVICE and rel.predicate in _STEPS:
                # keyed by the reference ("deficiency:copper"): symptom ids never hold a colon
                advice_links.setdefault(str(rel.object), []).append(
                    AdviceLink(advice=store.resolve(rel.subject), relation=rel, sources=store.cited(rel.sources))
                )
                continue
            if rel.object.kind is not RefKind.SYMPTOM:
                continue
            cited = store.cited(rel.sources)
            subject, symptom = store.resolve(rel.subject), store.resolve(rel.object)
            if rel.predicate in CAUSAL:
                cause_links.setdefault(symptom.id, []).append(
                    CauseLink(cause=subject, symptom=symptom, relation=rel, sources=cited)
                )
                if rel.subject.kind in _STATES:
                    symptom_links.setdefault(str(rel.subject), []).append(SymptomLink(symptom=symptom, relation=rel, sources=cited))
            elif rel.predicate in _STEPS and rel.subject.kind is RefKind.ADVICE:
                advice_links.setdefault(symptom.id, []).append(AdviceLink(advice=subject, relation=rel, sources=cited))
            elif rel.predicate is Predicate.CAUTIONS_ABOUT:
                caution_links.setdefault(symptom.id, []).append(CautionLink(advice=subject, relation=rel, sources=cited))
        self._symptom_links = grouped_strongest_first(symptom_links, lambda link: link.symptom.name)
        self._cause_links = grouped_strongest_first(cause_links, lambda link: link.label)
        self._advice_links = grouped_strongest_first(advice_links, lambda link: link.advice.name)
        self._caution_links = grouped_strongest_first(caution_links, lambda link: link.advice.name)
        flags = store.records(RedFlag)
        by_symptom: dict[str, list[RedFlag]] = {}
        for flag in flags:
            for sid in flag.symptoms:
                by_symptom.setdefault(sid, []).append(flag)
        self._all_flags = flags
        self._general_flags = tuple(flag for flag in flags if not flag.symptoms)
        self._flags_by_symptom: Mapping[str, tuple[RedFlag, ...]] = MappingProxyType(
            {key: tuple(value) for key, value in by_symptom.items()}
        )

    def symptoms_of(self, nutrient_id: str, state: RefKind) -> tuple[SymptomLink, ...]:
        """Symptoms of the nutrient's deficiency or excess."""
        return self._symptom_links.get(f"{state.value}:{nutrient_id}", ())

    def causes_of(self, symptom_id: str) -> tuple[CauseLink, ...]:
        """Deficiencies, excesses and factors that cause or raise the risk of the symptom."""
        return self._cause_links.get(symptom_id, ())

    def advice_for(self, key: str, floor: EvidenceGrade) -> tuple[AdviceLink, ...]:
        """Steps that prevent or relieve a symptom (its id) or a deficiency (``"deficiency:<id>"``),
        at least as well supported as ``floor``."""
        return tuple([link for link in self._advice_links.get(key, ()) if link.evidence >= floor])

    def cautions_for(self, symptom_id: str) -> tuple[CautionLink, ...]:
        """Cautions about the symptom."""
        return self._caution_links.get(symptom_id, ())

    def red_flags(self, symptom_ids: Sequence[str] | None = None) -> tuple[RedFlag, ...]:
        """Every red flag, or the general ones plus those of the given symptoms (each once)."""
        if symptom_ids is None:
            return self._all_flags
        flags = {flag.id: flag for flag in self._general_flags}
        for sid in symptom_ids:
            for flag in self._flags_by_symptom.get(sid, ()):
                flags.setdefault(flag.id, flag)
        return tuple(flags.values())


# ---------------------------------------------------------------------------- queries


def symptoms_of(kb: KnowledgeBase, nutrient: str | Nutrient, *, state: str = "deficiency") -> tuple[SymptomLink, ...]:
    """Symptoms that the nutrient's deficiency (or excess) causes or makes more likely, strongest evidence first.

    Args:
        nutrient: A [Nutrient][muscle_nutrients.model.Nutrient], or its id, name, alias or symbol.
        state: ``"deficiency"`` (the default) or ``"excess"``: too little or too much.

    Raises:
        UnknownNameError: no nutrient has that name; suggests the closest ones.
        ValueError: ``state`` is neither ``"deficiency"`` nor ``"excess"``.
    """
    kind = _STATES.get(state) if type(state) is str else None  # the usual spellings skip the general parser
    if kind is None:
        kind = _args.choice(state, "state", _STATES)
    return kb._causes.symptoms_of(kb._names[Nutrient].lookup(nutrient).id, kind)


def causes_of(kb: KnowledgeBase, symptom: str | Symptom) -> tuple[CauseLink, ...]:
    """Nutrient deficiencies (or excesses) and factors that cause or raise the risk of a symptom, strongest first.

    Only direct relations are returned: a factor that depletes a nutrient whose deficiency
    causes the symptom is not listed unless a relation says so.

    Args:
        symptom: A [Symptom][muscle_nutrients.model.Symptom], or its id, name or alias.
    """
    return kb._causes.causes_of(kb._names[Symptom].lookup(symptom).id)


def advice_for(
    kb: KnowledgeBase, symptom: str | Symptom, *, min_evidence: EvidenceGrade | str = EvidenceGrade.LIMITED
) -> tuple[AdviceLink, ...]:
    """Steps that prevent or relieve a symptom, strongest evidence first.

    Each link says how well the step works (``evidence``) and, separately, whether sources
    advise it (``recommendation``). Cautions are never steps: see ``cautions_for``. Steps
    whose evidence is weaker than ``min_evidence`` are left out; pass
    ``min_evidence="contradicted"`` to see the unsupported and contradicted ones too (so that
    an app can say that they do not work).
    """
    floor = EvidenceGrade.parse(min_evidence)
    return kb._causes.advice_for(kb._names[Symptom].lookup(symptom).id, floor)


def advice_for_deficiency(
    kb: KnowledgeBase, nutrient: str | Nutrient, *, min_evidence: EvidenceGrade | str = EvidenceGrade.LIMITED
) -> tuple[AdviceLink, ...]:
    """Steps that prevent or relieve a nutrient's deficiency (copper replacement, slow refeeding),
    strongest evidence first; as ``advice_for``, each link grades how well the step works apart
    from whether sources advise it, and the treatments are a clinician's to decide.

    Args:
        nutrient: A [Nutrient][muscle_nutrients.model.Nutrient], or its id, name, alias or symbol.
        min_evidence: Steps less well supported are left out.
    """
    floor = EvidenceGrade.parse(min_evidence)
    return kb._causes.advice_for(f"deficiency:{kb._names[Nutrient].lookup(nutrient).id}", floor)


def cautions_for(kb: KnowledgeBase, symptom: str | Symptom) -> tuple[CautionLink, ...]:
    """What not to do about a symptom (self-treating cramps with quinine, say), with what each
    caution warns against and the grade of the evidence that the hazard is real."""
    return kb._causes.cautions_for(kb._names[Symptom].lookup(symptom).id)


def red_flags(kb: KnowledgeBase, symptom: str | Symptom | None = None) -> tuple[RedFlag, ...]:
    """Every red flag, or those that apply to one symptom (including the general ones)."""
    if symptom is None:
        return kb._causes.red_flags()
    return kb._causes.red_flags([kb._names[Symptom].lookup(symptom).id])
