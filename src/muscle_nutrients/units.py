"""Units, amounts and conversions.

Conversions inside one dimension (mg to µg, mg/dL to mg/L, nmol/L to pmol/L) are exact:
the factors are rational, computed with integers, and the value is rounded to a float
once. Conversions between dimensions depend on the substance, so they are a separate
function that takes it: international units to micrograms need the substance's
IU-per-µg factor, mass concentration to molar concentration needs its molar mass, and
molar to equivalent concentration needs its ionic charge (valence).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Protocol

import attrs

from . import _args
from ._fields import number

__all__ = [
    "MAX_AMOUNT",
    "Amount",
    "Analyte",
    "Dimension",
    "Unit",
    "convert_for",
    "format_number",
]

#: Largest amount accepted in any unit. Every conversion of an amount up to this bound stays
#: a finite float, so no later arithmetic can overflow.
MAX_AMOUNT = 1e12


class Dimension(StrEnum):
    """What a unit measures; only units of one dimension convert without a substance."""

    MASS = "mass"
    ACTIVITY = "biological activity"
    FOLATE_EQUIVALENTS = "dietary folate equivalents"
    MASS_CONCENTRATION = "mass concentration"
    MOLAR_CONCENTRATION = "molar concentration"
    EQUIVALENT_CONCENTRATION = "equivalent concentration"
    FRACTION = "fraction"


class Unit(StrEnum):
    """A unit of measure; the value is its usual symbol (a string enumeration)."""

    G = "g"
    MG = "mg"
    UG = "µg"
    IU = "IU"
    UG_DFE = "µg DFE"
    G_PER_L = "g/L"
    MG_PER_DL = "mg/dL"
    MG_PER_L = "mg/L"
    UG_PER_DL = "µg/dL"
    UG_PER_L = "µg/L"
    NG_PER_ML = "ng/mL"
    PG_PER_ML = "pg/mL"
    MMOL_PER_L = "mmol/L"
    UMOL_PER_L = "µmol/L"
    NMOL_PER_L = "nmol/L"
    PMOL_PER_L = "pmol/L"
    MEQ_PER_L = "mEq/L"
    PERCENT = "%"

    @property
    def dimension(self) -> Dimension:
        """The dimension this unit measures."""
        return _SCALE[self][0]

    @property
    def ucum(self) -> str:
        """The unit's UCUM code, as FHIR ``Quantity.code`` carries it (``"ug/L"`` for µg/L)."""
        return _UCUM.get(self, self.value)

    @classmethod
    def parse(cls, text: str | Unit) -> Unit:
        """Return the unit for a usual spelling (``"mcg"``, ``"ug"``, ``"μg"``, ``"mg/dl"``, ``"mEq/L"``).

        Raises:
            ValueError: the spelling names no known unit; the message lists the units.
            TypeError: ``text`` is not a string.
        """
        if isinstance(text, Unit):
            return text
        if not isinstance(text, str):
            raise TypeError(f"a unit must be a Unit or a string such as 'mg', not {type(text).__name__}")
        unit = _SPELLINGS.get(_args.spelling_key(text)) if len(text) <= 40 else None
        if unit is None:
            allowed = ", ".join(u.value for u in cls)
            raise ValueError(f"unknown unit {_args.shown(text)}; known units: {allowed}")
        return unit


# Each unit's dimension and its size in the dimension's base unit (g, IU, g/L, mol/L, eq/L,
# percent) as an exact ratio numerator/denominator.
_SCALE: dict[Unit, tuple[Dimension, int, int]] = {
    Unit.G: (Dimension.MASS, 1, 1),
    Unit.MG: (Dimension.MASS, 1, 10**3),
    Unit.UG: (Dimension.MASS, 1, 10**6),
    Unit.IU: (Dimension.ACTIVITY, 1, 1),
    Unit.UG_DFE: (Dimension.FOLATE_EQUIVALENTS, 1, 1),
    Unit.G_PER_L: (Dimension.MASS_CONCENTRATION, 1, 1),
    Unit.MG_PER_DL: (Dimension.MASS_CONCENTRATION, 1, 100),
    Unit.MG_PER_L: (Dimension.MASS_CONCENTRATION, 1, 10**3),
    Unit.UG_PER_DL: (Dimension.MASS_CONCENTRATION, 1, 10**5),
    Unit.UG_PER_L: (Dimension.MASS_CONCENTRATION, 1, 10**6),
    Unit.NG_PER_ML: (Dimension.MASS_CONCENTRATION, 1, 10**6),
    Unit.PG_PER_ML: (Dimension.MASS_CONCENTRATION, 1, 10**9),
    Unit.MMOL_PER_L: (Dimension.MOLAR_CONCENTRATION, 1, 10**3),
    Unit.UMOL_PER_L: (Dimension.MOLAR_CONCENTRATION, 1, 10**6),
    Unit.NMOL_PER_L: (Dimension.MOLAR_CONCENTRATION, 1, 10**9),
    Unit.PMOL_PER_L: (Dimension.MOLAR_CONCENTRATION, 1, 10**12),
    Unit.MEQ_PER_L: (Dimension.EQUIVALENT_CONCENTRATION, 1, 10**3),
    Unit.PERCENT: (Dimension.FRACTION, 1, 1),
}

# UCUM codes where they differ from the usual symbol (UCUM writes micro as "u", IU as "[IU]",
# and takes annotations in braces).
_UCUM: dict[Unit, str] = {
    Unit.UG: "ug", Unit.IU: "[IU]", Unit.UG_DFE: "ug{DFE}", Unit.UG_PER_DL: "ug/dL", Unit.UG_PER_L: "ug/L",
    Unit.UMOL_PER_L: "umol/L", Unit.MEQ_PER_L: "meq/L",
}

_EXTRA_SPELLINGS: dict[str, Unit] = {
    "ug{dfe}": Unit.UG_DFE,
    "gram": Unit.G,
    "grams": Unit.G,
    "milligram": Unit.MG,
    "milligrams": Unit.MG,
    "mcg": Unit.UG,
    "ug": Unit.UG,
    "microgram": Unit.UG,
    "micrograms": Unit.UG,
    "ui": Unit.IU,
    "mcg dfe": Unit.UG_DFE,
    "ug dfe": Unit.UG_DFE,
    "microgram dfe": Unit.UG_DFE,
    "micrograms dfe": Unit.UG_DFE,
    "dfe": Unit.UG_DFE,
    "[iu]": Unit.IU,  # UCUM
    "mcg/dl": Unit.UG_PER_DL,
    "ug/dl": Unit.UG_PER_DL,
    "mcg/l": Unit.UG_PER_L,
    "ug/l": Unit.UG_PER_L,
    "umol/l": Unit.UMOL_PER_L,
    "percent": Unit.PERCENT,
}
# The keys ignore case, spaces and compatibility forms: the micro sign and the Greek mu alike.
_SPELLINGS: dict[str, Unit] = {_args.spelling_key(k): u for k, u in ({u.value: u for u in Unit} | _EXTRA_SPELLINGS).items()}


# ---------------------------------------------------------------------------- exact arithmetic
# Ratios are (numerator, denominator) pairs of ints: a float's exact value is its
# as_integer_ratio(), and int / int is correctly rounded, so each result is rounded once.

_Ratio = tuple[int, int]


def _ratio(value: float) -> _Ratio:
    return float(value).as_integer_ratio()


def _times(a: _Ratio, b: _Ratio) -> _Ratio:
    return a[0] * b[0], a[1] * b[1]


def _over(a: _Ratio, b: _Ratio) -> _Ratio:
    return a[0] * b[1], a[1] * b[0]


def _to_float(r: _Ratio) -> float:
    return r[0] / r[1]


def _size(unit: Unit) -> _Ratio:
    _, num, den = _SCALE[unit]
    return num, den


def format_number(value: float) -> str:
    """A number as people read it: ``"420"``, ``"4,464"``, ``"6.09"``, ``"0.35"``, ``"2.4"``.

    Three significant digits below 100, whole numbers (with thousands separators) above.
    """
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}"


def _checked_value(value: float) -> float:
    return _args.real(value, "an amount's value", minimum=0, maximum=MAX_AMOUNT)


_AMOUNT_TEXT = re.compile(r"\s*((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)\s*(\S.*?)\s*", re.ASCII)


def _unit(unit: Unit | str) -> Unit:
    return Unit.parse(unit)


@attrs.frozen(eq=False, repr=False)
class Amount:
    """A non-negative, finite quantity with its unit: ``Amount(420, "mg")``.

    Amounts of one dimension compare equal across units (``Amount(1, "mg") ==
    Amount(1000, "µg")``), order, and add; they print rounded for people
    (``str(Amount(6.0907, "µg")) == "6.09 µg"``) and serialise exactly.
    """

    value: float = attrs.field(converter=_checked_value, metadata=number(minimum=0, maximum=MAX_AMOUNT))
    """The number; finite, not negative, at most [MAX_AMOUNT][muscle_nutrients.units.MAX_AMOUNT]."""
    unit: Unit = attrs.field(converter=_unit)
    """The unit the number is in (a `Unit` or its spelling)."""

    @classmethod
    def parse(cls, text: str) -> Amount:
        """Read ``"400 mg"``, ``"1,200mg"`` or ``"2.5 mcg"``.

        Raises:
            ValueError: the text is not a number followed by a known unit.
            TypeError: ``text`` is not a string.
        """
        _args.text(text, "an amount")
        match = _AMOUNT_TEXT.fullmatch(text)
        if match is None:
            raise ValueError(f"expected an amount such as '400 mg', got {_args.shown(text)}")
        return cls(float(match.group(1).replace(",", "")), Unit.parse(match.group(2)))

    @classmethod
    def _trusted(cls, value: float, unit: Unit) -> Amount:
        """An amount from values already known to be valid (hot paths skip the checks)."""
        amount = object.__new__(cls)
        object.__setattr__(amount, "value", value)
        object.__setattr__(amount, "unit", unit)
        return amount

    @property
    def dimension(self) -> Dimension:
        """What the amount measures."""
        return _SCALE[self.unit][0]

    def to(self, unit: Unit | str) -> Amount:
        """Convert to another unit of the same dimension, exactly.

        Raises:
            ValueError: the units measure different things (mass and molar concentration,
                say); such conversions need the substance -- see [convert_for][muscle_nutrients.units.convert_for].
        """
        target = Unit.parse(unit)
        if target is self.unit:
            return self
        (src_dim, _, _), (dst_dim, _, _) = _SCALE[self.unit], _SCALE[target]
        if src_dim is not dst_dim:
            raise ValueError(
                f"cannot convert {self.unit.value} ({src_dim.value}) to {target.value} "
                f"({dst_dim.value}) without knowing the substance; use convert_for()"
            )
        exact = _over(_times(_ratio(self.value), _size(self.unit)), _size(target))
        return Amount._trusted(_to_float(exact), target)

    def _same_dimension(self, other: object) -> Amount | None:
        if other.__class__ is not Amount:
            return None
        assert isinstance(other, Amount)
        return other if _SCALE[other.unit][0] is _SCALE[self.unit][0] else None

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Amount:
            return NotImplemented
        assert isinstance(other, Amount)
        if other.unit is self.unit:
            return other.value == self.value
        if self._same_dimension(other) is None:
            return False
        # either direction: conversions round once, so compare both ways to stay symmetric
        return self.to(other.unit).value == other.value or other.to(self.unit).value == self.value

    def __hash__(self) -> int:
        # equal amounts may be written in different units: hash only what they share
        return hash((Amount, _SCALE[self.unit][0]))

    def _comparable(self, other: object) -> float | None:
        same = self._same_dimension(other)
        if same is None:
            if isinstance(other, Amount):
                raise TypeError(f"cannot compare {self.unit.value} with {other.unit.value}: different dimensions")
            return None
        return same.to(self.unit).value

    def __lt__(self, other: object) -> bool:
        value = self._comparable(other)
        return NotImplemented if value is None else self.value < value

    def __le__(self, other: object) -> bool:
        value = self._comparable(other)
        return NotImplemented if value is None else self.value <= value

    def __gt__(self, other: object) -> bool:
        value = self._comparable(other)
        return NotImplemented if value is None else self.value > value

    def __ge__(self, other: object) -> bool:
        value = self._comparable(other)
        return NotImplemented if value is None else self.value >= value

    def __add__(self, other: object) -> Amount:
        value = self._comparable(other)
        if value is None:
            return NotImplemented
        return Amount(self.value + value, self.unit)

    def __mul__(self, factor: object) -> Amount:
        if isinstance(factor, Amount):
            return NotImplemented
        return Amount(self.value * _args.real(factor, "a factor", minimum=0), self.unit)

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Amount | float:
        """``amount / 2`` is an amount; ``amount / other_amount`` is their ratio (a float)."""
        if isinstance(other, Amount):
            value = self._comparable(other)
            assert value is not None
            if value == 0:
                raise ZeroDivisionError("division by a zero amount")
            return self.value / value
        divisor = _args.real(other, "a divisor")
        if divisor <= 0:
            raise ValueError("an amount can only be divided by a positive number")
        return Amount(self.value / divisor, self.unit)

    def __str__(self) -> str:
        return f"{format_number(self.value)} {self.unit.value}"

    def __repr__(self) -> str:
        return f"Amount({self.value!r}, {self.unit.value!r})"

    def to_dict(self) -> dict[str, float | str]:
        """``{"value": 420.0, "unit": "mg"}``: JSON-ready."""
        return {"value": float(f"{self.value:.10g}"), "unit": self.unit.value}


class Analyte(Protocol):
    """What a cross-dimension conversion needs to know about a substance.

    [Nutrient][muscle_nutrients.model.Nutrient] and [LabTest][muscle_nutrients.model.LabTest]
    provide it. A ``None`` means that conversion is not possible for the substance; an
    IU-per-µg factor is read only where the analyte has one.
    """

    @property
    def id(self) -> str: ...

    @property
    def molar_mass(self) -> float | None: ...

    @property
    def valence(self) -> int | None: ...


def convert_for(amount: Amount, unit: Unit | str, analyte: Analyte) -> Amount:
    """Convert ``amount`` to ``unit``, using what ``analyte`` says about its substance.

    Same-dimension conversions are exact. Across dimensions:

    * IU and mass use the analyte's ``iu_per_microgram`` (vitamin D: 40 IU per µg);
    * µg DFE and mass use its ``dfe_per_microgram`` (folate: 1 µg of folic acid taken with food
      counts as 1.7 µg of dietary folate equivalents);
    * mass and molar concentration use its ``molar_mass`` in g/mol;
    * molar and equivalent concentration use its ``valence`` (charge of the ion).

    Raises:
        ValueError: the conversion needs a property the analyte does not have, or the
            dimensions cannot be bridged at all (a mass to a concentration, say).
    """
    target = Unit.parse(unit)
    src_dim, dst_dim = amount.unit.dimension, target.dimension
    if src_dim is dst_dim:
        return amount.to(target)
    pair = {src_dim, dst_dim}
    base = _times(_ratio(amount.value), _size(amount.unit))  # in the source dimension's base unit
    if pair == {Dimension.ACTIVITY, Dimension.MASS}:
        per_ug = _ratio(_need(getattr(analyte, "iu_per_microgram", None), "IU-per-µg factor", amount.unit, target, analyte))
        if src_dim is Dimension.ACTIVITY:
            micrograms = _over(base, per_ug)
            return _from_base(_times(micrograms, _size(Unit.UG)), target)
        return _from_base(_times(_over(base, _size(Unit.UG)), per_ug), target)
    if pair == {Dimension.FOLATE_EQUIVALENTS, Dimension.MASS}:
        per_ug = _ratio(_need(getattr(analyte, "dfe_per_microgram", None), "DFE-per-µg factor", amount.unit, target, analyte))
        if src_dim is Dimension.FOLATE_EQUIVALENTS:
            return _from_base(_times(_over(base, per_ug), _size(Unit.UG)), target)
        return _from_base(_times(_over(base, _size(Unit.UG)), per_ug), target)
    if pair == {Dimension.MASS_CONCENTRATION, Dimension.MOLAR_CONCENTRATION}:
        mass = _ratio(_need(analyte.molar_mass, "molar mass", amount.unit, target, analyte))
        converted = _over(base, mass) if src_dim is Dimension.MASS_CONCENTRATION else _times(base, mass)
        return _from_base(converted, target)
    if pair == {Dimension.MOLAR_CONCENTRATION, Dimension.EQUIVALENT_CONCENTRATION}:
        charge = _ratio(_need(analyte.valence, "valence", amount.unit, target, analyte))
        converted = _times(base, charge) if src_dim is Dimension.MOLAR_CONCENTRATION else _over(base, charge)
        return _from_base(converted, target)
    if pair == {Dimension.MASS_CONCENTRATION, Dimension.EQUIVALENT_CONCENTRATION}:
        return convert_for(convert_for(amount, Unit.MMOL_PER_L, analyte), target, analyte)
    raise ValueError(
        f"cannot convert {amount.unit.value} ({src_dim.value}) to {target.value} "
        f"({dst_dim.value}) for {analyte.id}: the dimensions do not correspond"
    )


def _from_base(base_value: _Ratio, target: Unit) -> Amount:
    """An amount of ``target`` from a value in the base unit of ``target``'s dimension."""
    value = _to_float(_over(base_value, _size(target)))
    if value > MAX_AMOUNT:
        raise ValueError(f"the converted amount is over the {MAX_AMOUNT:g} limit")
    return Amount._trusted(value, target)


def _need(value: float | int | None, what: str, src: Unit, dst: Unit, analyte: Analyte) -> float:
    if value is None or value <= 0:
        raise ValueError(f"cannot convert {src.value} to {dst.value} for {analyte.id}: it has no {what}")
    return value
