"""A night's arm of a person's going experiment, as the home page, the check-in, the bedtime
coach and the calendar feed show it. Cheap: no analysis, only the design and the answers.

A paused experiment shows no arm (its words say it is paused); a stopped or finished one shows
nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from nightcramp.core.experiments.content import load_experiment_content
from nightcramp.core.experiments.records import Status
from nightcramp.core.experiments.stored_wording import load_stored_wording
from nightcramp.core.interop.ics import Reminder
from nightcramp.store.experiments.convert import change_of, schedule_of
from nightcramp.store.experiments.lifecycle import going_experiment

__all__ = [
    "ROUTINE_FACTOR",
    "NightArm",
    "arms_between",
    "experiment_notes",
    "night_arm",
    "routine_done",
]

ROUTINE_FACTOR = "bedtime_stretch"
"""The diary factor the bedtime coach ticks: a change with this factor is the routine itself."""


@dataclass(frozen=True)
class NightArm:
    """One night of a going experiment: its arm (`on`/`off`; None while paused) in words."""

    experiment_id: int
    change_id: str
    change_name: str
    date: dt.date
    arm: str | None
    period: int
    words: str
    followed: bool | None
    is_routine: bool

    @property
    def skip_routine(self) -> bool:
        """True on an `off` night of the bedtime stretch experiment."""
        return self.is_routine and self.arm == "off"


def arms_between(user: User, first: dt.date, last: dt.date) -> list[NightArm]:
    """The nights from `first` to `last` of `user`'s going experiment, in date order (none
    without one)."""
    row = going_experiment(user)
    if row is None:
        return []
    change = change_of(row)
    words = load_stored_wording().tonight
    paused = row.status == Status.PAUSED
    name = row.change_id if change is None else change.name
    out = []
    for night in schedule_of(row).nights:
        if not first <= night.date <= last:
            continue
        text = "" if change is None else getattr(change, night.arm.value)
        out.append(
            NightArm(
                experiment_id=row.pk,
                change_id=row.change_id,
                change_name=name,
                date=night.date,
                arm=None if paused else night.arm.value,
                period=night.period,
                words=words.paused if paused else getattr(words, night.arm.value).format(text=text),
                followed=night.followed,
                is_routine=change is not None and change.diary_factor == ROUTINE_FACTOR,
            )
        )
    return out


def night_arm(user: User, date: dt.date) -> NightArm | None:
    """`user`'s going experiment on the night `date`, or None (no experiment that night)."""
    found = arms_between(user, date, date)
    return found[0] if found else None


def routine_done(user: User, date: dt.date) -> bool | None:
    """The bedtime coach was finished on the night `date`: when the going experiment tests the
    routine itself, that night's plan was followed on an `on` night and not on an `off` night.
    Stores and returns that answer; None (nothing stored) for any other experiment or night."""
    from nightcramp.store.experiments.adherence import record_followed
    from nightcramp.store.experiments.models import Experiment

    night = night_arm(user, date)
    if night is None or night.arm is None or not night.is_routine:
        return None
    row = Experiment.objects.get(pk=night.experiment_id)
    return record_followed(row, date, night.arm == "on", now=timezone.now())


def experiment_notes(user: User, *, today: dt.date) -> tuple[Reminder, ...]:
    """A calendar note for each night of `user`'s running experiment from `today` to its end,
    saying the night's arm (none while it is paused: a paused experiment has no arm)."""
    arms = load_experiment_content().wording.arms
    last = dt.date.max
    return tuple(
        Reminder(
            id=f"experiment_{night.experiment_id}_{night.date:%Y%m%d}",
            summary=f"{night.change_name}: {getattr(arms, night.arm)}",
            description=night.words,
            time=dt.time(0),
            date=night.date,
        )
        for night in arms_between(user, today, last)
        if night.arm is not None
    )
