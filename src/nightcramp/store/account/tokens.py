"""Issuing, listing and revoking API tokens. The token text is returned once and never stored."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from nightcramp.store.account.models import ApiToken, TokenScope, hash_token, new_token_text

__all__ = ["issue_token", "revoke_token", "revoke_tokens_of", "tokens_of"]


def issue_token(user: User, *, label: str = "", scope: str = TokenScope.WRITE) -> str:
    """Create a token for `user` and return its text (shown once; only its hash is kept).

    `scope` is `write` (read and change records; the default) or `read` (look only).
    """
    if scope not in TokenScope.values:
        raise ValueError(f"unknown token scope {scope!r}")
    text = new_token_text()
    with transaction.atomic():
        ApiToken.objects.create(
            user=user, label=label, token_hash=hash_token(text), hint=text[3:11], scope=scope
        )
    return text


def tokens_of(user: User) -> list[ApiToken]:
    """Every token of `user`, live or revoked, oldest first."""
    return list(ApiToken.objects.filter(user=user).order_by("created", "id"))


def revoke_token(text_or_hint: str) -> int:
    """Revoke the token with this text, or by its start as `token list` shows it (`nc_` + 8).

    Returns how many tokens were revoked (0 when none matched).
    """
    key = text_or_hint.strip()
    live = ApiToken.objects.filter(revoked_at__isnull=True)
    if len(key) > 11:
        rows = live.filter(token_hash=hash_token(key))
    else:
        rows = live.filter(hint=key.removeprefix("nc_"))
    return rows.update(revoked_at=timezone.now())


def revoke_tokens_of(user: User) -> int:
    """Revoke every live token of `user`; return how many."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
