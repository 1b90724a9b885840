"""A logged night: the evening's date and the day's factors (one nullable column each)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

__all__ = ["Night"]


class Night(models.Model):
    """One row per logged night. A NULL factor was not recorded; it never means 0 or false.

    A logged night with no episode is cramp-free; a night with no row is missing.
    Column names are exactly the contract's nights.csv columns.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    water_glasses = models.IntegerField(null=True, blank=True)
    alcohol_drinks = models.IntegerField(null=True, blank=True)
    caffeine_drinks = models.IntegerField(null=True, blank=True)
    exercise_minutes = models.IntegerField(null=True, blank=True)
    new_or_harder_exercise = models.BooleanField(null=True, blank=True)
    standing_hours = models.FloatField(null=True, blank=True)
    sitting_hours = models.FloatField(null=True, blank=True)
    heavy_sweating = models.BooleanField(null=True, blank=True)
    bedtime_stretch = models.BooleanField(null=True, blank=True)
    magnesium_mg = models.IntegerField(null=True, blank=True)
    potassium_servings = models.IntegerField(null=True, blank=True)
    tight_bedding = models.BooleanField(null=True, blank=True)
    feet_pointed = models.BooleanField(null=True, blank=True)
    warm_bath = models.BooleanField(null=True, blank=True)
    cold_room = models.BooleanField(null=True, blank=True)
    # Custom factors: {column name: number or bool}; an absent key was not recorded.
    custom = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("date",)
        constraints = (
            models.UniqueConstraint(fields=("user", "date"), name="night_one_per_user_date"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 0}),
                    name=f"night_{name}_not_negative",
                )
                for name in (
                    "water_glasses",
                    "alcohol_drinks",
                    "caffeine_drinks",
                    "exercise_minutes",
                    "standing_hours",
                    "sitting_hours",
                    "magnesium_mg",
                    "potassium_servings",
                )
            ),
        )

    def __str__(self) -> str:
        return f"night of {self.date.isoformat()}"
