"""The open symptom check that `nightcramp now` shows after step 1.

An urgent or emergency result not yet seen to ("see a doctor today: do not massage, stretch or
heat that leg") matters while a cramp is being eased, as it does on the /now page. Looking it up
needs Django, so `now_fast` calls this only after the safety line and step 1 are on screen,
and only for the embedded database once it exists: a look must never delay, break or write.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from nightcramp.config import Config
    from nightcramp.store.triage.history import TriageEntry

__all__ = ["WAIT_SECONDS", "Lookup", "OpenResult", "Unchosen", "find_open_result", "open_result"]

# How long the steps wait for the look (Django starts in about one second) before going on
# without it.
WAIT_SECONDS = 3.0


class OpenResult:
    """What `now` shows of an open result: its title ("Your symptom check on 3 Dec 2026: See
    a doctor today"), its own advice, and the command that says it was seen to."""

    __slots__ = ("advice", "at", "disposition", "elsewhere", "id", "resolve", "title")

    def __init__(self, entry: TriageEntry, user_name: str | None, elsewhere: str = "") -> None:
        from nightcramp.cli.output import user_flag
        from nightcramp.store.triage.history import reminder_title

        self.id = entry.id
        self.at = entry.at
        self.disposition = entry.disposition.value
        self.title = reminder_title(entry.at, entry.label)
        self.advice = entry.advice
        self.elsewhere = elsewhere  # "If the cramp is in that leg, do not do the steps ..."
        self.resolve = f"nightcramp triage resolve {entry.id}{user_flag(user_name)}"

    def to_json(self) -> dict[str, object]:
        """The `open_result` of `nightcramp now --json`."""
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "disposition": self.disposition,
            "title": self.title,
            "advice": self.advice,
            "steps_elsewhere": self.elsewhere or None,
        }

    def text(self) -> str:
        """Plain lines for the terminal."""
        elsewhere = f"  {self.elsewhere}\n" if self.elsewhere else ""
        return (
            f"{self.title}\n  {self.advice}\n{elsewhere}  When you have been seen: {self.resolve}\n"
        )


class Unchosen:
    """No open result could be looked for: `user_name` names no one, or several people have
    accounts and none was named. Said in one line, so that a hidden warning is not silent."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def to_json(self) -> None:
        """Nothing to show in `open_result`."""
        return None

    def text(self) -> str:
        """One line for the terminal."""
        return f"Open symptom checks are not shown: {self.reason}.\n"


def find_open_result(user_name: str | None) -> OpenResult | Unchosen | None:
    """The person's leading result if it is urgent or emergency and not seen to (Django set
    up); None without one; `Unchosen` when `user_name` names no one (or is missing among
    several accounts)."""
    from django.utils import timezone

    from nightcramp.core.errors import InputError
    from nightcramp.store.account.people import existing_cli_user
    from nightcramp.store.triage.history import open_leading_result, steps_elsewhere

    try:
        person = existing_cli_user(user_name)
    except InputError as error:
        return Unchosen(error.reason)
    if person is None:
        return None
    leading = open_leading_result(person, now=timezone.now())
    return None if leading is None else OpenResult(leading, user_name, steps_elsewhere(leading))


def open_result(config: Config, user_name: str | None) -> OpenResult | Unchosen | None:
    """`find_open_result` on the embedded SQLite database, if it already exists, opened read
    only; None for any other database (a server that does not answer must not hold up the
    steps) and whenever the look fails: the guide goes on without it."""
    if config.database_url is not None or not config.sqlite_path.is_file():
        return None
    try:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nightcramp.web.settings")
        import django

        django.setup()
        from django.db import connections

        # Read only, and no journal settings (the app's own connections set WAL mode): a look
        # changes nothing in the file, and waits at most a second for a writer's lock.
        database = connections["default"].settings_dict
        database["NAME"] = f"{config.sqlite_path.resolve().as_uri()}?mode=ro"
        database["OPTIONS"] = {"timeout": 1}
        return find_open_result(user_name)
    except Exception:  # an old or damaged database, a locked file: the steps matter more
        return None


class Lookup:
    """`open_result` in a thread of its own, started once step 1 is on screen: the steps go on
    while Django starts, and a look that takes too long is given up."""

    def __init__(self, config: Config, user_name: str | None) -> None:
        import threading

        self._found: list[OpenResult | Unchosen | None] = [None]
        self._thread = threading.Thread(target=self._run, args=(config, user_name), daemon=True)
        self._thread.start()

    def _run(self, config: Config, user_name: str | None) -> None:
        self._found[0] = open_result(config, user_name)

    def wait(self, seconds: float = WAIT_SECONDS) -> OpenResult | Unchosen | None:
        """The open result, if the look finished within `seconds`; None otherwise."""
        self._thread.join(seconds)
        return None if self._thread.is_alive() else self._found[0]
