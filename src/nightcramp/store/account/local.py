"""Local mode: on a loopback address with no account, one local user needs no login."""

from __future__ import annotations

from django.contrib.auth.models import User

from nightcramp.store.account.names import LOCAL_USERNAME

__all__ = ["LOCAL_USERNAME", "has_accounts", "local_user"]


def has_accounts() -> bool:
    """True once any real account (not the local user) exists."""
    return User.objects.exclude(username=LOCAL_USERNAME).exists()


def local_user() -> User:
    """Return the single local user, creating it (with no usable password) on first use."""
    user, created = User.objects.get_or_create(username=LOCAL_USERNAME)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
