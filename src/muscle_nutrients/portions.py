"""How much of a food: a portion in grams, a mass, or one of the food's household measures.

[portion][muscle_nutrients.portions.portion] reads what a person or an app holds --
``150`` (grams), ``"150 g"``, ``"5 oz"``, ``"2 medium"``, ``"1/2 cup"``, ``"½ cup"``,
``"1 1/2 cups"``, ``"1 tbsp"``, a `Serving`, or None for the food's default serving -- and
resolves it against the food's household measures (USDA's ``WEIGHT.txt``): the amount in
the text is scaled by the measure's own amount and weight, so ``"2 medium"`` of a food whose
measure is "1 medium (7 in long)" at 118 g is 236 g. Words are matched ignoring case and
plurals, against the whole measure or its first words ("cup" finds "cup, sliced"). A count
with no unit (``"2"``) is refused rather than read as grams.
"""

from __future__ import annotations

import re

import attrs

from . import _args
from ._foodtext import stem
from ._fields import maker
from .model import Food, Serving

__all__ = ["MASS_UNITS", "Portion", "portion"]

#: Units of mass read without a household measure, in grams (the ounce and pound are the
#: international avoirdupois ones).
MASS_UNITS: dict[str, float] = {
    "g": 1.0, "gram": 1.0, "grams": 1.0, "gm": 1.0, "gr": 1.0,
    "kg": 1000.0, "kilogram": 1000.0, "kilograms": 1000.0,
    "oz": 28.349523125, "ounce": 28.349523125, "ounces": 28.349523125,
    "lb": 453.59237, "lbs": 453.59237, "pound": 453.59237, "pounds": 453.59237,
}

# Spellings of the same measure; the food's measures use the left-hand ones.
_SAME = {"tablespoon": "tbsp", "tablespoons": "tbsp", "tbs": "tbsp", "teaspoon": "tsp", "teaspoons": "tsp",
         "fluid": "fl", "ml": "ml", "milliliter": "ml", "millilitre": "ml", "cups": "cup", "slices": "slice", "piece": "piece"}

_VULGAR = {"½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5", "⅖": "2/5", "⅗": "3/5", "⅘": "4/5",
           "⅙": "1/6", "⅚": "5/6", "⅛": "1/8", "⅜": "3/8", "⅝": "5/8", "⅞": "7/8"}
# an amount: "2", "1.5", ",5", "1/2", "1 1/2", "1-1/2"; then the words of the measure
_AMOUNT = re.compile(r"^\s*(?:(\d+)[\s-]+(\d+)/(\d+)|(\d+)/(\d+)|(\d*[.,]\d+|\d+))\s*(.*?)\s*$")
_MAX_GRAMS = 1e6
_new_serving = maker(Serving)


@attrs.frozen
class Portion:
    """A resolved portion: its weight and how it was described."""

    grams: float
    """Its weight in grams."""
    label: str
    """What it is, for display: the text given (``"2 medium"``), ``"150 g"``, or the serving's label."""
    serving: Serving | None = None
    """The household measure it was read against, if any."""

    def as_serving(self) -> Serving:
        """The portion as a `Serving` (label and grams), for results that carry one."""
        if self.serving is not None and self.serving.grams == self.grams:
            return self.serving
        return _new_serving(self.label, self.grams)  # a portion may be 0 g, which no listed serving is


def portion(food: Food, quantity: object) -> Portion:
    """Read ``quantity`` of ``food``: grams (a number), a text, a `Serving`, or None.

    Raises:
        ValueError: the text names no measure of the food (the message lists its measures
            and says how to give grams), has no unit, or the amount is negative, not finite,
            or over a tonne.
        TypeError: ``quantity`` is of another type.
    """
    if quantity is None:
        serving = food.default_serving
        return Portion(serving.grams, serving.label, serving)
    if isinstance(quantity, Serving):
        return Portion(quantity.grams, quantity.label, quantity)
    if isinstance(quantity, str):
        return _from_text(food, quantity)
    try:
        grams = _args.real(quantity, f"the quantity of {food.name} (grams)", minimum=0, maximum=_MAX_GRAMS)
    except TypeError:
        raise TypeError(
            f"the quantity of {food.name} must be grams (a number), a text such as '150 g' or '2 medium', "
            f"a Serving or None, not {type(quantity).__name__}"
        ) from None
    return Portion(grams, f"{grams:g} g")


def _from_text(food: Food, text: str) -> Portion:
    shown = _args.shown(text)
    if len(text) > 200:
        raise ValueError(f"a portion is a short text such as '150 g' or '2 medium', not {len(text)} characters")
    for exact in food.servings:  # a serving's own label, as listed
        if exact.label.casefold() == text.strip().casefold():
            return Portion(exact.grams, exact.label, exact)
    plain = "".join(f" {_VULGAR[ch]}" if ch in _VULGAR else ch for ch in text).strip()  # "1½" -> "1 1/2"
    match = _AMOUNT.match(plain)
    if match is None:
        amount, words = 1.0, plain.strip()  # "cup" means one cup
    else:
        amount, words = _amount(match)
        if not words:
            unit = re.split(r"[\s,(]", _measure(food.default_serving)[1].strip(), maxsplit=1)[0] or "serving"
            raise ValueError(f"{shown} is a bare number: say what it counts, e.g. '{plain.strip()} g' or "
                             f"'{plain.strip()} {unit}' (grams may also be given as a number, not as text)")
    unit = words.casefold()
    if unit in MASS_UNITS:
        grams = amount * MASS_UNITS[unit]
        return Portion(_checked(grams, food, text), text.strip())
    wanted = _key(words)
    for serving in food.servings:
        per, measure = _measure(serving)
        if measure and per > 0 and _matches(wanted, measure):
            return Portion(_checked(amount / per * serving.grams, food, text), text.strip(), serving)
    measures = "; ".join(s.label for s in food.servings[:15]) + ("; ..." if len(food.servings) > 15 else "")
    raise ValueError(f"cannot read {shown} as a portion of {food.name}: give grams ('150 g', or a number) or one of "
                     f"its measures: {measures}")


def _checked(grams: float, food: Food, text: str) -> float:
    if not 0 <= grams <= _MAX_GRAMS:
        raise ValueError(f"{_args.shown(text)} of {food.name} is {grams:g} g: a portion must be 0 to {_MAX_GRAMS:g} g")
    return grams


def _measure(serving: Serving) -> tuple[float, str]:
    """A household measure's own amount and its words: "0.5 cup, chopped" -> (0.5, "cup, chopped")."""
    match = _AMOUNT.match(serving.label)
    return (1.0, serving.label) if match is None else _amount(match)


def _amount(match: re.Match[str]) -> tuple[float, str]:
    """The amount an ``_AMOUNT`` match read ("1 1/2", "1/2", "1.5", ",5") and the words after it."""
    whole, num, den, num2, den2, decimal, words = match.groups()
    if whole is not None:
        return int(whole) + int(num) / (int(den) or 1), words
    if num2 is not None:
        return int(num2) / (int(den2) or 1), words
    return float(decimal.replace(",", ".")), words


def _key(words: str) -> tuple[str, ...]:
    """Words of a measure, compared ignoring case, punctuation, plurals and common spellings."""
    out = []
    for word in re.findall(r"[a-z]+", words.casefold()):
        word = _SAME.get(word, word)
        out.append(stem(word))
    return tuple(out)


def _matches(wanted: tuple[str, ...], measure: str) -> bool:
    """Whether the words asked for are the measure's words, or its first words ("cup" -> "cup, sliced")."""
    if not wanted:
        return False
    have = _key(measure)
    if have == wanted:
        return True
    head = _key(re.split(r"[,(]", measure, maxsplit=1)[0])
    return head == wanted or have[: len(wanted)] == wanted
