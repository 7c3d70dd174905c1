"""The command line, driven through its real entry point: every subcommand, both output modes, every error path."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

import muscle_nutrients as mn
from muscle_nutrients.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse exits on --help, --version and usage errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_nutrient(capsys: pytest.CaptureFixture[str], kb: mn.KnowledgeBase) -> None:
    code, out, _ = run(capsys, "nutrient", "Mg")
    assert code == 0 and "Magnesium (mineral; deficiency: hypomagnesemia)" in out and "established" in out
    data = run_json(capsys, "nutrient", "Mg")
    assert data["nutrient"] == kb.nutrient("Mg").to_dict()
    assert data["nutrient"]["daily_value"] == {"value": 420.0, "unit": "mg"}
    assert [t["id"] for t in data["lab_tests"]] == [t.id for t in kb.lab_tests_for("Mg")]


def test_symptoms_of(capsys: pytest.CaptureFixture[str], kb: mn.KnowledgeBase) -> None:
    code, out, _ = run(capsys, "symptoms-of", "potassium")
    assert code == 0 and "Muscle weakness" in out and "not a diagnosis" in out
    data = run_json(capsys, "symptoms-of", "potassium")
    assert data["symptoms"] == [link.to_dict() for link in kb.symptoms_of("potassium")]
    assert data["nutrient"]["id"] == "potassium" and data["disclaimer"] == mn.DISCLAIMER
    assert {f["id"] for f in data["red_flags"]} == {f.id for l in kb.symptoms_of("potassium") for f in kb.red_flags(l.symptom.id)}
    assert "palpitations-with-weakness" in {f["id"] for f in data["red_flags"]}


def test_causes_of(capsys: pytest.CaptureFixture[str], kb: mn.KnowledgeBase) -> None:
    code, out, _ = run(capsys, "causes-of", "leg cramps")
    assert code == 0 and "Potassium deficiency (hypokalemia)" in out and "See a doctor:" in out
    data = run_json(capsys, "causes-of", "leg cramps")
    assert data["causes"] == [c.to_dict() for c in kb.causes_of("leg cramps")]
    assert data["symptom"]["id"] == "muscle-cramp"
    assert data["red_flags"] and data["disclaimer"] == mn.DISCLAIMER


def test_rank(capsys: pytest.CaptureFixture[str], kb: mn.KnowledgeBase) -> None:
    code, out, _ = run(capsys, "rank", "cramps", "weakness", "tingling")
    assert code == 0 and out.splitlines()[3].split()[0].rstrip("=") == f"{kb.rank_causes(['cramps', 'weakness', 'tingling']).candidates[0].score:.2f}"


def test_rank_free_text_and_context(capsys: pytest.CaptureFixture[str], kb: mn.KnowledgeBase) -> None:
    words = "my legs cramp at night and I feel weak"
    code, out, _ = run(capsys, "rank", words, "--context", "lasix", "--context", "eats liquorice", "--age", "70")
    expected = kb.rank_causes(words, context=["lasix", "eats liquorice"], age=70)
    assert code == 0
    assert "(with loop diuretics, older age)" in out.splitlines()[0]
    assert f"{expected.candidates[0].label}: {expected.candidates[0].explanation}" in out
    assert "Not understood (say it another way): 'eats liquorice'" in out
    assert f"  - {expected.next_questions[0].question}" in out
    data = run_json(capsys, "rank", words, "--context", "lasix", "--sex", "female", "--pregnant")
    assert data == kb.rank_causes(words, context="lasix", sex="female", pregnant=True).to_dict()
    assert [f["id"] for f in data["context"]] == ["loop-diuretics", "pregnancy"]
    data = run_json(capsys, "rank", "cramps", "weakness", "--min-evidence", "Probable")
    assert data == kb.rank_causes(["cramps", "weakness"], min_evidence="probable").to_dict()


def test_foods(capsys: pytest.CaptureFixture[str], kb: mn.KnowledgeBase) -> None:
    code, out, _ = run(capsys, "foods", "magnesium", "--per", "100g", "--limit", "3")
    assert code == 0 and "Pumpkin seeds, dried" in out and "% DV" in out
    data = run_json(capsys, "foods", "magnesium", "--limit", "4", "--per", "100 g")
    assert data["foods"] == [r.to_dict() for r in kb.foods_rich_in("magnesium", limit=4, per="100g")]
    assert data["per"] == "100 g"


def test_in_food(capsys: pytest.CaptureFixture[str], kb: mn.KnowledgeBase) -> None:
    code, out, _ = run(capsys, "in-food", "banana")
    assert code == 0 and "NDB 09040" in out and "Potassium" in out
    data = run_json(capsys, "in-food", "banana", "--serving", "1 extra small (less than 6\" long)")
    assert data["nutrients"][0]["serving"] == {"label": "1 extra small (less than 6\" long)", "grams": 81.0}
    assert data["food"]["ndb_number"] == "09040"


def test_intake(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "intake", "magnesium", "--age", "35", "--sex", "female")
    assert code == 0 and "RDA" in out and "supplements and medicines only" in out
    data = run_json(capsys, "intake", "sodium", "--age", "40", "--sex", "M")
    assert data["upper_limit"] is None and data["chronic_disease_risk_reduction"] == {"value": 2300.0, "unit": "mg"}
    assert data == mn.load().intake("sodium", age=40, sex="male").to_dict()


def test_lab(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lab", "magnesium", "0.55", "mmol/L")
    assert code == 0 and "Status: LOW" in out
    data = run_json(capsys, "lab", "ferritin", "40", "ng/mL", "--sex", "female")
    assert data["status"] == "normal" and data["test"]["loinc"] == "20567-4"


def test_lab_for_a_child_and_open_ended_ranges(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lab", "phosphate", "5.0", "mg/dL")
    assert code == 0 and "Status: HIGH against 2.5-4.5 mg/dL" in out
    code, out, _ = run(capsys, "lab", "phosphate", "5.0", "mg/dL", "--age", "3")
    assert code == 0 and "Status: NORMAL" in out and "children" in out
    code, out, _ = run(capsys, "lab", "folate", "3", "ng/mL")
    assert code == 0 and "Status: LOW against at least 4 µg/L" in out and "LOINC 2284-8" in out
    code, out, _ = run(capsys, "lab", "zinc", "9", "umol/L")
    assert code == 0 and "no LOINC code verified" in out
    code, _, err = run(capsys, "lab", "ceruloplasmin", "20", "mg/dL")
    assert code == 2 and "give the sex" in err


def test_food_search_portions_and_pools(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "foods", "search", "roasted", "almonds", "--limit", "3")
    assert code == 0 and "Nuts, almonds" in out and "roasted" in out
    data = run_json(capsys, "foods", "search", "kiwi fruit")
    assert data["foods"][0]["food"]["id"] == "kiwifruit" and 0 < data["foods"][0]["score"] <= 1
    code, out, _ = run(capsys, "foods", "zinc", "--among", "all", "--limit", "2")
    assert code == 0 and "all foods" in out and "oyster" in out.lower()
    code, out, _ = run(capsys, "foods", "calcium", "--among", "vegetables", "--per", "100g", "--limit", "2")
    assert code == 0 and "Vegetables and Vegetable Products" in out
    code, out, _ = run(capsys, "in-food", "banana", "--portion", "2 medium")
    assert code == 0 and "per 2 medium (236 g)" in out and "Measures:" in out
    code, out, _ = run(capsys, "in-food", "09003")
    assert code == 0 and "Apple, raw, with skin" in out
    code, _, err = run(capsys, "in-food", "banana", "--portion", "3 slices")
    assert code == 2 and "cannot read '3 slices'" in err
    code, _, err = run(capsys, "foods", "search")
    assert code == 2 and "say what to search for" in err
    code, out, _ = run(capsys, "in-food", "salmon-atlantic-farmed-cooked")  # reports no vitamin D: never shown as zero
    assert code == 0 and "not reported" in out


def test_new_nutrients_explain_their_units(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "nutrient", "folic acid")
    assert code == 0 and "Daily Value: 400 µg DFE" in out and "1.7 µg DFE" in out and "Serum folate" in out
    code, out, _ = run(capsys, "intake", "folate", "--age", "30", "--sex", "female")
    assert code == 0 and "400 µg DFE" in out and "UL (synthetic forms from supplements and fortified foods)" in out
    assert "UL: In µg of folic acid (not DFE)" in out
    code, out, _ = run(capsys, "foods", "copper", "--limit", "3")
    assert code == 0 and "Foods richest in Copper" in out and " µg " in out


def test_advice_sources_search(capsys: pytest.CaptureFixture[str], kb: mn.KnowledgeBase) -> None:
    assert "Stretch the cramping muscle" in run(capsys, "advice", "cramps")[1]
    assert run_json(capsys, "advice", "RLS")["advice"][0]["advice"]["id"] == "iron-under-medical-guidance"
    assert "usda-sr26" in run(capsys, "sources")[1]
    assert run_json(capsys, "sources", "--id", "usda-sr26")["sources"][0]["year"] == 2013
    assert run_json(capsys, "search", "cobalamin")["hits"][0]["record"]["id"] == "vitamin-b12"
    assert "Vitamin B12" in run(capsys, "search", "cobalamin")[1]


def test_export_json_round_trips(capsys: pytest.CaptureFixture[str], tmp_path: Path, kb: mn.KnowledgeBase) -> None:
    code, out, _ = run(capsys, "export", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["schema_version"] == mn.document.SCHEMA_VERSION and data["data_version"] == mn.DATA_VERSION
    target = tmp_path / "kb.json"
    assert run(capsys, "export", "--output", str(target))[0] == 0
    assert mn.read_document(target) == kb.to_document()


def test_export_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path, kb: mn.KnowledgeBase) -> None:
    code, _, _ = run(capsys, "export", "--format", "csv", "--output", str(tmp_path / "tables"))
    assert code == 0
    with (tmp_path / "tables" / "relations.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(kb.relations) and rows[0]["id"] == kb.relations[0].id
    # citations are nested records, so their cell is JSON: source id, where in it, kind of evidence
    assert [c["source"] for c in json.loads(rows[0]["sources"])] == [c.source for c in kb.relations[0].sources]
    with (tmp_path / "tables" / "intakes.csv").open(encoding="utf-8") as f:
        intakes = list(csv.DictReader(f))
    assert intakes[0]["life_stage.min_months"] == "0" and intakes[0]["amount.unit"] == "mg"
    assert sorted(p.stem for p in (tmp_path / "tables").iterdir()) == sorted([*mn.loading.RECORD_FIELDS, "food_composition"])
    assert run(capsys, "export", "--format", "csv")[0] == 2


@pytest.mark.parametrize(
    "argv, message",
    [(["nutrient", "magnesum"], "did you mean 'Magnesium'"), (["causes-of", "crampz"], "unknown symptom"),
     (["intake", "iron", "--age", "-2", "--sex", "male"], "must be from 0 to 130"), (["foods", "iron", "--limit", "0"], "of 1 or more"),
     (["foods", "iron", "--per", "cup"], "per must be one of 'serving', '100 g'"), (["intake", "iron", "--age", "30", "--sex", "x"], "sex must be"),
     (["lab", "magnesium", "1", "bananas"], "unknown unit"), (["lab", "magnesium", "abc", "mg/dL"], "is not a number"),
     (["rank"], "the following arguments are required"), (["frobnicate"], "invalid choice"),
     (["intake", "iron", "--age", "30", "--sex", "male", "--pregnant"], "applies only to sex 'female'")],
)
def test_user_errors_exit_2_without_traceback(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err and "usage:" in err


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and mn.__version__ in out and mn.DATA_VERSION in out
    for command in ("nutrient", "symptoms-of", "causes-of", "rank", "foods", "in-food", "intake", "lab", "advice", "sources", "search", "export"):
        code, out, _ = run(capsys, command, "--help")
        assert code == 0 and "example: muscle-nutrients" in out


def test_python_dash_m_entry_point_and_no_colour_when_piped() -> None:
    result = subprocess.run([sys.executable, "-m", "muscle_nutrients", "symptoms-of", "iron"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "Restless legs" in result.stdout and "\033[" not in result.stdout
    bad = subprocess.run([sys.executable, "-m", "muscle_nutrients", "nutrient", "irn"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "did you mean 'Iron'" in bad.stderr


def test_data_option_extends(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps({"advice": [{"id": "warm-socks", "name": "Warm socks", "kind": "prevention", "text": "Keep feet warm."}]}), encoding="utf-8")
    assert run_json(capsys, "--data", str(extra), "search", "warm socks")["hits"][0]["record"]["id"] == "warm-socks"
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    code, _, err = run(capsys, "--data", str(broken), "search", "x")
    assert code == 2 and "broken.json: not valid JSON" in err
