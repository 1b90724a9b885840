"""Login lockout (django-axes): failed log-ins are counted per name and address in the database.

The rules (how many failures, for how long) are settings (`AXES_*` and
`ACCOUNT_FAILURE_CEILING` in the web settings); this module counts the failures and lets the
self-hoster lift a lockout.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from axes.models import AccessAttempt  # type: ignore[import-untyped]
from axes.utils import reset  # type: ignore[import-untyped]
from django.db import connection, transaction
from django.db.models import F, Sum, Value
from django.db.models.functions import Least

__all__ = ["failed_logins", "one_try_at_a_time", "unlock"]

# Without PostgreSQL, one process serves (SQLite): a lock per name, picked from a fixed set.
_LOCKS = tuple(threading.Lock() for _ in range(64))


def failed_logins(
    name: str, *, since: dt.datetime | None = None, per_address: int | None = None
) -> int:
    """How many failed log-ins are on record for the name `name` (from every address); with
    `since`, only those counted on records last tried at or after it; with `per_address`, each
    address (and browser) counts at most that many (tries made while it was locked out do not
    add to the account's count)."""
    rows = AccessAttempt.objects.filter(username=name)
    if since is not None:
        rows = rows.filter(attempt_time__gte=since)
    counted: F | Least = F("failures_since_start")
    if per_address is not None:
        counted = Least(F("failures_since_start"), Value(per_address))
    total = rows.aggregate(total=Sum(counted))["total"]
    return int(total or 0)


def unlock(name: str) -> int:
    """Forget the failed log-ins for the name `name` (from every address); return how many
    records were removed (0: nothing was held against it)."""
    removed = reset(username=name)
    return int(removed)


@contextmanager
def one_try_at_a_time(name: str) -> Iterator[None]:
    """Hold the tries of one name one after another, from the lockout check to the failure
    count, on every app server: simultaneous guesses cannot all pass the check before any is
    counted. PostgreSQL: a transaction-level advisory lock keyed by the name (released at
    commit); otherwise a lock in this process."""
    digest = hashlib.sha256(f"nightcramp-login:{name.casefold()}".encode()).digest()
    if connection.vendor == "postgresql":
        key = int.from_bytes(digest[:8], "big", signed=True)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
            yield
        return
    with _LOCKS[digest[0] % len(_LOCKS)]:
        yield
