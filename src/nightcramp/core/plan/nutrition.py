"""Magnesium and potassium: foods per serving, daily targets, and a day's intake estimate.

Data is shipped in `content/nutrition/` (no network). Targets never apply to potassium when
kidney disease or a medicine changes how the body handles it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import Field

from nightcramp.core.errors import InputError
from nightcramp.core.knowledge.files import ContentModel, content_key, read_content, read_entries
from nightcramp.core.knowledge.sources import check_cited, check_sources, load_sources

__all__ = [
    "Food",
    "Intake",
    "NutritionContent",
    "Target",
    "Targets",
    "estimate_intake",
    "intake_targets",
    "load_nutrition",
]


class Food(ContentModel):
    """One food and what a typical serving holds (None: not known)."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    serving: str
    magnesium_mg: int | None = Field(ge=0)
    magnesium_verified: bool
    potassium_mg: int | None = Field(ge=0)
    potassium_verified: bool
    sources: tuple[str, ...] = Field(min_length=1)
    note: str | None = None


class _Row(ContentModel):
    from_age: int = Field(ge=0)
    male: int
    female: int
    pregnant: int | None
    lactating: int | None


class _Nutrient(ContentModel):
    sources: tuple[str, ...]
    rows: tuple[_Row, ...] = Field(min_length=1)
    supplement_upper_limit_mg: int | None = None


class _Notes(ContentModel):
    kidney_or_medicines: str
    sex_unknown: str
    age_unknown: str
    under_14: str
    supplement_limit: str
    estimate: str


class _Targets(ContentModel):
    magnesium: _Nutrient
    potassium: _Nutrient
    notes: _Notes


@dataclass(frozen=True)
class NutritionContent:
    foods: tuple[Food, ...]
    targets: _Targets

    def food(self, food_id: str) -> Food | None:
        return next((f for f in self.foods if f.id == food_id), None)


@dataclass(frozen=True)
class Target:
    """A daily target in mg: `low` == `high` unless sex is unknown (then the range)."""

    nutrient: str
    low: int
    high: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Targets:
    magnesium: Target | None
    potassium: Target | None
    notes: tuple[str, ...]
    supplement_upper_limit_mg: int | None


@dataclass(frozen=True)
class Intake:
    """The estimate from the foods picked, and what it could not count."""

    magnesium_mg: int
    potassium_mg: int
    not_counted_magnesium: tuple[str, ...]
    not_counted_potassium: tuple[str, ...]
    unverified: tuple[str, ...]

    def gap(self, target: Target | None, nutrient: str) -> int | None:
        """mg still to go to reach the (lower) target; 0 when reached; None with no target."""
        if target is None:
            return None
        have = self.magnesium_mg if nutrient == "magnesium" else self.potassium_mg
        return max(0, target.low - have)


def load_nutrition(content_dir: Path | None = None) -> NutritionContent:
    """Return the food table and targets (cached per folder).

    Raises ContentFileError naming the file, entry and field when the content is invalid.
    """
    return _load(content_key(content_dir))


@cache
def _load(root: Path | None) -> NutritionContent:
    foods = read_entries("nutrition/foods.yaml", Food, root=root)
    targets = read_content("nutrition/targets.yaml", _Targets, root=root)
    known = load_sources(root)
    for food in foods:
        check_sources("nutrition/foods.yaml", food.id, food.sources, known)
    check_cited("nutrition/targets.yaml", targets, known)
    return NutritionContent(foods=foods, targets=targets)


def _value(rows: tuple[_Row, ...], age: int, column: str) -> int:
    usable = [r for r in rows if r.from_age <= age]
    for row in reversed(usable):
        value: int | None = getattr(row, column)
        if value is not None:
            return value
    return int(usable[-1].female)


def _target(
    nutrient: str, spec: _Nutrient, ages: tuple[int, ...], columns: tuple[str, ...]
) -> Target:
    values = [_value(spec.rows, age, column) for age in ages for column in columns]
    return Target(nutrient=nutrient, low=min(values), high=max(values), sources=spec.sources)


def intake_targets(
    *,
    age: int | None,
    sex: str | None,
    pregnant: bool = False,
    lactating: bool = False,
    potassium_restricted: bool = False,
    content: NutritionContent | None = None,
) -> Targets:
    """Daily targets for a person; with unknown age or sex, the adult range (low to high).

    `potassium_restricted` (kidney disease, or a medicine that raises potassium) leaves the
    potassium target out and says why.
    """
    data = (content or load_nutrition()).targets
    notes: list[str] = []
    if age is not None and age < 14:
        return Targets(None, None, (data.notes.under_14,), None)
    ages = (age,) if age is not None else (19, 31, 51)
    if age is None:
        notes.append(data.notes.age_unknown)
    column = "pregnant" if pregnant else "lactating" if lactating else None
    if column is not None:
        columns: tuple[str, ...] = (column,)
    elif sex in ("male", "female"):
        columns = (str(sex),)
    else:
        columns = ("female", "male")
        notes.append(data.notes.sex_unknown)
    magnesium = _target("magnesium", data.magnesium, ages, columns)
    potassium: Target | None = None
    if potassium_restricted:
        notes.append(data.notes.kidney_or_medicines)
    else:
        potassium = _target("potassium", data.potassium, ages, columns)
    notes.append(data.notes.supplement_limit)
    return Targets(magnesium, potassium, tuple(notes), data.magnesium.supplement_upper_limit_mg)


def estimate_intake(
    servings: Mapping[str, float], *, content: NutritionContent | None = None
) -> Intake:
    """Add up magnesium and potassium for `servings` (food id -> number of servings).

    Raises InputError naming the food when the id is unknown or the number is not 0–20.
    """
    data = content or load_nutrition()
    magnesium = potassium = 0.0
    no_mg: list[str] = []
    no_k: list[str] = []
    unverified: list[str] = []
    for food_id, amount in servings.items():
        food = data.food(food_id)
        if food is None:
            raise InputError("unknown food", field=food_id)
        if isinstance(amount, bool) or not 0 <= amount <= 20:
            raise InputError("servings must be a number from 0 to 20", field=food_id)
        if amount == 0:
            continue
        if food.magnesium_mg is None:
            no_mg.append(food.name)
        else:
            magnesium += food.magnesium_mg * amount
        if food.potassium_mg is None:
            no_k.append(food.name)
        else:
            potassium += food.potassium_mg * amount
        if not (food.magnesium_verified and food.potassium_verified):
            unverified.append(food.name)
    return Intake(round(magnesium), round(potassium), tuple(no_mg), tuple(no_k), tuple(unverified))
