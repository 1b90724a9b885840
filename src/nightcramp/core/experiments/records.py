"""A kept experiment as a record, and its exchange file: `{"format": "nightcramp-experiments",
"version": 1, "experiments": [...]}`, each with its design, state, and the nights' adherence.

The schedule is derived from the design (`design_schedule`), so the file carries it only for
people to read; on import it must match the design, or the file is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from nightcramp.core.diary_rules import check_date
from nightcramp.core.errors import InputError
from nightcramp.core.experiments.schedule import (
    ROW_KEYS,
    SEED_LIMIT,
    Schedule,
    ScheduledNight,
    design_schedule,
)

__all__ = [
    "FORMAT",
    "MAX_REASON",
    "VERSION",
    "ExperimentRecord",
    "Status",
    "StatusWhy",
    "experiments_document",
    "parse_experiments_document",
]

E = TypeVar("E", bound=StrEnum)

FORMAT = "nightcramp-experiments"
VERSION = 1
MAX_REASON = 500


class Status(StrEnum):
    """Where an experiment is: going (running or paused) or over (stopped or finished)."""

    RUNNING = "running"
    PAUSED = "paused"
    STOPPED = "stopped"
    FINISHED = "finished"


class StatusWhy(StrEnum):
    """Why the status last changed: the person, or a rule of the app."""

    PERSON = "person"
    TRIAGE_OPEN = "triage_open"
    CRAMPS_DOUBLED = "cramps_doubled"
    ANSWERED = "answered"
    SCHEDULE_ENDED = "schedule_ended"


@dataclass(frozen=True)
class ExperimentRecord:
    """One kept experiment: its design, state and the answers on adherence (date -> followed)."""

    change: str
    start: dt.date
    seed: int
    period_nights: int
    pairs: int
    washout_nights: int
    status: Status
    status_at: dt.datetime
    status_why: StatusWhy = StatusWhy.PERSON
    reason: str = ""
    doctor_agreed: bool = False
    doubling_seen_period: int = 0
    followed: Mapping[dt.date, bool] = field(default_factory=dict)

    def schedule(self) -> Schedule:
        """The schedule of the design, with the answers on adherence."""
        plan = design_schedule(self.start, self.period_nights, self.pairs, self.seed)
        return Schedule(
            tuple(
                ScheduledNight(n.date, n.arm, n.period, self.followed.get(n.date))
                for n in plan.nights
            )
        )

    def to_json(self) -> dict[str, object]:
        return {
            "change": self.change,
            "start": self.start.isoformat(),
            "seed": self.seed,
            "period_nights": self.period_nights,
            "pairs": self.pairs,
            "washout_nights": self.washout_nights,
            "doctor_agreed": self.doctor_agreed,
            "status": self.status.value,
            "status_why": self.status_why.value,
            "reason": self.reason,
            "status_at": self.status_at.isoformat(timespec="seconds"),
            "doubling_seen_period": self.doubling_seen_period,
            "schedule": self.schedule().to_json(),
        }


def experiments_document(records: Sequence[ExperimentRecord]) -> dict[str, object]:
    """The exchange document of `records`."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "experiments": [r.to_json() for r in records],
    }


class _Reader:
    """Reads the values of one experiment, naming `experiments[i].key` in every error."""

    def __init__(self, item: Mapping[str, object], index: int, file: str | None) -> None:
        self.item, self.index, self.file = item, index, file

    def bad(self, key: str, reason: str) -> InputError:
        return InputError(reason, file=self.file, field=f"experiments[{self.index}].{key}")

    def text(self, key: str, *, default: str | None = None) -> str:
        value = self.item.get(key, default)
        if not isinstance(value, str):
            raise self.bad(key, "must be text")
        return value

    def whole(self, key: str, low: int, high: int, *, default: int | None = None) -> int:
        value = self.item.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.bad(key, f"must be a whole number from {low} to {high}")
        return value

    def flag(self, key: str) -> bool:
        value = self.item.get(key, False)
        if not isinstance(value, bool):
            raise self.bad(key, "must be true or false")
        return value

    def date(self, key: str, text: str) -> dt.date:
        try:
            return check_date(dt.date.fromisoformat(text))
        except ValueError as error:
            raise self.bad(key, f"must be a date like 2027-01-31 ({error})") from None

    def choice(self, key: str, kind: type[E], default: str | None = None) -> E:
        value = self.text(key, default=default)
        try:
            return kind(value)
        except ValueError:
            raise self.bad(key, f"must be one of {', '.join(kind)}") from None

    def moment(self, key: str) -> dt.datetime:
        try:
            value = dt.datetime.fromisoformat(self.text(key))
        except ValueError:
            raise self.bad(key, "must be a date and time like 2027-01-31T21:30:00+00:00") from None
        if value.tzinfo is None:
            raise self.bad(key, "must say its time zone (like +00:00)")
        return value

    def known_keys(self, keys: frozenset[str], where: str, item: Mapping[str, object]) -> None:
        for key in item:
            if key not in keys:
                raise self.bad(f"{where}{key}", "is not part of an experiment; remove it")

    def followed(self, schedule: Schedule, today: dt.date | None) -> dict[dt.date, bool]:
        rows = self.item.get("schedule", [])
        if not isinstance(rows, list):
            raise self.bad("schedule", "must be a list of nights")
        planned = {n.date: n for n in schedule.nights}
        answers: dict[dt.date, bool] = {}
        seen: set[dt.date] = set()
        for row_index, row in enumerate(rows):
            key = f"schedule[{row_index}]"
            if not isinstance(row, dict):
                raise self.bad(key, "must be an object")
            self.known_keys(ROW_KEYS, f"{key}.", row)
            night = planned.get(self.date(f"{key}.date", str(row.get("date", ""))))
            if night is None:
                raise self.bad(f"{key}.date", "is not a night of this design")
            if night.date in seen:
                raise self.bad(f"{key}.date", "is listed twice; keep one")
            seen.add(night.date)
            if row.get("arm") != night.arm.value or row.get("period") != night.period:
                raise self.bad(key, "does not match the design's seed (arm or period)")
            value = row.get("followed")
            if value is not None and not isinstance(value, bool):
                raise self.bad(f"{key}.followed", "must be true, false or null")
            if value is not None and today is not None and night.date > today:
                raise self.bad(f"{key}.followed", "can't be in the future")
            if value is not None:
                answers[night.date] = value
        return answers


# The keys `ExperimentRecord.to_json` writes.
_KEYS = frozenset(
    {"change", "start", "seed", "period_nights", "pairs", "washout_nights", "doctor_agreed",
     "status", "status_why", "reason", "status_at", "doubling_seen_period", "schedule"}
)  # fmt: skip


def _record(
    item: Mapping[str, object], index: int, file: str | None, today: dt.date | None
) -> ExperimentRecord:
    read = _Reader(item, index, file)
    read.known_keys(_KEYS, "", item)
    start = read.date("start", read.text("start"))
    period_nights = read.whole("period_nights", 1, 56)
    pairs = read.whole("pairs", 4, 8)
    seed = read.whole("seed", 0, SEED_LIMIT - 1)
    reason = read.text("reason", default="")
    if len(reason) > MAX_REASON:
        raise read.bad("reason", f"must be at most {MAX_REASON} characters")
    try:
        schedule = design_schedule(start, period_nights, pairs, seed)
    except InputError as error:
        raise read.bad(error.field or "start", error.reason) from None
    return ExperimentRecord(
        change=read.text("change"),
        start=start,
        seed=seed,
        period_nights=period_nights,
        pairs=pairs,
        washout_nights=read.whole("washout_nights", 0, period_nights - 1, default=0),
        status=read.choice("status", Status),
        status_at=read.moment("status_at"),
        status_why=read.choice("status_why", StatusWhy, default=StatusWhy.PERSON.value),
        reason=reason,
        doctor_agreed=read.flag("doctor_agreed"),
        doubling_seen_period=read.whole("doubling_seen_period", 0, 2 * pairs, default=0),
        followed=read.followed(schedule, today),
    )


def parse_experiments_document(
    data: object, *, file: str | None = None, today: dt.date | None = None
) -> list[ExperimentRecord]:
    """The experiments of an exchange document (parsed JSON).

    Raises InputError naming the file and the field (`experiments[2].start`) of the first
    problem: a key that is not part of the document, a night listed twice, and (with `today`)
    a night's answer after today, as `experiment followed` refuses it. Whether a change is
    known or may be run is the caller's to check.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f'is not a "{FORMAT}" document', file=file, field="format")
    if data.get("version") != VERSION:
        raise InputError(f"must be {VERSION}", file=file, field="version")
    for key in data:
        if key not in ("format", "version", "experiments"):
            raise InputError("is not part of the document; remove it", file=file, field=key)
    items = data.get("experiments")
    if not isinstance(items, list):
        raise InputError("must be a list", file=file, field="experiments")
    records = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise InputError("must be an object", file=file, field=f"experiments[{index}]")
        records.append(_record(item, index, file, today))
    return records
