"""The cross-record rules: every branch, each problem located by file and JSON path or by record."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import muscle_nutrients as mn
from muscle_nutrients import EvidenceGrade as G
from muscle_nutrients import _validation


def _problems(tiny: mn.KnowledgeBase, **changes: object) -> list[str]:
    """The problems of the tiny knowledge base with some record lists replaced."""
    document = attrs.evolve(tiny.to_document(), **changes)
    with pytest.raises(mn.DataError) as info:
        mn.KnowledgeBase(document)
    return list(info.value.problems)


def test_the_fixture_is_valid(tiny: mn.KnowledgeBase) -> None:
    assert _validation.problems(tiny._store) == []


def test_duplicate_ids_and_keys(tiny: mn.KnowledgeBase) -> None:
    problems = _problems(tiny, relations=(*tiny.relations, tiny.relations[0]), intakes=(*tiny.intakes, tiny.intakes[0]))
    assert problems == ["intakes[5]: intake x (males >0 y) is defined twice (first at intakes[0])",
                        "relations[7]: relation 'xa' is defined twice (first at relations[0])"]


def test_names_that_collide_after_normalisation(tiny: mn.KnowledgeBase) -> None:
    clash = mn.Factor(id="g", name="G", kind=mn.FactorKind.BEHAVIOUR, aliases=("Effy!",))
    assert _problems(tiny, factors=(*tiny.factors, clash)) == ["factor 'g': factor name 'Effy!' is used by both 'f' and 'g'"]


def test_unknown_sources_anywhere_with_hints(tiny: mn.KnowledgeBase) -> None:
    x = tiny.nutrient("x")
    bad = attrs.evolve(x, roles=(mn.Statement(text="Does things.", evidence=G.LIMITED, sources=("srx",)),), constants_sources=("nope",))
    problems = _problems(tiny, nutrients=(bad, tiny.nutrient("y")))
    assert problems == [
        "nutrient 'x' at constants_sources[0]: unknown source 'nope'",
        "nutrient 'x' at roles[0].sources[0]: unknown source 'srx' (did you mean 'src'?)",
    ]


def test_a_new_citing_field_is_checked_with_no_further_edit(tiny: mn.KnowledgeBase) -> None:
    from muscle_nutrients import _fields

    @attrs.frozen(kw_only=True, eq=False, repr=False)
    class Note(_fields.Record):
        id: str = attrs.field(metadata=_fields.ID)
        icd_sources: tuple[mn.Citation, ...] = attrs.field(metadata=mn.model.OPTIONAL_SOURCES)

    from muscle_nutrients._kinds import kind

    @attrs.frozen(kw_only=True, repr=False)
    class NoteDocument(mn.Document):
        notes: tuple[Note, ...] = attrs.field(default=(), metadata=kind(Note, "note"))

    document = NoteDocument(**{k.field: getattr(tiny.to_document(), k.field) for k in mn.document.KINDS},
                            notes=(Note(id="n", icd_sources=(mn.Citation(source="no-such-source"),)),))
    with pytest.raises(mn.DataError, match=r"note 'n' at icd_sources\[0\]: unknown source 'no-such-source'"):
        mn.KnowledgeBase(document)


def test_references_to_other_kinds(tiny: mn.KnowledgeBase) -> None:
    flag = attrs.evolve(tiny.red_flags()[1], symptoms=("cc",))
    test = attrs.evolve(tiny.lab_test("serum-x"), nutrient="xx")
    food = attrs.evolve(tiny.food("nut"), composition=(mn.NutrientContent(nutrient="q", per_100g=mn.Amount(1, "mg")),))
    problems = _problems(tiny, red_flags=(tiny.red_flags()[0], flag), lab_tests=(test,),
                         foods=(tiny.food("bean"), food))
    assert "red flag 'for-c' at symptoms[0]: unknown symptom 'cc' (did you mean 'Cold C'?)" in problems
    assert "lab test 'serum-x' at nutrient: unknown nutrient 'xx' (did you mean 'Xenium'?)" in problems
    assert "food 'nut' at composition[0].nutrient: unknown nutrient 'q'" in problems


def test_relation_ends_must_resolve(tiny: mn.KnowledgeBase) -> None:
    rel = mn.Relation(id="bad", subject="deficiency:xx", predicate=mn.Predicate.CAUSES, object="symptom:a",
                      evidence=G.LIMITED, sources=("src",))
    assert _problems(tiny, relations=(*tiny.relations, rel)) == [
        "relation 'bad' at subject: unknown nutrient 'xx' in 'deficiency:xx' (did you mean 'Xenium'?)"]


def test_a_reference_kind_nothing_declares(tiny: mn.KnowledgeBase) -> None:
    class NoLabs(mn.Document):
        pass

    rel = mn.Relation(id="lab", subject="deficiency:x", predicate=mn.Predicate.ASSESSED_BY, object="lab:serum-x",
                      evidence=G.LIMITED, sources=("src",))
    from muscle_nutrients._store import Store
    from muscle_nutrients._kinds import Kinds

    kinds = Kinds(mn.Document)
    store = Store(kinds, tables={**{k.field: tiny.records(k.record) for k in kinds}, "lab_tests": (), "relations": (rel,)})
    assert _validation.problems(store) == ["relation 'lab' at object: unknown lab test 'serum-x' in 'lab:serum-x'"]


def test_units_must_fit_the_nutrient(tiny: mn.KnowledgeBase) -> None:
    x = attrs.evolve(tiny.nutrient("x"), daily_value=mn.Amount(1, "IU"))
    intake = attrs.evolve(tiny.intakes[0], amount=mn.Amount(1, "mg/dL"))
    problems = _problems(tiny, nutrients=(x, tiny.nutrient("y")), intakes=(intake, *tiny.intakes[1:]))
    assert "nutrient 'x' at daily_value: unit IU does not fit x (measured in mg)" in problems
    assert "intake x (males >0 y) at amount: unit mg/dL does not fit x (measured in mg)" in problems


def test_fields_that_need_their_sources(tiny: mn.KnowledgeBase) -> None:
    y = attrs.evolve(tiny.nutrient("y"), daily_value_sources=())
    test = attrs.evolve(tiny.lab_test("serum-x"), loinc_sources=())
    problems = _problems(tiny, nutrients=(tiny.nutrient("x"), y), lab_tests=(test,))
    assert problems == ["nutrient 'y' at daily_value: needs daily_value_sources (where it was read)",
                        "lab test 'serum-x' at loinc: needs loinc_sources (where it was read)"]


def test_overlapping_life_stages(tiny: mn.KnowledgeBase) -> None:
    extra = attrs.evolve(tiny.intakes[0], life_stage=mn.LifeStage(min_months=240, max_months=480, sex=mn.Sex.MALE))
    problems = _problems(tiny, intakes=(*tiny.intakes, extra))
    assert problems == ["intake x (males 20-39 y): males 20-39 y overlaps males >0 y for x"]


def test_records_of_the_wrong_class(tiny: mn.KnowledgeBase) -> None:
    assert _problems(tiny, factors=(tiny.symptom("a"),))[0] == "factors[0]: expected a Factor, got Symptom"


def test_problems_from_files_name_the_file_and_path(tmp_path: Path) -> None:
    path = tmp_path / "clinic.json"
    path.write_text(json.dumps({
        "relations": [{"id": "r", "subject": "deficiency:magnesum", "predicate": "causes", "object": "symptom:muscle-cramp",
                       "evidence": "limited", "sources": ["usda-sr2"]}],
        "nutrients": [{"id": "new-one", "name": "New one", "kind": "mineral", "unit": "mg", "deficiency": "x", "aliases": ["K"]}],
    }), encoding="utf-8")
    with pytest.raises(mn.DataError) as info:
        mn.load(path)
    problems = info.value.problems
    assert f"{path}: $.relations[0].subject: unknown nutrient 'magnesum' in 'deficiency:magnesum' (did you mean 'Magnesium'?)" in problems
    assert f"{path}: $.relations[0].sources[0]: unknown source 'usda-sr2' (did you mean 'usda-sr26'?)" in problems
    assert f"{path}: $.nutrients[0]: nutrient name 'K' is used by both 'potassium' and 'new-one'" in problems


def test_problems_of_an_override_name_the_file(tmp_path: Path, kb: mn.KnowledgeBase) -> None:
    data = mn.serialization.unstructure(kb.intakes[0])
    data["amount"]["unit"] = "mg/dL"
    path = tmp_path / "intake.json"
    path.write_text(json.dumps({"intakes": [data]}), encoding="utf-8")
    with pytest.warns(mn.OverrideWarning), pytest.raises(mn.DataError) as info:
        mn.load(path, override=True)
    assert info.value.problems == (f"{path}: $.intakes[0].amount: unit mg/dL does not fit calcium (measured in mg)",)


def test_hints_are_bounded(tiny: mn.KnowledgeBase) -> None:
    many = tuple(mn.Relation(id=f"r{i}", subject="deficiency:x", predicate=mn.Predicate.CAUSES, object=f"symptom:zz{i}",
                             evidence=G.LIMITED, sources=("src",)) for i in range(_validation.MAX_HINTS + 20))
    problems = _problems(tiny, relations=many)
    assert len(problems) == len(many)
    assert sum("did you mean" in p for p in problems) <= _validation.MAX_HINTS


def test_a_caution_cannot_prevent_or_relieve(tiny: mn.KnowledgeBase) -> None:
    caution = mn.Advice(id="dont", name="Do not", kind=mn.AdviceKind.CAUTION, text="Do not.", warns_against="doing it")
    rel = mn.Relation(id="dont-a", subject=mn.Ref("advice:dont"), predicate=mn.Predicate.PREVENTS, object=mn.Ref("symptom:a"),
                      evidence=mn.EvidenceGrade.LIMITED, sources=("src",))
    problems = _problems(tiny, advice=(*tiny.advice, caution), relations=(*tiny.relations, rel))
    assert any("advice 'dont' is a caution: it cannot prevent anything (use 'cautions about')" in p for p in problems)
    step = attrs.evolve(rel, id="rest-cautions", subject=mn.Ref("advice:rest"), predicate=mn.Predicate.CAUTIONS_ABOUT)
    problems = _problems(tiny, relations=(*tiny.relations, step))
    assert any("advice 'rest' is a relief step, not a caution" in p for p in problems)
