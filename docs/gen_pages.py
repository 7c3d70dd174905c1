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
    "muscle_nutrients.query": "Module-level queries",
    "muscle_nutrients.model": "Records",
    "muscle_nutrients.results": "Query results",
    "muscle_nutrients.units": "Units and amounts",
    "muscle_nutrients.evidence": "Evidence grades",
    "muscle_nutrients.errors": "Errors",
    "muscle_nutrients.names": "Name lookup",
    "muscle_nutrients.serialization": "Data format",
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
    f.write("# Sources\n\n")
    f.write(
        f"Every source the knowledge base (data version `{kb.data_version}`) cites, with what was taken from it. "
        "Where only a reproduction of a document could be read, *Read as* says which copy.\n\n"
    )
    for source in sorted(kb.sources, key=lambda s: s.id):
        f.write(f"### {_cell(source.title)} {{#{source.id}}}\n\n")
        f.write(f"- **Id:** `{source.id}` · **Kind:** {source.kind.value} · **Publisher:** {_cell(source.publisher)}")
        f.write(f" · **Year:** {source.year}\n" if source.year else "\n")
        if source.url:
            f.write(f"- **Read at:** <{source.url}>" + (f" (accessed {source.accessed})" if source.accessed else "") + "\n")
        if source.copy_of:
            f.write(f"- **Read as:** {_cell(source.copy_of)}\n")
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
            links = ", ".join(f"[{s}](sources.md#{s})" for s in fact.sources)
            f.write(f"| {_cell(text)} | {fact.evidence.value} | {links} |\n")
        f.write("\n")

# ------------------------------------------------------------------ changelog
with mkdocs_gen_files.open("changelog.md", "w") as f:
    f.write((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
