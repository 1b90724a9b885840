"""A person's profile: what changes which advice fits. Every field may be unknown."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .choices import SEX_CHOICES

__all__ = ["Profile"]


class Profile(models.Model):
    """One per user. NULL means not answered (unknown), never "no"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    birth_year = models.SmallIntegerField(null=True, blank=True)
    sex = models.CharField(max_length=8, choices=SEX_CHOICES, null=True, blank=True)
    pregnant = models.BooleanField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    pregnancy_weeks = models.SmallIntegerField(null=True, blank=True)
    # Condition ids of the contract's profile file (see choices.CONDITION_IDS).
    conditions = models.JSONField(default=list, blank=True)
    smoker = models.BooleanField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=1900),
                name="profile_birth_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(pregnancy_weeks__isnull=True)
                | Q(pregnancy_weeks__gte=0, pregnancy_weeks__lte=45),
                name="profile_pregnancy_weeks_range",
            ),
        )

    def __str__(self) -> str:
        return f"profile of user {self.user_id}"
