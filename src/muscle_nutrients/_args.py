"""One strict reading of what callers pass: numbers, booleans, whole numbers and spelled choices.

The Python API and the command line share these, so both accept the same inputs and say
the same thing about bad ones. Any real number is accepted (``int``, ``float``, ``Fraction``,
``Decimal`` and NumPy scalars); booleans never count as numbers, and strings never count
as booleans.
"""

from __future__ import annotations

import math
import numbers
import unicodedata
from collections.abc import Mapping
from typing import TypeVar

__all__ = ["MAX_TEXT_CHARS", "boolean", "choice", "real", "shown", "spelling_key", "text", "whole"]

T = TypeVar("T")

#: Longest text accepted as a name, spelling or query; longer input is refused at once,
#: so hostile arguments cost time and memory in proportion to this bound, not their size.
MAX_TEXT_CHARS = 1000


def shown(value: object, limit: int = 40) -> str:
    """``repr`` of a value, cut short for messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def real(value: object, what: str, *, minimum: float | None = None, maximum: float | None = None) -> float:
    """``value`` as a finite float within the bounds (inclusive).

    Raises:
        TypeError: not a real number (booleans and strings are not).
        ValueError: not finite, too large for a float, or out of bounds.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Number) or isinstance(value, complex):
        raise TypeError(f"{what} must be a real number, not {type(value).__name__}")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (OverflowError, TypeError, ValueError):
        raise ValueError(f"{what} must be a finite number, got {shown(value)}") from None
    if not math.isfinite(number):
        raise ValueError(f"{what} must be a finite number, got {shown(value)}")
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        low = "" if minimum is None else f"{minimum:g}"
        high = "" if maximum is None else f"{maximum:g}"
        bounds = f"from {low} to {high}" if low and high else f"at least {low}" if low else f"at most {high}"
        raise ValueError(f"{what} must be {bounds}, got {shown(value)}")
    return number


def whole(value: object, what: str, *, minimum: int = 0) -> int:
    """``value`` as an ``int`` of at least ``minimum`` (any integral number, not a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{what} must be a whole number, not {type(value).__name__}")
    number = int(value)
    if number < minimum:
        raise ValueError(f"{what} must be a whole number of at least {minimum}, got {shown(value)}")
    return number


def boolean(value: object, what: str) -> bool:
    """``value`` as a bool: ``True``/``False`` (or a NumPy boolean), never a string or a number."""
    if isinstance(value, bool):
        return value
    if type(value).__name__ == "bool_":  # numpy.bool_ is not a bool subclass
        return bool(value)
    raise TypeError(f"{what} must be True or False, not {type(value).__name__} {shown(value)}")


def text(value: object, what: str) -> str:
    """``value`` as a string no longer than [MAX_TEXT_CHARS][muscle_nutrients._args.MAX_TEXT_CHARS]."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, not {type(value).__name__}")
    if len(value) > MAX_TEXT_CHARS:
        raise ValueError(f"{what} is {len(value):,} characters long; the limit is {MAX_TEXT_CHARS:,}")
    return value


def spelling_key(value: str) -> str:
    """The key of a spelled option or unit: case, spaces and compatibility forms do not matter.

    ``"100 g"`` = ``"100G"``; fullwidth ``"ｍｇ"`` = ``"mg"``; the micro sign, the Greek mu and
    the one-character ``"㎍"`` all spell ``µg``. (NFKC maps each to its plain form.)
    """
    return "".join(unicodedata.normalize("NFKC", value).split()).casefold()


def choice(value: object, what: str, options: Mapping[str, T]) -> T:
    """The option ``value`` spells; ``options`` maps spelling keys to values.

    Raises:
        TypeError: not a string.
        ValueError: no option has that spelling; the message lists the options.
    """
    if isinstance(value, str) and len(value) <= MAX_TEXT_CHARS:
        found = options.get(spelling_key(value))
        if found is not None:
            return found
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, not {type(value).__name__}")
    allowed = ", ".join(repr(v) for v in dict.fromkeys(str(o) for o in options.values()))
    raise ValueError(f"{what} must be one of {allowed}; got {shown(value)}")
