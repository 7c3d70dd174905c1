"""The ``muscle-nutrients`` command line: the public query API, for people and for pipelines.

Every query subcommand prints an aligned table by default and a JSON document with
``--json``; the JSON shapes are documented in the command-line how-to and stay stable within a
major version. User errors (unknown names, bad arguments) exit with status 2 and a message,
never a traceback.
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

from . import DATA_VERSION, DISCLAIMER, __version__
from .errors import DataError, UnknownNameError
from .evidence import EvidenceGrade
from .knowledge_base import KnowledgeBase
from .loading import load
from .model import RedFlag, Source
from .results import FoodNutrientRow

__all__ = ["main"]

PROG = "muscle-nutrients"

_GRADE_COLOURS = {
    EvidenceGrade.ESTABLISHED: "32",  # green
    EvidenceGrade.PROBABLE: "36",  # cyan
    EvidenceGrade.LIMITED: "33",  # yellow
    EvidenceGrade.UNSUPPORTED: "35",  # magenta
    EvidenceGrade.CONTRADICTED: "31",  # red
}


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


def _num(value: float) -> str:
    return f"{value:.3g}" if value < 10 else f"{value:,.0f}" if value >= 1000 else f"{value:.1f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------- JSON shapes


def _source_ids(sources: Sequence[Source]) -> list[str]:
    return [s.id for s in sources]


def _flag_json(flag: RedFlag) -> dict[str, Any]:
    return {"id": flag.id, "text": flag.text, "urgent": flag.urgent, "evidence": flag.evidence.value, "sources": list(flag.sources)}


def _row_json(row: FoodNutrientRow) -> dict[str, Any]:
    return {
        "food": row.food.id,
        "food_name": row.food.name,
        "ndb_number": row.food.ndb_number,
        "nutrient": row.nutrient.id,
        "serving": None if row.serving is None else {"label": row.serving.label, "grams": row.serving.grams},
        "amount": {"value": row.amount.value, "unit": row.amount.unit.value},
        "percent_daily_value": row.percent_daily_value,
    }


# ---------------------------------------------------------------------------- commands


def _cmd_nutrient(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Any:
    n = kb.nutrient(args.name)
    data = {
        "id": n.id, "name": n.name, "kind": n.kind, "deficiency": n.deficiency, "aliases": list(n.aliases),
        "unit": n.unit.value, "daily_value": None if n.daily_value is None else {"value": n.daily_value.value, "unit": n.daily_value.unit.value},
        "summary": n.summary,
        "roles": [{"text": r.text, "evidence": r.evidence.value, "sources": list(r.sources)} for r in n.roles],
        "excess": [{"text": r.text, "evidence": r.evidence.value, "sources": list(r.sources)} for r in n.excess],
        "lab_tests": [t.id for t in kb.lab_tests_for(n.id)],
    }
    if args.json:
        return data
    out.line(f"{n.name} ({n.kind}; deficiency: {n.deficiency})")
    if n.summary:
        out.line(n.summary)
    if n.daily_value:
        out.line(f"Daily Value: {n.daily_value}")
    out.line()
    out.table(["evidence", "role"], [[out.grade(r.evidence), r.text] for r in n.roles])
    if n.excess:
        out.line()
        out.table(["evidence", "too much"], [[out.grade(r.evidence), r.text] for r in n.excess])
    return None


def _cmd_symptoms_of(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Any:
    nutrient = kb.nutrient(args.nutrient)
    links = kb.symptoms_of(args.nutrient)
    flags = list({f.id: f for link in links for f in kb.red_flags(link.symptom.id)}.values())
    if args.json:
        return {
            "nutrient": nutrient.id,
            "symptoms": [
                {"symptom": l.symptom.id, "name": l.symptom.name, "hpo_id": l.symptom.hpo_id, "evidence": l.evidence.value,
                 "population": l.relation.population, "note": l.relation.note, "sources": _source_ids(l.sources)}
                for l in links
            ],
            "red_flags": [_flag_json(f) for f in flags],
            "disclaimer": DISCLAIMER,
        }
    out.line(f"Symptoms of {nutrient.deficiency} ({nutrient.name}), strongest evidence first:")
    out.table(["evidence", "symptom", "HPO", "sources"], [[out.grade(l.evidence), l.symptom.name, l.symptom.hpo_id, ", ".join(_source_ids(l.sources))] for l in links])
    _footer(out, flags)
    return None


def _cmd_causes_of(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Any:
    symptom = kb.symptom(args.symptom)
    causes = kb.causes_of(args.symptom)
    flags = kb.red_flags(symptom.id)
    if args.json:
        return {
            "symptom": symptom.id,
            "causes": [
                {"cause": c.cause.id, "kind": c.cause_kind.value, "label": c.label, "predicate": c.relation.predicate.value,
                 "evidence": c.evidence.value, "population": c.relation.population, "note": c.relation.note, "sources": _source_ids(c.sources)}
                for c in causes
            ],
            "red_flags": [_flag_json(f) for f in flags],
            "disclaimer": DISCLAIMER,
        }
    out.line(f"What causes or raises the risk of {symptom.name.lower()}, strongest evidence first:")
    out.table(["evidence", "cause", "sources"], [[out.grade(c.evidence), c.label, ", ".join(_source_ids(c.sources))] for c in causes])
    _footer(out, flags)
    return None


def _cmd_rank(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Any:
    ranking = kb.rank_causes(args.symptoms, min_evidence=args.min_evidence)
    if args.json:
        return {
            "symptoms": [s.id for s in ranking.symptoms],
            "min_evidence": ranking.min_evidence.value,
            "candidates": [
                {"cause": c.cause.id, "kind": c.cause_kind.value, "label": c.label, "score": c.score, "evidence": c.evidence.value,
                 "matched": [s.id for s in c.matched], "unmatched": [s.id for s in c.unmatched], "explanation": c.explanation,
                 "relations": [l.relation.id for l in c.links]}
                for c in ranking
            ],
            "red_flags": [_flag_json(f) for f in ranking.red_flags],
            "disclaimer": ranking.disclaimer,
        }
    out.line("Possible causes of " + ", ".join(s.name.lower() for s in ranking.symptoms) + ", best match first:")
    out.table(
        ["score", "best evidence", "cause", "explains", "does not explain"],
        [[f"{c.score:.2f}", out.grade(c.evidence), c.label, ", ".join(s.name for s in c.matched), ", ".join(s.name for s in c.unmatched) or "-"] for c in ranking],
    )
    _footer(out, ranking.red_flags)
    return None


def _cmd_foods(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Any:
    nutrient = kb.nutrient(args.nutrient)
    rows = kb.foods_rich_in(args.nutrient, per=args.per, limit=args.limit)
    if args.json:
        return {"nutrient": nutrient.id, "per": args.per, "foods": [_row_json(r) for r in rows]}
    out.line(f"Foods richest in {nutrient.name.lower()} (per {args.per}):")
    _food_table(out, rows, show="food")
    return None


def _cmd_in_food(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Any:
    food = kb.food(args.food)
    rows = kb.nutrients_in(args.food, per=args.per, serving=args.serving)
    if args.json:
        return {"food": food.id, "ndb_number": food.ndb_number, "per": args.per, "nutrients": [_row_json(r) for r in rows]}
    where = f"{rows[0].serving.label} ({_num(rows[0].serving.grams)} g)" if rows and rows[0].serving else "100 g"
    out.line(f"{food.name} (USDA SR NDB {food.ndb_number}), per {where}:")
    _food_table(out, rows, show="nutrient")
    return None


def _food_table(out: _Output, rows: Sequence[FoodNutrientRow], show: str) -> None:
    out.table(
        [show, "serving", "amount", "% DV"],
        [
            [r.food.name if show == "food" else r.nutrient.name,
             f"{r.serving.label} ({_num(r.serving.grams)} g)" if r.serving else "100 g",
             f"{_num(r.amount.value)} {r.amount.unit.value}",
             "-" if r.percent_daily_value is None else f"{r.percent_daily_value:.0f}%"]
            for r in rows
        ],
    )


def _cmd_intake(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Any:
    t = kb.intake(args.nutrient, age=args.age, sex=args.sex, pregnant=args.pregnant, lactating=args.lactating)
    data = {
        "nutrient": t.nutrient.id, "life_stage": t.life_stage.label, "kind": t.kind.value,
        "amount": {"value": t.amount.value, "unit": t.amount.unit.value},
        "upper_limit": None if t.upper_limit is None else {
            "amount": {"value": t.upper_limit.amount.value, "unit": t.upper_limit.amount.unit.value},
            "scope": t.upper_limit.scope.value, "note": t.upper_limit.note, "sources": list(t.upper_limit.sources)},
        "chronic_disease_risk_reduction": None if t.chronic_disease_risk_reduction is None else {
            "value": t.chronic_disease_risk_reduction.value, "unit": t.chronic_disease_risk_reduction.unit.value},
        "note": t.note, "sources": _source_ids(t.sources),
    }
    if args.json:
        return data
    out.line(f"{t.nutrient.name} for {t.life_stage.label}:")
    rows = [[t.kind.value, str(t.amount), ", ".join(_source_ids(t.sources))]]
    if t.upper_limit:
        rows.append([f"UL ({t.upper_limit.scope.value})", str(t.upper_limit.amount), ", ".join(t.upper_limit.sources)])
    else:
        rows.append(["UL", "none set", "-"])
    if t.chronic_disease_risk_reduction:
        rows.append(["CDRR (reduce if above)", str(t.chronic_disease_risk_reduction), "-"])
    out.table(["value", "amount", "sources"], rows)
    if t.note:
        out.line(f"Note: {t.note}")
    return None


def _cmd_lab(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Any:
    r = kb.interpret_lab(args.name, args.value, args.unit, sex=args.sex)
    rr = r.reference_range
    if args.json:
        return {
            "test": r.test.id, "loinc": r.test.loinc, "status": r.status.value,
            "value": {"value": r.value.value, "unit": r.value.unit.value},
            "converted": {"value": r.converted.value, "unit": r.converted.unit.value},
            "reference_range": {"low": rr.low, "high": rr.high, "unit": rr.unit.value, "population": rr.population, "sex": rr.sex.value},
            "cutoffs": [{"label": c.label, "low": c.low, "high": c.high, "unit": c.unit.value} for c in r.cutoffs],
            "other_ranges": [{"low": a.low, "high": a.high, "unit": a.unit.value, "population": a.population, "status": st.value,
                              "sources": list(a.sources)} for a, st in r.alternatives],
            "sources": _source_ids(r.sources), "disclaimer": r.disclaimer,
        }
    low = "-" if rr.low is None else _num(rr.low)
    high = "-" if rr.high is None else _num(rr.high)
    out.line(f"{r.test.name} (LOINC {r.test.loinc}): {r.value} = {_num(r.converted.value)} {r.converted.unit.value}")
    out.line(f"Status: {r.status.value.upper()} against {low}-{high} {rr.unit.value} ({rr.population}; {', '.join(rr.sources)})")
    for cut in r.cutoffs:
        out.line(f"Cut-off: {cut.label} ({', '.join(cut.sources)})")
    for alt, alt_status in r.alternatives:
        alt_low = "-" if alt.low is None else _num(alt.low)
        alt_high = "-" if alt.high is None else _num(alt.high)
        out.line(f"Other lab: {alt_status.value} against {alt_low}-{alt_high} {alt.unit.value} ({alt.population}; {', '.join(alt.sources)})")
    out.line()
    out.line(r.disclaimer)
    return None


def _cmd_advice(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Any:
    symptom = kb.symptom(args.symptom)
    links = kb.advice_for(args.symptom)
    flags = kb.red_flags(symptom.id)
    if args.json:
        return {
            "symptom": symptom.id,
            "advice": [{"advice": l.advice.id, "name": l.advice.name, "kind": l.advice.kind.value, "text": l.advice.text,
                        "predicate": l.relation.predicate.value, "evidence": l.evidence.value, "population": l.relation.population,
                        "note": l.relation.note, "sources": _source_ids(l.sources)} for l in links],
            "red_flags": [_flag_json(f) for f in flags],
            "disclaimer": DISCLAIMER,
        }
    out.line(f"Steps for {symptom.name.lower()}, strongest evidence first (weakly supported steps are shown as such):")
    out.table(["evidence", "step", "how", "for"], [[out.grade(l.evidence), l.advice.name, l.relation.predicate.value, l.relation.population or "-"] for l in links])
    _footer(out, flags)
    return None


def _cmd_sources(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Any:
    sources = [kb.source(args.id)] if args.id else list(kb.sources)
    if args.json:
        return {"sources": [{"id": s.id, "title": s.title, "publisher": s.publisher, "kind": s.kind.value, "year": s.year, "url": s.url,
                             "copy_of": s.copy_of, "pmid": s.pmid, "doi": s.doi, "used_for": s.used_for} for s in sources]}
    out.table(["id", "year", "kind", "title"], [[s.id, str(s.year or "-"), s.kind.value, s.title] for s in sources])
    return None


def _cmd_search(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Any:
    hits = kb.search(args.text, limit=args.limit)
    if args.json:
        return {"query": args.text, "hits": [{"kind": h.kind, "id": getattr(h.record, "id", None), "name": h.name, "score": h.score} for h in hits]}
    out.table(["score", "kind", "name"], [[f"{h.score:.2f}", h.kind, h.name] for h in hits])
    return None


def _cmd_export(kb: KnowledgeBase, args: argparse.Namespace, out: _Output) -> Any:
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
        raise ValueError("--format csv writes several tables: give a folder with --output")
    folder = Path(args.output)
    folder.mkdir(parents=True, exist_ok=True)
    for name, header, rows in _csv_tables(kb):
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(rows)
    out.line(f"wrote CSV tables to {folder}")
    return None


def _csv_tables(kb: KnowledgeBase) -> list[tuple[str, list[str], list[list[Any]]]]:
    join = ";".join
    return [
        ("sources", ["id", "title", "publisher", "kind", "year", "url", "copy_of", "pmid", "doi", "used_for"],
         [[s.id, s.title, s.publisher, s.kind.value, s.year, s.url, s.copy_of, s.pmid, s.doi, s.used_for] for s in kb.sources]),
        ("nutrients", ["id", "name", "kind", "unit", "deficiency", "aliases", "daily_value", "daily_value_unit"],
         [[n.id, n.name, n.kind, n.unit.value, n.deficiency, join(n.aliases), n.daily_value.value if n.daily_value else None,
           n.daily_value.unit.value if n.daily_value else None] for n in kb.nutrients]),
        ("symptoms", ["id", "name", "hpo_id", "hpo_label", "hpo_match", "aliases"],
         [[s.id, s.name, s.hpo_id, s.hpo_label, s.hpo_match.value, join(s.aliases)] for s in kb.symptoms]),
        ("foods", ["id", "name", "ndb_number", "food_group", "default_serving", "default_serving_grams"],
         [[f.id, f.name, f.ndb_number, f.food_group.value, f.default_serving.label, f.default_serving.grams] for f in kb.foods]),
        ("food_composition", ["food", "nutrient", "per_100g", "unit"],
         [[f.id, c.nutrient, c.per_100g.value, c.per_100g.unit.value] for f in kb.foods for c in f.composition]),
        ("intakes", ["nutrient", "life_stage", "min_months", "max_months", "sex", "pregnant", "lactating", "kind", "amount", "unit",
                     "upper_limit", "upper_limit_scope", "cdrr", "sources"],
         [[r.nutrient, r.life_stage.label, r.life_stage.min_months, r.life_stage.max_months, r.life_stage.sex.value, r.life_stage.pregnant,
           r.life_stage.lactating, r.kind.value, r.amount.value, r.amount.unit.value,
           r.upper_limit.amount.value if r.upper_limit else None, r.upper_limit.scope.value if r.upper_limit else None,
           r.chronic_disease_risk_reduction.value if r.chronic_disease_risk_reduction else None, join(r.sources)] for r in kb.intakes]),
        ("factors", ["id", "name", "kind", "aliases"], [[f.id, f.name, f.kind.value, join(f.aliases)] for f in kb.factors]),
        ("lab_tests", ["id", "name", "loinc", "specimen", "nutrient", "low", "high", "unit", "sex", "population", "sources"],
         [[t.id, t.name, t.loinc, t.specimen, t.nutrient, rr.low, rr.high, rr.unit.value, rr.sex.value, rr.population, join(rr.sources)]
          for t in kb.lab_tests for rr in t.reference_ranges]),
        ("advice", ["id", "name", "kind", "text"], [[a.id, a.name, a.kind.value, a.text] for a in kb.advice]),
        ("red_flags", ["id", "text", "evidence", "urgent", "symptoms", "sources"],
         [[f.id, f.text, f.evidence.value, f.urgent, join(f.symptoms), join(f.sources)] for f in kb.red_flags()]),
        ("relations", ["id", "subject", "predicate", "object", "evidence", "population", "note", "claims", "sources"],
         [[r.id, str(r.subject), r.predicate.value, str(r.object), r.evidence.value, r.population, r.note, join(r.claims), join(r.sources)]
          for r in kb.relations]),
    ]


def _footer(out: _Output, flags: Sequence[RedFlag]) -> None:
    if flags:
        out.line()
        out.line("See a doctor:")
        for flag in flags:
            out.line(f"  {'! ' if flag.urgent else '- '}{flag.text}")
    out.line()
    out.line(DISCLAIMER)


# ---------------------------------------------------------------------------- parser

_COMMANDS: dict[str, tuple[Callable[[KnowledgeBase, argparse.Namespace, _Output], Any], str, str]] = {
    "nutrient": (_cmd_nutrient, "what a nutrient does, with graded roles", "muscle-nutrients nutrient Mg"),
    "symptoms-of": (_cmd_symptoms_of, "symptoms a nutrient's deficiency causes", "muscle-nutrients symptoms-of potassium"),
    "causes-of": (_cmd_causes_of, "deficiencies and factors behind a symptom", 'muscle-nutrients causes-of "leg cramps"'),
    "rank": (_cmd_rank, "rank possible causes of several symptoms", "muscle-nutrients rank cramps weakness tingling"),
    "foods": (_cmd_foods, "foods richest in a nutrient", "muscle-nutrients foods magnesium --per 100g --limit 5"),
    "in-food": (_cmd_in_food, "the nutrients in one food", 'muscle-nutrients in-food banana --per 100g'),
    "intake": (_cmd_intake, "RDA/AI and upper limit for a person", "muscle-nutrients intake magnesium --age 35 --sex female"),
    "lab": (_cmd_lab, "interpret a lab value", "muscle-nutrients lab magnesium 0.62 mmol/L"),
    "advice": (_cmd_advice, "prevention and relief steps for a symptom", "muscle-nutrients advice cramps"),
    "sources": (_cmd_sources, "the sources the data cites", "muscle-nutrients sources --id usda-sr26"),
    "search": (_cmd_search, "find records of any kind by name", "muscle-nutrients search cobalamin"),
    "export": (_cmd_export, "the whole knowledge base as JSON or CSV", "muscle-nutrients export --format csv --output kb-tables"),
}


def _per(text: str) -> str:
    value = text.strip().lower().replace(" ", "")
    if value in ("serving", "100g"):
        return "serving" if value == "serving" else "100 g"
    raise argparse.ArgumentTypeError("must be 'serving' or '100g'")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None


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
    for name, (_, help_text, example) in _COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text.capitalize() + ".", epilog=f"example: {example}")
        if name != "export":
            p.add_argument("--json", action="store_true", help="print a JSON document instead of a table")
        if name == "nutrient":
            p.add_argument("name")
        elif name == "symptoms-of":
            p.add_argument("nutrient")
        elif name in ("causes-of", "advice"):
            p.add_argument("symptom")
        elif name == "rank":
            p.add_argument("symptoms", nargs="+", metavar="SYMPTOM")
            p.add_argument("--min-evidence", default="limited", choices=[g.value for g in EvidenceGrade], help="ignore weaker links (default: limited)")
        elif name == "foods":
            p.add_argument("nutrient")
            p.add_argument("--per", type=_per, default="serving", help="'serving' (default) or '100g'")
            p.add_argument("--limit", type=_positive_int, default=10)
        elif name == "in-food":
            p.add_argument("food")
            p.add_argument("--per", type=_per, default="serving", help="'serving' (default) or '100g'")
            p.add_argument("--serving", help="a serving label of the food (default: its first serving)")
        elif name == "intake":
            p.add_argument("nutrient")
            p.add_argument("--age", type=_number, required=True, help="age in years (0.5 = six months)")
            p.add_argument("--sex", required=True, choices=["male", "female"])
            p.add_argument("--pregnant", action="store_true")
            p.add_argument("--lactating", action="store_true")
        elif name == "lab":
            p.add_argument("name", help="a lab test or a nutrient")
            p.add_argument("value", type=_number)
            p.add_argument("unit", help="e.g. mg/dL, mmol/L, ng/mL")
            p.add_argument("--sex", choices=["male", "female"])
        elif name == "sources":
            p.add_argument("--id", help="show one source")
        elif name == "search":
            p.add_argument("text")
            p.add_argument("--limit", type=_positive_int, default=10)
        elif name == "export":
            p.add_argument("--format", choices=["json", "csv"], default="json")
            p.add_argument("--output", help="file (json) or folder (csv); JSON goes to stdout without it")
        p.set_defaults(_parser=p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 success, 2 user error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _run(args: argparse.Namespace) -> int:
    out = _Output(sys.stdout)
    handler = _COMMANDS[args.command][0]
    try:
        kb = load(*args.data)
        result = handler(kb, args, out)
    except UnknownNameError as err:
        args._parser.print_usage(sys.stderr)
        print(f"{PROG} {args.command}: error: {err}", file=sys.stderr)
        return 2
    except DataError as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise
    except (ValueError, LookupError, OSError) as err:
        args._parser.print_usage(sys.stderr)
        print(f"{PROG} {args.command}: error: {err}", file=sys.stderr)
        return 2
    if result is not None:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
