"""`nightcramp history`: your nights and cramps, unlogged nights shown as such.

Registered by `nightcramp.cli.diary`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import typer

from nightcramp.cli.diary import episode_document, now, parse, user_named
from nightcramp.cli.output import EXIT_USAGE, fail, print_json
from nightcramp.core.diary import Episode, Night, night_of
from nightcramp.core.diary_rules import EARLIEST_DATE

__all__ = ["history"]

_DEFAULT_HISTORY_NIGHTS = 14
_MAX_HISTORY_NIGHTS = 3660


def history(
    since: str | None = typer.Option(None, metavar="YYYY-MM-DD", help="First night to show."),
    until: str | None = typer.Option(
        None, metavar="YYYY-MM-DD", help="Last night to show. Default: the current night."
    ),
    user: str | None = typer.Option(None, "--user", metavar="NAME", help="Whose diary."),
    as_json: bool = typer.Option(False, "--json", help="Print the nights as JSON."),
) -> None:
    """Show your nights and cramps (default: the last 14 nights). Unlogged nights show as such."""
    from nightcramp.cli.setup import setup_django
    from nightcramp.core.diary_rules import parse_date

    setup_django()
    from nightcramp.store.diary.listing import episodes_between, nights_between
    from nightcramp.store.diary.summary import diary_summary

    last = parse("until", until, parse_date) or night_of(now())
    first = parse("since", since, parse_date) or max(
        last - dt.timedelta(days=_DEFAULT_HISTORY_NIGHTS - 1), EARLIEST_DATE
    )
    if first > last:
        fail("nightcramp: since: the first night is after the last one", EXIT_USAGE)
    if (last - first).days >= _MAX_HISTORY_NIGHTS:
        fail(
            f"nightcramp: since: show at most {_MAX_HISTORY_NIGHTS} nights at once "
            "(use nightcramp export for the whole diary)",
            EXIT_USAGE,
        )
    owner = user_named(user)
    nights = nights_between(owner, first, last)
    episodes = episodes_between(owner, first, last)
    summary = diary_summary(owner, since=first, until=last)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    if as_json:
        print_json(
            {
                "since": first.isoformat(),
                "until": last.isoformat(),
                "summary": summary.as_dict(),
                "nights": [_night_document(d, nights.get(d), episodes.get(d, [])) for d in days],
            }
        )
        return
    _print_table(days, nights, episodes)
    typer.echo(summary.sentence())


def _night_document(
    date: dt.date, night: Night | None, episodes: list[tuple[int, Episode]]
) -> dict[str, object]:
    return {
        "date": date.isoformat(),
        "logged": night is not None,
        "state": _state(night, episodes),
        "factors": {} if night is None else dict(night.factors),
        "episodes": [episode_document(e, pk) for pk, e in episodes],
    }


def _state(night: Night | None, episodes: Sequence[object]) -> str:
    if episodes:
        return "cramps"
    return "no_cramps" if night is not None else "not_logged"


def _print_table(
    days: list[dt.date],
    nights: Mapping[dt.date, Night],
    episodes: Mapping[dt.date, list[tuple[int, Episode]]],
) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Your nights", title_justify="left")
    table.add_column("Night")
    table.add_column("Cramps", justify="right")
    table.add_column("Worst pain", justify="right")
    table.add_column("Where")
    table.add_column("Check-in")
    for day in reversed(days):
        found = [e for _, e in episodes.get(day, [])]
        night = nights.get(day)
        pains = [e.severity for e in found if e.severity is not None]
        if found:
            count = str(len(found))
        elif night is not None:
            count = "0"
        else:
            count = "–"
        table.add_row(
            f"{day:%a %d %b}",
            count,
            str(max(pains)) if pains else "",
            ", ".join(sorted({e.muscle.value.replace("_", " ") for e in found})),
            "not logged" if night is None else f"{len(night.factors)} answers",
        )
    Console().print(table)
    typer.echo("– means the night was not logged: unknown, not cramp-free.")
