"""Small factories for experiment tests: diary nights and cramps, and a started experiment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import User

from nightcramp.store.diary import models
from nightcramp.store.experiments.models import Experiment

NOW = dt.datetime(2027, 3, 1, 20, 0, tzinfo=dt.UTC)
"""An evening: its night is 2027-03-01."""


def days(first: dt.date, count: int) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range(count)]


def log_nights(user: User, dates: Iterable[dt.date], cramps: Iterable[dt.date] = ()) -> None:
    """A check-in on each of `dates`, and one cramp (22:00 + n minutes) per entry of `cramps`."""
    models.Night.objects.bulk_create(models.Night(user=user, date=d) for d in set(dates))
    seen: dict[dt.date, int] = {}
    rows = []
    for night in cramps:
        seen[night] = seen.get(night, 0) + 1
        at = dt.datetime.combine(night, dt.time(22, seen[night]), tzinfo=dt.UTC)
        rows.append(models.Episode(user=user, started_at=at, night=night))
    models.Episode.objects.bulk_create(rows)


def experiment(
    user: User,
    *,
    start: dt.date,
    change: str = "bedtime_stretch",
    status: str = Experiment.Status.RUNNING,
    pairs: int = 4,
    seed: int = 3,
) -> Experiment:
    """A stored experiment of 7-night periods, made without the start's checks."""
    return Experiment.objects.create(
        user=user,
        change_id=change,
        start=start,
        seed=seed,
        period_nights=7,
        pairs=pairs,
        status=status,
        status_at=NOW,
    )
