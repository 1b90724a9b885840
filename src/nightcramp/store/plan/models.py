"""Plan app storage: what a person tried, and calendar subscription tokens.

For a calendar URL only the SHA-256 of its secret is stored; revoking sets `revoked_at` and the
URL then answers 404.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

__all__ = ["CalendarToken", "PlanFeedback", "hash_calendar_secret", "new_calendar_secret"]


def new_calendar_secret() -> str:
    """A fresh URL-safe secret (256 bits)."""
    return secrets.token_urlsafe(32)


def hash_calendar_secret(secret: str) -> str:
    """The stored form of a secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class CalendarToken(models.Model):
    """One private calendar URL of a user. Revoked tokens stay, so the URL never works again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = (models.Index(fields=("user", "revoked_at")),)

    def __str__(self) -> str:
        return f"calendar token {self.pk} of user {self.user_id}"


class PlanFeedback(models.Model):
    """What a person says about a plan item they tried: helped (true), did not (false), unsure."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item_id = models.CharField(max_length=64)
    helped = models.BooleanField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("user", "item_id"), name="plan_feedback_one_per_item"),
        )

    def __str__(self) -> str:
        return f"feedback on {self.item_id} by user {self.user_id}"
