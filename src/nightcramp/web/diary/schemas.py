"""Pydantic schemas of the diary API. Field rules come from `nightcramp.core.diary_rules`.

Input schemas forbid unknown keys (except nights, whose extra keys are custom factors) and
never take `true` as 1, a number as a date, or text with NUL bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import Annotated

from ninja import Schema
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from nightcramp.core import diary_rules as rules
from nightcramp.core.diary import STANDARD_FACTORS, Muscle, Relief, Side
from nightcramp.core.diary_rules import check_storable
from nightcramp.core.errors import InputError

__all__ = [
    "Bool",
    "Count",
    "Date",
    "EpisodeIn",
    "EpisodeList",
    "EpisodeOut",
    "ErrorOut",
    "Hours",
    "MedicationIn",
    "MedicationList",
    "MedicationOut",
    "NightIn",
    "NightList",
    "NightOut",
    "ProfileIn",
    "ProfileOut",
    "ValidationErrorOut",
    "clean_text",
    "parse_iso_date",
]


def clean_text(value: object) -> object:
    """Refuse text the databases cannot store exactly (the diary rule: NUL, lone surrogates)."""
    return rules.check_text(value) if isinstance(value, str) else value


def _rule(name: str) -> BeforeValidator:
    def check(value: object) -> object:
        return None if value is None else check_storable(rules.check_field(name, value))

    return BeforeValidator(check)


# What the JSON diary import says of an id that is not text (`core.interop.json_rows`).
_NOT_AN_ID = "must be text: one of the listed ids"


def _id(read: Callable[[str], object], missing: object = None) -> BeforeValidator:
    """Read an id (muscle, side, relief) with the diary rule `read`, so a wrong one gets the
    rule's reason, as in a file or the form; null is `missing`."""

    def check(value: object) -> object:
        if value is None:
            return missing
        if isinstance(value, Enum):
            return value
        if not isinstance(value, str):
            raise ValueError(_NOT_AN_ID)
        return read(value)

    return BeforeValidator(check)


def _iso_date(value: object) -> object:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise ValueError("must be a date written YYYY-MM-DD")
    return rules.parse_date(value)


def _started_at(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise ValueError("must be a date and time like 2026-01-31T23:15")
    clean_text(value)
    # 1900 or later, an offset the store keeps; the store refuses the future.
    return rules.check_utc_offset(rules.parse_started_at(value))


def parse_iso_date(value: str, field: str) -> dt.date:
    """Read a YYYY-MM-DD query or path value; raise InputError naming `field`."""
    try:
        return rules.parse_date(value)
    except ValueError as error:
        raise InputError(str(error), field=field) from None


Date = Annotated[dt.date, BeforeValidator(_iso_date)]
Text = Annotated[str, BeforeValidator(clean_text)]
Bool = Annotated[bool | None, _rule("woke_from_sleep")]
Count = Annotated[int | None, _rule("water_glasses")]
Hours = Annotated[float | None, _rule("standing_hours")]


class ErrorOut(Schema):
    """An error answer: `detail` says what is wrong."""

    detail: str


class ValidationErrorItem(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    """Bad input: each item names the field (`loc`) and the reason (`msg`)."""

    detail: list[ValidationErrorItem]


class EpisodeIn(Schema):
    """One cramp, with the episodes.csv fields in JSON types."""

    model_config = ConfigDict(extra="forbid")

    started_at: Annotated[dt.datetime, BeforeValidator(_started_at)] = Field(
        description="ISO 8601 local date-time; without an offset it is read in the site's zone."
    )
    muscle: Annotated[Muscle, _id(rules.parse_muscle, Muscle.CALF)] = Muscle.CALF
    side: Annotated[Side | None, _id(rules.parse_side)] = None
    duration_min: Annotated[float | None, _rule("duration_min")] = None
    severity: Annotated[int | None, _rule("severity")] = None
    relief: list[Annotated[Relief, _id(rules.parse_relief)]] = Field(default_factory=list)
    relief_worked: Annotated[Relief | None, _id(rules.parse_relief)] = None
    woke_from_sleep: Annotated[bool | None, _rule("woke_from_sleep")] = None
    notes: Annotated[str, BeforeValidator(clean_text)] = Field(
        default="", max_length=rules.MAX_NOTES
    )

    @field_validator("relief")
    @classmethod
    def _once_each(cls, value: list[Relief]) -> list[Relief]:
        """A relief listed twice is kept once, in the order given (as in a file)."""
        return list(dict.fromkeys(value))


class EpisodeOut(Schema):
    id: int
    started_at: str = Field(description="ISO 8601 local date-time with its offset.")
    night: dt.date = Field(description="The night it belongs to (noon boundary).")
    muscle: Muscle
    side: Side | None
    duration_min: float | None
    severity: int | None
    relief: list[Relief]
    relief_worked: Relief | None
    woke_from_sleep: bool | None
    notes: str


class EpisodeList(Schema):
    items: list[EpisodeOut]
    count: int
    next: str | None


class _NightFactors(BaseModel):
    """Nights.csv columns. Extra keys are custom factors: a number or true/false each."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "additionalProperties": {"type": ["number", "boolean", "null"]},
            "propertyNames": {"maxLength": 64, "pattern": r"^[^\s\x00-\x1f]+(.*[^\s])?$"},
        },
    )

    water_glasses: Annotated[int | None, _rule("water_glasses")] = None
    alcohol_drinks: Annotated[int | None, _rule("alcohol_drinks")] = None
    caffeine_drinks: Annotated[int | None, _rule("caffeine_drinks")] = None
    exercise_minutes: Annotated[int | None, _rule("exercise_minutes")] = None
    new_or_harder_exercise: Annotated[bool | None, _rule("new_or_harder_exercise")] = None
    standing_hours: Annotated[float | None, _rule("standing_hours")] = None
    sitting_hours: Annotated[float | None, _rule("sitting_hours")] = None
    heavy_sweating: Annotated[bool | None, _rule("heavy_sweating")] = None
    bedtime_stretch: Annotated[bool | None, _rule("bedtime_stretch")] = None
    magnesium_mg: Annotated[int | None, _rule("magnesium_mg")] = None
    potassium_servings: Annotated[int | None, _rule("potassium_servings")] = None
    tight_bedding: Annotated[bool | None, _rule("tight_bedding")] = None
    feet_pointed: Annotated[bool | None, _rule("feet_pointed")] = None
    warm_bath: Annotated[bool | None, _rule("warm_bath")] = None
    cold_room: Annotated[bool | None, _rule("cold_room")] = None


class NightIn(_NightFactors):
    """The factors of one night. `date`, if given, must match the path."""

    date: Date | None = None

    @model_validator(mode="after")
    def _custom_factors(self) -> NightIn:
        for name, value in (self.model_extra or {}).items():
            try:
                rules.check_factor_name(name)
                clean_text(name)
                if value is not None:
                    check_storable(rules.check_custom_value(value), custom=True)
            except ValueError as error:
                raise ValueError(f"{name}: {error}") from None
        return self

    def given(self) -> dict[str, object]:
        """Return every factor the body names (standard and custom), an explicit null as None."""
        extra = self.model_extra or {}
        return {
            name: extra[name] if name in extra else getattr(self, name)
            for name in sorted(self.model_fields_set - {"date"})
        }

    def factors(self) -> dict[str, object]:
        """Return every recorded factor (standard and custom) by column name."""
        found: dict[str, object] = {}
        for name in STANDARD_FACTORS:
            value = getattr(self, name)
            if value is not None:
                found[name] = value
        for name, value in (self.model_extra or {}).items():
            if value is not None:
                found[name] = value
        return found


class NightOut(_NightFactors):
    date: dt.date
    cramps: int = Field(description="Cramp episodes stored for this night.")


class NightList(Schema):
    items: list[NightOut]
    count: int
    next: str | None


class ProfileIn(Schema):
    """What changes which advice fits. A missing or null field is unknown, never "no"."""

    model_config = ConfigDict(extra="forbid")

    birth_year: Annotated[int | None, BeforeValidator(lambda v: _whole(v, "birth_year"))] = Field(
        default=None, ge=1900
    )
    sex: Annotated[str | None, BeforeValidator(clean_text)] = Field(
        default=None, json_schema_extra={"enum": [*rules.SEXES, None]}
    )
    pregnant: Annotated[bool | None, _rule("woke_from_sleep")] = None
    due_date: Date | None = None
    pregnancy_weeks: Annotated[
        int | None, BeforeValidator(lambda v: _whole(v, "pregnancy_weeks"))
    ] = Field(default=None, ge=0, le=45)
    conditions: list[str] = Field(
        default_factory=list,
        max_length=len(rules.CONDITIONS),
        json_schema_extra={"items": {"type": "string", "enum": list(rules.CONDITIONS)}},
    )
    smoker: Annotated[bool | None, _rule("woke_from_sleep")] = None

    @field_validator("birth_year")
    @classmethod
    def _birth_year(cls, value: int | None) -> int | None:
        first, last = rules.birth_years()  # this year's, as every way in reads it
        if value is not None and not first <= value <= last:
            raise ValueError(f"must be from {first} to {last}")
        return value

    @field_validator("sex")
    @classmethod
    def _sex(cls, value: str | None) -> str | None:
        if value is not None and value not in rules.SEXES:
            raise ValueError(f"must be one of {', '.join(rules.SEXES)}")
        return value

    @field_validator("conditions")
    @classmethod
    def _conditions(cls, value: list[str]) -> list[str]:
        for condition in value:
            clean_text(condition)
            if condition not in rules.CONDITIONS:
                raise ValueError(f"{condition!r} is not a known condition id")
        if len(set(value)) != len(value):
            raise ValueError("an id is listed twice")
        return value


def _whole(value: object, name: str) -> object:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a whole number")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("must be a whole number")
        return int(value)
    return value


class ProfileOut(Schema):
    birth_year: int | None
    sex: str | None
    pregnant: bool | None
    due_date: dt.date | None
    pregnancy_weeks: int | None
    conditions: list[str]
    smoker: bool | None


class MedicationIn(Schema):
    """A medicine as you name it. Dates are optional; stopped_on is never before started_on."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, BeforeValidator(clean_text)] = Field(min_length=1, max_length=200)
    dose: Annotated[str, BeforeValidator(clean_text)] = Field(default="", max_length=200)
    started_on: Date | None = None
    stopped_on: Date | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("stopped_on")
    @classmethod
    def _order(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        started = info.data.get("started_on")
        if value is not None and started is not None and value < started:
            raise ValueError("must not be before started_on")
        return value


class MedicationOut(Schema):
    id: int
    name: str
    dose: str
    started_on: dt.date | None
    stopped_on: dt.date | None


class MedicationList(Schema):
    items: list[MedicationOut]
    count: int
    next: str | None
