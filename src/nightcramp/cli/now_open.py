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

__all__ = ["OpenResult", "find_open_result", "open_result"]


class OpenResult:
    """What `now` shows of an open result: its title ("Your symptom check on 3 Dec 2026: See
    a doctor today"), its own advice, and the command that says it was seen to."""

    __slots__ = ("advice", "at", "disposition", "id", "resolve", "title")

    def __init__(self, entry: TriageEntry, user_name: str | None) -> None:
        from django.utils import timezone

        from nightcramp.cli.output import user_flag
        from nightcramp.core.diary import date_text
        from nightcramp.core.triage.history_wording import load_history_wording

        day = date_text(timezone.localtime(entry.at).date())
        self.id = entry.id
        self.at = entry.at
        self.disposition = entry.disposition.value
        self.title = load_history_wording().reminder.title.format(date=day, label=entry.label)
        self.advice = entry.advice
        self.resolve = f"nightcramp triage resolve {entry.id}{user_flag(user_name)}"

    def to_json(self) -> dict[str, object]:
        """The `open_result` of `nightcramp now --json`."""
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "disposition": self.disposition,
            "title": self.title,
            "advice": self.advice,
        }

    def text(self) -> str:
        """Plain lines for the terminal."""
        return f"{self.title}\n  {self.advice}\n  When you have been seen: {self.resolve}\n"


def find_open_result(user_name: str | None) -> OpenResult | None:
    """The person's leading result if it is urgent or emergency and not seen to (Django set
    up); None without one, or when `user_name` names no one (or is missing among several)."""
    from django.utils import timezone

    from nightcramp.store.account.people import existing_cli_user
    from nightcramp.store.triage.history import leading_result

    person = existing_cli_user(user_name)
    if person is None:
        return None
    leading = leading_result(person, now=timezone.now())
    if leading is None or not leading.open:
        return None
    return OpenResult(leading, user_name)


def open_result(config: Config, user_name: str | None) -> OpenResult | None:
    """`find_open_result` on the embedded SQLite database, if it already exists; None for any
    other database (a server that does not answer must not hold up the steps) and whenever the
    look fails: the guide goes on without it."""
    if config.database_url is not None or not config.sqlite_path.is_file():
        return None
    try:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nightcramp.web.settings")
        import django

        django.setup()
        return find_open_result(user_name)
    except Exception:  # an old or damaged database, a locked file: the steps matter more
        return None
