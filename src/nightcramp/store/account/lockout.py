"""Login lockout (django-axes): failed log-ins are counted per name and address in the database.

The rules (how many failures, for how long) are settings (`AXES_*` and
`ACCOUNT_FAILURE_CEILING` in the web settings); this module counts the failures and lets the
self-hoster lift a lockout.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from axes.models import AccessAttempt  # type: ignore[import-untyped]
from axes.utils import reset  # type: ignore[import-untyped]
from django.db import DatabaseError, connection
from django.db.models import F, Sum, Value
from django.db.models.functions import Least

__all__ = ["LoginBusy", "failed_logins", "one_try_at_a_time", "unlock"]

# How long a try waits for the one before it (a burst of tries for one name queues here).
WAIT_SECONDS = 10.0
_STRIPES = 64
_POLL = 0.02


class LoginBusy(Exception):
    """Too many tries for one name at once: this one waited its turn too long."""


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
def one_try_at_a_time(name: str, *, wait: float | None = None) -> Iterator[None]:
    """Hold the tries of one name one after another, from the lockout check to the failure
    count, across every app server and worker: simultaneous guesses cannot all pass the check
    before any is counted. Raises LoginBusy after `wait` seconds (default WAIT_SECONDS) in
    the queue, so a burst of tries cannot tie up the servers.

    PostgreSQL: a session-level advisory lock keyed by the name, so that what the try writes
    commits as it always did (never rolled back with the lock). SQLite (one machine, several
    worker processes): a file lock per name stripe beside the database."""
    digest = hashlib.sha256(f"nightcramp-login:{name.casefold()}".encode()).digest()
    deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
    if connection.vendor == "postgresql":
        key = int.from_bytes(digest[:8], "big", signed=True)
        _until(deadline, lambda: _pg_try(key))
        try:
            yield
        finally:
            _pg_unlock(key)
        return
    with _stripe_file(digest[0] % _STRIPES) as held:
        _until(deadline, held)
        yield


def _until(deadline: float, acquire: Callable[[], bool]) -> None:
    while not acquire():
        if time.monotonic() >= deadline:
            raise LoginBusy
        time.sleep(_POLL)


def _pg_unlock(key: int) -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
    except DatabaseError:
        connection.close()  # a session's locks end with it (a broken transaction, a lost link)


def _pg_try(key: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        row = cursor.fetchone()
    return bool(row and row[0])


@contextmanager
def _stripe_file(stripe: int) -> Iterator[Callable[[], bool]]:
    """A lock file for one stripe of names (shared by every process on this machine); yields
    a try-to-take function; the lock goes with the file when the block ends."""
    try:
        import fcntl
    except ImportError:  # no flock (Windows): one process's threads only
        lock = _THREAD_LOCKS[stripe]
        taken = False

        def take_thread() -> bool:
            nonlocal taken
            taken = lock.acquire(blocking=False)
            return taken

        try:
            yield take_thread
        finally:
            if taken:
                lock.release()
        return
    path = _lock_dir() / f"login-{stripe:02d}.lock"
    with path.open("a+b") as handle:

        def take() -> bool:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            return True

        yield take  # closing the file releases the lock


_THREAD_LOCKS = tuple(threading.Lock() for _ in range(_STRIPES))


def _lock_dir() -> Path:
    """Beside the SQLite database (a database in memory: the temporary directory)."""
    name = str(connection.settings_dict.get("NAME") or "")
    database = Path(name)
    if name and ":memory:" not in name and "mode=memory" not in name and database.parent.is_dir():
        where = database.parent / ".login-locks"
    else:
        tag = hashlib.sha256(name.encode()).hexdigest()[:12]
        where = Path(tempfile.gettempdir()) / f"nightcramp-login-locks-{tag}"
    where.mkdir(parents=True, exist_ok=True)
    return where
