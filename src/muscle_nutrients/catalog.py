"""The data catalog: Markdown pages generated from a knowledge base, never typed by hand.

The documentation site publishes them (``docs/gen_pages.py``) and the MCP server serves them as
resources; both read them from here. ``pages(kb)`` names every page; ``page(kb, name)`` renders
one. Links to a source go where ``source_link(id)`` says: the site's sources page by default,
the server's resource for the source when it serves them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from .evidence import EvidenceGrade
from .model import Citation, Factor, FactorKind, Food, FoodGroup, Nutrient, Statement
from .units import Unit, convert_for

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = ["page", "pages", "slug"]



def _site_link(source_id: str) -> str:
    return f"../sources.md#{source_id}"


def slug(text: str) -> str:
    """A page or anchor name: ``"Dairy and Egg Products"`` -> ``"dairy-and-egg-products"``."""
    return "-".join(w for w in "".join(c.lower() if c.isalnum() else " " for c in text).split())


def pages(kb: KnowledgeBase) -> tuple[str, ...]:
    """The names of the catalog's pages: ``index``, ``sources``, one per nutrient (its id),
    ``factors``, ``symptoms``, ``foods`` and one per food group (``foods-<group>``)."""
    groups = [f"foods-{slug(g.value)}" for g in _groups(kb)]
    return ("index", "sources", *[n.id for n in kb.nutrients], "factors", "symptoms", "foods", *groups)


def page(kb: KnowledgeBase, name: str, *, source_link: Callable[[str], str] = _site_link) -> str:
    """One page of the catalog as Markdown.

    Raises:
        KeyError: no page has that name (``pages(kb)`` lists them).
    """
    render = _Render(kb, source_link)
    fixed: dict[str, Callable[[], str]] = {
        "index": render.index, "sources": render.sources, "factors": render.factors,
        "symptoms": render.symptoms, "foods": render.foods,
    }
    if name in fixed:
        return fixed[name]()
    for n in kb.nutrients:
        if n.id == name:
            return render.nutrient(n)
    for group in _groups(kb):
        if name == f"foods-{slug(group.value)}":
            return render.food_group(group)
    raise KeyError(f"no catalog page {name!r}")


def _groups(kb: KnowledgeBase) -> list[FoodGroup]:
    return sorted({food.food_group for food in kb.foods}, key=lambda g: g.value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _band(low: float | None, high: float | None, unit: Unit) -> str:
    """``"1.5-2.4 mg/dL"``, ``"-12 ng/mL"`` (below), ``"50- ng/mL"`` (from)."""
    return f"{'' if low is None else f'{low:g}'}-{'' if high is None else f'{high:g}'} {unit.value}"


def _amount(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    headers = list(headers)
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


class _Render:
    """The pages of one knowledge base, with links to its sources made by ``link``."""

    def __init__(self, kb: KnowledgeBase, link: Callable[[str], str]) -> None:
        self.kb, self.link = kb, link

    def cites(self, citations: Iterable[Citation]) -> str:
        # each citation links its source and says where in it the support is
        return "; ".join(f"[{c.source}]({self.link(c.source)}): {_cell(c.where or '')}" for c in citations)

    def index(self) -> str:
        kb = self.kb
        rows = [[f"[{n.name}]({n.id}.md)", n.kind, n.deficiency, str(n.daily_value) if n.daily_value else "-",
                 str(len(kb.symptoms_of(n.id)))] for n in kb.nutrients]
        return (f"# Data catalog\n\nGenerated from the packaged knowledge base (data version `{kb.data_version}`) "
                "when the site is built; no number on these pages is typed by hand.\n\n"
                + _table(["nutrient", "kind", "deficiency", "Daily Value", "symptoms linked"], rows)
                + "\nAlso: the [symptom index](symptoms.md) and the [food table](foods.md).\n")

    def sources(self) -> str:
        kb = self.kb
        out = [
            "# Sources\n",
            f"Every source the knowledge base (data version `{kb.data_version}`) cites, with what was taken from it. "
            "*Address* is the work's own (DOI, PubMed, PMC, Bookshelf, publisher or issuing body); where the work "
            "could only be read in a copy, *Read at* says which copy, never as the work's address.\n",
        ]
        for source in sorted(kb.sources, key=lambda s: s.id):
            lines = [f"### {_cell(source.title)} {{#{source.id}}}\n",
                     f"- **Id:** `{source.id}` · **Kind:** {source.kind.value} · **Authors:** {_cell(source.authors or '-')}"
                     f" · **Publisher:** {_cell(source.publisher)}" + (f" · **Year:** {source.year}" if source.year else "")]
            if source.url:
                lines.append(f"- **Address:** <{source.url}>")
            if source.read_at:
                lines.append(f"- **Read at (copy):** <{source.read_at}>" + (f" (accessed {source.accessed})" if source.accessed else ""))
            if source.read_note:
                lines.append(f"- **What was read:** {_cell(source.read_note)}")
            ids = [i for i in (f"PMID {source.pmid}" if source.pmid else "", f"DOI {source.doi}" if source.doi else "") if i]
            if ids:
                lines.append(f"- **Identifiers:** {', '.join(ids)}")
            if source.used_for:
                lines.append(f"- **Used for:** {_cell(source.used_for)}")
            out.append("\n".join(lines) + "\n")
        return "\n".join(out)

    def nutrient(self, n: Nutrient) -> str:
        sections = [f"# {n.name}\n", f"{n.summary}\n" if n.summary else "", self._facts(n),
                    self._statements("Roles", n.roles), self._statements("Too much", n.excess) if n.excess else "",
                    *self._symptoms_of(n), self._steps(n),
                    "## Recommended intakes and upper limits\n\n" + _table(
                        ["life stage", "kind", "amount", "upper limit", "sources", "note"], self._intakes(n)),
                    *self._foods_for(n), self._labs(n), self._effects(n)]
        return "\n".join(s for s in sections if s)

    def _facts(self, n: Nutrient) -> str:
        facts = [f"**Deficiency:** {n.deficiency}", f"**Unit:** {n.unit.value}"]
        if n.daily_value:
            facts.append(f"**Daily Value:** {n.daily_value} ({self.cites(n.daily_value_sources)})")
        if n.chebi:
            facts.append(f"**ChEBI:** {n.chebi} ({n.chebi_label})")
        if n.aliases:
            facts.append("**Also called:** " + ", ".join(n.aliases))
        if n.unit_note:
            facts.append(f"**Units:** {n.unit_note}")
        return "\n".join(f"- {x}" for x in facts) + "\n"

    def _statements(self, title: str, statements: Iterable[Statement]) -> str:
        return f"## {title}\n\n" + _table(["grade", "fact", "sources"],
                                           [[st.evidence.value, _cell(st.text), self.cites(st.sources)] for st in statements])

    def _symptoms_of(self, n: Nutrient) -> list[str]:
        out = []
        for title, state in (("Symptoms of deficiency", "deficiency"), ("Symptoms of too much", "excess")):
            links = self.kb.symptoms_of(n.id, state=state)
            if links or state == "deficiency":
                out.append(f"## {title}\n\n" + _table(
                    ["symptom", "HPO", "grade", "for", "sources"],
                    [[link.symptom.name, link.symptom.hpo_id, link.evidence.value, _cell(link.relation.population or "-"),
                      self.cites(link.relation.sources)] for link in links]))
        return out

    def _steps(self, n: Nutrient) -> str:
        steps = self.kb.advice_for_deficiency(n.id, min_evidence=EvidenceGrade.CONTRADICTED)
        if not steps:
            return ""
        return ("## Steps for the deficiency\n\nWhether a step works (grade) and whether sources advise it are separate; "
                "treatments are a clinician's decision.\n\n" + _table(
                    ["step", "how", "works", "advised", "for", "sources"],
                    [[_cell(link.advice.name), link.relation.predicate.value, link.evidence.value,
                      link.recommendation.value if link.recommendation else "-", _cell(link.relation.population or "-"),
                      self.cites(link.relation.sources)] for link in steps]))

    def _foods_for(self, n: Nutrient) -> list[str]:
        out = []
        for per in ("serving", "100 g"):
            rows = []
            for row in self.kb.foods_rich_in(n.id, per=per, limit=10):
                serving = f"{row.serving.label} ({row.serving.grams:g} g)" if row.serving else "100 g"
                pdv = "-" if row.percent_daily_value is None else f"{row.percent_daily_value:.0f}%"
                amount = "-" if row.amount is None else f"{_amount(row.amount.value)} {row.amount.unit.value}"  # a ranking lists reported amounts
                rows.append([_cell(row.food.name), _cell(serving), amount, pdv, row.food.ndb_number])
            out.append(f"## Best food sources per {per}\n\n" + _table(["food", "serving", "amount", "% DV", "USDA NDB"], rows))
        return out

    def _labs(self, n: Nutrient) -> str:
        rows = []
        # a test shipped without a LOINC code shows "not verified": none was printed in a catalogue page read
        for t in self.kb.lab_tests_for(n.id):
            for rr in t.reference_ranges:
                who = rr.population + ("" if rr.sex.value == "any" else f", {rr.sex.value}")
                rows.append([t.name, t.loinc or "not verified", _band(rr.low, rr.high, rr.unit), _cell(who), self.cites(rr.sources)])
            for cut in t.cutoffs:
                rows.append([f"{t.name}: {_cell(cut.label)}", "", _band(cut.low, cut.high, cut.unit), "cut-off", self.cites(cut.sources)])
        return "## Lab tests\n\n" + _table(["test", "LOINC", "reference range", "population", "sources"], rows) if rows else ""

    def _effects(self, n: Nutrient) -> str:
        effects = self.kb.affecting(n.id)
        if not effects:
            return ""
        return "## What lowers or raises it\n\n" + _table(
            ["effect", "factor", "kind", "grade", "for", "sources"],
            [[link.direction.value, f"[{_cell(link.factor.name)}](factors.md#{link.factor.id})", link.factor.kind.value,
              link.evidence.value, _cell(link.relation.population or "-"), self.cites(link.relation.sources)] for link in effects])

    def _intakes(self, n: Nutrient) -> list[list[str]]:
        rows = []
        for rec in self.kb.intakes:
            if rec.nutrient != n.id:
                continue
            ul = f"{rec.upper_limit.amount} ({rec.upper_limit.scope.value})" if rec.upper_limit else "none set"
            if rec.chronic_disease_risk_reduction:
                ul += f"; CDRR {rec.chronic_disease_risk_reduction}"
            amount = str(rec.amount)
            if n.iu_per_microgram:  # vitamin D: also in international units
                amount += f" ({convert_for(rec.amount, 'IU', n).value:,.0f} IU)"
                if rec.upper_limit:
                    limit = rec.upper_limit.amount
                    ul = ul.replace(str(limit), f"{limit} ({convert_for(limit, 'IU', n).value:,.0f} IU)")
            rows.append([rec.life_stage.label, rec.kind.value, amount, ul, self.cites(rec.sources), _cell(rec.note or "")])
        return rows

    def factors(self) -> str:
        kb = self.kb
        out = ["# Medicines, conditions and behaviours\n\nWhat each factor does to the nutrients' blood levels or stores, "
               "the symptoms it causes directly, and the cautions about it. A drug class lists its members and ATC codes.\n"]
        for kind in FactorKind:
            factors = sorted((x for x in kb.factors if x.kind is kind), key=lambda x: x.name.casefold())
            if factors:
                out.append(f"## {kind.value.capitalize()}s\n")
                out += [self._factor(factor) for factor in factors]
        return "\n".join(out)

    def _factor(self, factor: Factor) -> str:
        effects = self.kb.effects_of(factor)
        lines = [f"### {_cell(factor.name)} {{#{factor.id}}}\n"]
        if factor.description:
            lines.append(f"{_cell(factor.description)}\n")
        if factor.members:
            lines.append(f"- **Members:** {_cell(', '.join(factor.members))} ({self.cites(factor.members_sources)})")
        if factor.brands:
            lines.append(f"- **Brands:** {_cell(', '.join(factor.brands))}")
        if factor.atc:
            lines.append(f"- **ATC:** {', '.join(factor.atc)} ({self.cites(factor.atc_sources)})")
        for link in effects.nutrients:
            who = f" ({_cell(link.relation.population)})" if link.relation.population else ""
            lines.append(f"- {link.direction.value} **{link.nutrient.name}** — {link.evidence.value}{who}: {self.cites(link.relation.sources)}")
        for c in effects.symptoms:
            lines.append(f"- {c.relation.predicate.value} **{c.symptom.name}** — {c.evidence.value}: {self.cites(c.relation.sources)}")
        lines += [f"- caution: {_cell(c.advice.text)}" for c in effects.cautions]
        return "\n".join(lines) + "\n"

    def symptoms(self) -> str:
        kb = self.kb
        rows = []
        for s in sorted(kb.symptoms, key=lambda s: (s.system.value, s.name.casefold())):
            causes = "; ".join(f"{c.label} ({c.evidence.value})" for c in kb.causes_of(s.id)[:6])
            rows.append([s.name, s.system.value, s.hpo_id, s.hpo_label, s.hpo_match.value, _cell(", ".join(s.aliases)), _cell(causes) or "-"])
        return "# Symptom index\n\n" + _table(["symptom", "system", "HPO id", "HPO label", "match", "also called", "causes (strongest first)"], rows)

    def foods(self) -> str:
        kb = self.kb
        shown = list(kb.nutrients)
        rows = []
        for food in kb.common_foods:
            cells = []
            for n in shown:
                value = food.per_100g(n.id)
                cells.append("-" if value is None else _amount(value.value))
            rows.append([_cell(food.name), food.ndb_number, food.food_group.value, *cells])
        groups = ", ".join(f"[{g.value}](foods-{slug(g.value)}.md)" for g in _groups(kb))
        return ("# Food table\n\nEvery food of USDA SR26 ([usda-sr26](" + self.link("usda-sr26") + ")): "
                f"{len(kb.foods):,} foods. The {len(kb.common_foods)} common foods, chosen by hand, are listed here in full, "
                "amounts per 100 g edible portion; a dash means the release reports no value (not reported, which is not zero). "
                f"The others are listed by food group: {groups}.\n\n"
                + _table(["food", "NDB", "group", *[f"{n.name} ({n.unit.value})" for n in shown]], rows))

    def food_group(self, group: FoodGroup) -> str:
        members: list[Food] = [food for food in self.kb.foods if food.food_group is group]
        rows = []
        for food in members:
            serving = food.default_serving
            rows.append([_cell(food.name), food.ndb_number, f"`{food.id}`", f"{_cell(serving.label)} ({serving.grams:g} g)", str(len(food.servings))])
        return (f"# {group.value}\n\n{len(members):,} foods of USDA SR26; the id finds a food in the library "
                "(`kb.food(id)`, or its NDB number). Each food's amounts are in `muscle-nutrients in-food ID`.\n\n"
                + _table(["food", "NDB", "id", "default serving", "measures"], rows))
