"""The module-level queries mirror the knowledge base's, parameter for parameter."""

from __future__ import annotations

import inspect

import muscle_nutrients as mn
from muscle_nutrients import query


def _public_queries() -> dict[str, object]:
    return {name: value for name, value in vars(mn.KnowledgeBase).items()
            if inspect.isfunction(value) and not name.startswith("_") and name not in {"extend", "merge", "to_document", "to_sqlite", "to_frame"}}


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


_EXAMPLE_ARGS: dict[str, tuple[tuple[object, ...], dict[str, object]]] = {
    "records": ((mn.Nutrient,), {}), "lookup": ((mn.Food, "bean"), {}), "get": ((mn.Food, "nope"), {}),
    "nutrient": (("Xe",), {}), "symptom": (("a",), {}), "food": (("nut",), {}), "factor": (("effy",), {}),
    "lab_test": (("serum-x",), {}), "advice_item": (("rest",), {}), "source": (("src",), {}),
    "get_nutrient": (("x",), {}), "get_symptom": (("b",), {}), "get_food": (("bean",), {}), "get_factor": (("f",), {}),
    "get_lab_test": (("serum-x",), {}), "get_advice": (("rest",), {}), "get_source": (("nope",), {}),
    "search": (("xen",), {}), "symptoms_of": (("x",), {}), "causes_of": (("a",), {}), "advice_for": (("a",), {}), "advice_for_deficiency": (("x",), {}), "cautions_for": (("a",), {}),
    "red_flags": (("c",), {}), "rank_causes": ((["a", "b"],), {"context": ["effy"], "age": 70}), "find_terms": (("alpha pain, no buzz b; effy",), {}),
    "interpret_observation": (({"resourceType": "Observation", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "1234-5"}]},
                                "valueQuantity": {"value": 0.4, "unit": "mg/dL", "system": "http://unitsofmeasure.org", "code": "mg/dL"}},), {}), "depleted_by": (("f",), {}), "effects_of": (("f",), {}), "affecting": (("x",), {"direction": "lowers"}),
    "foods_rich_in": (("x",), {"per": "100g"}), "search_foods": (("be",), {}), "nutrients_in": (("bean",), {}), "daily_value": (("y",), {}),
    "intake": (("x",), {"age": 30, "sex": "male"}), "assess_diet": (([("bean", None)],), {"age": 30, "sex": "male"}),
    "lab_tests_for": (("x",), {}), "interpret_lab": (("x", 1.5, "mg/dL"), {}), "relations_from": (("deficiency:x",), {}),
    "relations_to": (("symptom:a",), {}), "relations_for_claim": (("S01",), {}), "facts_for_claim": (("S02",), {}),
}


def test_every_module_function_answers_as_its_method(tiny: mn.KnowledgeBase) -> None:
    assert set(_EXAMPLE_ARGS) == set(query.__all__)
    for name, (args, kwargs) in _EXAMPLE_ARGS.items():
        assert getattr(query, name)(*args, kb=tiny, **kwargs) == getattr(tiny, name)(*args, **kwargs), name


def test_new_queries_mirror_the_knowledge_base(kb: mn.KnowledgeBase) -> None:
    assert query.advice_for_deficiency("zinc", kb=kb) == kb.advice_for_deficiency("zinc")
    assert query.symptoms_of("zinc", state="excess", kb=kb) == kb.symptoms_of("zinc", state="excess")
    assert query.interpret_lab("phosphate", 5, "mg/dL", age=3, kb=kb).status is kb.interpret_lab("phosphate", 5, "mg/dL", age=3).status
