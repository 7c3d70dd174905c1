"""Loading: cached and thread-safe; user files extend a copy; bad files fail whole."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

import muscle_nutrients as mn
from muscle_nutrients import loading


def test_load_returns_the_same_object(kb: mn.KnowledgeBase) -> None:
    assert mn.load() is kb
    assert kb.data_version == mn.DATA_VERSION


def test_eight_threads_get_one_object_and_each_table_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    real = loading._read_packaged_kind

    def counting(kind: object) -> tuple[object, ...]:
        reads.append(kind.field)  # type: ignore[attr-defined]
        return real(kind)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "_packaged", None)
    monkeypatch.setattr(loading, "_read_packaged_kind", counting)
    barrier = threading.Barrier(8)
    results: list[mn.KnowledgeBase] = []

    def worker() -> None:
        barrier.wait()
        kb = mn.load()
        kb.rank_causes(["cramps"])
        results.append(kb)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8 and all(r is results[0] for r in results)
    assert sorted(reads) == sorted(set(reads))  # no table read twice
    assert "foods" not in reads  # nor any table the queries did not need


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
                          "loinc_sources": ["mlabs-magnesium"], "nutrient": "magnesium",
                          "reference_ranges": [{"low": 1.7, "high": 2.3, "unit": "mg/dL", "sources": ["mlabs-magnesium"],
                                                "note": "Our clinic's analyser."}],
                          "molar_mass": 24.305, "valence": 2}]}
    path = _write(tmp_path, "clinic.json", lab)
    with pytest.warns(mn.OverrideWarning, match="lab test 'serum-magnesium'"):
        clinic = mn.load(path, override=True)
    assert clinic.overrides == ("lab test 'serum-magnesium'",)
    assert clinic.interpret_lab("magnesium", 1.65, "mg/dL").status is mn.LabStatus.LOW
    assert kb.interpret_lab("magnesium", 1.65, "mg/dL").status is mn.LabStatus.NORMAL  # packaged data untouched
    assert kb.overrides == ()


def test_unknown_reference_gets_did_you_mean(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad-ref.json", {"relations": [{"id": "r", "subject": "deficiency:magnesum", "predicate": "causes",
                                                            "object": "symptom:muscle-cramp", "evidence": "limited", "sources": ["usda-sr2"]}]})
    with pytest.raises(mn.DataError) as info:
        mn.load(path)
    text = str(info.value)
    assert f"{path}: $.relations[0].subject: unknown nutrient 'magnesum' in 'deficiency:magnesum'" in text
    assert "did you mean 'Magnesium'" in text
    assert "unknown source 'usda-sr2'" in text and "'usda-sr26'" in text


def test_public_collections_are_immutable(kb: mn.KnowledgeBase) -> None:
    for name in ("sources", "nutrients", "symptoms", "foods", "factors", "lab_tests", "advice", "relations", "intakes"):
        collection = getattr(kb, name)
        # a tuple; the packed foods are a read-only sequence without item assignment
        assert isinstance(collection, tuple) or (name == "foods" and not hasattr(collection, "__setitem__"))
        with pytest.raises(AttributeError):
            setattr(kb, name, ())
    with pytest.raises(AttributeError):
        kb.nutrients[0].name = "x"  # type: ignore[misc]


def test_a_file_for_another_data_version_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "old.json", {"data_version": "1999.01.01", "factors": []})
    with pytest.raises(mn.DataError, match=r"old.json: \$.data_version: the file is for data version '1999.01.01'"):
        mn.load(path)
    assert mn.load(_write(tmp_path, "same.json", {"data_version": mn.DATA_VERSION})) is not mn.load()


def test_special_files_are_refused_without_reading_them(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for path, message in ((fifo, "not a regular file"), (Path("/dev/zero"), "not a regular file"), (tmp_path, "a folder"), ("", "no file name")):
        with pytest.raises(mn.DataError, match=message):
            mn.load(path)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(64 * 1024**3)  # a sparse 64 GB file
    with pytest.raises(mn.DataError, match=f"over the {mn.loading.MAX_FILE_BYTES}-byte limit"):
        mn.load(big)


def test_toml_is_recognised_in_any_case(tmp_path: Path) -> None:
    path = tmp_path / "extra.TOML"
    path.write_text('[[advice]]\nid = "warm-socks"\nname = "Warm socks"\nkind = "prevention"\ntext = "Keep feet warm."\n', encoding="utf-8")
    assert mn.load(path).advice_item("warm socks").id == "warm-socks"
