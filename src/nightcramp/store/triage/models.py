"""Saved triage results: the answers given, and what the triage said, with the date."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class TriageRecord(models.Model):
    """One completed questionnaire (web, API) for one person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="triage_records"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    answers = models.JSONField(default=dict)
    disposition = models.CharField(max_length=16)
    result = models.JSONField(default=dict)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d} {self.disposition}"
