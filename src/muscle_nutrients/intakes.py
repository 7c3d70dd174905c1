"""Recommended intakes and upper limits for a person, and a day's intake against them.

Queries (through [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase]):
``intake`` and ``assess_diet``.

Index, built on first use: for each (nutrient, sex, pregnant, lactating) the DRI life-stage
bands, youngest first, each with its [IntakeTarget][muscle_nutrients.results.IntakeTarget]
built once, so a query only checks the person and picks a band.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from ._lazy import Sealed
from . import _args
from ._store import Store
from .foods import portions as food_portions
from .model import Food, IntakeRecommendation, Nutrient, Serving, Sex, UpperLimitScope
from .results import DietAssessment, FoodContribution, IntakeTarget, NutrientIntake
from .units import Amount, convert_for

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = ["MAX_AGE", "IntakeIndex", "Person", "assess_diet", "intake", "person"]

#: Oldest age accepted, in years.
MAX_AGE = 130

_SEXES = frozenset({"male", "female"})


class Person(NamedTuple):
    """Who a DRI is looked up for."""

    age: float
    """Age in years."""
    sex: Sex
    pregnant: bool
    lactating: bool

    def describe(self) -> str:
        """``"a pregnant female aged 30 years"``."""
        state = " pregnant" if self.pregnant else " lactating" if self.lactating else ""
        return f"a{state} {self.sex.value} aged {self.age:g} years"


def person(age: object, sex: object, pregnant: object = False, lactating: object = False) -> Person:
    """Check and combine what a caller says about a person.

    Raises:
        TypeError: a value of the wrong type (e.g. ``pregnant="false"``).
        ValueError: an age outside 0-130 years, an unknown sex, or an impossible state.
    """
    years = _args.real(age, "age (in years)", minimum=0, maximum=MAX_AGE)
    who = Sex.parse(sex)  # type: ignore[arg-type]
    if who is Sex.ANY:
        raise ValueError("sex must be 'male' or 'female'")
    is_pregnant = _args.boolean(pregnant, "pregnant")
    is_lactating = _args.boolean(lactating, "lactating")
    if is_pregnant and is_lactating:
        raise ValueError("pregnant and lactating cannot both be true (the DRIs have separate groups)")
    if (is_pregnant or is_lactating) and who is not Sex.FEMALE:
        raise ValueError("pregnant or lactating applies only to sex 'female'")
    return Person(years, who, is_pregnant, is_lactating)


# Bands of one (nutrient, sex, state): (first month, end month, target), youngest first.
_Band = tuple[int, float, IntakeTarget]


class IntakeIndex(Sealed):
    """The DRI bands of every nutrient, and the checks of a person against them."""

    __slots__ = ("_bands", "_with_intakes")

    def __init__(self, store: Store) -> None:
        nutrients = store.by_id(Nutrient)
        bands: dict[tuple[str, str, bool, bool], list[_Band]] = {}
        for rec in store.table(IntakeRecommendation):
            stage = rec.life_stage
            target = IntakeTarget(
                nutrient=nutrients[rec.nutrient], life_stage=stage, kind=rec.kind, amount=rec.amount,
                upper_limit=rec.upper_limit, chronic_disease_risk_reduction=rec.chronic_disease_risk_reduction,
                sources=store.cited(rec.sources), note=rec.note,
            )
            upper = math.inf if stage.max_months is None else stage.max_months
            for sex in (Sex.MALE, Sex.FEMALE) if stage.sex is Sex.ANY else (stage.sex,):
                # keyed by the sex's text: a str hashes faster than an Enum member
                bands.setdefault((rec.nutrient, sex.value, stage.pregnant, stage.lactating), []).append(
                    (stage.min_months, upper, target)
                )
        self._bands: Mapping[tuple[str, str, bool, bool], tuple[_Band, ...]] = MappingProxyType(
            {key: tuple(sorted(rows, key=lambda band: band[0])) for key, rows in bands.items()}
        )
        self._with_intakes = frozenset(key[0] for key in bands)

    def target(self, nutrient: Nutrient, age: object, sex: object, pregnant: object, lactating: object) -> IntakeTarget:
        """The target for the person, or ``ValueError`` when no DRI group covers them."""
        who = person(age, sex, pregnant, lactating)
        found = self.find((nutrient.id, who.sex.value, who.pregnant, who.lactating), who.age * 12)
        if found is not None:
            return found
        raise ValueError(
            f"no DRI group for {nutrient.name} covers {who.describe()}"
            + (" (the pregnancy and lactation groups cover ages 14-50)" if who.pregnant or who.lactating else "")
        )

    def find(self, key: tuple[str, str, bool, bool], months: float) -> IntakeTarget | None:
        for low, high, target in self._bands.get(key, ()):
            if low <= months < high:
                return target
        return None

    def assess(
        self,
        nutrients: tuple[Nutrient, ...],
        eaten: tuple[FoodContribution, ...],
        supplements: Mapping[str, float],
        who: Person,
    ) -> DietAssessment:
        """Compare the day's totals with the person's targets, nutrient by nutrient.

        Nutrients without a DRI group for this person are left out and named in
        ``without_target``; the others get a row each.
        """
        food: dict[str, float] = {}
        unreported: dict[tuple[str, str], None] = {}
        for portion in eaten:
            for r in portion.rows:
                if r.amount is None:
                    unreported[portion.food.id, r.nutrient.id] = None
                else:
                    food[r.nutrient.id] = food.get(r.nutrient.id, 0.0) + r.amount.value
        missing = {nutrient_id for _, nutrient_id in unreported}
        rows = []
        without: list[str] = []
        months = who.age * 12
        for n in nutrients:
            if n.id not in self._with_intakes:
                continue
            target = self.find((n.id, who.sex.value, who.pregnant, who.lactating), months)
            if target is None:
                without.append(n.id)
                continue
            rows.append(_line(n, target, food.get(n.id, 0.0), supplements.get(n.id, 0.0), n.id not in missing))
        return DietAssessment(rows=tuple(rows), unreported=tuple(unreported), without_target=tuple(without), foods=eaten)


def _line(n: Nutrient, target: IntakeTarget, from_food: float, from_supplements: float, complete: bool) -> NutrientIntake:
    goal = target.amount.to(n.unit).value
    total = from_food + from_supplements
    limit = target.upper_limit
    exceeds = False
    if limit is not None:
        # a limit on supplemental or synthetic forms is compared with the supplements given (folic acid
        # in fortified foods is not told apart from natural folate in the food table)
        counted = total if limit.scope is UpperLimitScope.TOTAL_INTAKE else from_supplements
        exceeds = counted > convert_for(limit.amount, n.unit, n).value
    cdrr = target.chronic_disease_risk_reduction  # an upper target: never a shortfall to make up
    return NutrientIntake(
        nutrient=n,
        total=Amount._trusted(total, n.unit),
        from_supplements=Amount._trusted(from_supplements, n.unit),
        target=target,
        percent_of_target=100 * total / goal if goal else math.inf,
        shortfall=None if cdrr is not None else Amount._trusted(max(goal - total, 0.0), n.unit),
        exceeds_upper_limit=exceeds,
        exceeds_chronic_disease_risk_reduction=cdrr is not None and total > cdrr.to(n.unit).value,
        complete=complete,
    )


# ---------------------------------------------------------------------------- queries


def intake(
    kb: KnowledgeBase, nutrient: str | Nutrient, *, age: float, sex: str | Sex, pregnant: bool = False, lactating: bool = False
) -> IntakeTarget:
    """The RDA or AI, UL and (for sodium) CDRR for a person.

    Args:
        nutrient: Nutrient (record, id, name or alias).
        age: Age in years, any real number from 0 to 130 (0.5 is six months).
        sex: ``"male"`` or ``"female"`` (``"m"``, ``"f"``, any case, or a `Sex`).
        pregnant: Use the pregnancy groups (females 14-50 years): ``True`` or ``False``.
        lactating: Use the lactation groups (females 14-50 years).

    Raises:
        ValueError: a bad age or sex, pregnant and lactating together, or no DRI group for
            the combination (e.g. pregnancy at 12 years).
        TypeError: an argument of the wrong type (``pregnant="false"``, say).
    """
    record = kb._names[Nutrient].lookup(nutrient)
    bands = kb._intakes._bands
    if type(age) in (int, float) and 0 <= age <= MAX_AGE and type(sex) is str and sex in _SEXES and pregnant is False and lactating is False:
        months: float = age * 12  # the common call, checked inline (the index's own module)
        for low, high, target in bands.get((record.id, sex, False, False), ()):
            if low <= months < high:
                return target
    return kb._intakes.target(record, age, sex, pregnant, lactating)


def assess_diet(
    kb: KnowledgeBase,
    portions: Iterable[tuple[str | Food, float | str | Serving | None]] | Mapping[str | Food, float | str | Serving | None],
    *,
    age: float,
    sex: str | Sex,
    pregnant: bool = False,
    lactating: bool = False,
    supplements: Mapping[str | Nutrient, Amount | str] | None = None,
) -> DietAssessment:
    """Add up a day's foods (and supplements) and compare them with the person's targets.

    Args:
        portions: ``(food, quantity)`` pairs or a mapping; the food by name, alias, id or
            NDB number; the quantity as grams (a number), ``"150 g"``, ``"2 medium"``,
            ``"1/2 cup"``, a `Serving`, or None for the food's default serving (see
            [portion][muscle_nutrients.portions.portion]). A text with no unit (``"2"``) is
            refused rather than read as grams.
        age: Age in years; ``sex``, ``pregnant`` and ``lactating`` as for ``intake``.
        supplements: Daily amounts from supplements or medicines by nutrient, as `Amount`
            or text (``"400 mg"``). They count toward totals and are what a
            supplements-only UL (magnesium) is compared with.

    Only nutrients with a DRI for the person are reported (the others are named in
    ``without_target``). ``foods`` breaks the day down: each portion and what it brought of
    every nutrient (``contributions(nutrient)`` ranks them). A food with no reported value
    for a nutrient adds nothing to its total -- not reported is not zero -- and the row says
    so (``complete`` is False; the pairs are in ``unreported``).
    """
    who = person(age, sex, pregnant, lactating)
    nutrients = kb._store.records(Nutrient)
    eaten = tuple(kb._foods.contribution(food, amount) for food, amount in food_portions(kb, portions))
    return kb._intakes.assess(nutrients, eaten, _supplements(kb, supplements), who)


def _supplements(kb: KnowledgeBase, supplements: object) -> dict[str, float]:
    if supplements is None:
        return {}
    if not isinstance(supplements, Mapping):
        raise TypeError(f"supplements must be a mapping of nutrient to amount, not {type(supplements).__name__}")
    totals: dict[str, float] = {}
    for name, amount in supplements.items():
        n = kb._names[Nutrient].lookup(name)
        given = Amount.parse(amount) if isinstance(amount, str) else amount
        if not isinstance(given, Amount):
            raise TypeError(f"the supplement amount of {n.name} must be an Amount or text like '400 mg', not {type(amount).__name__}")
        totals[n.id] = totals.get(n.id, 0.0) + convert_for(given, n.unit, n).value
    return totals
