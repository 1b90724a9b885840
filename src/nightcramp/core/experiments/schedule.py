"""The design of a self-experiment: pairs of periods, each pair one `on` and one `off` period in
random order, and its CSV file (`date,arm,period`, optional `followed`).

The order of each pair comes from `random.Random(seed).random()`, whose sequence Python keeps
the same across versions: the same seed gives the same schedule.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from nightcramp.core.diary_rules import EARLIEST_DATE, TOO_EARLY, parse_bool, parse_date
from nightcramp.core.errors import InputError
from nightcramp.core.experiments.content import MAX_PAIRS, MIN_PAIRS
from nightcramp.core.interop.columns import column_without_name

__all__ = [
    "ROW_KEYS",
    "SEED_LIMIT",
    "Arm",
    "Schedule",
    "ScheduledNight",
    "check_washout",
    "design_schedule",
    "parse_schedule",
    "read_schedule",
    "schedule_csv",
]

SEED_LIMIT = 2**62
"""Seeds run from 0 to SEED_LIMIT - 1 (the same plan from the same seed, in files and stored)."""

_COLUMNS = ("date", "arm", "period")
_OPTIONAL = ("followed",)
ROW_KEYS = frozenset(_COLUMNS + _OPTIONAL)  # a night of the schedule, in CSV or JSON


class Arm(StrEnum):
    ON = "on"
    OFF = "off"


@dataclass(frozen=True, slots=True)
class ScheduledNight:
    """One night of the schedule. `followed` is None when not recorded (unknown)."""

    date: dt.date
    arm: Arm
    period: int
    followed: bool | None = None

    @property
    def pair(self) -> int:
        """The pair the night's period belongs to, from 1."""
        return (self.period + 1) // 2


@dataclass(frozen=True)
class Schedule:
    """The nights of an experiment in date order; periods 2k-1 and 2k form pair k."""

    nights: tuple[ScheduledNight, ...]

    @property
    def pairs(self) -> int:
        return self.nights[-1].pair

    @property
    def first(self) -> dt.date:
        return self.nights[0].date

    @property
    def last(self) -> dt.date:
        return self.nights[-1].date

    def pair_end(self, pair: int) -> dt.date:
        """The last scheduled night of `pair`."""
        return max(n.date for n in self.nights if n.pair == pair)

    def to_json(self) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for n in self.nights:
            row: dict[str, object] = {"date": n.date.isoformat(), "arm": n.arm.value}
            row["period"] = n.period
            if n.followed is not None:
                row["followed"] = n.followed
            out.append(row)
        return out


def design_schedule(start: dt.date, period_nights: int, pairs: int, seed: int) -> Schedule:
    """A schedule of `pairs` pairs of `period_nights`-night periods from `start`.

    Raises InputError (field `pairs`, `period_nights`, `start` or `seed`) when out of range.
    """
    if not 0 <= seed < SEED_LIMIT:
        raise InputError(f"must be a whole number from 0 to {SEED_LIMIT - 1}", field="seed")
    if not MIN_PAIRS <= pairs <= MAX_PAIRS:
        raise InputError(f"must be between {MIN_PAIRS} and {MAX_PAIRS}", field="pairs")
    if not 1 <= period_nights <= 56:
        raise InputError("must be between 1 and 56", field="period_nights")
    if start < EARLIEST_DATE:
        raise InputError(TOO_EARLY, field="start")
    if (dt.date.max - start).days < 2 * pairs * period_nights - 1:
        raise InputError("is too late: the schedule would end after the year 9999", field="start")
    rng = random.Random(seed)
    nights: list[ScheduledNight] = []
    day = start
    for pair in range(1, pairs + 1):
        order = (Arm.ON, Arm.OFF) if rng.random() < 0.5 else (Arm.OFF, Arm.ON)
        for offset, arm in enumerate(order):
            for _ in range(period_nights):
                nights.append(ScheduledNight(day, arm, 2 * pair - 1 + offset))
                day += dt.timedelta(days=1)
    return Schedule(tuple(nights))


def schedule_csv(schedule: Schedule) -> str:
    """The schedule as CSV text (`date,arm,period`, plus `followed` when any night has it)."""
    with_followed = any(n.followed is not None for n in schedule.nights)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*_COLUMNS, *(_OPTIONAL if with_followed else ())))
    for n in schedule.nights:
        row: list[object] = [n.date.isoformat(), n.arm.value, n.period]
        if with_followed:
            row.append("" if n.followed is None else str(n.followed).lower())
        writer.writerow(row)
    return out.getvalue()


def read_schedule(path: Path) -> Schedule:
    """Read a schedule CSV file; raises InputError naming the file, row and field."""
    from nightcramp.core.interop.small_file import read_small_text

    try:
        text = read_small_text(path)
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text", file=path.name) from None
    return parse_schedule(text, file=path.name)


def parse_schedule(text: str, *, file: str | None = None) -> Schedule:
    """Parse schedule CSV text (header row first; row numbers count the header as row 1).

    Raises InputError naming the file, row and field of the first problem.
    """
    numbered = [(n, r) for n, r in _records(text, file) if any(cell.strip() for cell in r)]
    if not numbered:
        raise InputError("is empty: a schedule needs the header date,arm,period", file=file)
    header = [h.strip().lower() for h in numbered[0][1]]
    for name in _COLUMNS:
        if name not in header:
            raise InputError("missing column", file=file, row=1, field=name)
    for index, name in enumerate(header):
        if not name:
            raise column_without_name(index + 1, file=file)
        if name not in _COLUMNS + _OPTIONAL:
            raise InputError("unknown column", file=file, row=1, field=name)
        if name in header[:index]:
            raise InputError("appears twice in the header", file=file, row=1, field=name)
    nights = [
        _night(dict(zip(header, r, strict=False)), n, file, len(header), len(r))
        for n, r in numbered[1:]
    ]
    if not nights:
        raise InputError("has no nights", file=file, row=2)
    rows = [n for n, _ in numbered[1:]]
    _check_order(nights, rows, file)
    schedule = Schedule(tuple(nights))
    if schedule.pairs < MIN_PAIRS:
        raise InputError(
            f"has {schedule.pairs} pair{'s' if schedule.pairs != 1 else ''} of periods; an "
            f"experiment needs at least {MIN_PAIRS}, so that one good or bad spell cannot "
            "decide the answer",
            file=file,
            row=rows[-1],
            field="period",
        )
    return schedule


def _records(text: str, file: str | None) -> list[tuple[int, list[str]]]:
    """The CSV records with their row numbers (the header is row 1)."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")), strict=True)
    out: list[tuple[int, list[str]]] = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return out
        except csv.Error as error:
            raise InputError(
                f"is not valid CSV here ({error}); check for an unclosed quote",
                file=file,
                row=len(out) + 1,
            ) from None
        out.append((len(out) + 1, cells))


def _night(
    cells: dict[str, str], row: int, file: str | None, width: int, got: int
) -> ScheduledNight:
    if got > width:
        raise InputError(f"has {got} cells but the header has {width} columns", file=file, row=row)

    def bad(field: str, reason: str) -> InputError:
        return InputError(reason, file=file, row=row, field=field)

    try:
        date = parse_date(cells.get("date", ""))
    except ValueError as error:
        raise bad("date", str(error)) from None
    arm_text = cells.get("arm", "").strip().lower()
    if arm_text not in (Arm.ON, Arm.OFF):
        raise bad("arm", "must be on or off")
    period_text = cells.get("period", "").strip()
    if not (period_text.isascii() and period_text.isdigit()) or int(period_text) < 1:
        raise bad("period", "must be a whole number from 1")
    followed_text = cells.get("followed", "").strip()
    try:
        followed = parse_bool(followed_text) if followed_text else None
    except ValueError as error:
        raise bad("followed", str(error)) from None
    return ScheduledNight(date, Arm(arm_text), int(period_text), followed)


def _check_order(nights: Sequence[ScheduledNight], rows: Sequence[int], file: str | None) -> None:
    """Dates one after another; periods from 1 with one arm each; each pair one on, one off."""
    arms: dict[int, Arm] = {}
    for before, night, row in zip((None, *nights), nights, rows, strict=False):
        if before is not None and (night.date - before.date).days != 1:
            raise InputError(
                "must be the day after the row above", file=file, row=row, field="date"
            )
        expected = {1} if before is None else {before.period, before.period + 1}
        if night.period not in expected:
            raise InputError(
                "periods must count up from 1 in order", file=file, row=row, field="period"
            )
        if arms.setdefault(night.period, night.arm) is not night.arm:
            raise InputError("a period has one arm", file=file, row=row, field="arm")
        partner = arms.get(night.period - 1 if night.period % 2 == 0 else night.period + 1)
        if partner is night.arm:
            raise InputError(
                "each pair needs one on and one off period", file=file, row=row, field="arm"
            )
    if nights[-1].period % 2:
        raise InputError(
            "the last pair has no second period", file=file, row=rows[-1], field="period"
        )


def check_washout(schedule: Schedule, washout: int) -> int:
    """Return `washout` if it leaves some nights of every period to count; raise InputError
    (field `washout`) naming the shortest period otherwise."""
    shortest, nights = min(Counter(n.period for n in schedule.nights).items(), key=lambda p: p[1])
    if washout >= nights:
        raise InputError(
            f"must be shorter than every period of the schedule (period {shortest} has "
            f"{nights} nights)",
            field="washout",
        )
    return washout
