"""Answers for assistants: each question's result with every statement's evidence grade, its
sources with their canonical addresses, the data version, the red flags that apply and the
not-a-diagnosis statement -- as structured data and as readable text that say the same.

The MCP server (``muscle_nutrients.mcp_server``) serves these; they need nothing but the
library, so any other integration (a chat bot, an HTTP endpoint) can use them too::

    from muscle_nutrients import answers, load
    answer = answers.rank_causes(load(), "my legs cramp at night", context=["lasix"])
    answer.text        # Markdown a person can read, with numbered references
    answer.data        # the same, as JSON-ready data

Claims graded *unsupported* or *contradicted* are labelled so in the text and kept apart from
steps in the data (``not_supported``), never shown as advice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._jsonable import to_data
from ._version import DATA_VERSION, __version__
from .evidence import EvidenceGrade
from .model import Citation, RedFlag, Source, Symptom
from .results import DISCLAIMER, in_sentence

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = [
    "GRADE_MEANINGS", "Answer", "advice", "affecting", "assess_diet", "causes_of", "effects_of", "foods_rich_in",
    "intake", "interpret_lab", "nutrient", "nutrients_in", "rank_causes", "red_flags", "search_foods", "source",
    "symptoms_of",
]

#: What each grade means, in a sentence (the rubric is docs/evidence.md).
GRADE_MEANINGS: Mapping[str, str] = {
    "established": "settled: consistent reference texts, guidelines or high-certainty reviews",
    "probable": "good evidence with some uncertainty left",
    "limited": "plausible but unproven: small, inconsistent or indirect studies",
    "unsupported": "no adequate evidence found: not a basis for advice",
    "contradicted": "the evidence says it does not hold",
}
_WEAK = frozenset({EvidenceGrade.UNSUPPORTED, EvidenceGrade.CONTRADICTED})


@attrs.frozen
class Answer:
    """One answer: ``data`` (JSON-ready, for ``structuredContent``) and ``text`` (Markdown)."""

    data: dict[str, Any]
    text: str


class _Writer:
    """Collects the lines of an answer and numbers its sources in the order they are cited."""

    def __init__(self, kb: KnowledgeBase, title: str) -> None:
        self.kb = kb
        self.lines = [f"## {title}", ""]
        self.order: dict[str, int] = {}

    def cite(self, citations: Iterable[Citation | Source | str]) -> str:
        marks = []
        for c in citations:
            sid = c.source if isinstance(c, Citation) else c.id if isinstance(c, Source) else c
            number = self.order.setdefault(sid, len(self.order) + 1)
            marks.append(f"[{number}]")
        return "".join(dict.fromkeys(marks))

    def line(self, text: str = "") -> None:
        self.lines.append(text)

    def statement(self, grade: EvidenceGrade, text: str, citations: Iterable[Citation | Source | str] = ()) -> None:
        self.lines.append(f"- {tag(grade)} {text} {self.cite(citations)}".rstrip())

    def finish(self, data: dict[str, Any], *, flags: Sequence[RedFlag] | None = None, disclaimer: bool = False) -> Answer:
        """The answer: red flags and disclaimer (when they apply), references, data version."""
        if flags:
            self.line()
            self.line("**See a doctor** (red flags):")
            for flag in flags:
                self.line(f"- {'URGENT: ' if flag.urgent else ''}{flag.text} {self.cite(flag.sources)}".rstrip())
            data["red_flags"] = to_data(flags)
        if disclaimer:
            self.line()
            self.line(f"_{DISCLAIMER}_")
            data["disclaimer"] = DISCLAIMER
        sources = [self.kb.source(sid) for sid in self.order]
        if sources:
            self.line()
            self.line("**Sources**")
            for number, source in enumerate(sources, 1):
                self.line(f"[{number}] {reference(source)}")
        self.line()
        self.line(f"muscle-nutrients {__version__}, data {DATA_VERSION}. Grades: "
                  + "; ".join(f"{g}: {m}" for g, m in GRADE_MEANINGS.items()) + ".")
        data["sources"] = [_source_data(s) for s in sources]
        data["data_version"] = DATA_VERSION
        return Answer(data=data, text="\n".join(self.lines))


def tag(grade: EvidenceGrade) -> str:
    """How a statement's grade reads in text; the two weakest say plainly what they mean."""
    if grade is EvidenceGrade.UNSUPPORTED:
        return "[UNSUPPORTED: no adequate evidence; not advice]"
    if grade is EvidenceGrade.CONTRADICTED:
        return "[CONTRADICTED: the evidence says this does not hold]"
    return f"[{grade.value}]"


def reference(source: Source) -> str:
    """A source as a reference line: who, when, what, and the work's own address (or the copy read)."""
    shown = source.authors and not source.authors.startswith("not shown")
    who = f"{source.authors.rstrip('.')}. " if shown and source.authors else ""
    when = f" ({source.year})" if source.year else ""
    ids = ", ".join(i for i in (f"PMID {source.pmid}" if source.pmid else "", f"doi:{source.doi}" if source.doi else "") if i)
    where = f" <{source.url}>" if source.url else ""
    copy = f" (read in a copy: {source.read_at})" if source.read_at else ""
    return f"{who}{source.title}{when}. {source.publisher}.{' ' + ids + '.' if ids else ''}{where}{copy}".strip()


def _source_data(source: Source) -> dict[str, Any]:
    fields = ("id", "title", "authors", "year", "publisher", "kind", "url", "read_at", "pmid", "doi")
    return {f: to_data(getattr(source, f)) for f in fields if getattr(source, f) is not None}


def _flags_for(kb: KnowledgeBase, symptoms: Iterable[Symptom]) -> tuple[RedFlag, ...]:
    flags: dict[str, RedFlag] = {}
    for symptom in symptoms:
        for flag in kb.red_flags(symptom):
            flags.setdefault(flag.id, flag)
    return tuple(flags.values())


def _who(population: str | None) -> str:
    return f" (in {population})" if population else ""


# ---------------------------------------------------------------------------- the questions


def nutrient(kb: KnowledgeBase, name: str) -> Answer:
    """What a nutrient does for muscles and nerves, what too much does, its Daily Value."""
    n = kb.nutrient(name)
    w = _Writer(kb, f"{n.name}")
    if n.summary:
        w.line(n.summary)
        w.line()
    w.line(f"Deficiency: {n.deficiency}. Unit: {n.unit.value}." + (f" Also called: {', '.join(n.aliases)}." if n.aliases else ""))
    if n.daily_value:
        w.line(f"FDA Daily Value: {n.daily_value} {w.cite(n.daily_value_sources)}")
    w.line()
    w.line("What it does:")
    for st in n.roles:
        w.statement(st.evidence, st.text, st.sources)
    if n.excess:
        w.line()
        w.line("Too much:")
        for st in n.excess:
            w.statement(st.evidence, st.text, st.sources)
    return w.finish({"nutrient": to_data(n)})


def symptoms_of(kb: KnowledgeBase, nutrient: str, state: str = "deficiency") -> Answer:
    """Symptoms of a nutrient's deficiency (or excess), strongest evidence first."""
    n = kb.nutrient(nutrient)
    links = kb.symptoms_of(n, state=state)
    what = f"too much {n.name.lower()}" if state == "excess" else in_sentence(n.deficiency)
    w = _Writer(kb, f"Symptoms of {what}")
    if not links:
        w.line("The knowledge base links no symptom to it.")
    for link in links:
        w.statement(link.evidence, f"{link.symptom.name} ({link.symptom.hpo_id}){_who(link.relation.population)}", link.relation.sources)
    flags = _flags_for(kb, [link.symptom for link in links])
    return w.finish({"nutrient": to_data(n, summarise=True), "state": state, "symptoms": to_data(links)}, flags=flags, disclaimer=True)


def causes_of(kb: KnowledgeBase, symptom: str) -> Answer:
    """The deficiencies, excesses and factors that cause or raise the risk of one symptom."""
    s = kb.symptom(symptom)
    links = kb.causes_of(s)
    w = _Writer(kb, f"What causes or raises the risk of {in_sentence(s.name)}")
    for link in links:
        w.statement(link.evidence, f"{link.label} {link.relation.predicate.value} it{_who(link.relation.population)}", link.relation.sources)
    return w.finish({"symptom": to_data(s, summarise=True), "causes": to_data(links)}, flags=kb.red_flags(s), disclaimer=True)


def rank_causes(kb: KnowledgeBase, symptoms: str | Sequence[str], *, context: Sequence[str] = (), age: float | None = None,
                sex: str | None = None, pregnant: bool = False, limit: int = 5) -> Answer:
    """Possible causes of symptoms in a person's words and circumstances, ranked and explained."""
    ranking = kb.rank_causes(symptoms, context=context, age=age, sex=sex, pregnant=pregnant)
    shown = ranking.candidates[:limit]
    w = _Writer(kb, "Possible causes, best match first (not a diagnosis)")
    w.line("Understood: " + ", ".join(s.name for s in ranking.symptoms)
           + (f"; circumstances: {', '.join(f.name for f in ranking.context)}" if ranking.context else "") + ".")
    if ranking.unresolved:
        w.line("Not understood (ask the person to say it another way): " + "; ".join(repr(u) for u in ranking.unresolved) + ".")
    w.line()
    for i, c in enumerate(shown, 1):
        tie = f" (tied with {len(c.tied_with)} other{'s' if len(c.tied_with) > 1 else ''})" if c.tied_with else ""
        w.line(f"{i}. **{c.label}** — score {c.score:.2f}{tie}, best evidence {c.evidence.value}")
        for link in c.links:
            w.line(f"   - {tag(link.evidence)} explains {in_sentence(link.symptom.name)} {w.cite(link.relation.sources)}".rstrip())
        for ctx in c.context:
            cites = w.cite(ctx.relation.sources) if ctx.relation is not None else ""
            w.line(f"   - {'raised' if ctx.raises else 'lowered'} by: {ctx.chain} {cites}".rstrip())
        if c.unmatched:
            w.line(f"   - does not explain: {', '.join(in_sentence(s.name) for s in c.unmatched)}")
    if ranking.next_questions:
        w.line()
        w.line("What would tell them apart:")
        for q in ranking.next_questions:
            w.line(f"- {q.question}")
    data = ranking.to_dict()
    data["candidates"] = data["candidates"][:limit]
    data["candidates_total"] = len(ranking.candidates)
    data.pop("red_flags", None)
    data.pop("disclaimer", None)
    return w.finish(data, flags=ranking.red_flags, disclaimer=True)


def red_flags(kb: KnowledgeBase, symptoms: Sequence[str] = ()) -> Answer:
    """When to see a doctor: the general red flags and those of the given symptoms."""
    found = [kb.symptom(s) for s in symptoms]
    flags = _flags_for(kb, found) if found else tuple(f for f in kb.red_flags() if not f.symptoms)
    w = _Writer(kb, "When to see a doctor" + (f" about {', '.join(in_sentence(s.name) for s in found)}" if found else ""))
    for flag in flags:
        w.statement(flag.evidence, ("URGENT: " if flag.urgent else "") + flag.text, flag.sources)
    data: dict[str, Any] = {"symptoms": to_data(found, summarise=True), "red_flags": to_data(flags)}
    return w.finish(data, disclaimer=True)


def advice(kb: KnowledgeBase, topic: str) -> Answer:
    """Steps that prevent or relieve a symptom or a deficiency, apart from claims that do not hold,
    and the cautions."""
    symptom = kb.get_symptom(topic)
    if symptom is not None:
        links = kb.advice_for(symptom, min_evidence=EvidenceGrade.CONTRADICTED)
        cautions = kb.cautions_for(symptom)
        subject: dict[str, Any] = {"symptom": to_data(symptom, summarise=True)}
        title, flags = in_sentence(symptom.name), kb.red_flags(symptom)
    else:
        n = kb.nutrient(topic)  # neither: the error suggests nutrients (and says what was asked)
        links = kb.advice_for_deficiency(n, min_evidence=EvidenceGrade.CONTRADICTED)
        cautions = ()
        subject, title, flags = {"nutrient": to_data(n, summarise=True)}, in_sentence(n.deficiency), ()
    steps = [link for link in links if link.evidence not in _WEAK]
    refuted = [link for link in links if link.evidence in _WEAK]
    w = _Writer(kb, f"Steps for {title}")
    w.line("'Works' grades the evidence that a step helps; whether sources advise it is a separate question.")
    for link in steps:
        advised = f"; advised: {link.recommendation.value}" if link.recommendation else ""
        w.statement(link.evidence, f"{link.advice.name} {link.relation.predicate.value} it{_who(link.relation.population)}{advised}", link.relation.sources)
    if refuted:
        w.line()
        w.line("Claims that do not hold up (not advice):")
        for link in refuted:
            w.statement(link.evidence, f"{link.advice.name} {link.relation.predicate.value} it{_who(link.relation.population)}", link.relation.sources)
    if cautions:
        w.line()
        w.line("Cautions:")
        for c in cautions:
            w.statement(c.evidence, c.advice.text, c.relation.sources)
    data = {**subject, "steps": to_data(steps), "not_supported": to_data(refuted), "cautions": to_data(cautions)}
    return w.finish(data, flags=flags, disclaimer=True)


def foods_rich_in(kb: KnowledgeBase, nutrient: str, *, per: str = "serving", among: str = "common", limit: int = 10) -> Answer:
    """The foods with most of a nutrient (USDA SR26), per serving or per 100 g."""
    n = kb.nutrient(nutrient)
    rows = kb.foods_rich_in(n, per=per, among=among, limit=limit)
    w = _Writer(kb, f"Foods richest in {n.name.lower()} per {per} ({among} foods)")
    for row in rows:
        serving = f"{row.serving.label}, {row.serving.grams:g} g" if row.serving else "100 g"
        dv = f", {row.percent_daily_value:.0f}% of the Daily Value" if row.percent_daily_value is not None else ""
        w.line(f"- {row.food.name} ({serving}): {row.amount}{dv} — USDA NDB {row.food.ndb_number} {w.cite(row.food.sources)}")
    return w.finish({"nutrient": to_data(n, summarise=True), "per": per, "among": among, "foods": to_data(rows)})


def nutrients_in(kb: KnowledgeBase, food: str, *, portion: str | None = None) -> Answer:
    """The nutrients in a food, for a portion ("2 medium", "150 g") or its first serving."""
    rows = kb.nutrients_in(food, portion=portion)
    f = rows[0].food if rows else kb.food(food)
    amount = f"{rows[0].serving.label}, {rows[0].serving.grams:g} g" if rows and rows[0].serving else "100 g"
    w = _Writer(kb, f"Nutrients in {f.name} ({amount})")
    for row in rows:
        if row.amount is None:
            w.line(f"- {row.nutrient.name}: not reported by USDA (unknown, not zero)")
            continue
        dv = f" ({row.percent_daily_value:.0f}% of the Daily Value)" if row.percent_daily_value is not None else ""
        w.line(f"- {row.nutrient.name}: {row.amount}{dv}")
    w.line(f"USDA SR26 NDB {f.ndb_number}: {f.usda_description} {w.cite(f.sources)}")
    return w.finish({"food": to_data(f, summarise=True), "portion": portion, "nutrients": to_data(rows)})


def search_foods(kb: KnowledgeBase, text: str, *, limit: int = 10) -> Answer:
    """Foods of the USDA table for what a person types."""
    hits = kb.search_foods(text, limit=limit)
    w = _Writer(kb, f"Foods matching {text!r}")
    if not hits:
        w.line("No food matches; try fewer or other words.")
    for hit in hits:
        w.line(f"- {hit.food.name} — id `{hit.food.id}`, NDB {hit.food.ndb_number}, {hit.food.food_group.value} (match {hit.score:.2f})")
    return w.finish({"query": text, "foods": [{"food": to_data(h.food, summarise=True), "score": h.score} for h in hits]})


def intake(kb: KnowledgeBase, nutrient: str, *, age: float, sex: str, pregnant: bool = False, lactating: bool = False) -> Answer:
    """The daily intake target (RDA or AI) and upper limit for one person."""
    target = kb.intake(nutrient, age=age, sex=sex, pregnant=pregnant, lactating=lactating)
    w = _Writer(kb, f"{target.nutrient.name} for {target.life_stage.label}")
    w.line(f"- {target.kind.value}: {target.amount} a day {w.cite(target.sources)}")
    limit = target.upper_limit
    if limit is not None:
        w.line(f"- Tolerable upper intake level: {limit.amount} a day ({limit.scope.value}) {w.cite(limit.sources)}")
    else:
        w.line("- No upper limit was set for this group.")
    if target.chronic_disease_risk_reduction is not None:
        w.line(f"- Chronic disease risk reduction intake: keep below {target.chronic_disease_risk_reduction} a day")
    if target.note:
        w.line(f"Note: {target.note}")
    return w.finish({"intake": target.to_dict()})


def assess_diet(kb: KnowledgeBase, foods: Sequence[tuple[str, str | None]], *, age: float, sex: str,
                pregnant: bool = False, lactating: bool = False) -> Answer:
    """A day's foods against one person's targets, nutrient by nutrient."""
    result = kb.assess_diet(list(foods), age=age, sex=sex, pregnant=pregnant, lactating=lactating)
    w = _Writer(kb, "A day's intake against the targets")
    for row in result.rows:
        note = " (lower bound: a food does not report it)" if not row.complete else ""
        flags = []
        if row.exceeds_upper_limit:
            flags.append("ABOVE the upper limit")
        if row.exceeds_chronic_disease_risk_reduction:
            flags.append("above the chronic disease risk reduction intake")
        w.line(f"- {row.nutrient.name}: {row.total} = {row.percent_of_target:.0f}% of the {row.target.kind.value} "
               f"{w.cite(row.target.sources)}{note}{'; ' + ', '.join(flags) if flags else ''}")
    data = result.to_dict()
    data.pop("disclaimer", None)
    return w.finish(data, disclaimer=True)


def interpret_lab(kb: KnowledgeBase, test: str, value: float, unit: str, *, sex: str | None = None, age: float | None = None) -> Answer:
    """A lab value read against a reference range and guideline cut-offs."""
    result = kb.interpret_lab(test, value, unit, sex=sex, age=age)
    rr = result.reference_range
    w = _Writer(kb, f"{result.test.name}: {result.value}")
    low = "" if rr.low is None else f"{rr.low:g}"
    high = "" if rr.high is None else f"{rr.high:g}"
    w.line(f"- {result.status.value.upper()} against the reference range {low}-{high} {rr.unit.value} ({rr.population}) {w.cite(rr.sources)}")
    for cut in result.cutoffs:
        w.line(f"- In the band '{cut.label}' {w.cite(cut.sources)}")
    for reading in result.alternatives:
        alt = reading.range
        w.line(f"- {reading.status.value} against another laboratory's range "
               f"{'' if alt.low is None else f'{alt.low:g}'}-{'' if alt.high is None else f'{alt.high:g}'} {alt.unit.value} {w.cite(alt.sources)}")
    general = tuple(f for f in kb.red_flags() if not f.symptoms)
    data = result.to_dict()
    data.pop("disclaimer", None)
    return w.finish(data, flags=general, disclaimer=True)


def effects_of(kb: KnowledgeBase, factor: str) -> Answer:
    """What a medicine (by generic or brand name), condition or behaviour does to nutrients and symptoms."""
    effects = kb.effects_of(factor)
    f = effects.factor
    w = _Writer(kb, f"{f.name} ({f.kind.value})")
    if f.description:
        w.line(f.description)
    for link in effects.nutrients:
        w.statement(link.evidence, f"{link.direction.value} {in_sentence(link.nutrient.name)}{_who(link.relation.population)}", link.relation.sources)
    for c in effects.symptoms:
        w.statement(c.evidence, f"{c.relation.predicate.value} {in_sentence(c.symptom.name)}", c.relation.sources)
    for caution in effects.cautions:
        w.statement(caution.evidence, f"Caution: {caution.advice.text}", caution.relation.sources)
    return w.finish({"factor": to_data(f, summarise=True), "effects": effects.to_dict()},
                    flags=_flags_for(kb, [c.symptom for c in effects.symptoms]), disclaimer=True)


def affecting(kb: KnowledgeBase, nutrient: str, direction: str | None = None) -> Answer:
    """The medicines, conditions and behaviours that lower or raise a nutrient."""
    n = kb.nutrient(nutrient)
    links = kb.affecting(n, direction)
    w = _Writer(kb, f"What {direction or 'lowers or raises'} {in_sentence(n.name)}")
    for link in links:
        w.statement(link.evidence, f"{link.factor.name} ({link.factor.kind.value}) {link.direction.value} it{_who(link.relation.population)}",
                    link.relation.sources)
    return w.finish({"nutrient": to_data(n, summarise=True), "direction": direction, "effects": to_data(links)}, disclaimer=True)


def source(kb: KnowledgeBase, source_id: str) -> Answer:
    """One source: who, when, where it is, the copy read, and what the knowledge base took from it."""
    s = kb.source(source_id)
    w = _Writer(kb, s.title)
    w.line(reference(s))
    if s.read_note:
        w.line(f"What was read: {s.read_note}")
    if s.used_for:
        w.line(f"Used for: {s.used_for}")
    cited = [r for r in kb.relations if any(c.source == s.id for c in r.sources)]
    w.line(f"Cited by {len(cited)} relation{'s' if len(cited) != 1 else ''} of the knowledge base.")
    return w.finish({"source": to_data(s), "cited_by": [r.id for r in cited]})

