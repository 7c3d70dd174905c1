"""Name normalisation and the name index: lazy, exact-first, typed, bounded."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

import muscle_nutrients as mn
from muscle_nutrients.names import NameIndex, normalize


def _index(records: list[mn.Factor], calls: list[int] | None = None) -> NameIndex[mn.Factor]:
    def source() -> list[mn.Factor]:
        if calls is not None:
            calls.append(1)
        return records

    by_id = {r.id: r for r in records}
    return NameIndex("factor", mn.Factor, source, lambda r: (r.id, r.name, *r.aliases), lambda r: r.name, lambda: by_id)


STATINS = mn.Factor(id="statins", name="Statins", kind=mn.FactorKind.MEDICATION, aliases=("atorvastatin",))
PPI = mn.Factor(id="ppi", name="Proton pump inhibitors", kind=mn.FactorKind.MEDICATION, aliases=("PPI's",))


def test_normalize() -> None:
    assert normalize("Vitamin B-12") == normalize("vitamin b12") == "vitaminb12"
    assert normalize("Hypoaesthésia") == "hypoaesthesia"
    assert normalize("ＳＴＡＴＩＮＳ") == normalize("Stat\u200dins") == "statins"
    assert normalize("x" * 1001) == ""  # longer than any name: matches nothing, costs nothing


def test_index_is_built_once_on_first_use_across_threads() -> None:
    calls: list[int] = []
    index = _index([STATINS, PPI], calls)
    assert calls == []
    barrier = threading.Barrier(8)
    found: list[object] = []

    def worker() -> None:
        barrier.wait()
        found.append(index.get("statins"))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1] and found == [STATINS] * 8


def test_lookup_forms() -> None:
    index = _index([STATINS, PPI])
    assert index.lookup("Atorvastatin") is STATINS and index.lookup("ppis") is PPI
    assert index.lookup(STATINS) is STATINS  # a record resolves to the record with its id
    assert index.get(3) is None and index.get(b"statins") is None
    assert index.by_id == {"statins": STATINS, "ppi": PPI}
    with pytest.raises(TypeError, match="a factor must be given as a name, id or alias .* or a Factor, not int"):
        index.lookup(3)  # type: ignore[arg-type]
    other = mn.Factor(id="other", name="Other", kind=mn.FactorKind.CONDITION)
    with pytest.raises(mn.UnknownNameError, match="unknown factor 'other'"):
        index.lookup(other)


def test_unknown_names_get_suggestions_and_long_ones_are_cut_short() -> None:
    index = _index([STATINS, PPI])
    with pytest.raises(mn.UnknownNameError) as info:
        index.lookup("statns")
    assert info.value.suggestions == ("Statins",) and info.value.kind == "factor"
    with pytest.raises(mn.UnknownNameError) as long:
        index.lookup("x" * 100_000)
    assert long.value.suggestions == () and len(str(long.value)) < 200


def test_collisions_are_reported() -> None:
    clash = mn.Factor(id="ppi-2", name="PPIs", kind=mn.FactorKind.MEDICATION)
    assert [(name, a.id, b.id) for name, a, b in _index([PPI, clash]).collisions] == [("PPIs", "ppi", "ppi-2")]


@given(st.text(max_size=40))
def test_any_text_resolves_or_raises_unknown_name(text: str) -> None:
    kb = mn.load()
    for lookup in (kb.nutrient, kb.symptom, kb.food, kb.factor, kb.lab_test, kb.advice_item, kb.source):
        try:
            lookup(text)
        except mn.UnknownNameError as err:
            assert err.key == text


def _accented(text: str) -> str:
    return "".join(ch + "\u0301" if ch.isalpha() else ch for ch in text)


@given(st.data())
def test_case_and_accent_changes_resolve_to_the_same_record(data: st.DataObject) -> None:
    kb = mn.load()
    record = data.draw(st.sampled_from([*kb.nutrients, *kb.symptoms, *kb.foods, *kb.factors]))
    name = data.draw(st.sampled_from([record.id, record.name, *record.aliases]))
    variant = data.draw(st.sampled_from([name.upper(), name.lower(), name.swapcase(), _accented(name), f"  {name}!"]))
    assert kb.lookup(type(record), variant) is record
