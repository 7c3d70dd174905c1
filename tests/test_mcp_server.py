"""The MCP server, driven through the official MCP client: in-process for every tool, resource
and the prompt (answers checked against the Python API), and once over HTTP on loopback."""

from __future__ import annotations

import importlib.metadata
import re
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import pytest

import muscle_nutrients as mn
from muscle_nutrients import DATA_VERSION, DISCLAIMER, catalog

mcp = pytest.importorskip("mcp")  # the optional extra; the test extras install it
from mcp import Client  # noqa: E402

from muscle_nutrients.mcp_server import build_server  # noqa: E402

TIMEOUT = 30


@pytest.fixture(scope="module")
def server(kb: mn.KnowledgeBase) -> Any:
    return build_server(kb)


def session(server: Any, body: Callable[[Any], Awaitable[Any]]) -> Any:
    """Run ``body(client)`` against the server in-process, with a timeout on the whole exchange."""
    async def main() -> Any:
        with anyio.fail_after(TIMEOUT):
            async with Client(server) as client:
                return await body(client)
    return anyio.run(main)


def call(server: Any, tool: str, arguments: dict[str, Any]) -> Any:
    async def body(client: Any) -> Any:
        return await client.call_tool(tool, arguments)
    return session(server, body)


def source_ids(data: dict[str, Any]) -> set[str]:
    return {s["id"] for s in data["sources"]}


# one example call per tool, and what the Python API says for it
EXAMPLES: dict[str, dict[str, Any]] = {
    "nutrient": {"name": "Mg"},
    "symptoms_of": {"nutrient": "potassium", "state": "excess"},
    "causes_of": {"symptom": "pins and needles"},
    "rank_causes": {"symptoms": "my legs cramp at night and my feet tingle", "context": ["lasix", "eats liquorice"], "age": 70},
    "red_flags": {"symptoms": ["leg cramps"]},
    "advice": {"topic": "night cramps"},
    "foods_rich_in": {"nutrient": "magnesium", "per": "100g", "limit": 3},
    "nutrients_in": {"food": "banana", "portion": "2 medium"},
    "search_foods": {"text": "roasted almonds", "limit": 3},
    "intake": {"nutrient": "vitamin D", "age": 72, "sex": "female"},
    "assess_diet": {"foods": [{"food": "banana", "portion": "2 medium"}, {"food": "almonds"}], "age": 35, "sex": "female"},
    "interpret_lab": {"test": "magnesium", "value": 0.6, "unit": "mmol/L"},
    "effects_of": {"factor": "omeprazole"},
    "affecting": {"nutrient": "potassium", "direction": "raises"},
    "source": {"source_id": "usda-sr26"},
}


def test_tools_are_listed_with_descriptions_and_schemas(server: Any) -> None:
    async def body(client: Any) -> Any:
        return await client.list_tools()
    tools = {t.name: t for t in session(server, body).tools}
    assert set(tools) == set(EXAMPLES)
    for tool in tools.values():
        assert len(tool.description) > 60, tool.name
        assert tool.input_schema["type"] == "object"
        assert tool.annotations.read_only_hint and not tool.annotations.open_world_hint
    rank = tools["rank_causes"].input_schema
    assert rank["required"] == ["symptoms"] and rank["properties"]["symptoms"]["maxLength"] == 2_000
    assert rank["properties"]["context"]["maxItems"] == 30


@pytest.mark.parametrize("tool", sorted(EXAMPLES))
def test_every_tool_answers_graded_and_cited(server: Any, tool: str) -> None:
    result = call(server, tool, EXAMPLES[tool])
    assert not result.is_error, result.content
    data, text = result.structured_content, result.content[0].text
    assert data["data_version"] == DATA_VERSION and f"data {DATA_VERSION}" in text
    for source in data["sources"]:  # every source cited in the text is listed, with its address where it has one
        assert source["title"] and source["publisher"], source
        assert source.get("url") or source.get("read_at") or source["id"] == "usda-sr26", source  # SR26: the files themselves
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    assert cited == set(range(1, len(data["sources"]) + 1))


def test_structured_answers_equal_the_python_api(server: Any, kb: mn.KnowledgeBase) -> None:
    assert call(server, "nutrient", {"name": "Mg"}).structured_content["nutrient"] == kb.nutrient("Mg").to_dict()
    excess = call(server, "symptoms_of", EXAMPLES["symptoms_of"]).structured_content
    assert excess["symptoms"] == [link.to_dict() for link in kb.symptoms_of("potassium", state="excess")]
    ranked = call(server, "rank_causes", EXAMPLES["rank_causes"]).structured_content
    expected = kb.rank_causes("my legs cramp at night and my feet tingle", context=["lasix", "eats liquorice"], age=70).to_dict()
    assert ranked["candidates"] == expected["candidates"][:5] and ranked["candidates_total"] == len(expected["candidates"])
    assert ranked["unresolved"] == ["eats liquorice"] and ranked["next_questions"] == expected["next_questions"]
    foods = call(server, "foods_rich_in", EXAMPLES["foods_rich_in"]).structured_content
    assert foods["foods"] == [r.to_dict() for r in kb.foods_rich_in("magnesium", per="100g", limit=3)]
    portion = call(server, "nutrients_in", EXAMPLES["nutrients_in"]).structured_content
    assert portion["nutrients"] == [r.to_dict() for r in kb.nutrients_in("banana", portion="2 medium")]
    target = call(server, "intake", EXAMPLES["intake"]).structured_content
    assert target["intake"] == kb.intake("vitamin D", age=72, sex="female").to_dict()
    lab = call(server, "interpret_lab", EXAMPLES["interpret_lab"]).structured_content
    assert lab["status"] == "low" == kb.interpret_lab("magnesium", 0.6, "mmol/L").status.value
    effects = call(server, "effects_of", EXAMPLES["effects_of"]).structured_content
    assert effects["effects"] == kb.effects_of("omeprazole").to_dict()
    raising = call(server, "affecting", EXAMPLES["affecting"]).structured_content
    assert raising["effects"] == [l.to_dict() for l in kb.affecting("potassium", "raises")]
    diet = call(server, "assess_diet", EXAMPLES["assess_diet"]).structured_content
    assert diet["rows"] == kb.assess_diet([("banana", "2 medium"), ("almonds", None)], age=35, sex="female").to_dict()["rows"]


@pytest.mark.parametrize("tool", ["symptoms_of", "causes_of", "rank_causes", "red_flags", "advice", "interpret_lab", "effects_of"])
def test_symptoms_and_lab_values_come_with_red_flags_and_the_disclaimer(server: Any, tool: str) -> None:
    result = call(server, tool, EXAMPLES[tool])
    data, text = result.structured_content, result.content[0].text
    assert data["disclaimer"] == DISCLAIMER and DISCLAIMER in text
    if tool not in ("interpret_lab", "effects_of"):
        assert data["red_flags"] and "See a doctor" in text


def test_refuted_claims_are_labelled_and_kept_apart_from_steps(server: Any) -> None:
    result = call(server, "advice", {"topic": "night cramps"})
    data, text = result.structured_content, result.content[0].text
    assert all(step["evidence"] not in ("unsupported", "contradicted") for step in data["steps"])
    refuted = [(s["advice"]["id"], s["evidence"]) for s in data["not_supported"]]
    assert ("magnesium-supplements", "contradicted") in refuted
    head, tail = text.split("Claims that do not hold up (not advice):")
    assert "[CONTRADICTED: the evidence says this does not hold] Magnesium supplements" in tail
    assert "CONTRADICTED" not in head and "UNSUPPORTED" not in head
    assert data["cautions"] and "quinine" in text


@pytest.mark.parametrize(("tool", "arguments", "message"), [
    ("nutrient", {"name": "magnesum"}, "did you mean 'Magnesium'"),
    ("effects_of", {"factor": "lasicks"}, "unknown factor"),
    ("interpret_lab", {"test": "magnesium", "value": 1, "unit": "furlongs"}, "unit"),
    ("rank_causes", {"symptoms": "purple elbows"}, "needs at least one symptom it knows"),
    ("nutrients_in", {"food": "banana", "portion": "2"}, "bare number"),
    ("assess_diet", {"foods": [{"portion": "1 cup"}], "age": 30, "sex": "male"}, "needs a 'food'"),
    ("source", {"source_id": "no-such-source"}, "unknown source"),
    ("rank_causes", {"symptoms": "x" * 2_001}, "2000"),
    ("intake", {"nutrient": "zinc", "age": 200, "sex": "female"}, "age"),
    ("symptoms_of", {"nutrient": "zinc", "state": "plenty"}, "state"),
])
def test_bad_input_is_a_tool_error_that_says_why(server: Any, tool: str, arguments: dict[str, Any], message: str) -> None:
    result = call(server, tool, arguments)
    assert result.is_error and result.structured_content is None
    assert message in result.content[0].text


def test_resources_serve_the_catalog_and_sources(server: Any, kb: mn.KnowledgeBase) -> None:
    async def body(client: Any) -> Any:
        listed = await client.list_resources()
        templates = await client.list_resource_templates()
        page = await client.read_resource("muscle-nutrients://catalog/magnesium")
        source = await client.read_resource("muscle-nutrients://sources/usda-sr26")
        return listed, templates, page, source
    listed, templates, page, source = session(server, body)
    uris = {str(r.uri) for r in listed.resources}
    assert {f"muscle-nutrients://catalog/{name}" for name in catalog.pages(kb)} == uris
    assert [t.uri_template for t in templates.resource_templates] == ["muscle-nutrients://sources/{source_id}"]
    text = page.contents[0].text
    assert text == catalog.page(kb, "magnesium", source_link=lambda s: f"muscle-nutrients://sources/{s}")
    assert "(muscle-nutrients://sources/" in text and "## Symptoms of deficiency" in text
    assert kb.source("usda-sr26").title in source.contents[0].text


def test_the_explain_my_cramps_prompt_asks_for_citations_and_red_flags(server: Any) -> None:
    async def body(client: Any) -> Any:
        prompts = await client.list_prompts()
        got = await client.get_prompt("explain-my-cramps", {"description": "my calves cramp at night", "context": "I take lasix"})
        return prompts, got
    prompts, got = session(server, body)
    assert [p.name for p in prompts.prompts] == ["explain-my-cramps"]
    text = got.messages[0].content.text
    assert "my calves cramp at night" in text and "I take lasix" in text
    for must in ("rank_causes", "red flag", "sources", "unsupported or contradicted", "not-a-diagnosis"):
        assert must in text


def test_the_base_install_needs_only_attrs_and_cattrs() -> None:
    requires = importlib.metadata.requires("muscle-nutrients") or []
    base = {re.split(r"[<>=!~; \[]", r, maxsplit=1)[0].lower() for r in requires if "extra ==" not in r}
    assert base == {"attrs", "cattrs"}
    assert any(re.match(r"mcp\b.*extra == ['\"]mcp['\"]", r) for r in requires)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_over_http_on_loopback() -> None:
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "muscle_nutrients", "mcp", "--http", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:  # wait until it listens
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)

        async def main() -> Any:
            with anyio.fail_after(TIMEOUT):
                async with Client(f"http://127.0.0.1:{port}/mcp") as client:
                    tools = await client.list_tools()
                    return tools, await client.call_tool("causes_of", {"symptom": "leg cramps"})
        tools, result = anyio.run(main)
        assert {t.name for t in tools.tools} == set(EXAMPLES)
        assert not result.is_error and result.structured_content["data_version"] == DATA_VERSION
    finally:
        process.terminate()
        process.wait(timeout=TIMEOUT)


def test_over_stdio_as_an_assistant_starts_it() -> None:
    from mcp.client.stdio import StdioServerParameters

    async def main() -> Any:
        with anyio.fail_after(TIMEOUT):
            params = StdioServerParameters(command=sys.executable, args=["-m", "muscle_nutrients", "mcp"])
            async with Client(params) as client:
                return await client.call_tool("nutrient", {"name": "K"})
    result = anyio.run(main)
    assert not result.is_error and result.structured_content["nutrient"]["id"] == "potassium"
