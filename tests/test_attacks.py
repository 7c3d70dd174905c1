"""The adversarial review's attacks (../shared/reviews/reliability.md), each under a time and memory
ceiling: every public function returns a documented answer or raises a documented error.

Ids in the docstrings (F1-F19, L.., Q.., C.., I.., T..) are the review's. The ceilings are
generous bounds on runaway work, not performance figures (those are measured by
benchmarks/bench.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import muscle_nutrients as mn
from muscle_nutrients.cli import main

DOCUMENTED = (mn.UnknownNameError, ValueError, TypeError, mn.DataError)


@contextmanager
def ceiling(seconds: float, megabytes: float) -> Iterator[None]:
    """Fail if the block takes longer or allocates more (peak, Python heap) than this."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        yield
    finally:
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < seconds, f"took {elapsed:.1f} s (ceiling {seconds} s)"
    assert peak < megabytes * 2**20, f"peaked at {peak / 2**20:.0f} MB (ceiling {megabytes} MB)"


def _file(tmp_path: Path, data: object, name: str = "attack.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _problems(path: Path, **kwargs: Any) -> tuple[str, ...]:
    with pytest.raises(mn.DataError) as info:
        mn.load(path, **kwargs)
    return info.value.problems


FOOD = {"id": "f", "name": "F", "ndb_number": "00001", "usda_description": "F", "food_group": "Fruits and Fruit Juices",
        "servings": [{"label": "1", "grams": 10}], "composition": [], "sources": ["usda-sr26"]}


# --------------------------------------------------------------------------- F1: reads before the cap


def test_f1_special_and_huge_files_are_refused_unread(tmp_path: Path) -> None:
    """L40, L42, L43, C11, C12: /dev/zero, a FIFO, a sparse 64 GB file."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    sparse = tmp_path / "sparse.json"
    with sparse.open("wb") as f:
        f.truncate(64 * 2**30)
    with ceiling(5, 20):
        assert "not a regular file" in _problems(Path("/dev/zero"))[0]
        assert "not a regular file" in _problems(fifo)[0]
        assert f"over the {mn.loading.MAX_FILE_BYTES}-byte limit" in _problems(sparse)[0]


def test_f1_the_cli_refuses_them_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert main(["--data", str(fifo), "nutrient", "Mg"]) == 2
    assert "not a regular file" in capsys.readouterr().err


# --------------------------------------------------------------------------- F2: quadratic hints


def test_f2_many_unknown_references_are_refused_in_linear_time(tmp_path: Path) -> None:
    """L72: 2,000 symptoms and 2,000 relations to unknown ids took 47 s."""
    n = 2000
    path = _file(tmp_path, {
        "symptoms": [{"id": f"sym-{i:05d}", "name": f"Symptom {i:05d}", "hpo_id": "HP:0000001", "hpo_label": "X",
                      "hpo_sources": ["usda-sr26"]} for i in range(n)],
        "relations": [{"id": f"rel-{i:05d}", "subject": "deficiency:iron", "predicate": "causes", "object": f"symptom:sym-{i:05d}x",
                       "evidence": "limited", "sources": ["usda-sr26"]} for i in range(n)],
    })
    with ceiling(20, 400):
        problems = _problems(path)
    assert len(problems) == n and sum("did you mean" in p for p in problems) <= mn._validation.MAX_HINTS


# --------------------------------------------------------------------------- F3: overflow later


@pytest.mark.parametrize("amount", [{"value": 1e308, "unit": "mg"}, {"value": 1e306, "unit": "g"}, {"value": 1e13, "unit": "mg"}])
def test_f3_huge_amounts_are_refused_at_load_with_a_path(tmp_path: Path, amount: dict[str, object]) -> None:
    """L17, L18, L73, C13, C14."""
    food = {**FOOD, "composition": [{"nutrient": "iron", "per_100g": amount}]}
    with ceiling(5, 50):
        problems = _problems(_file(tmp_path, {"foods": [food]}))
    assert problems[0].startswith(f"{tmp_path / 'attack.json'}: $.foods[0].composition[0].per_100g")


def test_f3_huge_servings_and_query_arguments_are_refused(kb: mn.KnowledgeBase, tmp_path: Path) -> None:
    """L19, Q17, Q25, C06."""
    food = {**FOOD, "servings": [{"label": "1", "grams": 1e308}]}
    assert "$.foods[0].servings[0].grams: must be at most 1e+06" in _problems(_file(tmp_path, {"foods": [food]}))[0]
    with pytest.raises(ValueError, match="a lab value must be from 0 to 1e"):
        kb.interpret_lab("magnesium", 1e308, "g/L")
    with pytest.raises(ValueError, match="an amount's value must be"):
        kb.assess_diet([("banana", 100)], age=30, sex="male", supplements={"magnesium": mn.Amount(1e306, "g")})
    assert main(["lab", "magnesium", "1e308", "g/L"]) == 2


# --------------------------------------------------------------------------- F4: repeated keys


@pytest.mark.parametrize("text, key", [('{"factors": [{"id": "BAD ID", "kind": "mood"}], "factors": []}', "'factors' at $"),
                                       ('{"factors": [{"id": "x", "name": "A", "kind": "behaviour", "name": "B"}]}', "'name' at $.factors[0]")])
def test_f4_repeated_keys_are_refused(tmp_path: Path, text: str, key: str) -> None:
    """L47, L48."""
    name, _, where = key.partition(" at ")
    assert f"attack.json: {where}: key {name} appears more than once" in _problems(_file(tmp_path, text))[0]


# --------------------------------------------------------------------------- F5: errors without a path


def test_f5_every_cross_record_problem_names_the_file(tmp_path: Path, kb: mn.KnowledgeBase) -> None:
    """L54, L55."""
    overlap = {"intakes": [{"nutrient": "magnesium", "life_stage": {"min_months": 360, "max_months": 480, "sex": "male"},
                            "kind": "RDA", "amount": {"value": 420, "unit": "mg"}, "sources": ["usda-sr26"]}]}
    assert _problems(_file(tmp_path, overlap))[0].startswith(f"{tmp_path / 'attack.json'}: $.intakes[0]: males 30-39 y overlaps")
    magnesium = kb.nutrient("magnesium").to_dict()
    magnesium["aliases"].append("K")
    with pytest.warns(mn.OverrideWarning):
        problems = _problems(_file(tmp_path, {"nutrients": [magnesium]}, "k.json"), override=True)
    assert problems == (f"{tmp_path / 'k.json'}: $.nutrients[0]: nutrient name 'K' is used by both 'magnesium' and 'potassium'",)


# --------------------------------------------------------------------------- F6: one problem of four


def test_f6_every_problem_of_a_record_is_reported(tmp_path: Path) -> None:
    """L78: a bad id, an empty name, a repeated alias, a blank description, and a bad kind."""
    path = _file(tmp_path, {"factors": [{"id": "F 0", "name": "", "kind": "mood", "aliases": ["a", "a"], "description": " "}]})
    paths = sorted(p.split(": ")[1] for p in _problems(path))
    assert paths == ["$.factors[0].aliases[1]", "$.factors[0].description", "$.factors[0].id", "$.factors[0].kind", "$.factors[0].name"]


# --------------------------------------------------------------------------- F7: zero constants


@pytest.mark.parametrize("field, value", [("valence", 0), ("valence", -2), ("molar_mass", 0)])
def test_f7_analyte_constants_must_be_positive(tmp_path: Path, field: str, value: int) -> None:
    """L60, L61, L62 (a lab test no longer has an IU factor at all: only nutrients do)."""
    test = {"id": "t", "name": "T", "specimen": "serum", "loinc": None, "loinc_sources": [],
            "reference_ranges": [{"low": 1, "high": 2, "unit": "mmol/L", "sources": ["usda-sr26"]}], field: value}
    assert f"$.lab_tests[0].{field}" in _problems(_file(tmp_path, {"lab_tests": [test]}))[0]
    nutrient = {"id": "xn", "name": "Xn", "kind": "vitamin", "unit": "µg", "deficiency": "low xn", "iu_per_microgram": 0}
    assert "$.nutrients[0].iu_per_microgram: must be greater than 0" in _problems(_file(tmp_path, {"nutrients": [nutrient]}))[0]


# --------------------------------------------------------------------------- F8: partial intakes


def test_f8_a_nutrient_with_infant_intakes_only_leaves_adults_alone(tmp_path: Path) -> None:
    """L80."""
    path = _file(tmp_path, {"nutrients": [{"id": "xn", "name": "Xn", "kind": "mineral", "unit": "mg", "deficiency": "xn deficiency"}],
                            "intakes": [{"nutrient": "xn", "life_stage": {"min_months": 0, "max_months": 12, "sex": "any"}, "kind": "AI",
                                         "amount": {"value": 5, "unit": "mg"}, "sources": ["usda-sr26"]}]})
    report = mn.load(path).assess_diet([("banana", 100)], age=30, sex="male")
    assert report.without_target == ("xn",) and report["magnesium"].total.value > 0


# --------------------------------------------------------------------------- F9: fork (tests/test_lazy.py)
# --------------------------------------------------------------------------- F10: long names


def test_f10_long_names_cost_little_and_are_not_kept(kb: mn.KnowledgeBase) -> None:
    """Q28, Q29: a 10 MB name took seconds; 100 distinct 1 MB names kept 200 MB."""
    with ceiling(2, 60):
        with pytest.raises(mn.UnknownNameError) as info:
            kb.nutrient("a" * 10_000_000)
        for i in range(100):
            assert kb.get_nutrient(str(i) + "q" * 1_000_000) is None
    assert len(str(info.value)) < 200
    assert mn.names._normalize.cache_info().currsize <= 4096


# --------------------------------------------------------------------------- F11, F12: bad characters


@pytest.mark.parametrize("name", ["Bad \ud800 name", "Evil\u001b]0;pwned\u0007\u001b[2J", "bell\u0007", "nul\x00", "c1\u009b"])
def test_f11_f12_surrogates_and_escapes_never_load(tmp_path: Path, name: str) -> None:
    """L57, L58, C15, C16."""
    text = json.dumps({"factors": [{"id": "x", "name": name, "kind": "behaviour"}]})
    assert "$.factors[0].name: must not contain control characters" in _problems(_file(tmp_path, text))[0]


# --------------------------------------------------------------------------- F13: non-ASCII digits


@pytest.mark.parametrize("field, value", [("ndb_number", "١١٤٥٧"), ("ndb_number", "１１４５７")])
def test_f13_codes_take_ascii_digits_only(tmp_path: Path, field: str, value: str) -> None:
    """L59."""
    assert f"$.foods[0].{field}" in _problems(_file(tmp_path, {"foods": [{**FOOD, field: value}]}))[0]


def test_f13_hpo_and_pmid_too() -> None:
    with pytest.raises(mn.RecordError, match="hpo_id"):
        mn.Symptom(id="s", name="S", hpo_id="HP:٠٠٠٠٠٠١", hpo_label="X", hpo_sources=("s",))
    with pytest.raises(mn.RecordError, match="pmid"):
        mn.Source(id="s", title="T", publisher="P", kind=mn.SourceKind.REVIEW, pmid="１２３")


# --------------------------------------------------------------------------- F14: loose input, wrong answers


class FloatSubclass(float):
    pass


def test_f14_loose_input_never_gives_a_wrong_answer(kb: mn.KnowledgeBase, tmp_path: Path) -> None:
    """Q11, Q13, L81."""
    with pytest.raises(TypeError, match="pregnant must be True or False"):
        kb.intake("Mg", age=30, sex="female", pregnant="false")  # type: ignore[arg-type]
    assert kb.intake("Mg", age=FloatSubclass(35.0), sex="male") is kb.intake("Mg", age=35, sex="male")
    food = {**FOOD, "servings": [{"label": "1 Cup", "grams": 10}, {"label": "1 cup", "grams": 200}]}
    assert "$.foods[0].servings[1]: repeats the label" in _problems(_file(tmp_path, {"foods": [food]}))[0]


# --------------------------------------------------------------------------- F15: internal exceptions


def test_f15_queries_raise_only_documented_errors(kb: mn.KnowledgeBase) -> None:
    """Q16, Q20, Q22, Q24."""
    with pytest.raises(TypeError, match="must be grams"):
        kb.nutrients_in("banana", portion=[1])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="supplements must be a mapping"):
        kb.assess_diet([("banana", 100)], age=30, sex="male", supplements=[("magnesium", 1)])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be given as a name"):
        kb.interpret_lab(None, 1, "mg/dL")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a lab value must be"):
        kb.interpret_lab("magnesium", 10**400, "mg/dL")
    with pytest.raises(ValueError):
        mn.Amount(10**400, "mg")


# --------------------------------------------------------------------------- F16: terminals and closed output


@pytest.mark.parametrize("argv", [["intake", "vitamin d", "--age", "30", "--sex", "male"], ["rank", "cramps", "--json"]])
def test_f16_an_ascii_terminal_gets_everything(argv: list[str]) -> None:
    """C20, C21, C22."""
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run([sys.executable, "-m", "muscle_nutrients", *argv], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    if "--json" in argv:
        assert json.loads(result.stdout)["symptoms"][0]["id"] == "muscle-cramp"
    else:
        assert "15 \\xb5g" in result.stdout and "100 \\xb5g" in result.stdout


def test_f16_closed_and_full_output() -> None:
    """C23, C24."""
    closed = subprocess.run(f"{sys.executable} -m muscle_nutrients nutrient Mg >&-", shell=True, capture_output=True, text=True, check=False)
    assert closed.returncode == 2 and "standard output is closed" in closed.stderr and "Traceback" not in closed.stderr
    full = subprocess.run(f"{sys.executable} -m muscle_nutrients export > /dev/full", shell=True, capture_output=True, text=True, check=False)
    assert full.returncode == 1 and "No space left on device" in full.stderr and "usage:" not in full.stderr


# --------------------------------------------------------------------------- F17: data_version ignored


def test_f17_a_file_for_other_data_is_refused(tmp_path: Path) -> None:
    """L49."""
    path = _file(tmp_path, {"data_version": "1999.01.01", "factors": [{"id": "x", "name": "X", "kind": "behaviour"}]})
    assert "the file is for data version '1999.01.01'" in _problems(path)[0]


# --------------------------------------------------------------------------- F18: confusing messages


def test_f18_messages_say_what_is_wrong(tmp_path: Path) -> None:
    """L07, L64, L67, L79."""
    problems = _problems(_file(tmp_path, '{"factors": [42, "x", null, []]}'))
    assert [p.split(": ", 2)[2] for p in problems] == ["expected an object, got a number (42)", "expected an object, got a string ('x')",
                                                      "expected an object, got null", "expected an object, got an array"]
    toml = tmp_path / "x.TOML"
    toml.write_text('[[factors]]\nid = "x"\nname = "X"\nkind = "behaviour"\n', encoding="utf-8")
    assert mn.load(toml).factor("X").id == "x"
    assert _problems("") == ("(empty path): no file name given",)  # type: ignore[arg-type]
    micro = {**FOOD, "composition": [{"nutrient": "vitamin-b12", "per_100g": {"value": 1, "unit": "μg"}}]}  # Greek mu
    assert mn.load(_file(tmp_path, {"foods": [micro]})).food("f").per_100g("B12") == mn.Amount(1, "µg")


# --------------------------------------------------------------------------- F19: shared state


def test_f19_shared_state_cannot_be_changed_by_assignment(kb: mn.KnowledgeBase) -> None:
    """I15, I18."""
    for target, name in ((kb, "_data_version"), (kb, "_names"), (kb._store, "names"), (kb._names[mn.Nutrient], "_exact"),
                         (kb._causes, "_cause_links"), (kb._ranker, "_rows")):
        with pytest.raises(AttributeError):
            setattr(target, name, None)
    with pytest.raises(TypeError):
        kb._names[mn.Nutrient] = kb._names[mn.Food]  # type: ignore[index]
    assert not hasattr(mn.serialization, "converter")
    assert mn.load().nutrient("magnesium").name == "Magnesium"


# --------------------------------------------------------------------------- caveats the review noted


def test_notes_bom_newline_names_huge_problem_lists_and_interrupts(tmp_path: Path) -> None:
    """L46, L76, L77, C36."""
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps({"factors": [{"id": "x", "name": "X", "kind": "behaviour"}]}).encode())
    assert mn.load(bom).factor("x").name == "X"
    forged = _file(tmp_path, "{", "evil\n  - fake problem.json")
    assert _problems(forged)[0].startswith("'") and "\\n" in _problems(forged)[0]
    many = _file(tmp_path, {"factors": [{"id": f"x{i}", "name": "", "kind": "behaviour"} for i in range(1000)]})
    with pytest.raises(mn.DataError) as info:
        mn.load(many)
    assert len(info.value.problems) == 1000 and "... and 800 more" in str(info.value)


def test_a_total_intake_limit_below_the_recommendation_is_refused() -> None:
    """L52; a supplements-only limit below the RDA (magnesium) stays allowed."""
    make = lambda scope: mn.IntakeRecommendation(  # noqa: E731
        nutrient="x", life_stage=mn.LifeStage(min_months=0), kind=mn.IntakeKind.RDA, amount=mn.Amount(400, "mg"), sources=("s",),
        upper_limit=mn.UpperLimit(amount=mn.Amount(350, "mg"), scope=scope, sources=("s",)))
    assert make(mn.UpperLimitScope.SUPPLEMENTS_AND_MEDICINES).upper_limit is not None
    with pytest.raises(mn.RecordError, match="a total-intake limit of 350 mg is below the recommended 400 mg"):
        make(mn.UpperLimitScope.TOTAL_INTAKE)


# --------------------------------------------------------------------------- fuzzing every query's arguments

HOSTILE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), st.binary(max_size=5),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just(10**400), st.just(Fraction(1, 3)), st.just("x" * 2000), st.just("\ud800"), st.just("Ｍｇ"), st.just(object()),
)


def _calls(kb: mn.KnowledgeBase, a: Any, b: Any) -> list[Any]:
    return [
        lambda: kb.nutrient(a), lambda: kb.symptom(a), lambda: kb.food(a), lambda: kb.factor(a), lambda: kb.source(a),
        lambda: kb.lab_test(a), lambda: kb.advice_item(a), lambda: kb.get_nutrient(a), lambda: kb.search(a, limit=b),
        lambda: kb.symptoms_of(a), lambda: kb.causes_of(a), lambda: kb.advice_for(a), lambda: kb.red_flags(a),
        lambda: kb.rank_causes(a, min_evidence=b), lambda: kb.rank_causes([a, "cramps"]), lambda: kb.depleted_by(a),
        lambda: kb.foods_rich_in("iron", per=a, limit=b), lambda: kb.nutrients_in("banana", per=a, serving=b),
        lambda: kb.daily_value(a), lambda: kb.intake("iron", age=a, sex=b), lambda: kb.intake("iron", age=30, sex="female", pregnant=a),
        lambda: kb.assess_diet(a, age=30, sex="male"), lambda: kb.assess_diet([("banana", a)], age=30, sex="male"),
        lambda: kb.assess_diet([], age=30, sex="male", supplements={"iron": a}), lambda: kb.lab_tests_for(a),
        lambda: kb.interpret_lab("iron", a, b), lambda: kb.interpret_lab(a, 1, "ng/mL", sex=b), lambda: kb.relations_from(a),
        lambda: kb.relations_to(a), lambda: kb.relations_for_claim(a), lambda: kb.facts_for_claim(a), lambda: kb.lookup(mn.Food, a),
        lambda: mn.Amount(a, b), lambda: mn.Amount.parse(a), lambda: mn.Unit.parse(a), lambda: mn.Sex.parse(a),
        lambda: mn.EvidenceGrade.parse(a), lambda: mn.Ref.parse(a), lambda: kb.food("banana").serving(a),
        lambda: kb.food("banana").per_100g(a), lambda: kb.intake("iron", age=30, sex="male").amount_in(a),
    ]


@settings(max_examples=150)
@given(HOSTILE, HOSTILE)
def test_every_query_raises_only_documented_errors_for_any_argument(a: Any, b: Any) -> None:
    kb = mn.load()
    for call in _calls(kb, a, b):
        try:
            call()
        except (*DOCUMENTED, LookupError):  # LookupError: daily_value of a nutrient without one (documented)
            pass
