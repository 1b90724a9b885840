"""Issuing, listing and revoking API tokens. The token text is returned once and never stored."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from nightcramp.store.account.models import ApiToken, TokenScope, hash_token, new_token_text

__all__ = ["issue_token", "live_token", "revoke_token", "revoke_tokens_of", "tokens_of"]


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


_TOUCH_EVERY = dt.timedelta(minutes=5)


def _live_token_sql() -> str:
    tokens, users = ApiToken._meta.db_table, User._meta.db_table
    return (
        f"SELECT u.*, t.id AS token_id, t.scope AS token_scope,"
        f" CASE WHEN t.last_used IS NULL OR t.last_used < %s THEN 1 ELSE 0 END AS token_stale"
        f" FROM {tokens} t JOIN {users} u ON u.id = t.user_id"
        f" WHERE t.token_hash = %s AND t.revoked_at IS NULL AND u.is_active = %s"
    )


def live_token(text: str) -> ApiToken | None:
    """Return the valid, unrevoked token of an active account, with its `user`, or None; note
    its use (at most every five minutes).

    This runs on every API request, so it is one plain query (the ORM's query building costs
    several times the query itself). The row carries `pk`, `scope` and `user` only.
    """
    now = timezone.now()
    found = list(User.objects.raw(_live_token_sql(), [now - _TOUCH_EVERY, hash_token(text), True]))
    if not found:
        return None
    user = found[0]
    token = ApiToken(pk=user.token_id, scope=user.token_scope, user=user)  # type: ignore[attr-defined]  # raw columns
    if user.token_stale:  # type: ignore[attr-defined]  # raw column
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token
