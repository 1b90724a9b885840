"""One medicine on a person's list, with when it was started and stopped (if known)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

__all__ = ["Medication"]


class Medication(models.Model):
    """A medicine as the person names it; `stopped_on` NULL means still taken (or unknown)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    dose = models.CharField(max_length=200, blank=True, default="")
    started_on = models.DateField(null=True, blank=True)
    stopped_on = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(stopped_on__isnull=True)
                | Q(stopped_on__gte=F("started_on")),
                name="medication_stopped_after_started",
            ),
        )

    def __str__(self) -> str:
        return self.name
