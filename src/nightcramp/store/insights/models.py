"""A computed analysis kept for a diary version (several app servers share the database)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

__all__ = ["CachedAnalysis"]


class CachedAnalysis(models.Model):
    """The analysis document and the Insights page built from one version of a diary."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cached_analyses"
    )
    key = models.CharField(max_length=64)
    document = models.JSONField()
    created = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user", "key"], name="analysis_one_per_version")
        ]
