"""A person's own nightly factor (name and kind), so the check-in can offer it every evening."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .choices import FACTOR_KIND_CHOICES

__all__ = ["CustomFactor"]


class CustomFactor(models.Model):
    """A custom factor's definition; its values live in `Night.custom` under `name`."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=64)
    kind = models.CharField(max_length=8, choices=FACTOR_KIND_CHOICES)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name",)
        constraints = (
            models.UniqueConstraint(fields=("user", "name"), name="custom_factor_unique_name"),
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.kind})"
