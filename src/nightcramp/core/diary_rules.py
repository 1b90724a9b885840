"""The diary's field rules, in one place: the web form, the API, the CLI and import all use these.

Each checker returns the clean value or raises `ValueError` whose message is a plain reason
("must be a whole number from 0 to 100"); callers add the file, row and field. Rules that need
the clock or several fields at once are in `nightcramp.core.diary_limits`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from nightcramp.core.diary import STANDARD_FACTORS, FactorKind, FactorValue, Muscle, Relief, Side

__all__ = [
    "BOOL_FALSE",
    "BOOL_TRUE",
    "CONDITIONS",
    "COUNTED_NAMES",
    "CUSTOM_MAX",
    "DB_INT_MAX",
    "EARLIEST_DATE",
    "EARLIEST_YEAR",
    "EPISODE_RULES",
    "FACTOR_RULES",
    "FIELD_RULES",
    "MAX_CRAMP_MINUTES",
    "MAX_DAY_HOURS",
    "MAX_NOTES",
    "MAX_UTC_OFFSET",
    "MAX_VALUE_CHARS",
    "RESERVED_NAMES",
    "SEXES",
    "TOO_EARLY",
    "TOO_LONG",
    "FieldRule",
    "birth_years",
    "check_custom_value",
    "check_date",
    "check_factor_name",
    "check_field",
    "check_notes",
    "check_started_at",
    "check_storable",
    "check_text",
    "check_utc_offset",
    "check_value_length",
    "parse_bool",
    "parse_custom_text",
    "parse_date",
    "parse_field_text",
    "parse_muscle",
    "parse_relief",
    "parse_relief_list",
    "parse_side",
    "parse_started_at",
    "text_reader",
]

# Nothing before this date is a diary date: not a night, not the start of a cramp.
EARLIEST_YEAR = 1900
EARLIEST_DATE = dt.date(EARLIEST_YEAR, 1, 1)
MAX_CRAMP_MINUTES = 1440
MAX_DAY_HOURS = 24

# Reasons that must read the same whichever way a value comes in.
TOO_EARLY = f"must be {EARLIEST_YEAR} or later"
TOO_LONG = f"a cramp can last at most 24 hours ({MAX_CRAMP_MINUTES} minutes)"

BOOL_TRUE = frozenset({"true", "yes", "1"})
BOOL_FALSE = frozenset({"false", "no", "0"})

# The profile's vocabulary (CONTRACT.md, "Profile file").
SEXES = ("female", "male", "other")
CONDITIONS = (
    "kidney_disease",
    "on_dialysis",
    "diabetes",
    "thyroid_disease",
    "liver_disease",
    "parkinsons",
    "high_blood_pressure",
    "peripheral_artery_disease",
    "spinal_stenosis",
    "heart_disease",
    "heart_failure",
)


@dataclass(frozen=True, slots=True)
class FieldRule:
    """What one numeric or yes/no field accepts.

    `minimum` is inclusive unless `minimum_exclusive`; `maximum` (inclusive) is optional.
    `too_high`, when set, is the reason given for a value above `maximum`.
    """

    kind: FactorKind
    minimum: float | None = None
    minimum_exclusive: bool = False
    maximum: float | None = None
    too_high: str | None = None

    def describe(self, *, written: bool = True) -> str:
        """Say in words what the field accepts, e.g. 'a whole number from 0 to 10'.

        `written` is for a value typed as text (a CSV cell, a form, a command's option), where
        a yes/no field also takes yes/no and 1/0; a JSON value takes only true or false.
        """
        if self.kind is FactorKind.BOOL:
            return "true or false (yes/no, 1/0)" if written else "true or false"
        noun = "a whole number" if self.kind is FactorKind.INT else "a number"
        low = self.minimum
        if low is None:
            return noun
        if self.minimum_exclusive:
            high = "" if self.maximum is None else f" and at most {_fmt(self.maximum)}"
            return f"{noun} greater than {_fmt(low)}{high}"
        if self.maximum is not None:
            return f"{noun} from {_fmt(low)} to {_fmt(self.maximum)}"
        return f"{noun}, {_fmt(low)} or more"


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# Upper limits are generous: they catch typing slips (and keep values inside the database's
# integer columns), never a real day.
_COUNT = FieldRule(FactorKind.INT, minimum=0, maximum=100)
_BOOL = FieldRule(FactorKind.BOOL)
_HOURS = FieldRule(FactorKind.NUMBER, minimum=0, maximum=MAX_DAY_HOURS)
_SPECIAL: dict[str, FieldRule] = {
    "exercise_minutes": FieldRule(FactorKind.INT, minimum=0, maximum=1440),
    "magnesium_mg": FieldRule(FactorKind.INT, minimum=0, maximum=10_000),
}

FACTOR_RULES: dict[str, FieldRule] = {
    name: (
        _BOOL
        if kind is FactorKind.BOOL
        else _HOURS
        if name.endswith("_hours")
        else _SPECIAL.get(name, _COUNT)
    )
    for name, kind in STANDARD_FACTORS.items()
}

EPISODE_RULES: dict[str, FieldRule] = {
    "duration_min": FieldRule(
        FactorKind.NUMBER,
        minimum=0,
        minimum_exclusive=True,
        maximum=MAX_CRAMP_MINUTES,
        too_high=TOO_LONG,
    ),
    "severity": FieldRule(FactorKind.INT, minimum=0, maximum=10),
    "woke_from_sleep": _BOOL,
}

FIELD_RULES: dict[str, FieldRule] = {**FACTOR_RULES, **EPISODE_RULES}

# A night's fields the app works out itself: the night's cramps are counted from the cramps
# logged (the API shows them as `cramps`), never stored as a factor.
COUNTED_NAMES = frozenset({"cramps"})
# Column names a custom factor may not take.
RESERVED_NAMES = frozenset(
    {"date", "started_at", "muscle", "side", "relief", "relief_worked", "notes", "id", "custom"}
    | set(FIELD_RULES)
    | COUNTED_NAMES
)

_INT_TEXT = re.compile(r"[+-]?\d+", re.ASCII)
_NUMBER_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)
_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_PLAIN_DECIMAL = re.compile(r"\d+(\.\d+)?", re.ASCII)


def parse_bool(text: str) -> bool:
    """Read true/false, yes/no or 1/0 (any case); raise ValueError otherwise."""
    value = text.strip().lower()
    if value in BOOL_TRUE:
        return True
    if value in BOOL_FALSE:
        return False
    raise ValueError(f"must be true or false (yes/no, 1/0), not {text!r}")


def _shown(given: object) -> str:
    """A value in a reason, as the person wrote it: a number as written (`3.0` in a cell, `1e2`;
    `5.0` sent in JSON), anything else quoted (`'abc'`)."""
    if isinstance(given, str):
        raw = given.strip()
        return raw if _NUMBER_TEXT.fullmatch(raw) else repr(given)
    return repr(given)


def _check_range(rule: FieldRule, value: float, shown: object) -> None:
    """Raise the rule's reason when `value` (written by the person as `shown`) is out of range."""
    low, high = rule.minimum, rule.maximum
    too_low = low is not None and (value < low or (rule.minimum_exclusive and value == low))
    if (isinstance(value, float) and not math.isfinite(value)) or too_low:
        raise ValueError(f"must be {rule.describe()}, not {_shown(shown)}")
    if high is not None and value > high:
        raise ValueError(rule.too_high or f"must be {rule.describe()}, not {_shown(shown)}")


def _not_whole(rule: FieldRule, value: float, shown: object) -> ValueError:
    """The reason a whole-number field refuses a number written with a decimal point or an
    exponent (`1.5`, `5.0`, `1e2`), whichever way it came in; a whole value within range is
    shown as it should be written."""
    reason = f"must be {rule.describe()}, not {_shown(shown)}"
    if math.isfinite(value) and value.is_integer():
        try:
            _check_range(rule, value, shown)
        except ValueError:
            return ValueError(reason)
        reason += f" (write it as {int(value)})"
    return ValueError(reason)


def check_field(name: str, value: object) -> FactorValue:
    """Validate a value from JSON or a form for the rule `name`; return it as int, float or bool.

    A whole-number field takes only an integer (`5`, not `5.0`); a yes/no field only a boolean
    (`true` is never taken as 1). Raises ValueError with a reason.
    """
    rule = FIELD_RULES[name]
    if rule.kind is FactorKind.BOOL:
        if isinstance(value, bool):
            return value
        raise ValueError(f"must be {rule.describe(written=False)}")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be {rule.describe()}")
    given = value
    if rule.kind is FactorKind.INT:
        if isinstance(value, float):
            raise _not_whole(rule, value, value)
    elif isinstance(value, int):
        value = float(value)
    _check_range(rule, value, given)
    return value


def parse_field_text(name: str, text: str) -> FactorValue:
    """Read a CSV cell for the rule `name` (not empty); raise ValueError with a reason.

    A whole-number field takes only digits (`5`, not `5.0` or `5e0`), as `check_field` does.
    """
    rule = FIELD_RULES[name]
    raw = text.strip()
    if rule.kind is FactorKind.BOOL:
        return parse_bool(raw)
    if not _NUMBER_TEXT.fullmatch(raw):
        raise ValueError(f"must be {rule.describe()}, not {_shown(text)}")
    value: float
    if rule.kind is FactorKind.INT:
        if not _INT_TEXT.fullmatch(raw):
            raise _not_whole(rule, float(raw), text)
        value = int(raw)
    else:
        value = float(raw)
    _check_range(rule, value, text)
    return value


_BOOL_WORDS = {
    **dict.fromkeys(("true", "yes", "1", "True", "Yes", "TRUE", "YES"), True),
    **dict.fromkeys(("false", "no", "0", "False", "No", "FALSE", "NO"), False),
}


def text_reader(name: str) -> Callable[[str], FactorValue]:
    """Return a fast reader of CSV cells for the rule `name`; same results as `parse_field_text`.

    Common spellings take a quick path; anything else goes through `parse_field_text`.
    """
    rule = FIELD_RULES[name]

    def slow(text: str) -> FactorValue:
        return parse_field_text(name, text)

    if rule.kind is FactorKind.BOOL:

        def read_bool(text: str) -> FactorValue:
            value = _BOOL_WORDS.get(text)
            return slow(text) if value is None else value

        return read_bool
    low = rule.minimum if rule.minimum is not None else -math.inf
    high = rule.maximum if rule.maximum is not None else math.inf
    exclusive = rule.minimum_exclusive
    if rule.kind is FactorKind.INT:

        def read_int(text: str) -> FactorValue:
            if text.isascii() and text.isdigit():
                value = int(text)
                if (value > low or (not exclusive and value == low)) and value <= high:
                    return value
            return slow(text)

        return read_int

    def read_number(text: str) -> FactorValue:
        if _PLAIN_DECIMAL.fullmatch(text):
            value = float(text)
            if (value > low or (not exclusive and value == low)) and value <= high:
                return value
        return slow(text)

    return read_number


def check_factor_name(name: str) -> str:
    """Return a custom factor's name if it can be one; raise ValueError otherwise."""
    if not name or name != name.strip():
        raise ValueError("a custom factor needs a name without spaces at either end")
    if len(name) > 64:
        raise ValueError("a custom factor's name must be 64 characters or fewer")
    if any(not ch.isprintable() for ch in name):
        raise ValueError("a custom factor's name must not contain control characters")
    if name.lower() in COUNTED_NAMES:
        raise ValueError(f"{name!r} is counted from the cramps you log, not a custom factor")
    if name.lower() in RESERVED_NAMES:
        raise ValueError(f"{name!r} is a standard column, not a custom factor")
    return name


def check_custom_value(value: object) -> FactorValue:
    """Validate a custom factor's value from JSON or a form: a finite number or a boolean."""
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    raise ValueError("must be a number or true/false")


def parse_custom_text(text: str) -> FactorValue:
    """Read a custom factor's CSV cell: true/false/yes/no give a bool, else a number.

    Whole numbers (including 1 and 0) stay int; decimals become float.
    """
    raw = text.strip()
    low = raw.lower()
    if low in {"true", "yes"}:
        return True
    if low in {"false", "no"}:
        return False
    if _INT_TEXT.fullmatch(raw):
        return int(raw)
    if _NUMBER_TEXT.fullmatch(raw):
        value = float(raw)
        if math.isfinite(value):
            return value
    raise ValueError(f"must be a number or true/false, not {text!r}")


def birth_years() -> tuple[int, int]:
    """The birth years a person can have: from 1900 to this year (a year still to come is a
    typing slip)."""
    return EARLIEST_YEAR, dt.date.today().year


def check_date(value: dt.date) -> dt.date:
    """Return a night's date if it is 1900 or later; raise ValueError (TOO_EARLY) otherwise."""
    if value < EARLIEST_DATE:
        raise ValueError(TOO_EARLY)
    return value


def check_started_at(value: dt.datetime) -> dt.datetime:
    """Return a cramp's start if its date (as written) is 1900 or later; else raise ValueError."""
    if value.date() < EARLIEST_DATE:
        raise ValueError(TOO_EARLY)
    return value


def parse_date(text: str) -> dt.date:
    """Read a YYYY-MM-DD date from 1900 on; raise ValueError otherwise."""
    raw = text.strip()
    if not _DATE_TEXT.fullmatch(raw):
        raise ValueError(f"must be a date written YYYY-MM-DD, not {text!r}")
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None
    return check_date(value)


def parse_started_at(text: str, tz: dt.tzinfo | None = None) -> dt.datetime:
    """Read an ISO 8601 date-time with a time part, from 1900 on; raise ValueError otherwise.

    A time without offset is taken in `tz`.
    """
    raw = text.strip()
    if len(raw) < 16 or raw[10:11] not in {"T", " "} or not _DATE_TEXT.fullmatch(raw[:10]):
        raise ValueError(f"must be a date and time like 2026-01-31T23:15, not {text!r}")
    try:
        value = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date and time") from None
    if value.tzinfo is None and tz is not None:
        value = value.replace(tzinfo=tz)
    return check_started_at(value)


def parse_muscle(text: str) -> Muscle:
    """Read a muscle id; empty means calf."""
    raw = text.strip().lower()
    if not raw:
        return Muscle.CALF
    try:
        return Muscle(raw)
    except ValueError:
        allowed = ", ".join(m.value for m in Muscle)
        raise ValueError(f"must be one of {allowed}, not {text!r}") from None


def parse_side(text: str) -> Side | None:
    """Read a side id; empty means not recorded."""
    raw = text.strip().lower()
    if not raw:
        return None
    try:
        return Side(raw)
    except ValueError:
        allowed = ", ".join(s.value for s in Side)
        raise ValueError(f"must be one of {allowed} or empty, not {text!r}") from None


def parse_relief(text: str) -> Relief:
    """Read one relief id."""
    raw = text.strip().lower()
    try:
        return Relief(raw)
    except ValueError:
        allowed = ", ".join(r.value for r in Relief)
        raise ValueError(f"must be one of {allowed}, not {text!r}") from None


def parse_relief_list(text: str) -> tuple[Relief, ...]:
    """Read `;`-separated relief ids; empty parts are skipped, repeats kept once, order kept."""
    found: list[Relief] = []
    for part in text.split(";"):
        if part.strip():
            relief = parse_relief(part)
            if relief not in found:
                found.append(relief)
    return tuple(found)


# What the store keeps exactly. Every way in (form, API, `log`/`night`, import) refuses what
# the databases could not keep as given, with these reasons.

MAX_NOTES = 10_000
"""The longest notes a cramp keeps, in characters."""
DB_INT_MAX = 2_147_483_647
"""The largest whole number a factor column holds on every database (32-bit integer)."""
CUSTOM_MAX = 1e15
"""The largest size kept for a custom factor (beyond it, numbers lose precision in JSON)."""
MAX_UTC_OFFSET = dt.timedelta(hours=18)
"""The largest time-zone offset the store keeps (the databases refuse more)."""
MAX_VALUE_CHARS = 100
"""No value but notes needs more characters: a longer one is refused without being repeated."""


def check_text(text: str) -> str:
    """Return `text` if the databases can store it exactly (no NUL, no lone surrogate)."""
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return text


def check_notes(text: str) -> str:
    """Return a cramp's notes if they can be stored: at most `MAX_NOTES` characters, no NUL,
    no lone surrogate."""
    if len(text) > MAX_NOTES:
        raise ValueError(f"can be at most {MAX_NOTES:,} characters")
    return check_text(text)


def check_utc_offset(moment: dt.datetime) -> dt.datetime:
    """Return `moment` if its time-zone offset (if any) is at most 18 hours either way."""
    offset = moment.utcoffset()
    if offset is not None and abs(offset) > MAX_UTC_OFFSET:
        raise ValueError("has a time-zone offset beyond ±18:00")
    return moment


def check_storable(value: FactorValue, *, custom: bool = False) -> FactorValue:
    """Return a factor's checked value if the database can keep it exactly: a standard factor
    within a 32-bit integer, a custom one within `CUSTOM_MAX` either way."""
    if isinstance(value, bool):
        return value
    limit = CUSTOM_MAX if custom else DB_INT_MAX
    if abs(value) > limit:
        raise ValueError(f"is too large (at most {limit:,.0f})")
    return value


def check_value_length(text: str) -> str:
    """Return a cell or JSON text that is not notes if it is short enough to be a value."""
    if len(text) > MAX_VALUE_CHARS:
        raise ValueError(
            f"is too long to be a value here ({len(text):,} characters; "
            f"at most {MAX_VALUE_CHARS} are expected)"
        )
    return text
