"""Loading: cached and thread-safe; user files extend a copy; bad files fail whole."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from types import MappingProxyType

import pytest

import muscle_nutrients as mn
from muscle_nutrients import loading


def test_load_returns_the_same_object(kb: mn.KnowledgeBase) -> None:
    assert mn.load() is kb
    assert kb.data_version == mn.DATA_VERSION


def test_eight_threads_get_one_object_loaded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = loading._read_packaged

    def counting() -> mn.KnowledgeBase:
        calls.append(1)
        return real()

    monkeypatch.setattr(loading, "_packaged", None)
    monkeypatch.setattr(loading, "_read_packaged", counting)
    barrier = threading.Barrier(8)
    results: list[mn.KnowledgeBase] = []

    def worker() -> None:
        barrier.wait()
        results.append(mn.load())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(results) == 8 and all(r is results[0] for r in results)


def _write(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_with_a_user_file_extends_a_copy(kb: mn.KnowledgeBase, tmp_path: Path) -> None:
    path = _write(tmp_path, "clinic.json", {
        "factors": [{"id": "cold-weather", "name": "Cold weather", "kind": "physiological state"}],
        "relations": [{"id": "cold-raises-cramps", "subject": "factor:cold-weather", "predicate": "raises risk of",
                       "object": "symptom:muscle-cramp", "evidence": "limited", "sources": ["afp-2012-nocturnal-cramps"]}],
    })
    extended = mn.load(path)
    assert extended is not kb
    assert extended.factor("cold weather").id == "cold-weather"
    assert any(c.cause.id == "cold-weather" for c in extended.causes_of("cramps"))
    assert kb.get_factor("cold weather") is None  # the packaged one is unchanged


def test_toml_user_file(tmp_path: Path) -> None:
    path = tmp_path / "extra.toml"
    path.write_text('[[advice]]\nid = "warm-socks"\nname = "Warm socks"\nkind = "prevention"\ntext = "Keep feet warm."\n', encoding="utf-8")
    assert mn.load(path).advice_item("warm socks").id == "warm-socks"


def test_clashing_and_broken_files_report_every_problem(tmp_path: Path) -> None:
    clash = _write(tmp_path, "clash.json", {"nutrients": [{"id": "magnesium", "name": "Magnesium", "kind": "mineral", "unit": "mg", "deficiency": "x"}]})
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(mn.DataError) as info:
        mn.load(clash, broken, empty, tmp_path / "missing.json")
    text = str(info.value)
    assert "broken.json: not valid JSON" in text
    assert "empty.json: file is empty" in text
    assert "missing.json: cannot read" in text
    with pytest.raises(mn.DataError) as clash_info:
        mn.load(clash)
    assert f"{clash}: $.nutrients[0]: nutrient 'magnesium' is already defined; pass override=True" in str(clash_info.value)


def test_override_replaces_and_reports(kb: mn.KnowledgeBase, tmp_path: Path) -> None:
    lab = {"lab_tests": [{"id": "serum-magnesium", "name": "Serum magnesium", "specimen": "serum", "loinc": "19123-9",
                          "loinc_sources": ["unitypoint-magnesium"], "nutrient": "magnesium",
                          "reference_ranges": [{"low": 1.7, "high": 2.3, "unit": "mg/dL", "sources": ["davis-lab-magnesium"],
                                                "note": "Our clinic's analyser."}],
                          "molar_mass": 24.305, "valence": 2}]}
    path = _write(tmp_path, "clinic.json", lab)
    with pytest.warns(mn.OverrideWarning, match="lab_test 'serum-magnesium'"):
        clinic = mn.load(path, override=True)
    assert clinic.overrides == ("lab_test 'serum-magnesium'",)
    assert clinic.interpret_lab("magnesium", 1.65, "mg/dL").status is mn.LabStatus.LOW
    assert kb.interpret_lab("magnesium", 1.65, "mg/dL").status is mn.LabStatus.NORMAL  # packaged data untouched
    assert kb.overrides == ()


def test_merge_two_knowledge_bases(kb: mn.KnowledgeBase, tiny: mn.KnowledgeBase) -> None:
    merged = kb.merge(tiny)
    assert merged.nutrient("xenium").id == "x" and merged.nutrient("Mg").id == "magnesium"
    assert len(merged.relations) == len(kb.relations) + len(tiny.relations)
    with pytest.raises(mn.DataError, match="already defined"):
        kb.merge(kb)


def test_unknown_reference_gets_did_you_mean(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad-ref.json", {"relations": [{"id": "r", "subject": "deficiency:magnesum", "predicate": "causes",
                                                            "object": "symptom:muscle-cramp", "evidence": "limited", "sources": ["usda-sr2"]}]})
    with pytest.raises(mn.DataError) as info:
        mn.load(path)
    text = str(info.value)
    assert f"{path}: $.relations[0]: relation r: unknown nutrient 'magnesum'" in text and "did you mean 'Magnesium'" in text
    assert "unknown source 'usda-sr2'" in text and "'usda-sr26'" in text


def test_public_collections_are_immutable(kb: mn.KnowledgeBase) -> None:
    for name in ("sources", "nutrients", "symptoms", "foods", "factors", "lab_tests", "advice", "relations", "intakes"):
        assert isinstance(getattr(kb, name), tuple)
        with pytest.raises(AttributeError):
            setattr(kb, name, ())
    with pytest.raises(AttributeError):
        kb.nutrients[0].name = "x"  # type: ignore[misc]
    assert isinstance(loading._packaged._symptom_links, MappingProxyType)  # type: ignore[union-attr]
