"""Accounts: who a CLI command acts for, creating an account, and deleting one with its records."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.db import transaction

from nightcramp.core.errors import InputError
from nightcramp.store.account.local import LOCAL_USERNAME, local_user

__all__ = [
    "DELETED_KINDS",
    "create_account",
    "delete_account",
    "existing_cli_user",
    "find_account",
    "resolve_cli_user",
]


def resolve_cli_user(name: str | None) -> User:
    """Return the account named `name`; without a name, the only account or the local user.

    Raises InputError (field `user`) when the name is unknown, or when several accounts exist
    and no name was given.
    """
    found = _named_or_only(name)
    if found is not None:
        return found
    user = local_user()
    assert isinstance(user, User)  # the default user model
    return user


def existing_cli_user(name: str | None) -> User | None:
    """As `resolve_cli_user`, for a look that writes nothing: the local user only if it
    exists. Raises InputError (field `user`) as `resolve_cli_user` does."""
    return _named_or_only(name) or User.objects.filter(username=LOCAL_USERNAME).first()


def _named_or_only(name: str | None) -> User | None:
    """The account named `name`, else the only account; None when there is none."""
    if name:
        found = User.objects.filter(username=name).first()
        if found is None:
            raise InputError(f"there is no account named {name!r}", field="user")
        return found
    accounts = list(User.objects.exclude(username=LOCAL_USERNAME).order_by("id")[:2])
    if len(accounts) > 1:
        raise InputError("there are several accounts; say which one with --user NAME", field="user")
    return accounts[0] if accounts else None


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


# What `delete_account` counts, by the model that holds it; the keys of its answer, in order.
_KIND_OF_MODEL = {
    "auth.User": "account",
    "diary.Profile": "profile",
    "diary.Night": "nights",
    "diary.Episode": "cramps",
    "diary.CustomFactor": "custom_factors",
    "diary.Medication": "medicines",
    "diary.IdempotencyKey": "idempotency_records",
    "triage.TriageRecord": "triage_results",
    "plan.PlanFeedback": "plan_feedback",
    "plan.CalendarToken": "calendar_feeds",
    "experiments.Experiment": "experiments",
    "experiments.ExperimentNight": "experiment_nights",
    "analysis.CachedAnalysis": "saved_analyses",
    "sharing.ShareLink": "share_links",
    "sharing.AccessLog": "access_log",
    "sharing.ClinicianGrant": "clinician_grants",
    "sharing.Clinician": "clinician_role",
    "account.ApiToken": "api_tokens",
}
DELETED_KINDS: tuple[str, ...] = (*_KIND_OF_MODEL.values(), "sessions", "login_records")


def delete_account(name: str) -> dict[str, int]:
    """Delete the account `name` and every record it holds, all or nothing.

    Return how many records of each kind went: every kind of `DELETED_KINDS` (0 when none),
    and a model missing from that list under its own label. Grants to the account end with
    it; the access logs of people it looked at keep its name. Raises InputError (field `name`)
    when there is no such account; then nothing changes.
    """
    from axes import models as axes  # type: ignore[import-untyped]  # axes ships no type hints

    from nightcramp.store.account.sessions import end_sessions_of

    counts = dict.fromkeys(DELETED_KINDS, 0)
    with transaction.atomic():
        user = find_account(name)
        if user is None:
            raise InputError(f"there is no account named {name!r}", field="name")
        counts["sessions"] = end_sessions_of(user)
        counts["login_records"] = sum(
            model.objects.filter(username=user.username).delete()[0]
            for model in (axes.AccessAttempt, axes.AccessFailureLog, axes.AccessLog)
        )
        _, by_model = user.delete()
    for label, count in by_model.items():
        kind = _KIND_OF_MODEL.get(label, label)
        counts[kind] = counts.get(kind, 0) + count
    return counts
