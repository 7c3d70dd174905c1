"""The façade: construction in every form, extend/override/merge, immutability, the bound queries."""

from __future__ import annotations

import inspect

import attrs
import pytest

import muscle_nutrients as mn
from muscle_nutrients import knowledge_base


def test_built_from_a_document_or_from_records_by_kind(tiny: mn.KnowledgeBase) -> None:
    document = tiny.to_document()
    again = mn.KnowledgeBase(document)
    assert again.to_document() == document and mn.KnowledgeBase.from_document(document).to_document() == document
    by_kind = mn.KnowledgeBase(sources=list(tiny.sources), nutrients=list(tiny.nutrients), data_version="t")
    assert by_kind.nutrients == tiny.nutrients and by_kind.data_version == "t" and by_kind.foods == ()
    with pytest.raises(TypeError, match="not both"):
        mn.KnowledgeBase(document, nutrients=[])
    assert mn.KnowledgeBase().data_version == "unversioned"


def test_repr_counts_every_kind(tiny: mn.KnowledgeBase) -> None:
    assert repr(tiny) == ("<KnowledgeBase test: 1 sources, 2 nutrients, 3 symptoms, 2 foods, 1 factors, 1 lab tests, "
                          "1 advice, 2 red flags, 5 intakes, 7 relations>")


def test_cannot_be_changed(kb: mn.KnowledgeBase) -> None:
    for name, value in (("_data_version", "hacked"), ("data_version", "x"), ("_store", None), ("extra", 1)):
        with pytest.raises(AttributeError, match="cannot be changed"):
            setattr(kb, name, value)
    with pytest.raises(TypeError):
        kb._names[mn.Nutrient] = kb._names[mn.Food]  # type: ignore[index]
    assert kb.nutrient("magnesium").name == "Magnesium"


def test_extend_adds_and_refuses_collisions(tiny: mn.KnowledgeBase) -> None:
    extra = mn.Document(factors=(mn.Factor(id="g", name="G", kind=mn.FactorKind.STATE),))
    bigger = tiny.extend(extra)
    assert bigger.factor("g").id == "g" and tiny.get_factor("g") is None
    with pytest.raises(mn.DataError, match=r"factors\[0\]: factor 'f' is already defined; pass override=True"):
        tiny.extend(mn.Document(factors=(attrs.evolve(tiny.factor("f"), name="F again"),)))


def test_override_replaces_warns_and_is_listed(tiny: mn.KnowledgeBase) -> None:
    new_f = attrs.evolve(tiny.factor("f"), name="F renamed")
    with pytest.warns(mn.OverrideWarning, match="replacing factor 'f'"):
        replaced = tiny.extend(mn.Document(factors=(new_f,)), override=True)
    assert replaced.factor("f").name == "F renamed" and replaced.overrides == ("factor 'f'",)
    assert tiny.factor("f").name == "Factor F" and tiny.overrides == ()
    # the replacement keeps the place of the record it replaced
    assert [f.id for f in replaced.factors] == ["f"]


def test_merge(kb: mn.KnowledgeBase, tiny: mn.KnowledgeBase) -> None:
    merged = kb.merge(tiny)
    assert merged.nutrient("xenium").id == "x" and merged.nutrient("Mg").id == "magnesium"
    assert len(merged.relations) == len(kb.relations) + len(tiny.relations)
    with pytest.raises(mn.DataError, match="already defined"):
        kb.merge(kb)


def test_collections_are_tuples_in_data_order(kb: mn.KnowledgeBase) -> None:
    document = kb.to_document()
    for kind in mn.document.KINDS:
        records = kb.records(kind.record)
        if kind.record is mn.Food:  # the packed table: a read-only sequence, made a file of rows at a time
            assert not isinstance(records, tuple) and len(records) == len(document.foods) == 8463
            assert tuple(records) == document.foods and records[0] is records[0] and records[-1] is records[8462]
            continue
        assert isinstance(records, tuple) and records == getattr(document, kind.field)
    assert kb.nutrients == kb.records(mn.Nutrient) and kb.advice == kb.records(mn.Advice)


def test_every_query_is_bound_from_its_topic_module() -> None:
    for name, value in vars(mn.KnowledgeBase).items():
        if inspect.isfunction(value) and not name.startswith("_") and value.__module__ != knowledge_base.__name__:
            module = inspect.getmodule(value)
            assert module is not None and name in module.__all__, name
            assert value.__doc__ and "Args" in value.__doc__ or len(value.__doc__ or "") > 20, name


def test_the_facade_stays_small() -> None:
    source = inspect.getsource(mn.KnowledgeBase)
    assert len(source.splitlines()) <= 300
