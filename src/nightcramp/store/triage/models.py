"""Saved triage results: the answers given, what the triage said, when, and when seen to."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class TriageRecord(models.Model):
    """One completed questionnaire (web, API or terminal) for one person."""

    class Source(models.TextChoices):
        WEB = "web", "web"
        API = "api", "API"
        TERMINAL = "terminal", "terminal"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="triage_records"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    answers = models.JSONField(default=dict)
    disposition = models.CharField(max_length=16)
    result = models.JSONField(default=dict)
    # The result's headline as shown when it was saved (it may name a maternity unit, say);
    # empty for results saved before 0.2, which show their disposition's headline.
    headline = models.TextField(blank=True, default="")
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.WEB)
    # When the person said they were seen to; an urgent or emergency result is open until then.
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d} {self.disposition}"
