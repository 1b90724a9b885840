"""The diary from the terminal: `nightcramp log`, `night` and `history`, and what they share.

Each command lives in its own module (`cli.log`, `cli.night`, `cli.history`); this one
registers them, in that order, and holds what they share. Values are read with the same rules
as the web form, the API and import (`nightcramp.core.diary_rules`) and stored through the
store, which applies the diary's record rules: a bad value exits 1 naming the field and
stores nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from nightcramp.cli.output import EXIT_PROBLEM, EXIT_USAGE, fail, warn
from nightcramp.core.diary import Episode, FactorValue

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from nightcramp.core.errors import InputError

__all__ = [
    "bad",
    "checked",
    "episode_document",
    "local_tz",
    "now",
    "parse",
    "refused",
    "register",
    "user_named",
]


def bad(field: str, reason: str, code: int = EXIT_PROBLEM) -> NoReturn:
    """Say what is wrong with `field` on stderr and exit 1 (or `code`)."""
    fail(f"nightcramp: {field}: {reason}", code)


def refused(error: InputError) -> NoReturn:
    """Report every problem the store found, one line each naming its field, and exit 1."""
    from nightcramp.core.errors import InputErrors

    problems = error.errors if isinstance(error, InputErrors) else [error]
    for problem in problems[:-1]:
        warn(f"nightcramp: {problem.field or 'diary'}: {problem.reason}")
    last = problems[-1]
    bad(last.field or "diary", last.reason)


def user_named(name: str | None) -> User:
    """The account whose diary a command uses (exit 2 when it is unknown or ambiguous)."""
    from nightcramp.core.errors import InputError
    from nightcramp.store.account.people import resolve_cli_user

    try:
        return resolve_cli_user(name)
    except InputError as error:
        fail(f"nightcramp: {error.reason}", EXIT_USAGE)


def local_tz() -> dt.tzinfo:
    """The site's time zone (Django must be set up)."""
    from django.utils import timezone

    return timezone.get_default_timezone()


def now() -> dt.datetime:
    """The local time now, to the second."""
    return dt.datetime.now(local_tz()).replace(microsecond=0)


def checked(field: str, text: str | None) -> FactorValue | None:
    """Read `text` with the field rule `field` (None stays None); exit 1 when it breaks it."""
    from nightcramp.core.diary_rules import parse_field_text

    if text is None:
        return None
    try:
        return parse_field_text(field, text)
    except ValueError as error:
        bad(field, str(error))


def parse(
    field: str, text: str | None, read: Callable[[str], Any], code: int = EXIT_PROBLEM
) -> Any:
    """Read `text` with `read` (None stays None); exit 1 (or `code`) naming `field` on a
    ValueError. An option that is not one of its choices (a muscle, a side, a relief) is a
    usage error, exit 2, with the diary rule's own words."""
    if text is None:
        return None
    try:
        return read(text)
    except ValueError as error:
        bad(field, str(error), code)


def episode_document(episode: Episode, row_id: int | None = None) -> dict[str, object]:
    """The JSON form of a cramp: the episodes.csv fields with JSON types, plus id and night."""
    document: dict[str, object] = {} if row_id is None else {"id": row_id}
    document.update(
        started_at=episode.started_at.isoformat(),
        night=episode.night.isoformat(),
        muscle=episode.muscle.value,
        side=None if episode.side is None else episode.side.value,
        duration_min=episode.duration_min,
        severity=episode.severity,
        relief=[r.value for r in episode.relief],
        relief_worked=None if episode.relief_worked is None else episode.relief_worked.value,
        woke_from_sleep=episode.woke_from_sleep,
        notes=episode.notes,
    )
    return document


def register(app: typer.Typer) -> None:
    from nightcramp.cli.history import history
    from nightcramp.cli.log import log
    from nightcramp.cli.night import night_command

    app.command("log")(log)
    app.command("night")(night_command())
    app.command("history")(history)
