"""Units, amounts and conversions.

Conversions inside one dimension (mg to µg, mg/dL to mg/L, nmol/L to pmol/L) are exact:
the factors are rational and the value is rounded to a float once. Conversions between
dimensions depend on the substance, so they are separate functions that take it:
international units to micrograms need the substance's IU-per-µg factor, mass
concentration to molar concentration needs its molar mass, and molar to equivalent
concentration needs its ionic charge (valence).
"""

from __future__ import annotations

import math
from enum import Enum
from fractions import Fraction
from typing import Protocol

import attrs

__all__ = [
    "Amount",
    "Analyte",
    "Dimension",
    "Unit",
    "convert_for",
]


class Dimension(Enum):
    """What a unit measures; only units of one dimension convert without a substance."""

    MASS = "mass"
    ACTIVITY = "biological activity"
    MASS_CONCENTRATION = "mass concentration"
    MOLAR_CONCENTRATION = "molar concentration"
    EQUIVALENT_CONCENTRATION = "equivalent concentration"
    FRACTION = "fraction"


class Unit(Enum):
    """A unit of measure; the value is its usual symbol."""

    G = "g"
    MG = "mg"
    UG = "µg"
    IU = "IU"
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
    def symbol(self) -> str:
        """The unit's symbol, e.g. ``"µg"``."""
        return self.value

    @classmethod
    def parse(cls, text: str | Unit) -> Unit:
        """Return the unit for a usual spelling (``"mcg"``, ``"ug"``, ``"mg/dl"``, ``"mEq/L"``).

        Raises:
            ValueError: the spelling names no known unit; the message lists the units.
        """
        if isinstance(text, Unit):
            return text
        if not isinstance(text, str):
            raise TypeError(f"a unit must be a Unit or a string, not {type(text).__name__}")
        unit = _SPELLINGS.get(_spelling_key(text))
        if unit is None:
            allowed = ", ".join(u.value for u in cls)
            raise ValueError(f"unknown unit {text!r}; known units: {allowed}")
        return unit


# Each unit's dimension and its size in the dimension's base unit
# (g, IU, g/L, mol/L, eq/L, percent). Fractions keep same-dimension conversion exact.
_SCALE: dict[Unit, tuple[Dimension, Fraction]] = {
    Unit.G: (Dimension.MASS, Fraction(1)),
    Unit.MG: (Dimension.MASS, Fraction(1, 10**3)),
    Unit.UG: (Dimension.MASS, Fraction(1, 10**6)),
    Unit.IU: (Dimension.ACTIVITY, Fraction(1)),
    Unit.G_PER_L: (Dimension.MASS_CONCENTRATION, Fraction(1)),
    Unit.MG_PER_DL: (Dimension.MASS_CONCENTRATION, Fraction(1, 100)),
    Unit.MG_PER_L: (Dimension.MASS_CONCENTRATION, Fraction(1, 10**3)),
    Unit.UG_PER_DL: (Dimension.MASS_CONCENTRATION, Fraction(1, 10**5)),
    Unit.UG_PER_L: (Dimension.MASS_CONCENTRATION, Fraction(1, 10**6)),
    Unit.NG_PER_ML: (Dimension.MASS_CONCENTRATION, Fraction(1, 10**6)),
    Unit.PG_PER_ML: (Dimension.MASS_CONCENTRATION, Fraction(1, 10**9)),
    Unit.MMOL_PER_L: (Dimension.MOLAR_CONCENTRATION, Fraction(1, 10**3)),
    Unit.UMOL_PER_L: (Dimension.MOLAR_CONCENTRATION, Fraction(1, 10**6)),
    Unit.NMOL_PER_L: (Dimension.MOLAR_CONCENTRATION, Fraction(1, 10**9)),
    Unit.PMOL_PER_L: (Dimension.MOLAR_CONCENTRATION, Fraction(1, 10**12)),
    Unit.MEQ_PER_L: (Dimension.EQUIVALENT_CONCENTRATION, Fraction(1, 10**3)),
    Unit.PERCENT: (Dimension.FRACTION, Fraction(1)),
}

_MICRO_SIGNS = str.maketrans({"μ": "µ"})  # Greek mu -> micro sign


def _spelling_key(text: str) -> str:
    return "".join(text.translate(_MICRO_SIGNS).split()).lower()


_EXTRA_SPELLINGS: dict[str, Unit] = {
    "gram": Unit.G,
    "grams": Unit.G,
    "milligram": Unit.MG,
    "milligrams": Unit.MG,
    "mcg": Unit.UG,
    "ug": Unit.UG,
    "microgram": Unit.UG,
    "micrograms": Unit.UG,
    "iu": Unit.IU,
    "ui": Unit.IU,
    "mcg/dl": Unit.UG_PER_DL,
    "ug/dl": Unit.UG_PER_DL,
    "mcg/l": Unit.UG_PER_L,
    "ug/l": Unit.UG_PER_L,
    "umol/l": Unit.UMOL_PER_L,
    "mmol/l": Unit.MMOL_PER_L,
    "meq/l": Unit.MEQ_PER_L,
    "percent": Unit.PERCENT,
}
_SPELLINGS: dict[str, Unit] = {_spelling_key(u.value): u for u in Unit} | _EXTRA_SPELLINGS


def _check_value(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{attribute.name} must be a number, not {type(value).__name__}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{attribute.name} must be finite and not negative, got {value!r}")


@attrs.frozen(kw_only=True)
class Amount:
    """A non-negative, finite quantity with its unit, e.g. ``Amount(value=420, unit=Unit.MG)``."""

    value: float = attrs.field(validator=_check_value)
    """The number; finite and not negative."""
    unit: Unit = attrs.field(validator=attrs.validators.instance_of(Unit))
    """The unit the number is in."""

    def to(self, unit: Unit | str) -> Amount:
        """Convert to another unit of the same dimension, exactly.

        Raises:
            ValueError: the units measure different things (mass and molar concentration,
                say); such conversions need the substance -- see [convert_for][muscle_nutrients.units.convert_for].
        """
        target = Unit.parse(unit)
        if target is self.unit:
            return self
        (src_dim, src_size), (dst_dim, dst_size) = _SCALE[self.unit], _SCALE[target]
        if src_dim is not dst_dim:
            raise ValueError(
                f"cannot convert {self.unit.value} ({src_dim.value}) to {target.value} "
                f"({dst_dim.value}) without knowing the substance; use convert_for()"
            )
        return Amount(value=_scaled(self.value, src_size / dst_size), unit=target)

    def __str__(self) -> str:
        return f"{self.value:g} {self.unit.value}"


def _scaled(value: float, factor: Fraction) -> float:
    return float(Fraction(value) * factor)


class Analyte(Protocol):
    """What a cross-dimension conversion needs to know about a substance.

    [Nutrient][muscle_nutrients.model.Nutrient] and [LabTest][muscle_nutrients.model.LabTest]
    both provide it. A ``None`` means that conversion is not possible for the substance.
    """

    @property
    def id(self) -> str: ...

    @property
    def molar_mass(self) -> float | None: ...

    @property
    def valence(self) -> int | None: ...

    @property
    def iu_per_microgram(self) -> float | None: ...


def convert_for(amount: Amount, unit: Unit | str, analyte: Analyte) -> Amount:
    """Convert ``amount`` to ``unit``, using what ``analyte`` says about its substance.

    Same-dimension conversions are exact. Across dimensions:

    * IU and mass use the analyte's ``iu_per_microgram`` (vitamin D: 40 IU per µg);
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
    if pair == {Dimension.ACTIVITY, Dimension.MASS}:
        factor = _need(analyte.iu_per_microgram, "IU-per-µg factor", amount.unit, target, analyte)
        per_ug = Fraction(factor)
        if src_dim is Dimension.ACTIVITY:
            return Amount(value=_scaled(amount.value, 1 / per_ug), unit=Unit.UG).to(target)
        return Amount(value=_scaled(amount.to(Unit.UG).value, per_ug), unit=Unit.IU)
    if pair == {Dimension.MASS_CONCENTRATION, Dimension.MOLAR_CONCENTRATION}:
        mass = Fraction(_need(analyte.molar_mass, "molar mass", amount.unit, target, analyte))
        if src_dim is Dimension.MASS_CONCENTRATION:
            grams_per_l = Fraction(amount.value) * _SCALE[amount.unit][1]
            return _from_base(grams_per_l / mass, target)
        mol_per_l = Fraction(amount.value) * _SCALE[amount.unit][1]
        return _from_base(mol_per_l * mass, target)
    if pair == {Dimension.MOLAR_CONCENTRATION, Dimension.EQUIVALENT_CONCENTRATION}:
        charge = Fraction(_need(analyte.valence, "valence", amount.unit, target, analyte))
        base = Fraction(amount.value) * _SCALE[amount.unit][1]
        if src_dim is Dimension.MOLAR_CONCENTRATION:
            return _from_base(base * charge, target)
        return _from_base(base / charge, target)
    if pair == {Dimension.MASS_CONCENTRATION, Dimension.EQUIVALENT_CONCENTRATION}:
        return convert_for(convert_for(amount, Unit.MMOL_PER_L, analyte), target, analyte)
    raise ValueError(
        f"cannot convert {amount.unit.value} ({src_dim.value}) to {target.value} "
        f"({dst_dim.value}) for {analyte.id}: the dimensions do not correspond"
    )


def _from_base(base_value: Fraction, target: Unit) -> Amount:
    """An amount of ``target`` from a value in the base unit of ``target``'s dimension."""
    return Amount(value=float(base_value / _SCALE[target][1]), unit=target)


def _need(value: float | int | None, what: str, src: Unit, dst: Unit, analyte: Analyte) -> float:
    if value is None:
        raise ValueError(
            f"cannot convert {src.value} to {dst.value} for {analyte.id}: it has no {what}"
        )
    return value
