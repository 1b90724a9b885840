"""Share links: create one, find the live one behind a token, list and revoke them.

A token is 256 random bits (`secrets.token_urlsafe(32)`), shown once; the database keeps its
SHA-256 hash. A token that is unknown, revoked, expired, cut short or typed in another case
finds nothing, and the caller answers all of them alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import User

from nightcramp.core.errors import InputError
from nightcramp.store.sharing.models import ShareLink

__all__ = [
    "DEFAULT_DAYS",
    "MAX_DAYS",
    "SHARE_PATH",
    "NewLink",
    "create_link",
    "find_link",
    "hash_token",
    "link_path",
    "link_state",
    "links_of",
    "revoke_link",
]

# Where every share link lives: nothing under it belongs to the visitor who opens it.
SHARE_PATH = "/s/"

DEFAULT_DAYS = 14
"""How long a new link works unless the person chooses otherwise."""
MAX_DAYS = 365
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


@dataclass(frozen=True)
class NewLink:
    """A link just made: its row and its token (never stored, shown this once)."""

    link: ShareLink
    token: str

    @property
    def path(self) -> str:
        """The link's address on this site, e.g. `/s/AbC…/`."""
        return link_path(self.token)


def hash_token(token: str) -> str:
    """The hex SHA-256 of `token`: what the database keeps."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def link_path(token: str) -> str:
    """The address of the shared summary for `token`."""
    return f"{SHARE_PATH}{token}/"


def create_link(
    user: User, *, now: dt.datetime, days: int = DEFAULT_DAYS, label: str = ""
) -> NewLink:
    """Make a link to `user`'s summary that works for `days` days from `now`.

    Raises InputError (field `days`) unless 1 <= days <= MAX_DAYS.
    """
    if not 1 <= days <= MAX_DAYS:
        raise InputError(f"a link works for 1 to {MAX_DAYS} days, not {days}", field="days")
    token = secrets.token_urlsafe(32)
    link = ShareLink.objects.create(
        user=user,
        token_hash=hash_token(token),
        label=label.strip()[:100],
        created_at=now,
        expires_at=now + dt.timedelta(days=days),
    )
    return NewLink(link=link, token=token)


def find_link(token: str, *, now: dt.datetime) -> ShareLink | None:
    """The live link whose token is `token`, with its person; None for anything else."""
    if _TOKEN.fullmatch(token) is None:
        return None
    wanted = hash_token(token)
    link = ShareLink.objects.select_related("user").filter(token_hash=wanted).first()
    if link is None or not hmac.compare_digest(link.token_hash, wanted):
        return None
    if link.revoked_at is not None or link.expires_at <= now or not link.user.is_active:
        return None
    return link


def links_of(user: User) -> list[ShareLink]:
    """Every link `user` made, the newest first."""
    return list(ShareLink.objects.filter(user=user))


def link_state(link: ShareLink, *, now: dt.datetime) -> str:
    """`live`, `expired` or `revoked`."""
    if link.revoked_at is not None:
        return "revoked"
    return "expired" if link.expires_at <= now else "live"


def revoke_link(user: User, link_id: int, *, now: dt.datetime) -> ShareLink | None:
    """Stop `user`'s link `link_id` working from now on (kept if already revoked).

    Returns the link, or None when `user` has no link with that id.
    """
    link = ShareLink.objects.filter(user=user, pk=link_id).first()
    if link is None:
        return None
    if link.revoked_at is None:
        link.revoked_at = now
        link.save(update_fields=["revoked_at"])
    return link
