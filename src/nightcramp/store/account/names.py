"""Account names with a meaning of their own, readable without Django set up (the backup
commands check a database file before the app starts)."""

from __future__ import annotations

__all__ = ["LOCAL_USERNAME"]

# The one user of local mode, created by any command on first use.
LOCAL_USERNAME = "local"
