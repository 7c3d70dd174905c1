"""An MCP server over the knowledge base: every answer graded and cited, for assistants.

Needs the optional extra: ``pip install "muscle-nutrients[mcp]"`` (the official ``mcp`` SDK).
Run it with ``muscle-nutrients mcp`` (stdio) or ``muscle-nutrients mcp --http --port 8765``
(streamable HTTP at ``http://127.0.0.1:8765/mcp``; loopback unless ``--host`` says otherwise).

The server is read-only: it holds the loaded knowledge base and nothing else between calls,
bounds every input as the library does, and never reaches the network. Each tool answers with
``structuredContent`` (the data, with ``sources``, ``data_version``, and ``red_flags`` and
``disclaimer`` where symptoms or lab values are involved) and a text block saying the same in
words with numbered references (``muscle_nutrients.answers``). An unknown name or a bad value
is a tool error carrying the library's message and its "did you mean" suggestions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import CallToolResult, TextContent, ToolAnnotations
from pydantic import Field

from . import answers, catalog
from ._version import DATA_VERSION, __version__
from .errors import DataError
from .knowledge_base import KnowledgeBase
from .loading import packaged

__all__ = ["LOOPBACK", "build_server", "serve"]

LOOPBACK = "127.0.0.1"

INSTRUCTIONS = f"""\
muscle-nutrients {__version__} (data {DATA_VERSION}): an offline, curated knowledge base of the
nutrients behind muscle and nerve function -- symptoms of deficiency and excess, causes ranked
from a person's words, foods (USDA SR26), intakes and upper limits (National Academies DRIs),
lab values, what medicines and conditions do to nutrients, advice and cautions.

Every statement carries an evidence grade (established > probable > limited > unsupported >
contradicted) and numbered sources with their addresses. When you answer from these tools:
cite the sources you use; show the red flags and the not-a-diagnosis statement whenever
symptoms or lab values are discussed; never present an unsupported or contradicted claim as
advice (say that the evidence does not support it); never add numbers the tools did not give;
if a tool has no answer, say the knowledge base does not cover it rather than guessing."""

_READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False)

Name = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(min_length=1, max_length=2_000)]
Items = Annotated[list[Annotated[str, Field(min_length=1, max_length=200)]], Field(max_length=30)]
Age = Annotated[float, Field(ge=0, le=130, description="Age in years (0.5 = six months).")]
SexArg = Annotated[Literal["male", "female"], Field(description="'male' or 'female'.")]
Limit = Annotated[int, Field(ge=1, le=50, description="How many to return.")]


def _result(answer: answers.Answer) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=answer.text)], structured_content=answer.data)


def _answer(make: Callable[[], answers.Answer]) -> CallToolResult:
    """Run a question; what the library refuses becomes a tool error with its message."""
    try:
        return _result(make())
    except (LookupError, ValueError, TypeError, DataError) as error:  # UnknownNameError is a LookupError
        message = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
        raise ToolError(message) from error


def build_server(kb: KnowledgeBase | None = None) -> MCPServer:
    """The server for ``kb`` (the packaged knowledge base by default), with its tools, resources
    and prompt registered; run it with ``serve`` or connect to it in-process with ``mcp.Client``."""
    kb = packaged() if kb is None else kb
    server = MCPServer("muscle-nutrients", title="muscle-nutrients: graded, cited nutrition facts",
                       instructions=INSTRUCTIONS, version=__version__)
    _tools(server, kb)
    _resources(server, kb)
    _prompts(server)
    return server


def serve(kb: KnowledgeBase | None = None, *, http: bool = False, host: str = LOOPBACK, port: int = 8765) -> None:
    """Serve over stdio, or over streamable HTTP at ``http://host:port/mcp``."""
    server = build_server(kb)
    if http:
        server.run("streamable-http", host=host, port=port)
    else:
        server.run("stdio")


def _tool(server: MCPServer, name: str, description: str) -> Callable[[Callable[..., CallToolResult]], Callable[..., CallToolResult]]:
    """Register a read-only tool under ``name`` (every tool of this server only reads)."""
    return server.tool(name=name, annotations=_READ_ONLY, description=description)


def _tools(server: MCPServer, kb: KnowledgeBase) -> None:
    """Every tool, by the question it answers."""
    _symptom_tools(server, kb)
    _food_tools(server, kb)
    _reference_tools(server, kb)


def _symptom_tools(server: MCPServer, kb: KnowledgeBase) -> None:
    """A nutrient, its symptoms, the causes of symptoms, red flags and advice."""

    @_tool(server, "nutrient", (
        "What a nutrient does for muscles and nerves, what too much of it does, and its FDA Daily Value; "
        "each statement with its evidence grade and sources. Accepts names, symbols and aliases ('Mg', 'vitamin B-12')."))
    def nutrient(name: Annotated[Name, Field(description="A nutrient: name, symbol or alias.")]) -> CallToolResult:
        return _answer(lambda: answers.nutrient(kb, name))

    @_tool(server, "symptoms_of", (
        "Symptoms that a nutrient's deficiency (or, with state='excess', too much of it) causes, strongest evidence "
        "first, with HPO ids, grades, sources, the red flags that apply and the not-a-diagnosis statement."))
    def symptoms_of(nutrient: Annotated[Name, Field(description="A nutrient.")],
                    state: Annotated[Literal["deficiency", "excess"], Field(description="Too little or too much.")] = "deficiency",
                    ) -> CallToolResult:
        return _answer(lambda: answers.symptoms_of(kb, nutrient, state))

    @_tool(server, "causes_of", (
        "The nutrient deficiencies, excesses, medicines and conditions that cause or raise the risk of one symptom "
        "(plain words work: 'leg cramps', 'pins and needles'), with grades, sources and red flags."))
    def causes_of(symptom: Annotated[Name, Field(description="A symptom, in plain words or its name.")]) -> CallToolResult:
        return _answer(lambda: answers.causes_of(kb, symptom))

    @_tool(server, "rank_causes", (
        "Rank the possible causes of symptoms given in a person's own words, taking their medicines, conditions, "
        "diet and situation into account; each candidate with what it explains (graded), the chain by which the "
        "context raised or lowered it, and what it does not explain; plus what to ask or test next, words that were "
        "not understood, red flags and the not-a-diagnosis statement. Not a diagnosis."))
    def rank_causes(
        symptoms: Annotated[Text, Field(description="What the person reports, in their words ('my legs cramp at night, no numbness') or symptom names separated by commas.")],
        context: Annotated[Items, Field(description="Medicines (generic or brand), conditions, diets, situations: 'lasix', 'on dialysis', 'eats no dairy'.")] = [],  # noqa: B006 - pydantic copies defaults
        age: Age | None = None,
        sex: SexArg | None = None,
        pregnant: bool = False,
        limit: Limit = 5,
    ) -> CallToolResult:
        return _answer(lambda: answers.rank_causes(kb, symptoms, context=context, age=age, sex=sex, pregnant=pregnant, limit=limit))

    @_tool(server, "red_flags", (
        "When to see a doctor: the general red flags, and those of the symptoms given; each graded and cited."))
    def red_flags(symptoms: Annotated[Items, Field(description="Symptoms (empty: the general red flags).")] = []) -> CallToolResult:  # noqa: B006
        return _answer(lambda: answers.red_flags(kb, symptoms))

    @_tool(server, "advice", (
        "Steps that prevent or relieve a symptom ('night cramps') or a nutrient's deficiency ('magnesium'): how well each "
        "works (grade) and whether sources advise it, kept apart from claims the evidence does not support or contradicts, "
        "and the cautions (what not to do). Red flags and the not-a-diagnosis statement included."))
    def advice(topic: Annotated[Name, Field(description="A symptom, or a nutrient for its deficiency.")]) -> CallToolResult:
        return _answer(lambda: answers.advice(kb, topic))


def _food_tools(server: MCPServer, kb: KnowledgeBase) -> None:
    """Foods, portions, intakes and a day's diet."""

    @_tool(server, "foods_rich_in", (
        "Foods with the most of a nutrient, per serving or per 100 g, from USDA SR26 (NDB numbers), with % Daily Value. "
        "among: 'common' (everyday foods), 'all' (8,463 foods) or a food group such as 'vegetables'."))
    def foods_rich_in(nutrient: Annotated[Name, Field(description="A nutrient.")],
                      per: Annotated[Literal["serving", "100g"], Field(description="Per serving or per 100 g.")] = "serving",
                      among: Annotated[Name, Field(description="'common', 'all' or a food group.")] = "common",
                      limit: Limit = 10) -> CallToolResult:
        return _answer(lambda: answers.foods_rich_in(kb, nutrient, per=per, among=among, limit=limit))

    @_tool(server, "nutrients_in", (
        "The amounts of every nutrient in a food for a portion ('2 medium', '1/2 cup', '150 g'; default: its first "
        "serving), from USDA SR26; a value USDA does not report is shown as not reported, never as zero."))
    def nutrients_in(food: Annotated[Name, Field(description="A food: name, id or NDB number.")],
                     portion: Annotated[str | None, Field(max_length=100, description="How much: '150 g', '2 medium', '1/2 cup'.")] = None,
                     ) -> CallToolResult:
        return _answer(lambda: answers.nutrients_in(kb, food, portion=portion))

    @_tool(server, "search_foods", (
        "Find foods in the USDA table from what a person types (plurals, typos and words in any order work); "
        "returns ids to pass to nutrients_in."))
    def search_foods(text: Annotated[Name, Field(description="What to look for: 'roasted almonds'.")], limit: Limit = 10) -> CallToolResult:
        return _answer(lambda: answers.search_foods(kb, text, limit=limit))

    @_tool(server, "intake", (
        "The daily intake target (RDA or AI) and tolerable upper intake level, with its scope, for one person "
        "(National Academies DRIs)."))
    def intake(nutrient: Annotated[Name, Field(description="A nutrient.")], age: Age, sex: SexArg,
               pregnant: bool = False, lactating: bool = False) -> CallToolResult:
        return _answer(lambda: answers.intake(kb, nutrient, age=age, sex=sex, pregnant=pregnant, lactating=lactating))

    @_tool(server, "assess_diet", (
        "A day's foods against one person's targets, nutrient by nutrient: total, % of the RDA/AI, and whether an "
        "upper limit is exceeded. Each item is a food with an optional portion."))
    def assess_diet(
        foods: Annotated[list[dict[Literal["food", "portion"], Annotated[str, Field(max_length=200)]]],
                         Field(min_length=1, max_length=100, description="[{'food': 'banana', 'portion': '2 medium'}, ...]")],
        age: Age, sex: SexArg, pregnant: bool = False, lactating: bool = False,
    ) -> CallToolResult:
        def ask() -> answers.Answer:
            portions = []
            for i, item in enumerate(foods):
                if "food" not in item:
                    raise ValueError(f"foods[{i}] needs a 'food'")
                portions.append((item["food"], item.get("portion")))
            return answers.assess_diet(kb, portions, age=age, sex=sex, pregnant=pregnant, lactating=lactating)
        return _answer(ask)


def _reference_tools(server: MCPServer, kb: KnowledgeBase) -> None:
    """Lab values, what medicines and conditions do, and the sources."""

    @_tool(server, "interpret_lab", (
        "Read a lab value (serum magnesium, potassium, ferritin, 25-hydroxyvitamin D, B12 ...) against the reference "
        "range and guideline cut-offs, with sources, and the not-a-diagnosis statement."))
    def interpret_lab(test: Annotated[Name, Field(description="A lab test or a nutrient.")],
                      value: Annotated[float, Field(ge=0, le=1e9)],
                      unit: Annotated[str, Field(min_length=1, max_length=20, description="'mg/dL', 'mmol/L', 'ng/mL' ...")],
                      sex: SexArg | None = None, age: Age | None = None) -> CallToolResult:
        return _answer(lambda: answers.interpret_lab(kb, test, value, unit, sex=sex, age=age))

    @_tool(server, "effects_of", (
        "What a medicine (generic or brand name: 'omeprazole', 'Lasix'), a condition or a behaviour does to nutrient "
        "levels and which symptoms it causes, with cautions; graded and cited."))
    def effects_of(factor: Annotated[Name, Field(description="A medicine, condition or behaviour.")]) -> CallToolResult:
        return _answer(lambda: answers.effects_of(kb, factor))

    @_tool(server, "affecting", (
        "The medicines, conditions and behaviours that lower or raise a nutrient, graded and cited."))
    def affecting(nutrient: Annotated[Name, Field(description="A nutrient.")],
                  direction: Annotated[Literal["lowers", "raises"] | None, Field(description="Only those that lower, or raise.")] = None,
                  ) -> CallToolResult:
        return _answer(lambda: answers.affecting(kb, nutrient, direction))

    @_tool(server, "source", (
        "One source by its id (as the other answers cite them): authors, year, the work's own address, the copy read, "
        "and what the knowledge base took from it."))
    def source(source_id: Annotated[Name, Field(description="A source id, e.g. 'ods-magnesium-hp'.")]) -> CallToolResult:
        return _answer(lambda: answers.source(kb, source_id))



def _resources(server: MCPServer, kb: KnowledgeBase) -> None:
    def link(source_id: str) -> str:
        return f"muscle-nutrients://sources/{source_id}"

    def reader(name: str) -> Callable[[], str]:
        return lambda: catalog.page(kb, name, source_link=link)

    for name in catalog.pages(kb):
        server.resource(f"muscle-nutrients://catalog/{name}", name=f"catalog-{name}", mime_type="text/markdown",
                        description=f"Data catalog page '{name}' (data {DATA_VERSION}), generated from the knowledge base.")(reader(name))

    @server.resource("muscle-nutrients://sources/{source_id}", name="source", mime_type="text/markdown",
                     description="One source of the knowledge base: reference, address, copy read, what it supports.")
    def source(source_id: str) -> str:
        try:
            return answers.source(kb, source_id).text
        except LookupError as error:
            from mcp.server.mcpserver.exceptions import ResourceNotFoundError

            raise ResourceNotFoundError(str(error)) from error


def _prompts(server: MCPServer) -> None:
    @server.prompt(name="explain-my-cramps", title="Explain my cramps",
                   description="Explain what could be behind a person's cramps or other muscle and nerve symptoms, cited and with red flags.")
    def explain(description: str, context: str = "") -> str:
        circumstances = f"\nTheir circumstances: {context}" if context else ""
        return (
            f"A person describes: {description!r}.{circumstances}\n\n"
            "Use the muscle-nutrients tools to explain what could be behind it:\n"
            "1. Call rank_causes with their words (and their medicines, conditions or situation as context).\n"
            "2. If any red flag applies, say it first and plainly; urgent ones mean seeking care now.\n"
            "3. Explain the leading possibilities in plain language, with each statement's evidence grade and the "
            "numbered sources the tool gave (with their links). Use causes_of, symptoms_of or advice for detail.\n"
            "4. Mention what would tell the possibilities apart (the tool's next questions and lab tests).\n"
            "5. Never present an unsupported or contradicted claim as advice: say the evidence does not support it. "
            "Do not add numbers or facts the tools did not give; if they do not cover something, say so.\n"
            "6. End with the not-a-diagnosis statement: a clinician should examine them before any supplement or treatment."
        )

