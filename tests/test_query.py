"""The module-level queries mirror the knowledge base's, parameter for parameter."""

from __future__ import annotations

import inspect

import muscle_nutrients as mn
from muscle_nutrients import query


def _public_queries() -> dict[str, object]:
    return {name: value for name, value in vars(mn.KnowledgeBase).items()
            if inspect.isfunction(value) and not name.startswith("_") and name not in {"extend", "merge", "to_document"}}


def test_every_query_has_a_module_function_with_the_same_parameters() -> None:
    queries = _public_queries()
    assert sorted(queries) == sorted(query.__all__)
    for name, method in queries.items():
        function = getattr(query, name)
        expected = list(inspect.signature(method).parameters.values())[1:]  # without kb/self
        got = [p for p in inspect.signature(function).parameters.values() if p.name != "kb"]
        assert [(p.name, p.kind, p.default) for p in got] == [(p.name, p.kind, p.default) for p in expected], name


def test_module_functions_answer_like_the_knowledge_base(tiny: mn.KnowledgeBase, kb: mn.KnowledgeBase) -> None:
    assert query.symptoms_of("x", kb=tiny) == tiny.symptoms_of("x")
    assert query.intake("x", age=40, sex="male", kb=tiny) is tiny.intake("x", age=40, sex="male")
    assert query.nutrient("Mg") is kb.nutrient("Mg")
    assert query.rank_causes(["cramps"]) == kb.rank_causes(["cramps"])
    assert query.records(mn.Nutrient, kb=tiny) == tiny.nutrients
