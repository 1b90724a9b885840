"""API tokens and their scopes. Only a SHA-256 hash of each token is stored; it is shown once."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

__all__ = ["TOKEN_PREFIX", "ApiToken", "TokenScope", "hash_token", "new_token_text"]

TOKEN_PREFIX = "nc_"


def new_token_text() -> str:
    """Return a fresh random token (about 256 bits), e.g. `nc_AbC…`."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Return the hex SHA-256 of `token`: what the database keeps."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenScope(models.TextChoices):
    """What a token may do: `read` only looks; `write` (the default) may also change records."""

    READ = "read", "read"
    WRITE = "write", "write"


class ApiToken(models.Model):
    """A token that lets a program act as `user` through the JSON API until revoked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    label = models.CharField(max_length=100, blank=True, default="")
    token_hash = models.CharField(max_length=64, unique=True)
    # The first characters after the prefix, shown in lists so a person can tell tokens apart.
    hint = models.CharField(max_length=12)
    scope = models.CharField(max_length=8, choices=TokenScope.choices, default=TokenScope.WRITE)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created", "id")

    def __str__(self) -> str:
        return f"token {self.hint}… of user {self.user_id}"
