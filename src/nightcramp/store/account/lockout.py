"""Login lockout (django-axes): failed log-ins are counted per name and address in the database.

The rules (how many failures, for how long) are settings (`AXES_*` in the web settings); this
module only lets the self-hoster lift a lockout.
"""

from __future__ import annotations

from axes.models import AccessAttempt  # type: ignore[import-untyped]
from axes.utils import reset  # type: ignore[import-untyped]

__all__ = ["failed_logins", "unlock"]


def failed_logins(name: str) -> int:
    """How many failed log-ins are on record for the name `name` (from every address)."""
    return sum(row.failures_since_start for row in AccessAttempt.objects.filter(username=name))


def unlock(name: str) -> int:
    """Forget the failed log-ins for the name `name` (from every address); return how many
    records were removed (0: nothing was held against it)."""
    removed = reset(username=name)
    return int(removed)
