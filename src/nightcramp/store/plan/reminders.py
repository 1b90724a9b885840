"""A person's reminders: the day's times, less the water checks when fluids may be restricted.

The web calendar feed and `nightcramp reminders` both call `reminders_for`, so the rule (from
the stored profile and triage answers, see core.plan.fluids_may_be_restricted) holds in both.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from nightcramp.core.interop.ics import Reminder
from nightcramp.core.plan.reminders import ReminderTimes, build_reminders

from .inputs import stored_profile

__all__ = ["reminders_for"]


def reminders_for(
    user: User, times: ReminderTimes, *, today: dt.date, water: bool = True
) -> tuple[Reminder, ...]:
    """Return `user`'s reminders; water checks only when asked for and safe for this person;
    then a note for each night of a running experiment from `today` on, with its arm."""
    from nightcramp.store.experiments.tonight import experiment_notes

    daily = build_reminders(times, water=water, profile=stored_profile(user, today=today))
    return daily + experiment_notes(user, today=today)
