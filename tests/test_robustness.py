"""Bad input: every problem reported with its file and path, nothing half-loaded, shared data never mutated."""

from __future__ import annotations

import copy
import hashlib
import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import muscle_nutrients as mn
from muscle_nutrients import loading
from muscle_nutrients.serialization import Document, structure_document

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "muscle_nutrients" / "data"


def _fingerprint(kb: mn.KnowledgeBase) -> str:
    from muscle_nutrients.serialization import unstructure_document

    return hashlib.sha256(json.dumps(unstructure_document(kb.to_document()), sort_keys=True).encode()).hexdigest()


# --------------------------------------------------------------------------- schema

def test_schema_is_in_step_with_the_model() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_schema.py"), "--check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    schema = mn.json_schema()
    for name, definition in schema["$defs"].items():
        cls = getattr(mn, name)
        assert set(definition["properties"]) == {f.name for f in attrs.fields(cls)}, name
    assert set(schema["properties"]) == {f.name for f in attrs.fields(Document)}


@pytest.mark.parametrize("name", loading.PACKAGED_FILES)
def test_packaged_files_validate_against_the_schema(name: str) -> None:
    if name.startswith("foods/"):  # the packed food table: its foods, written out as records, are checked instead
        data = {"foods": [food.to_dict() for food in mn.load().foods[:300]]}
    else:
        data = json.loads((DATA / name).read_text(encoding="utf-8"))
    jsonschema.validate(data, mn.json_schema())


def test_schema_and_loader_agree_on_rejections() -> None:
    bad = {"factors": [{"id": "Not An Id", "name": "X", "kind": "mood", "extra": 1}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, mn.json_schema())
    with pytest.raises(mn.DataError):
        structure_document(bad)


# --------------------------------------------------------------------------- bad files

def _load_file(tmp_path: Path, name: str, content: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    with pytest.raises(mn.DataError) as info:
        mn.load(path)
    return str(info.value)


def test_malformed_json_and_toml(tmp_path: Path) -> None:
    assert "bad.json: not valid JSON" in _load_file(tmp_path, "bad.json", '{"factors": [}')
    assert "bad.toml: not valid TOML" in _load_file(tmp_path, "bad.toml", "factors = [")


def test_empty_file(tmp_path: Path) -> None:
    assert "empty.json: file is empty" in _load_file(tmp_path, "empty.json", "  \n")


def test_non_utf8_file(tmp_path: Path) -> None:
    assert "latin.json: not UTF-8 text" in _load_file(tmp_path, "latin.json", '{"factors": [{"name": "caf\xe9"}]}'.encode("latin-1"))


def test_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 100)
    assert "over the 100-byte limit" in _load_file(tmp_path, "big.json", json.dumps({"factors": []}) + " " * 200)


def test_pathologically_deep_nesting(tmp_path: Path) -> None:
    message = _load_file(tmp_path, "deep.json", "[" * 200_000 + "]" * 200_000)
    assert "deep.json: nesting is too deep" in message


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-1"])
def test_nan_infinite_and_negative_amounts(tmp_path: Path, value: str) -> None:
    text = ('{"foods": [{"id": "f", "name": "F", "ndb_number": "00001", "usda_description": "F", "food_group": "Fruits and Fruit Juices",'
            '"servings": [{"label": "1", "grams": 10}], "composition": [{"nutrient": "iron", "per_100g": {"value": %s, "unit": "mg"}}],'
            '"sources": ["usda-sr26"]}]}' % value)
    message = _load_file(tmp_path, "amounts.json", text)
    assert "$.foods[0].composition[0].per_100g.value" in message


def test_unit_that_does_not_fit_the_nutrient(tmp_path: Path) -> None:
    doc = {"foods": [{"id": "f", "name": "F", "ndb_number": "00001", "usda_description": "F", "food_group": "Fruits and Fruit Juices",
                      "servings": [{"label": "1", "grams": 10}], "composition": [{"nutrient": "iron", "per_100g": {"value": 1, "unit": "mg/dL"}}],
                      "sources": ["usda-sr26"]}]}
    message = _load_file(tmp_path, "unit.json", json.dumps(doc))
    assert "unit.json: $.foods[0].composition[0].per_100g: unit mg/dL does not fit iron (measured in mg)" in message


def test_duplicate_alias_after_normalisation(tmp_path: Path) -> None:
    doc = {"factors": [{"id": "new-thing", "name": "New thing", "kind": "behaviour", "aliases": ["PPI's"]}]}
    message = _load_file(tmp_path, "dup.json", json.dumps(doc))
    assert "dup.json: $.factors[0]: factor name \"PPI's\"" in message and "'proton-pump-inhibitors' and 'new-thing'" in message


def test_every_problem_in_every_file_at_once(tmp_path: Path) -> None:
    a = tmp_path / "a.json"
    a.write_text(json.dumps({"factors": [{"id": "x", "name": "X", "kind": "mood"}], "relations": "none"}), encoding="utf-8")
    b = tmp_path / "b.json"
    b.write_text(json.dumps({"symptoms": [{"id": "y", "name": "Y", "hpo_id": "HP:1", "hpo_label": "Y", "hpo_sources": []}]}), encoding="utf-8")
    with pytest.raises(mn.DataError) as info:
        mn.load(a, b)
    problems = info.value.problems
    assert any(p.startswith(f"{a}: $.factors[0].kind") for p in problems)
    assert any(p.startswith(f"{a}: $.relations: expected an array") for p in problems)
    assert any(p.startswith(f"{b}: $.symptoms[0]") for p in problems)


# --------------------------------------------------------------------------- fuzzing

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
FIELDS = [f.name for f in attrs.fields(Document)]


def _check_only_data_error(document: Any) -> None:
    try:
        mn.KnowledgeBase.from_document(structure_document(document, origin="fuzz.json"))
    except mn.DataError:
        pass


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), json_values, max_size=4) | json_values)
def test_random_documents_raise_only_data_error(document: Any) -> None:
    _check_only_data_error(document)


VALID = {name: json.loads((DATA / name).read_text(encoding="utf-8")) for name in ("symptoms.json", "lab_tests.json", "advice.json")}


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):
            out += _paths(v, (*prefix, i))
    return out


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(VALID)), st.data())
def test_mutated_valid_documents_raise_only_data_error(name: str, data: st.DataObject) -> None:
    document = copy.deepcopy(VALID[name])
    document.pop("data_version", None)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = _paths(document)[1:]
        if not paths:  # everything deleted already
            break
        path = data.draw(st.sampled_from(paths))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = data.draw(json_values)
        elif action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.text(max_size=5))] = data.draw(json_values)
    _check_only_data_error(document)


# Taken when the module is imported, before any test here feeds the loader.
BASELINE = _fingerprint(mn.load())
BASELINE_KB = mn.load()


def test_fuzzing_left_the_packaged_knowledge_base_unchanged() -> None:
    # runs after the fuzz tests above (pytest keeps file order)
    assert mn.load() is BASELINE_KB
    assert _fingerprint(mn.load()) == BASELINE


# --------------------------------------------------------------------------- immutability, network, files

def test_no_public_collection_can_be_mutated(kb: mn.KnowledgeBase) -> None:
    collections = [kb.sources, kb.nutrients, kb.symptoms, kb.foods, kb.factors, kb.lab_tests, kb.advice, kb.intakes, kb.relations,
                   kb.red_flags(), kb.symptoms_of("Mg"), kb.causes_of("cramp"), kb.foods_rich_in("iron"), kb.search("iron"),
                   kb.relations_for_claim("S01"), kb.depleted_by("PPI"), kb.advice_for("cramp"), kb.lab_tests_for("iron"), kb.overrides]
    for collection in collections:
        assert isinstance(collection, tuple) or (collection is kb.foods and not hasattr(collection, "__setitem__"))
    ranking = kb.rank_causes(["cramp"])
    for obj in (ranking, ranking.candidates[0], kb.nutrient("Mg"), kb.food("banana"), kb.intake("iron", age=30, sex="male"),
                kb.interpret_lab("Mg", 2, "mg/dL"), kb.nutrient("Mg").roles[0], kb.relations[0]):
        assert attrs.has(type(obj))
        field = attrs.fields(type(obj))[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(obj, field, None)
    with pytest.raises(AttributeError):
        kb.data_version = "hacked"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        kb.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        kb.food("banana").servings[0] = None  # type: ignore[index]


def test_never_touches_the_network(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kb: mn.KnowledgeBase) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    extra = tmp_path / "x.json"
    extra.write_text(json.dumps({"advice": [{"id": "warm", "name": "Warm", "kind": "relief", "text": "Warm up."}]}), encoding="utf-8")
    extended = mn.load(extra)
    extended.rank_causes(["cramps", "tingling"])
    extended.interpret_lab("ferritin", 20, "ng/mL", sex="male")


def test_cli_queries_write_nothing(tmp_path: Path) -> None:
    for argv in (["causes-of", "cramps"], ["rank", "cramps", "weakness", "--json"], ["foods", "iron"], ["export", "--format", "json"]):
        subprocess.run([sys.executable, "-m", "muscle_nutrients", *argv], cwd=tmp_path, capture_output=True, check=True)
    assert list(tmp_path.iterdir()) == []
