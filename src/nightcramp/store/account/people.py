"""Who a CLI command acts for: the named account, else the only account, else the local user."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.db import transaction

from nightcramp.core.errors import InputError
from nightcramp.store.account.local import LOCAL_USERNAME, local_user

__all__ = ["create_account", "find_account", "resolve_cli_user"]


def resolve_cli_user(name: str | None) -> User:
    """Return the account named `name`; without a name, the only account or the local user.

    Raises InputError (field `user`) when the name is unknown, or when several accounts exist
    and no name was given.
    """
    if name:
        found = User.objects.filter(username=name).first()
        if found is None:
            raise InputError(f"there is no account named {name!r}", field="user")
        return found
    accounts = list(User.objects.exclude(username=LOCAL_USERNAME).order_by("id")[:2])
    if len(accounts) == 1:
        return accounts[0]
    if len(accounts) > 1:
        raise InputError("there are several accounts; say which one with --user NAME", field="user")
    user = local_user()
    assert isinstance(user, User)  # the default user model
    return user


def find_account(name: str) -> User | None:
    """The account named `name`, or None (the local-mode user is not an account)."""
    return User.objects.filter(username=name).exclude(username=LOCAL_USERNAME).first()


def create_account(name: str, password: str) -> User:
    """Create an account; raise InputError naming the field when the name or password is bad.

    The first account takes over the local user's diary (local mode ends when an account
    exists, and nothing kept in local mode may be lost).
    """
    from django.contrib.auth.validators import UnicodeUsernameValidator

    from nightcramp.store.account.passwords import check_password_rules

    name = name.strip()
    if not name or len(name) > 150:
        raise InputError("the name must be 1 to 150 characters", field="name")
    if re.match(UnicodeUsernameValidator.regex, name) is None:
        raise InputError(
            "the name may use letters, digits and @ . + - _ only (no spaces)", field="name"
        )
    if name == LOCAL_USERNAME:
        raise InputError(f"{LOCAL_USERNAME!r} is reserved for local mode", field="name")
    if User.objects.filter(username=name).exists():
        raise InputError(f"an account named {name!r} already exists", field="name")
    user = User(username=name)
    check_password_rules(password, user)
    with transaction.atomic():
        first = not User.objects.exclude(username=LOCAL_USERNAME).exists()
        local = User.objects.filter(username=LOCAL_USERNAME).first() if first else None
        if local is not None:
            user = local
            user.username = name
        user.set_password(password)
        user.save()
    return user
