"""Stored self-experiments: the design and state of each, and whether each night was followed.

The schedule is not stored: it is derived from (seed, start, period nights, pairs) by the core
design, so the same row always gives the same nights.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from nightcramp.core.experiments.records import Status, StatusWhy

__all__ = ["Experiment", "ExperimentNight"]


def _choices(kind: type[Status] | type[StatusWhy]) -> list[tuple[str, str]]:
    """Database choices from a core enum (the one list of values)."""
    return [(member.value, member.value) for member in kind]


class Experiment(models.Model):
    """One person's experiment of one change. At most one is running or paused at a time."""

    Status = Status
    Why = StatusWhy

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="experiments"
    )
    change_id = models.CharField(max_length=64)
    start = models.DateField()
    seed = models.BigIntegerField()
    period_nights = models.PositiveSmallIntegerField()
    pairs = models.PositiveSmallIntegerField()
    washout_nights = models.PositiveSmallIntegerField(default=0)
    doctor_agreed = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=_choices(Status), default=Status.RUNNING)
    status_why = models.CharField(
        max_length=16, choices=_choices(StatusWhy), default=StatusWhy.PERSON
    )
    status_reason = models.TextField(blank=True, default="")
    status_at = models.DateTimeField()
    # Periods up to this one were already judged for a doubling of cramps: set when the app
    # pauses for one, so going on does not pause again for the same period.
    doubling_seen_period = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-start", "-id"]
        constraints = (
            models.UniqueConstraint(
                fields=("user",),
                condition=Q(status__in=("running", "paused")),
                name="experiments_one_going_per_person",
            ),
        )

    def __str__(self) -> str:
        return f"experiment {self.pk} of user {self.user_id}: {self.change_id} ({self.status})"


class ExperimentNight(models.Model):
    """Whether a night's arm was followed; a night with no row is unknown, never "no"."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="nights")
    date = models.DateField()
    followed = models.BooleanField()

    class Meta:
        ordering: ClassVar[list[str]] = ["date"]
        constraints = (
            models.UniqueConstraint(
                fields=("experiment", "date"), name="experiments_one_answer_per_night"
            ),
        )

    def __str__(self) -> str:
        return f"experiment {self.experiment_id} {self.date}: {self.followed}"
