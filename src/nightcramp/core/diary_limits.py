"""The diary's record rules: the limits that need the clock or more than one field.

Every way in (web form, API, `log`/`night`, import) calls these after reading each field with
`nightcramp.core.diary_rules`, so all refuse the same records with the same reasons. The clock is
never read here: callers pass `now`, the person's local time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from nightcramp.core.diary import night_of
from nightcramp.core.diary_rules import MAX_DAY_HOURS, check_date, check_field, check_started_at

__all__ = [
    "CLOCK_SKEW",
    "IN_THE_FUTURE",
    "TOO_MANY_HOURS",
    "FieldProblem",
    "episode_problems",
    "files_until",
    "latest_night",
    "night_problems",
]

# How far past `now` a cramp may start (and the noon boundary may be passed). A cramp saved on
# a phone with no network reaches the server later, and the two clocks can differ by minutes;
# refusing it would lose a real cramp. Nobody logs a cramp ten minutes ahead on purpose.
CLOCK_SKEW = dt.timedelta(minutes=10)

IN_THE_FUTURE = "can't be in the future"
TOO_MANY_HOURS = f"standing and sitting hours together can be at most {MAX_DAY_HOURS}"

# Hours are decimals a person typed: 14.1 + 9.9 must not fail on a float's last bit.
_HOURS_SLACK = 1e-9


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One reason a record is refused: the field to show it next to, and the reason in words."""

    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


def latest_night(now: dt.datetime) -> dt.date:
    """Return the latest night that can be logged at `now`: the night `now` belongs to.

    The night boundary is noon (a cramp at 01:30 belongs to the previous evening), passed
    `CLOCK_SKEW` early.
    """
    return night_of(now + CLOCK_SKEW)


def night_problems(
    date: dt.date, factors: Mapping[str, object], *, now: dt.datetime
) -> list[FieldProblem]:
    """Return every problem of a night logged at `now` (empty list: it can be stored).

    Checks the date (1900 or later, not after `latest_night(now)`), `standing_hours` and
    `sitting_hours` each against their rule, and together against 24 (the problem is given on
    `sitting_hours`). A factor that is absent or None is unknown and never refused. The other
    factors are checked by `diary_rules` as they are read.
    """
    problems: list[FieldProblem] = []
    try:
        check_date(date)
    except ValueError as error:
        problems.append(FieldProblem("date", str(error)))
    else:
        if date > latest_night(now):
            problems.append(FieldProblem("date", IN_THE_FUTURE))
    hours: list[float] = []
    for name in ("standing_hours", "sitting_hours"):
        value = factors.get(name)
        if value is None:
            continue
        try:
            hours.append(float(check_field(name, value)))
        except ValueError as error:
            problems.append(FieldProblem(name, str(error)))
    if len(hours) == 2 and sum(hours) > MAX_DAY_HOURS + _HOURS_SLACK:
        problems.append(FieldProblem("sitting_hours", TOO_MANY_HOURS))
    return problems


def episode_problems(
    started_at: dt.datetime, duration_min: object = None, *, now: dt.datetime
) -> list[FieldProblem]:
    """Return every problem of a cramp logged at `now` (empty list: it can be stored).

    `started_at` must be 1900 or later and not after `now` plus `CLOCK_SKEW`; a start without a
    time zone is compared with `now`'s wall-clock time. `duration_min`, unless None (unknown),
    must be more than 0 and at most 1440 minutes. The other fields are checked by `diary_rules`.
    """
    problems: list[FieldProblem] = []
    try:
        check_started_at(started_at)
    except ValueError as error:
        problems.append(FieldProblem("started_at", str(error)))
    else:
        if _is_after(started_at, now + CLOCK_SKEW):
            problems.append(FieldProblem("started_at", IN_THE_FUTURE))
    if duration_min is not None:
        try:
            check_field("duration_min", duration_min)
        except ValueError as error:
            problems.append(FieldProblem("duration_min", str(error)))
    return problems


def _is_after(moment: dt.datetime, limit: dt.datetime) -> bool:
    """Compare instants; when only one of the two knows its time zone, compare wall clocks."""
    if (moment.utcoffset() is None) != (limit.utcoffset() is None):
        return moment.replace(tzinfo=None) > limit.replace(tzinfo=None)
    return moment > limit


_FILES_LAST_YEAR = 9000


def files_until(zone: dt.tzinfo) -> dt.datetime:
    """The `now` for checking diary files read straight into an analysis: the rules of entry
    of `import` (1900 or later, hours in a day, minutes in a cramp), but nights to come are
    allowed (a simulated or planned diary), up to a year far enough away that no date
    arithmetic overflows."""
    return dt.datetime(_FILES_LAST_YEAR, 1, 1, tzinfo=zone)
