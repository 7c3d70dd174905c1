"""One strict reading of numbers, booleans, whole numbers and spelled choices."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from muscle_nutrients import _args


class FloatSubclass(float):
    """What numpy.float64 is: a float subclass."""


class FakeNumpyBool:
    """Stands for numpy.bool_, which is not a bool subclass."""

    def __bool__(self) -> bool:
        return True


FakeNumpyBool.__name__ = "bool_"


@pytest.mark.parametrize("value", [3, 3.0, Fraction(3), Decimal("3"), FloatSubclass(3.0)])
def test_real_accepts_any_real_number(value: object) -> None:
    assert _args.real(value, "x") == 3.0


@pytest.mark.parametrize("value, error", [(True, TypeError), ("3", TypeError), (None, TypeError), (1j, TypeError),
                                          (float("nan"), ValueError), (float("inf"), ValueError), (10**400, ValueError)])
def test_real_refuses_what_is_not_a_finite_real(value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="x must be"):
        _args.real(value, "x")


def test_real_bounds_are_inclusive_and_named() -> None:
    assert _args.real(0, "age", minimum=0, maximum=130) == 0
    assert _args.real(130, "age", minimum=0, maximum=130) == 130
    with pytest.raises(ValueError, match="age must be from 0 to 130, got 130.5"):
        _args.real(130.5, "age", minimum=0, maximum=130)
    with pytest.raises(ValueError, match="must be at least 1"):
        _args.real(0, "n", minimum=1)
    with pytest.raises(ValueError, match="must be at most 2"):
        _args.real(3, "n", maximum=2)


def test_whole() -> None:
    assert _args.whole(5, "limit", minimum=1) == 5
    with pytest.raises(TypeError, match="limit must be a whole number, not float"):
        _args.whole(2.0, "limit")
    with pytest.raises(TypeError):
        _args.whole(True, "limit")
    with pytest.raises(ValueError, match="at least 1"):
        _args.whole(0, "limit", minimum=1)


def test_boolean_never_reads_strings() -> None:
    assert _args.boolean(False, "pregnant") is False
    assert _args.boolean(FakeNumpyBool(), "pregnant") is True
    for value in ("false", "true", 0, 1, None):
        with pytest.raises(TypeError, match="pregnant must be True or False"):
            _args.boolean(value, "pregnant")


def test_text_is_bounded() -> None:
    assert _args.text("abc", "name") == "abc"
    with pytest.raises(ValueError, match="the limit is 1,000"):
        _args.text("x" * 1001, "name")
    with pytest.raises(TypeError, match="name must be a string, not bytes"):
        _args.text(b"abc", "name")


def test_choice_ignores_case_and_spaces() -> None:
    options = {"serving": "serving", "100g": "100 g"}
    assert _args.choice("100 g", "per", options) == "100 g"
    assert _args.choice(" 100G ", "per", options) == "100 g"
    with pytest.raises(ValueError, match="per must be one of 'serving', '100 g'; got 'cup'"):
        _args.choice("cup", "per", options)
    with pytest.raises(TypeError):
        _args.choice(100, "per", options)


@given(st.text(max_size=50))
def test_shown_is_short(text: str) -> None:
    assert len(_args.shown(text)) <= 40
