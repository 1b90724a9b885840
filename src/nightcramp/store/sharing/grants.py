"""Clinician grants: a person lets a named clinician read their diary until an end date.

Whether a clinician may look is asked of the database on every request (`active_grant`), so a
revoked or ended grant refuses the very next request. A clinician reads; nothing here writes
to the person's records.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils import timezone

from nightcramp.core.errors import InputError
from nightcramp.store.sharing.clinicians import clinician_named
from nightcramp.store.sharing.models import ClinicianGrant

__all__ = [
    "MAX_GRANT_DAYS",
    "active_grant",
    "grant_access",
    "grant_state",
    "granted_people",
    "grants_of",
    "revoke_grant",
]

MAX_GRANT_DAYS = 2 * 365
"""The longest a grant may run: long enough for a course of care, not for ever."""
_MAX_ID = 2**63 - 1


def _live(now: dt.datetime) -> Q:
    today = timezone.localdate(now)
    return Q(revoked_at__isnull=True, starts_on__lte=today, ends_on__gte=today)


def grant_access(
    person: User,
    clinician_name: str,
    *,
    ends_on: dt.date,
    now: dt.datetime,
    starts_on: dt.date | None = None,
) -> ClinicianGrant:
    """Let the clinician account `clinician_name` read `person`'s diary from `starts_on`
    (default: today) to `ends_on`, both inclusive.

    Raises InputError naming the field: `clinician` (no such clinician, or the person
    themselves), `ends_on` (before the start, in the past, or over MAX_GRANT_DAYS away).
    """
    clinician = clinician_named(clinician_name)
    if clinician is None:
        raise InputError(
            f"there is no clinician account named {clinician_name.strip()!r}", field="clinician"
        )
    if clinician.pk == person.pk:
        raise InputError("you cannot grant access to yourself", field="clinician")
    today = timezone.localdate(now)
    start = starts_on or today
    if ends_on < today:
        raise InputError("the end date is in the past", field="ends_on")
    if ends_on < start:
        raise InputError("the end date is before the start date", field="ends_on")
    if (ends_on - today).days > MAX_GRANT_DAYS:
        raise InputError(f"the end date is more than {MAX_GRANT_DAYS} days away", field="ends_on")
    return ClinicianGrant.objects.create(
        person=person, clinician=clinician, starts_on=start, ends_on=ends_on, created_at=now
    )


def grants_of(person: User) -> QuerySet[ClinicianGrant]:
    """Every grant `person` gave, the newest first, with the clinician's account."""
    return ClinicianGrant.objects.filter(person=person).select_related("clinician")


def grant_state(grant: ClinicianGrant, *, now: dt.datetime) -> str:
    """`live`, `not_started`, `ended` or `revoked`."""
    today = timezone.localdate(now)
    if grant.revoked_at is not None:
        return "revoked"
    if today < grant.starts_on:
        return "not_started"
    return "ended" if today > grant.ends_on else "live"


def revoke_grant(person: User, grant_id: int, *, now: dt.datetime) -> ClinicianGrant | None:
    """End `person`'s grant `grant_id` now (kept if already revoked); None if not theirs."""
    grant = grants_of(person).filter(pk=grant_id).first()
    if grant is None:
        return None
    if grant.revoked_at is None:
        grant.revoked_at = now
        grant.save(update_fields=["revoked_at"])
    return grant


def granted_people(clinician: User, *, now: dt.datetime) -> list[ClinicianGrant]:
    """The live grants to `clinician`, one per person (the latest end), by the person's name."""
    grants = (
        ClinicianGrant.objects.filter(_live(now), clinician=clinician, person__is_active=True)
        .select_related("person")
        .order_by("person__username", "-ends_on")
    )
    seen: dict[int, ClinicianGrant] = {}
    for grant in grants:
        seen.setdefault(grant.person_id, grant)
    return list(seen.values())


def active_grant(clinician: User, person_id: int, *, now: dt.datetime) -> ClinicianGrant | None:
    """The live grant that lets `clinician` read person `person_id` now, or None."""
    if not 0 < person_id <= _MAX_ID:
        return None  # no account has such an id (and the database could not compare it)
    return (
        ClinicianGrant.objects.filter(
            _live(now), clinician=clinician, person_id=person_id, person__is_active=True
        )
        .select_related("person")
        .order_by("-ends_on")
        .first()
    )
