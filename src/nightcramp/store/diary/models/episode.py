"""One cramp episode, stored with the instant (UTC) and the local offset it was lived at."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from nightcramp.core.diary import Muscle, Relief, Side

from .choices import MUSCLE_CHOICES, RELIEF_CHOICES, SIDE_CHOICES

__all__ = ["Episode"]


class Episode(models.Model):
    """A cramp. `night` is derived from the local start time with the noon boundary.

    `utc_offset_min` is the local offset (minutes east of UTC) at `started_at`, so the local
    time the person lived is kept exactly, also across time zones and daylight saving.
    Unique per user on (started_at, muscle, side), with a missing side counting as one value.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField()
    utc_offset_min = models.SmallIntegerField(default=0)
    night = models.DateField(db_index=True)
    muscle = models.CharField(max_length=16, choices=MUSCLE_CHOICES, default=Muscle.CALF.value)
    side = models.CharField(max_length=8, choices=SIDE_CHOICES, null=True, blank=True)
    duration_min = models.FloatField(null=True, blank=True)
    severity = models.SmallIntegerField(null=True, blank=True)
    relief = models.JSONField(default=list, blank=True)
    relief_worked = models.CharField(max_length=16, choices=RELIEF_CHOICES, null=True, blank=True)
    woke_from_sleep = models.BooleanField(null=True, blank=True)
    notes = models.TextField(blank=True, default="")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("started_at", "id")
        indexes = (models.Index(fields=("user", "night"), name="episode_user_night"),)
        constraints = (
            models.UniqueConstraint(
                fields=("user", "started_at", "muscle", "side"),
                condition=Q(side__isnull=False),
                name="episode_unique_with_side",
            ),
            models.UniqueConstraint(
                fields=("user", "started_at", "muscle"),
                condition=Q(side__isnull=True),
                name="episode_unique_without_side",
            ),
            models.CheckConstraint(
                condition=Q(muscle__in=[m.value for m in Muscle]), name="episode_muscle_known"
            ),
            models.CheckConstraint(
                condition=Q(side__isnull=True) | Q(side__in=[s.value for s in Side]),
                name="episode_side_known",
            ),
            models.CheckConstraint(
                condition=Q(relief_worked__isnull=True)
                | Q(relief_worked__in=[r.value for r in Relief]),
                name="episode_relief_worked_known",
            ),
            models.CheckConstraint(
                condition=Q(severity__isnull=True) | Q(severity__gte=0, severity__lte=10),
                name="episode_severity_0_10",
            ),
            models.CheckConstraint(
                condition=Q(duration_min__isnull=True) | Q(duration_min__gt=0),
                name="episode_duration_positive",
            ),
            models.CheckConstraint(
                condition=Q(utc_offset_min__gte=-18 * 60, utc_offset_min__lte=18 * 60),
                name="episode_offset_in_range",
            ),
        )

    def __str__(self) -> str:
        return f"{self.muscle} cramp at {self.started_at.isoformat()}"
