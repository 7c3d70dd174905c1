"""The ``muscle-nutrients`` command line: the public query API, for people and for pipelines.

Every query subcommand prints an aligned table by default and a JSON document with
``--json``. The JSON is the query result's own ``to_dict()`` (one implementation for both),
inside an object that names what was asked; the shapes are documented in the command-line
how-to and stay stable within a major version. Options accept the same spellings as the
Python API (``--per 100g`` or ``"100 g"``, ``--sex F``). User errors (unknown names, bad
arguments) exit with status 2 and a message, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from . import DATA_VERSION, DISCLAIMER, __version__
from ._args import real, whole
from ._jsonable import to_data
from .errors import DataError, UnknownNameError
from .evidence import EvidenceGrade
from .foods import parse_among, parse_per
from .knowledge_base import KnowledgeBase
from .loading import load
from .model import RedFlag, Sex
from .results import FoodNutrientRow
from .units import Unit, format_number

__all__ = ["build_parser", "main"]

PROG = "muscle-nutrients"

_GRADE_COLOURS = {
    EvidenceGrade.ESTABLISHED: "32",  # green
    EvidenceGrade.PROBABLE: "36",  # cyan
    EvidenceGrade.LIMITED: "33",  # yellow
    EvidenceGrade.UNSUPPORTED: "35",  # magenta
    EvidenceGrade.CONTRADICTED: "31",  # red
}

Json = dict[str, Any]


class _Output:
    """Where and how to print: colour only on a terminal with NO_COLOR unset."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.colour = stream.isatty() and "NO_COLOR" not in os.environ

    def grade(self, grade: EvidenceGrade) -> str:
        return f"\033[{_GRADE_COLOURS[grade]}m{grade.value}\033[0m" if self.colour else grade.value

    def line(self, text: str = "") -> None:
        print(text, file=self.stream)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        if not rows:
            self.line("(none)")
            return
        plain = [[_strip(c) for c in row] for row in rows]
        widths = [max(len(h), *(len(r[i]) for r in plain)) for i, h in enumerate(headers)]
        self.line("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
        self.line("  ".join("-" * w for w in widths))
        for row, raw in zip(rows, plain):
            cells = [cell + " " * (w - len(p)) for cell, p, w in zip(row, raw, widths)]
            self.line("  ".join(cells).rstrip())


def _strip(text: str) -> str:
    out, skipping = [], False
    for ch in text:
        if ch == "\033":
            skipping = True
        elif skipping and ch == "m":
            skipping = False
        elif not skipping:
            out.append(ch)
    return "".join(out)


def _sources(cited: Sequence[object]) -> str:
    # records (Source) carry an id, citations the id of their source
    return ", ".join(str(getattr(s, "id", None) or getattr(s, "source", s)) for s in cited)


def _footer(out: _Output, flags: Sequence[RedFlag]) -> None:
    """The red flags that apply (if any), then the not-a-diagnosis statement."""
    if flags:
        out.line()
        out.line("See a doctor:")
        for flag in flags:
            out.line(f"  {'! ' if flag.urgent else '- '}{flag.text}")
    out.line()
    out.line(DISCLAIMER)


def _flagged(what: str, subject: object, items: str, links: Sequence[Any], flags: Sequence[RedFlag]) -> Json:
    """The JSON of a list answer about symptoms: what was asked, the links, red flags, disclaimer."""
    return {what: to_data(subject, summarise=True), items: to_data(links), "red_flags": to_data(flags), "disclaimer": DISCLAIMER}


# ---------------------------------------------------------------------------- commands


def _cmd_nutrient(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Json | None:
    n = kb.nutrient(args.name)
    tests = kb.lab_tests_for(n)
    if args.json:
        return {"nutrient": n.to_dict(), "lab_tests": to_data(tests, summarise=True),
                "steps": to_data(kb.advice_for_deficiency(n)), "disclaimer": DISCLAIMER}
    out.line(f"{n.name} ({n.kind.value}; deficiency: {n.deficiency})")
    if n.summary:
        out.line(n.summary)
    if n.daily_value:
        out.line(f"Daily Value: {n.daily_value}")
    if n.unit_note:
        out.line(f"Units: {n.unit_note}")
    if tests:
        out.line("Lab tests: " + ", ".join(t.name for t in tests))
    out.line()
    out.table(["evidence", "role"], [[out.grade(r.evidence), r.text] for r in n.roles])
    if n.excess:
        out.line()
        out.table(["evidence", "too much"], [[out.grade(r.evidence), r.text] for r in n.excess])
    steps = kb.advice_for_deficiency(n)
    if steps:
        out.line()
        out.line(f"Steps for {n.deficiency} ('works' grades the evidence; 'advised' says whether sources recommend it):")
        out.table(["works", "advised", "step", "how", "for"],
                  [[out.grade(l.evidence), l.recommendation.value if l.recommendation else "-", l.advice.name, l.relation.predicate.value,
                    l.relation.population or "-"] for l in steps])
        out.line()
        out.line(DISCLAIMER)
    return None


def _cmd_symptoms_of(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Json | None:
    nutrient = kb.nutrient(args.nutrient)
    links = kb.symptoms_of(nutrient, state="excess" if args.excess else "deficiency")
    flags = list({f.id: f for link in links for f in kb.red_flags(link.symptom)}.values())
    if args.json:
        return _flagged("nutrient", nutrient, "symptoms", links, flags)
    state = f"too much {nutrient.name.lower()}" if args.excess else f"{nutrient.deficiency} ({nutrient.name})"
    out.line(f"Symptoms of {state}, strongest evidence first:")
    out.table(["evidence", "symptom", "HPO", "sources"], [[out.grade(l.evidence), l.symptom.name, l.symptom.hpo_id, _sources(l.sources)] for l in links])
    _footer(out, flags)
    return None


def _cmd_causes_of(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Json | None:
    symptom = kb.symptom(args.symptom)
    causes = kb.causes_of(symptom)
    flags = kb.red_flags(symptom)
    if args.json:
        return _flagged("symptom", symptom, "causes", causes, flags)
    out.line(f"What causes or raises the risk of {symptom.name.lower()}, strongest evidence first:")
    out.table(["evidence", "cause", "sources"], [[out.grade(c.evidence), c.label, _sources(c.sources)] for c in causes])
    _footer(out, flags)
    return None


def _cmd_rank(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Json | None:
    ranking = kb.rank_causes(args.symptoms, context=args.context or (), age=args.age, sex=args.sex,
                             pregnant=args.pregnant, min_evidence=args.min_evidence)
    if args.json:
        return ranking.to_dict()
    said = ", ".join(s.name.lower() for s in ranking.symptoms)
    about = f" (with {', '.join(f.name.lower() for f in ranking.context)})" if ranking.context else ""
    out.line(f"Possible causes of {said}{about}, best match first ('=' marks a tie):")
    shown = ranking.candidates[: args.limit]
    out.table(
        ["score", "best evidence", "cause", "explains", "does not explain"],
        [[f"{c.score:.2f}{'=' if c.tied_with else ''}", out.grade(c.evidence), c.label, ", ".join(s.name for s in c.matched),
          ", ".join(s.name for s in c.unmatched) or "-"] for c in shown],
    )
    out.line()
    out.line("Why:")
    for c in shown[:3]:
        out.line(f"  {c.label}: {c.explanation}")
    if ranking.unresolved:
        out.line()
        out.line("Not understood (say it another way): " + "; ".join(repr(u) for u in ranking.unresolved))
    if ranking.next_questions:
        out.line()
        out.line("What would tell them apart:")
        for q in ranking.next_questions:
            out.line(f"  - {q.question}")
    _footer(out, ranking.red_flags)
    return None


def _cmd_foods(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Json | None:
    words = args.nutrient
    if words and words[0] == "search":  # muscle-nutrients foods search roasted almonds
        text = " ".join(words[1:])
        if not text:
            raise ValueError("say what to search for: muscle-nutrients foods search roasted almonds")
        hits = kb.search_foods(text, limit=args.limit)
        if args.json:
            return {"query": text, "foods": [{"food": to_data(h.food, summarise=True), "score": h.score} for h in hits]}
        out.line(f"Foods matching {text!r}, best first:" if hits else f"No food matches {text!r}.")
        out.table(["score", "food", "NDB", "group", "id"],
                  [[f"{h.score:.2f}", h.food.name, h.food.ndb_number, h.food.food_group.value, h.food.id] for h in hits])
        return None
    if len(words) != 1:
        raise ValueError("give one nutrient (muscle-nutrients foods magnesium), or: muscle-nutrients foods search TEXT")
    nutrient = kb.nutrient(words[0])
    rows = kb.foods_rich_in(nutrient, per=args.per, limit=args.limit, among=args.among)
    if args.json:
        return {"nutrient": to_data(nutrient, summarise=True), "per": args.per, "among": str(args.among), "foods": to_data(rows)}
    pool = {"common": "common foods", "all": "all foods"}.get(str(args.among), str(args.among))
    out.line(f"Foods richest in {nutrient.name} (per {args.per}; {pool}):")
    _food_table(out, rows, show="food")
    return None


def _cmd_in_food(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Json | None:
    food = kb.food(args.food)
    rows = kb.nutrients_in(food, per=args.per, serving=args.serving, portion=args.portion)
    if args.json:
        return {"food": to_data(food, summarise=True), "per": args.per, "nutrients": to_data(rows)}
    where = f"{rows[0].serving.label} ({format_number(rows[0].serving.grams)} g)" if rows and rows[0].serving else "100 g"
    out.line(f"{food.name} (USDA SR NDB {food.ndb_number}), per {where}:")
    _food_table(out, rows, show="nutrient")
    if len(food.servings) > 1:
        out.line("Measures: " + "; ".join(f"{s.label} ({format_number(s.grams)} g)" for s in food.servings))
    return None


def _food_table(out: _Output, rows: Sequence[FoodNutrientRow], show: str) -> None:
    out.table(
        [show, "serving", "amount", "% DV"],
        [
            [r.food.name if show == "food" else r.nutrient.name,
             f"{r.serving.label} ({format_number(r.serving.grams)} g)" if r.serving else "100 g",
             "not reported" if r.amount is None else str(r.amount),
             "-" if r.percent_daily_value is None else f"{r.percent_daily_value:.0f}%"]
            for r in rows
        ],
    )


def _cmd_intake(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Json | None:
    t = kb.intake(args.nutrient, age=args.age, sex=args.sex, pregnant=args.pregnant, lactating=args.lactating)
    if args.json:
        return t.to_dict()
    out.line(f"{t.nutrient.name} for {t.life_stage.label}:")
    rows = [[t.kind.value, str(t.amount), _sources(t.sources)]]
    if t.upper_limit:
        rows.append([f"UL ({t.upper_limit.scope.value})", str(t.upper_limit.amount), _sources(t.upper_limit.sources)])
    else:
        rows.append(["UL", "none set", "-"])
    if t.chronic_disease_risk_reduction:
        rows.append(["CDRR (reduce if above)", str(t.chronic_disease_risk_reduction), "-"])
    out.table(["value", "amount", "sources"], rows)
    if t.upper_limit and t.upper_limit.note:
        out.line(f"UL: {t.upper_limit.note}")
    if t.note:
        out.line(f"Note: {t.note}")
    return None


def _interval(low: float | None, high: float | None, unit: Unit) -> str:
    """``"2.5-4.5 mg/dL"``, ``"at least 4 µg/L"`` or ``"up to 400 nmol/L"``."""
    if high is None:
        return f"at least {format_number(low or 0)} {unit.value}"
    if low is None:
        return f"up to {format_number(high)} {unit.value}"
    return f"{format_number(low)}-{format_number(high)} {unit.value}"


def _cmd_lab(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Json | None:
    r = kb.interpret_lab(args.name, args.value, args.unit, sex=args.sex, age=args.age)
    if args.json:
        return r.to_dict()
    rr = r.reference_range
    code = f"LOINC {r.test.loinc}" if r.test.loinc else "no LOINC code verified"
    out.line(f"{r.test.name} ({code}): {r.value} = {r.converted}")
    out.line(f"Status: {r.status.value.upper()} against {_interval(rr.low, rr.high, rr.unit)} ({rr.population}; {_sources(rr.sources)})")
    for cut in r.cutoffs:
        out.line(f"Cut-off: {cut.label} ({_sources(cut.sources)})")
    for alt, alt_status in r.alternatives:
        out.line(f"Other lab: {alt_status.value} against {_interval(alt.low, alt.high, alt.unit)} ({alt.population}; {_sources(alt.sources)})")
    out.line()
    out.line(r.disclaimer)
    return None


def _cmd_advice(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Json | None:
    symptom = kb.symptom(args.symptom)
    links = kb.advice_for(symptom)
    cautions = kb.cautions_for(symptom)
    flags = kb.red_flags(symptom)
    if args.json:
        payload = _flagged("symptom", symptom, "advice", links, flags)
        payload["cautions"] = to_data(cautions)
        return payload
    out.line(f"Steps for {symptom.name.lower()}, strongest evidence first. 'works' grades the evidence that a step helps;")
    out.line("'advised' says whether sources recommend it, a separate question.")
    out.table(
        ["works", "advised", "step", "kind", "how", "for"],
        [[out.grade(l.evidence), l.recommendation.value if l.recommendation else "-", l.advice.name, l.advice.kind.value,
          l.relation.predicate.value, l.relation.population or "-"] for l in links],
    )
    _cautions(out, cautions)
    _footer(out, flags)
    return None


def _cmd_effects(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Json | None:
    effects = kb.effects_of(args.factor)
    if args.json:
        return {"factor": to_data(effects.factor, summarise=True), "effects": effects.to_dict(), "disclaimer": DISCLAIMER}
    factor = effects.factor
    out.line(f"{factor.name} ({factor.kind.value})" + (f": {factor.description}" if factor.description else ""))
    if factor.members:
        out.line("Members: " + ", ".join(factor.members) + (f" (brands: {', '.join(factor.brands)})" if factor.brands else ""))
    if factor.atc:
        out.line("ATC: " + ", ".join(factor.atc))
    out.line()
    out.line("Effects on nutrients, strongest evidence first:")
    out.table(["evidence", "effect", "nutrient", "for", "sources"],
              [[out.grade(l.evidence), l.direction.value, l.nutrient.name, l.relation.population or "-", _sources(l.relation.sources)]
               for l in effects.nutrients])
    if effects.symptoms:
        out.line()
        out.line("Symptoms it causes or makes more likely:")
        out.table(["evidence", "how", "symptom", "sources"],
                  [[out.grade(c.evidence), c.relation.predicate.value, c.symptom.name, _sources(c.relation.sources)] for c in effects.symptoms])
    _cautions(out, effects.cautions)
    _footer(out, ())
    return None


def _cmd_affecting(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Json | None:
    nutrient = kb.nutrient(args.nutrient)
    links = kb.affecting(nutrient, args.direction)
    if args.json:
        return {"nutrient": to_data(nutrient, summarise=True), "direction": args.direction, "factors": to_data(links),
                "disclaimer": DISCLAIMER}
    which = {"lowers": "lower", "raises": "raise"}.get(args.direction or "", "lower or raise")
    out.line(f"What can {which} {nutrient.name.lower()}, strongest evidence first:")
    out.table(["evidence", "effect", "factor", "kind", "for"],
              [[out.grade(l.evidence), l.direction.value, l.factor.name, l.factor.kind.value, l.relation.population or "-"] for l in links])
    cautions = {c.advice.id: c for l in links for c in l.cautions}
    _cautions(out, tuple(cautions.values()))
    _footer(out, ())
    return None


def _cautions(out: _Output, cautions: Sequence[Any]) -> None:
    if cautions:
        out.line()
        out.line("Cautions (what not to do):")
        for c in cautions:
            out.line(f"  ! {c.advice.text} [{c.evidence.value}]")


def _cmd_sources(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Json | None:
    sources = [kb.source(args.id)] if args.id else list(kb.sources)
    if args.json:
        return {"sources": to_data(sources)}
    if args.id:
        source = sources[0]
        for label, value in (("id", source.id), ("title", source.title), ("authors", source.authors), ("publisher", source.publisher),
                             ("year", source.year), ("kind", source.kind.value), ("PMID", source.pmid), ("DOI", source.doi),
                             ("address", source.url), ("read at (copy)", source.read_at), ("what was read", source.read_note),
                             ("used for", source.used_for)):
            if value is not None:
                out.line(f"{label}: {value}")
        return None
    out.table(["id", "year", "kind", "authors", "title"],
              [[s.id, str(s.year or "-"), s.kind.value, s.authors or "-", s.title] for s in sources])
    return None


def _cmd_search(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Json | None:
    hits = kb.search(args.text, limit=args.limit)
    if args.json:
        return {"query": args.text, "hits": to_data(hits)}
    out.table(["score", "kind", "name"], [[f"{h.score:.2f}", h.kind, h.name] for h in hits])
    return None


def _cmd_export(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Json | None:
    if args.format == "json":
        from .serialization import unstructure_document

        document = unstructure_document(kb.to_document())  # carries schema_version and data_version
        text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
            out.line(f"wrote {args.output}")
        else:
            out.stream.write(text)
        return None
    if not args.output:
        raise ValueError(f"--format {args.format} writes files: give {'a file' if args.format == 'sqlite' else 'a folder'} with --output")
    if args.format == "sqlite":
        out.line(f"wrote {kb.to_sqlite(args.output)}")
        return None
    if args.format == "parquet":
        from .frames import write_parquet

        out.line(f"wrote {len(write_parquet(kb, args.output))} Parquet tables to {args.output}")
        return None
    folder = Path(args.output)
    folder.mkdir(parents=True, exist_ok=True)
    for name, header, rows in csv_tables(kb):
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(rows)
    out.line(f"wrote CSV tables to {folder}")
    return None


def _cell(value: object) -> object:
    """A CSV cell: scalars as they are, lists of scalars joined with ';', anything nested as JSON."""
    data = to_data(value)
    if isinstance(data, list) and all(not isinstance(v, (dict, list)) for v in data):
        return ";".join(str(v) for v in data)
    return json.dumps(data, ensure_ascii=False) if isinstance(data, (dict, list)) else data


def _columns(cls: type, prefix: str = "") -> list[tuple[str, tuple[str, ...]]]:
    """(column, attribute path) for each field; a nested single record spreads into dotted columns."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for a in attrs.fields(cls):
        nested = a.metadata.get("record")
        if isinstance(nested, type) and attrs.has(nested):
            out += [(f"{prefix}{a.name}.{column}", (a.name, *path)) for column, path in _columns(nested)]
        else:
            out.append((f"{prefix}{a.name}", (a.name,)))
    return out


def _value(record: object, path: tuple[str, ...]) -> object:
    for name in path:
        record = getattr(record, name, None)
    return record


def csv_tables(kb: KnowledgeBase) -> list[tuple[str, list[str], list[list[object]]]]:
    """One table per record kind with a column per field (derived from the kinds), and the food composition."""
    tables: list[tuple[str, list[str], list[list[object]]]] = []
    for kind in kb._store.kinds:
        columns = _columns(kind.record)
        rows = [[_cell(_value(record, path)) for _, path in columns] for record in kb.records(kind.record)]
        tables.append((kind.field, [name for name, _ in columns], rows))
    composition: list[list[object]] = [[f.id, c.nutrient, c.per_100g.value, c.per_100g.unit.value] for f in kb.foods for c in f.composition]
    tables.append(("food_composition", ["food", "nutrient", "per_100g", "unit"], composition))
    return tables


# ---------------------------------------------------------------------------- argument parsing


def _typed(parse: Callable[[str], Any], what: str) -> Callable[[str], Any]:
    """An argparse type from one of the library's parsers, with its message on failure."""

    def convert(text: str) -> Any:
        try:
            return parse(text)
        except (TypeError, ValueError) as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    convert.__name__ = what
    return convert


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    try:
        return real(value, "the value")
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _count(text: str) -> int:
    try:
        return whole(int(text), "the count", minimum=1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more") from None


def _port(text: str) -> int:
    try:
        port = whole(int(text), "the port", minimum=1)
    except ValueError:
        port = 0
    if not 1 <= port <= 65_535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (1 to 65535)")
    return port


def _cmd_mcp(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Json | None:
    try:
        from .mcp_server import serve
    except ImportError as err:  # the optional extra is not installed
        raise ValueError(f"the MCP server needs the 'mcp' extra: pip install 'muscle-nutrients[mcp]' ({err})") from None
    serve(kb, http=args.http, host=args.host, port=args.port)
    return None


PER = {"type": _typed(parse_per, "per"), "default": "serving", "help": "'serving' (default) or '100g'"}
LIMIT = {"type": _count, "default": 10, "help": "how many (default: 10)"}
SEX = {"type": _typed(Sex.parse, "sex"), "help": "male or female (m, f)"}

_Arg = tuple[tuple[str, ...], dict[str, Any]]


@attrs.frozen
class _Command:
    run: Callable[[KnowledgeBase, argparse.Namespace, _Output], Json | None]
    help: str
    example: str
    arguments: tuple[_Arg, ...] = ()
    json: bool = True


_COMMANDS: dict[str, _Command] = {
    "nutrient": _Command(_cmd_nutrient, "what a nutrient does, with graded roles", "muscle-nutrients nutrient Mg",
                         ((("name",), {"help": "a nutrient: name, symbol or alias"}),)),
    "symptoms-of": _Command(_cmd_symptoms_of, "symptoms a nutrient's deficiency (or excess) causes", "muscle-nutrients symptoms-of potassium",
                            ((("nutrient",), {"help": "a nutrient"}),
                             (("--excess",), {"action": "store_true", "help": "symptoms of too much instead of too little"}))),
    "causes-of": _Command(_cmd_causes_of, "deficiencies and factors behind a symptom", 'muscle-nutrients causes-of "leg cramps"',
                          ((("symptom",), {"help": "a symptom, in plain words or its name"}),)),
    "rank": _Command(_cmd_rank, "rank and explain possible causes of symptoms, in a person's words and circumstances",
                     "muscle-nutrients rank 'my legs cramp at night and my feet tingle' --context lasix --age 70",
                     ((("symptoms",), {"nargs": "+", "metavar": "SYMPTOMS",
                                       "help": "symptom names, or what the person says in their own words"}),
                      (("--context",), {"action": "append", "metavar": "TEXT",
                                        "help": "a medicine, condition, diet or situation ('on dialysis'); repeat for more"}),
                      (("--age",), {"type": _number, "help": "age in years (65 or more counts older age)"}),
                      (("--sex",), SEX), (("--pregnant",), {"action": "store_true"}),
                      (("--min-evidence",), {"default": "limited", "type": _typed(EvidenceGrade.parse, "grade"),
                                             "help": "ignore weaker links (default: limited)"}),
                      (("--limit",), LIMIT))),
    "foods": _Command(_cmd_foods, "foods richest in a nutrient, or food search", "muscle-nutrients foods magnesium --per 100g --limit 5",
                      ((("nutrient",), {"nargs": "+", "metavar": "NUTRIENT | search TEXT",
                                        "help": "a nutrient; or 'search' and what to look for"}),
                       (("--per",), PER), (("--limit",), LIMIT),
                       (("--among",), {"type": _typed(parse_among, "among"), "default": "common",
                                       "help": "'common' (default), 'all', or a food group such as 'vegetables'"}))),
    "in-food": _Command(_cmd_in_food, "the nutrients in one food", "muscle-nutrients in-food banana --portion '2 medium'",
                        ((("food",), {"help": "a food: name, alias, id or NDB number"}), (("--per",), PER),
                         (("--portion",), {"help": "how much: '150 g', '2 medium', '1/2 cup' (default: the first serving)"}),
                         (("--serving",), {"help": "a serving label of the food (the same as --portion)"}))),
    "intake": _Command(_cmd_intake, "recommended intake (RDA or AI) and upper limit for a person",
                       "muscle-nutrients intake magnesium --age 35 --sex female",
                       ((("nutrient",), {"help": "a nutrient"}),
                        (("--age",), {"type": _number, "required": True, "help": "age in years (0.5 = six months)"}),
                        (("--sex",), {**SEX, "required": True}),
                        (("--pregnant",), {"action": "store_true"}), (("--lactating",), {"action": "store_true"}))),
    "lab": _Command(_cmd_lab, "interpret a lab value", "muscle-nutrients lab magnesium 0.62 mmol/L",
                    ((("name",), {"help": "a lab test or a nutrient"}), (("value",), {"type": _number, "help": "the result"}),
                     (("unit",), {"help": "e.g. mg/dL, mmol/L, ng/mL"}), (("--sex",), SEX),
                     (("--age",), {"type": _number, "help": "age in years, for children's ranges (default: an adult)"}))),
    "advice": _Command(_cmd_advice, "prevention and relief steps (and cautions) for a symptom", "muscle-nutrients advice cramps",
                       ((("symptom",), {"help": "a symptom"}),)),
    "effects": _Command(_cmd_effects, "what a medicine, condition or behaviour does to nutrients and symptoms",
                        "muscle-nutrients effects furosemide", ((("factor",), {"help": "a factor, or a member drug's name"}),)),
    "affecting": _Command(_cmd_affecting, "what lowers or raises a nutrient", "muscle-nutrients affecting potassium --direction raises",
                          ((("nutrient",), {"help": "a nutrient"}),
                           (("--direction",), {"choices": ["lowers", "raises"], "help": "only one direction (default: both)"}))),
    "sources": _Command(_cmd_sources, "the sources the data cites", "muscle-nutrients sources --id usda-sr26",
                        ((("--id",), {"help": "show one source"}),)),
    "search": _Command(_cmd_search, "find records of any kind by name", "muscle-nutrients search cobalamin",
                       ((("text",), {"help": "what to look for"}), (("--limit",), LIMIT))),
    "mcp": _Command(_cmd_mcp, "serve the knowledge base to assistants over MCP (needs muscle-nutrients[mcp])",
                    "muscle-nutrients mcp --http --port 8765",
                    ((("--http",), {"action": "store_true", "help": "streamable HTTP at http://HOST:PORT/mcp instead of stdio"}),
                     (("--host",), {"default": "127.0.0.1", "help": "address to listen on with --http (default: 127.0.0.1, this machine only)"}),
                     (("--port",), {"type": _port, "default": 8765, "help": "port with --http (default: 8765)"})),
                    json=False),
    "export": _Command(_cmd_export, "the whole knowledge base as JSON, CSV tables, a SQLite database or Parquet tables",
                       "muscle-nutrients export --format sqlite -o kb.sqlite",
                       ((("--format",), {"choices": ["json", "csv", "sqlite", "parquet"], "default": "json",
                                         "help": "json (default), csv, sqlite, or parquet (needs muscle-nutrients[dataframe])"}),
                        (("-o", "--output"), {"help": "file (json, sqlite) or folder (csv, parquet); JSON goes to standard output without it"})),
                       json=False),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for the documentation and tests)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Cited, evidence-graded facts about the nutrients behind muscle and nerve function. Informs; never diagnoses.",
        epilog='example: muscle-nutrients causes-of "leg cramps"',
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__} (data {DATA_VERSION})")
    parser.add_argument("--data", action="append", metavar="FILE", default=[], help="extend the packaged data with a JSON or TOML file (repeatable)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, command in _COMMANDS.items():
        p = sub.add_parser(name, help=command.help, description=command.help[0].upper() + command.help[1:] + ".",
                           epilog=f"example: {command.example}")
        if command.json:
            p.add_argument("--json", action="store_true", help="print a JSON document instead of a table")
        for flags, options in command.arguments:
            p.add_argument(*flags, **options)
        p.set_defaults(_parser=p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 success, 1 output failed, 2 user error, 130 interrupted)."""
    if sys.stdout is None or sys.stdout.closed:
        if sys.stderr is not None and not sys.stderr.closed:
            print(f"{PROG}: error: standard output is closed", file=sys.stderr)
        return 2
    if not _can_encode(sys.stdout, "µ→–"):
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]  # an ASCII terminal: never half a table
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def _can_encode(stream: TextIO, sample: str) -> bool:
    try:
        sample.encode(stream.encoding or "ascii")
    except (LookupError, UnicodeEncodeError):
        return False
    return True


def _run(args: argparse.Namespace) -> int:
    out = _Output(sys.stdout)
    command = _COMMANDS[args.command]
    try:
        kb = load(*args.data)
        result = command.run(kb, args, out)
        if result is not None:
            ascii_only = not _can_encode(sys.stdout, "µ→–")  # \u escapes keep the JSON valid on an ASCII stream
            json.dump(result, sys.stdout, ensure_ascii=ascii_only, indent=2)
            sys.stdout.write("\n")
        sys.stdout.flush()
    except UnknownNameError as err:
        args._parser.print_usage(sys.stderr)
        print(f"{PROG} {args.command}: error: {err}", file=sys.stderr)
        return 2
    except DataError as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise
    except OSError as err:  # the output could not be written (a full disk, say): not a usage error
        print(f"{PROG} {args.command}: error: {err.strerror or err}", file=sys.stderr)
        return 1
    except (ValueError, TypeError, LookupError, ArithmeticError) as err:
        args._parser.print_usage(sys.stderr)
        print(f"{PROG} {args.command}: error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
