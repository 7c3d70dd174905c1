"""The evidence grade is an ordered scale."""

from __future__ import annotations

import pytest

from muscle_nutrients import EvidenceGrade as G


def test_stronger_compares_greater() -> None:
    assert G.ESTABLISHED > G.PROBABLE > G.LIMITED > G.UNSUPPORTED > G.CONTRADICTED
    assert sorted([G.LIMITED, G.ESTABLISHED, G.CONTRADICTED]) == [G.CONTRADICTED, G.LIMITED, G.ESTABLISHED]
    assert max(G) is G.ESTABLISHED
    assert [g.rank for g in G] == [0, 1, 2, 3, 4]


def test_supports() -> None:
    assert G.LIMITED.supports and not G.UNSUPPORTED.supports and not G.CONTRADICTED.supports


def test_parse() -> None:
    assert G.parse("Probable") is G.PROBABLE
    assert G.parse(G.LIMITED) is G.LIMITED
    with pytest.raises(ValueError, match="allowed: contradicted"):
        G.parse("strong")


def test_not_comparable_with_other_types() -> None:
    with pytest.raises(TypeError):
        _ = G.LIMITED < 3  # type: ignore[operator]


def test_grades_are_string_enumerations() -> None:
    assert G.PROBABLE == "probable" and f"{G.LIMITED}" == "limited"
    assert sorted(["established", G.LIMITED.value]) == ["established", "limited"]  # still plain strings to sort
    assert G.ESTABLISHED > G.CONTRADICTED  # though "established" < "contradicted" as text


def test_parse_refuses_other_types() -> None:
    with pytest.raises(TypeError):
        G.parse(3)  # type: ignore[arg-type]
