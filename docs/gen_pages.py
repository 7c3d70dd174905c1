"""Build-time pages: the API reference, the sources page, the seed-claim coverage page and the
changelog, all generated from the code and the packaged knowledge base (never retyped)."""

from __future__ import annotations

from pathlib import Path

import mkdocs_gen_files

import muscle_nutrients as mn

ROOT = Path(__file__).resolve().parent.parent

# ------------------------------------------------------------------ API reference
MODULES = {
    "muscle_nutrients": "Top-level package",
    "muscle_nutrients.knowledge_base": "KnowledgeBase",
    "muscle_nutrients.lookups": "Queries: finding records",
    "muscle_nutrients.causes": "Queries: causes, symptoms and advice",
    "muscle_nutrients.ranking": "Queries: ranking causes",
    "muscle_nutrients.terms": "Queries: terms in free text",
    "muscle_nutrients.foods": "Queries: foods",
    "muscle_nutrients.portions": "Portions of food",
    "muscle_nutrients.intakes": "Queries: intakes and diet",
    "muscle_nutrients.labs": "Queries: lab values",
    "muscle_nutrients.factors": "Queries: factors",
    "muscle_nutrients.graph": "Queries: relations and claims",
    "muscle_nutrients.query": "Module-level queries",
    "muscle_nutrients.model": "Records",
    "muscle_nutrients.results": "Query results",
    "muscle_nutrients.units": "Units and amounts",
    "muscle_nutrients.evidence": "Evidence grades",
    "muscle_nutrients.errors": "Errors",
    "muscle_nutrients.names": "Name lookup",
    "muscle_nutrients.document": "Data format: the document",
    "muscle_nutrients.serialization": "Data format: reading and writing",
    "muscle_nutrients.loading": "Loading",
}
summary = []
for module, title in MODULES.items():
    path = f"reference/{module}.md"
    with mkdocs_gen_files.open(path, "w") as f:
        options = "    options:\n      members: false\n" if module == "muscle_nutrients" else ""
        f.write(f"# {title}\n\n::: {module}\n{options}")
    summary.append(f"* [{title}]({module}.md)\n")
with mkdocs_gen_files.open("reference/SUMMARY.md", "w") as f:
    f.writelines(summary)

kb = mn.load()


def _slug(text: str) -> str:
    return "-".join(w for w in "".join(c.lower() if c.isalnum() else " " for c in text).split())


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# ------------------------------------------------------------------ sources
with mkdocs_gen_files.open("sources.md", "w") as f:
    f.write("# Sources\n\n")
    f.write(
        f"Every source the knowledge base (data version `{kb.data_version}`) cites, with what was taken from it. "
        "*Address* is the work's own (DOI, PubMed, PMC, Bookshelf, publisher or issuing body); where the work "
        "could only be read in a copy, *Read at* says which copy, never as the work's address.\n\n"
    )
    for source in sorted(kb.sources, key=lambda s: s.id):
        f.write(f"### {_cell(source.title)} {{#{source.id}}}\n\n")
        f.write(f"- **Id:** `{source.id}` · **Kind:** {source.kind.value} · **Authors:** {_cell(source.authors or '-')}"
                f" · **Publisher:** {_cell(source.publisher)}")
        f.write(f" · **Year:** {source.year}\n" if source.year else "\n")
        if source.url:
            f.write(f"- **Address:** <{source.url}>\n")
        if source.read_at:
            f.write(f"- **Read at (copy):** <{source.read_at}>" + (f" (accessed {source.accessed})" if source.accessed else "") + "\n")
        if source.read_note:
            f.write(f"- **What was read:** {_cell(source.read_note)}\n")
        ids = [f"PMID {source.pmid}" if source.pmid else "", f"DOI {source.doi}" if source.doi else ""]
        if any(ids):
            f.write(f"- **Identifiers:** {', '.join(i for i in ids if i)}\n")
        if source.used_for:
            f.write(f"- **Used for:** {_cell(source.used_for)}\n")
        f.write("\n")

# ------------------------------------------------------------------ coverage
with mkdocs_gen_files.open("coverage.md", "w") as f:
    f.write("# Seed-claim coverage\n\n")
    f.write(
        "The project started from three consumer articles whose claims are numbered S01-S44. Each claim is "
        "represented by the facts below, graded on what the literature supports; a claim that bundles several "
        "assertions is split, and each part is graded on its own.\n\n"
    )
    for claim in mn.CLAIM_IDS:
        facts = kb.facts_for_claim(claim)
        f.write(f"## {claim}\n\n| Fact | Grade | Sources |\n|---|---|---|\n")
        for fact in facts:
            if isinstance(fact, mn.Relation):
                text = f"`{fact.subject}` {fact.predicate.value} `{fact.object}`"
                if fact.population:
                    text += f" ({fact.population})"
                if fact.note:
                    text += f" — {fact.note}"
            else:
                text = fact.text
            links = "; ".join(f"[{c.source}](sources.md#{c.source}) ({_cell(c.where or '')})" for c in fact.sources)
            f.write(f"| {_cell(text)} | {fact.evidence.value} | {links} |\n")
        f.write("\n")

# ------------------------------------------------------------------ changelog
with mkdocs_gen_files.open("changelog.md", "w") as f:
    f.write((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))

# ------------------------------------------------------------------ data catalog
def _amount(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def _sources_links(citations: tuple[mn.Citation, ...]) -> str:
    # each citation links its source and says where in it the support is
    return "; ".join(f"[{c.source}](../sources.md#{c.source}): {_cell(c.where or '')}" for c in citations)


catalog = ["* [Overview](index.md)\n"]
with mkdocs_gen_files.open("catalog/index.md", "w") as f:
    f.write("# Data catalog\n\nGenerated from the packaged knowledge base "
            f"(data version `{kb.data_version}`) when the site is built; no number on these pages is typed by hand.\n\n")
    f.write("| nutrient | kind | deficiency | Daily Value | symptoms linked |\n|---|---|---|---|---|\n")
    for n in kb.nutrients:
        dv = str(n.daily_value) if n.daily_value else "-"
        f.write(f"| [{n.name}]({n.id}.md) | {n.kind} | {n.deficiency} | {dv} | {len(kb.symptoms_of(n.id))} |\n")
    f.write("\nAlso: the [symptom index](symptoms.md) and the [food table](foods.md).\n")

for n in kb.nutrients:
    catalog.append(f"* [{n.name}]({n.id}.md)\n")
    with mkdocs_gen_files.open(f"catalog/{n.id}.md", "w") as f:
        f.write(f"# {n.name}\n\n")
        if n.summary:
            f.write(f"{n.summary}\n\n")
        facts = [f"**Deficiency:** {n.deficiency}", f"**Unit:** {n.unit.value}"]
        if n.daily_value:
            facts.append(f"**Daily Value:** {n.daily_value} ({_sources_links(n.daily_value_sources)})")
        if n.chebi:
            facts.append(f"**ChEBI:** {n.chebi} ({n.chebi_label})")
        if n.aliases:
            facts.append("**Also called:** " + ", ".join(n.aliases))
        if n.unit_note:
            facts.append(f"**Units:** {n.unit_note}")
        f.write("\n".join(f"- {x}" for x in facts) + "\n\n")
        f.write("## Roles\n\n| grade | fact | sources |\n|---|---|---|\n")
        for st in n.roles:
            f.write(f"| {st.evidence.value} | {_cell(st.text)} | {_sources_links(st.sources)} |\n")
        if n.excess:
            f.write("\n## Too much\n\n| grade | fact | sources |\n|---|---|---|\n")
            for st in n.excess:
                f.write(f"| {st.evidence.value} | {_cell(st.text)} | {_sources_links(st.sources)} |\n")
        f.write("\n## Symptoms of deficiency\n\n| symptom | HPO | grade | for | sources |\n|---|---|---|---|---|\n")
        for link in kb.symptoms_of(n.id):
            f.write(f"| {link.symptom.name} | {link.symptom.hpo_id} | {link.evidence.value} | {_cell(link.relation.population or '-')} | "
                    f"{_sources_links(link.relation.sources)} |\n")
        too_much = kb.symptoms_of(n.id, state="excess")
        if too_much:
            f.write("\n## Symptoms of too much\n\n| symptom | HPO | grade | for | sources |\n|---|---|---|---|---|\n")
            for link in too_much:
                f.write(f"| {link.symptom.name} | {link.symptom.hpo_id} | {link.evidence.value} | {_cell(link.relation.population or '-')} | "
                        f"{_sources_links(link.relation.sources)} |\n")
        steps = kb.advice_for_deficiency(n.id, min_evidence="contradicted")
        if steps:
            f.write("\n## Steps for the deficiency\n\nWhether a step works (grade) and whether sources advise it are separate; "
                    "treatments are a clinician's decision.\n\n| step | how | works | advised | for | sources |\n|---|---|---|---|---|---|\n")
            for link in steps:
                advised = link.recommendation.value if link.recommendation else "-"
                f.write(f"| {_cell(link.advice.name)} | {link.relation.predicate.value} | {link.evidence.value} | {advised} | "
                        f"{_cell(link.relation.population or '-')} | {_sources_links(link.relation.sources)} |\n")
        f.write("\n## Recommended intakes and upper limits\n\n| life stage | kind | amount | upper limit | sources | note |\n|---|---|---|---|---|---|\n")
        for rec in kb.intakes:
            if rec.nutrient != n.id:
                continue
            ul = f"{rec.upper_limit.amount} ({rec.upper_limit.scope.value})" if rec.upper_limit else "none set"
            if rec.chronic_disease_risk_reduction:
                ul += f"; CDRR {rec.chronic_disease_risk_reduction}"
            amount = str(rec.amount)
            if n.iu_per_microgram:  # vitamin D: also in international units
                amount += f" ({mn.convert_for(rec.amount, 'IU', n).value:,.0f} IU)"
                if rec.upper_limit:
                    ul = ul.replace(str(rec.upper_limit.amount), f"{rec.upper_limit.amount} ({mn.convert_for(rec.upper_limit.amount, 'IU', n).value:,.0f} IU)")
            f.write(f"| {rec.life_stage.label} | {rec.kind.value} | {amount} | {ul} | {_sources_links(rec.sources)} | {_cell(rec.note or '')} |\n")
        for per in ("serving", "100 g"):
            f.write(f"\n## Best food sources per {per}\n\n| food | serving | amount | % DV | USDA NDB |\n|---|---|---|---|---|\n")
            for row in kb.foods_rich_in(n.id, per=per, limit=10):
                serving = f"{row.serving.label} ({row.serving.grams:g} g)" if row.serving else "100 g"
                pdv = "-" if row.percent_daily_value is None else f"{row.percent_daily_value:.0f}%"
                f.write(f"| {_cell(row.food.name)} | {_cell(serving)} | {_amount(row.amount.value)} {row.amount.unit.value} | {pdv} | {row.food.ndb_number} |\n")
        tests = kb.lab_tests_for(n.id)
        if tests:
            f.write("\n## Lab tests\n\n| test | LOINC | reference range | population | sources |\n|---|---|---|---|---|\n")
            # a test shipped without a LOINC code shows "not verified": none was printed in a catalogue page read
            for t in tests:
                for rr in t.reference_ranges:
                    low = "" if rr.low is None else f"{rr.low:g}"
                    high = "" if rr.high is None else f"{rr.high:g}"
                    who = rr.population + ("" if rr.sex.value == "any" else f", {rr.sex.value}")
                    f.write(f"| {t.name} | {t.loinc or 'not verified'} | {low}-{high} {rr.unit.value} | {_cell(who)} | {_sources_links(rr.sources)} |\n")
                for cut in t.cutoffs:
                    f.write(f"| {t.name}: {_cell(cut.label)} | | {'' if cut.low is None else f'{cut.low:g}'}-{'' if cut.high is None else f'{cut.high:g}'} {cut.unit.value} | cut-off | {_sources_links(cut.sources)} |\n")

        effects = kb.affecting(n.id)
        if effects:
            f.write("\n## What lowers or raises it\n\n| effect | factor | kind | grade | for | sources |\n|---|---|---|---|---|---|\n")
            for link in effects:
                f.write(f"| {link.direction.value} | [{_cell(link.factor.name)}](factors.md#{link.factor.id}) | {link.factor.kind.value} | "
                        f"{link.evidence.value} | {_cell(link.relation.population or '-')} | {_sources_links(link.relation.sources)} |\n")

catalog.append("* [Factors](factors.md)\n* [Symptoms](symptoms.md)\n* [Foods](foods.md)\n")
catalog += [f"    * [{g.value}](foods-{_slug(g.value)}.md)\n" for g in sorted({food.food_group for food in kb.foods}, key=lambda g: g.value)]
with mkdocs_gen_files.open("catalog/factors.md", "w") as f:
    f.write("# Medicines, conditions and behaviours\n\nWhat each factor does to the nutrients' blood levels or stores, "
            "the symptoms it causes directly, and the cautions about it. A drug class lists its members and ATC codes.\n\n")
    for kind in mn.FactorKind:
        factors = [x for x in kb.factors if x.kind is kind]
        if not factors:
            continue
        f.write(f"## {kind.value.capitalize()}s\n\n")
        for factor in sorted(factors, key=lambda x: x.name.casefold()):
            effects = kb.effects_of(factor)
            f.write(f"### {_cell(factor.name)} {{#{factor.id}}}\n\n")
            if factor.description:
                f.write(f"{_cell(factor.description)}\n\n")
            if factor.members:
                f.write(f"- **Members:** {_cell(', '.join(factor.members))} ({_sources_links(factor.members_sources)})\n")
            if factor.brands:
                f.write(f"- **Brands:** {_cell(', '.join(factor.brands))}\n")
            if factor.atc:
                f.write(f"- **ATC:** {', '.join(factor.atc)} ({_sources_links(factor.atc_sources)})\n")
            for link in effects.nutrients:
                f.write(f"- {link.direction.value} **{link.nutrient.name}** — {link.evidence.value}"
                        f"{' (' + _cell(link.relation.population) + ')' if link.relation.population else ''}: {_sources_links(link.relation.sources)}\n")
            for c in effects.symptoms:
                f.write(f"- {c.relation.predicate.value} **{c.symptom.name}** — {c.evidence.value}: {_sources_links(c.relation.sources)}\n")
            for c in effects.cautions:
                f.write(f"- caution: {_cell(c.advice.text)}\n")
            f.write("\n")
with mkdocs_gen_files.open("catalog/symptoms.md", "w") as f:
    f.write("# Symptom index\n\n| symptom | system | HPO id | HPO label | match | also called | causes (strongest first) |\n|---|---|---|---|---|---|---|\n")
    for s in sorted(kb.symptoms, key=lambda s: (s.system.value, s.name.casefold())):
        causes = "; ".join(f"{c.label} ({c.evidence.value})" for c in kb.causes_of(s.id)[:6])
        f.write(f"| {s.name} | {s.system.value} | {s.hpo_id} | {s.hpo_label} | {s.hpo_match.value} | {_cell(', '.join(s.aliases))} | {_cell(causes) or '-'} |\n")
groups = sorted({food.food_group for food in kb.foods}, key=lambda g: g.value)
with mkdocs_gen_files.open("catalog/foods.md", "w") as f:
    shown = [n for n in kb.nutrients]
    f.write("# Food table\n\nEvery food of USDA SR26 ([usda-sr26](../sources.md#usda-sr26)): "
            f"{len(kb.foods):,} foods. The {len(kb.common_foods)} common foods, chosen by hand, are listed here in full, "
            "amounts per 100 g edible portion; a dash means the release reports no value (not reported, which is not zero). "
            "The others are listed by food group: " + ", ".join(f"[{g.value}](foods-{_slug(g.value)}.md)" for g in groups) + ".\n\n")
    f.write("| food | NDB | group | " + " | ".join(f"{n.name} ({n.unit.value})" for n in shown) + " |\n")
    f.write("|---|---|---|" + "---|" * len(shown) + "\n")
    for food in kb.common_foods:
        cells = []
        for n in shown:
            value = food.per_100g(n.id)
            cells.append("-" if value is None else _amount(value.value))
        f.write(f"| {_cell(food.name)} | {food.ndb_number} | {food.food_group.value} | " + " | ".join(cells) + " |\n")
by_group: dict[mn.FoodGroup, list[mn.Food]] = {g: [] for g in groups}
for food in kb.foods:
    by_group[food.food_group].append(food)
for group, members in by_group.items():
    with mkdocs_gen_files.open(f"catalog/foods-{_slug(group.value)}.md", "w") as f:
        f.write(f"# {group.value}\n\n{len(members):,} foods of USDA SR26; the id finds a food in the library "
                "(`kb.food(id)`, or its NDB number). Each food's amounts are in `muscle-nutrients in-food ID`.\n\n")
        f.write("| food | NDB | id | default serving | measures |\n|---|---|---|---|---|\n")
        for food in members:
            serving = food.default_serving
            f.write(f"| {_cell(food.name)} | {food.ndb_number} | `{food.id}` | {_cell(serving.label)} ({serving.grams:g} g) | {len(food.servings)} |\n")
with mkdocs_gen_files.open("catalog/SUMMARY.md", "w") as f:
    f.writelines(catalog)
