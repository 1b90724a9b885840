"""Remembers `Idempotency-Key`s of `POST /api/v1/episodes`, so a retry creates nothing new."""

from __future__ import annotations

from django.conf import settings
from django.db import models

__all__ = ["IdempotencyKey"]


class IdempotencyKey(models.Model):
    """A key a client sent, the hash of the body it came with, and the answer it got."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    status = models.SmallIntegerField()
    response = models.JSONField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("user", "key"), name="idempotency_unique_key"),
        )

    def __str__(self) -> str:
        return self.key
