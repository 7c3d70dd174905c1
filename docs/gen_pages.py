"""Build-time pages: the API reference, the sources page, the seed-claim coverage page and the
changelog, all generated from the code and the packaged knowledge base (never retyped)."""

from __future__ import annotations

from pathlib import Path

import mkdocs_gen_files

import muscle_nutrients as mn
from muscle_nutrients import catalog

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
    "muscle_nutrients.fhir": "FHIR lab results",
    "muscle_nutrients.factors": "Queries: factors",
    "muscle_nutrients.graph": "Queries: relations and claims",
    "muscle_nutrients.query": "Module-level queries",
    "muscle_nutrients.answers": "Answers for assistants",
    "muscle_nutrients.mcp_server": "MCP server",
    "muscle_nutrients.catalog": "Data catalog pages",
    "muscle_nutrients.tables": "Data as relational tables",
    "muscle_nutrients.sqlite": "SQLite export",
    "muscle_nutrients.frames": "DataFrames and Parquet",
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


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# ------------------------------------------------------------------ sources
with mkdocs_gen_files.open("sources.md", "w") as f:
    f.write(catalog.page(kb, "sources"))

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
# the pages themselves are the package's (muscle_nutrients.catalog), shared with the MCP server
for name in catalog.pages(kb):
    if name != "sources":  # published at the site's root (above)
        with mkdocs_gen_files.open(f"catalog/{name}.md", "w") as f:
            f.write(catalog.page(kb, name))
nav = ["* [Overview](index.md)\n"]
nav += [f"* [{n.name}]({n.id}.md)\n" for n in kb.nutrients]
nav += ["* [Factors](factors.md)\n* [Symptoms](symptoms.md)\n* [Foods](foods.md)\n"]
nav += [f"    * [{g.value}](foods-{catalog.slug(g.value)}.md)\n" for g in sorted({food.food_group for food in kb.foods}, key=lambda g: g.value)]
with mkdocs_gen_files.open("catalog/SUMMARY.md", "w") as f:
    f.writelines(nav)
