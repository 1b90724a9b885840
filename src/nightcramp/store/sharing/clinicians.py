"""Clinician accounts: ordinary accounts marked so people can grant them read access."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from nightcramp.store.sharing.models import Clinician

__all__ = ["clinician_named", "clinicians", "create_clinician", "is_clinician", "mark_clinician"]


def mark_clinician(user: User) -> bool:
    """Mark `user` as a clinician; return False if they already were."""
    _, created = Clinician.objects.get_or_create(user=user)
    return created


def is_clinician(user: object) -> bool:
    """True for a signed-in account marked as a clinician (asked afresh every time)."""
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        return False
    return Clinician.objects.filter(user=user).exists()


def clinician_named(name: str) -> User | None:
    """The active clinician account called `name`, or None."""
    found = Clinician.objects.select_related("user").filter(user__username=name.strip()).first()
    return found.user if found is not None and found.user.is_active else None


def clinicians() -> list[User]:
    """Every clinician account, by name."""
    return [c.user for c in Clinician.objects.select_related("user").order_by("user__username")]


def create_clinician(name: str, password: str) -> User:
    """Create an account marked as a clinician (the account rules of `create_account`).

    Raises InputError naming the field when the name or password is refused.
    """
    from nightcramp.store.account.people import create_account

    with transaction.atomic():
        user = create_account(name, password)
        mark_clinician(user)
    return user
