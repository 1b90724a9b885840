"""Whether the person followed each night's arm: yes, no, or unknown (no answer stored)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from nightcramp.core.diary_limits import IN_THE_FUTURE, latest_night
from nightcramp.core.errors import InputError
from nightcramp.store.experiments.models import Experiment, ExperimentNight

__all__ = ["record_followed"]


def record_followed(
    row: Experiment, date: dt.date, followed: bool | None, *, now: dt.datetime
) -> bool | None:
    """Store whether `row`'s night `date` was followed (None: forget the answer: unknown).

    Raises InputError (field `date`) for a night outside the schedule or in the future.
    Returns the answer now stored.
    """
    from nightcramp.store.experiments.convert import schedule_of

    schedule = schedule_of(row, followed={})
    if not schedule.first <= date <= schedule.last:
        raise InputError(
            f"is not a night of this experiment ({schedule.first} to {schedule.last})",
            field="date",
        )
    if date > latest_night(timezone.localtime(now)):
        raise InputError(IN_THE_FUTURE, field="date")
    if followed is None:
        ExperimentNight.objects.filter(experiment=row, date=date).delete()
    else:
        ExperimentNight.objects.update_or_create(
            experiment=row, date=date, defaults={"followed": followed}
        )
    return followed
