"""`nightcramp log`: record a cramp from the terminal (registered by `nightcramp.cli.diary`)."""

from __future__ import annotations

import typer

from nightcramp.cli.diary import (
    bad,
    checked,
    episode_document,
    local_tz,
    now,
    parse,
    refused,
    user_named,
)
from nightcramp.cli.output import EXIT_USAGE, print_json
from nightcramp.core.diary import Episode, FactorValue, Muscle, Relief, Side

__all__ = ["log"]

_RELIEF_IDS = ", ".join(r.value for r in Relief)
_MUSCLE_IDS = ", ".join(m.value for m in Muscle)
_SIDE_IDS = ", ".join(s.value for s in Side)


def _episode_words(episode: Episode) -> str:
    where = episode.muscle.value.replace("_", " ")
    side = "" if episode.side is None else f", {episode.side.value}"
    pain = "" if episode.severity is None else f", pain {episode.severity}/10"
    return (
        f"{where}{side}{pain} at {episode.started_at:%Y-%m-%d %H:%M} "
        f"(night of {episode.night:%a %d %b %Y})"
    )


def _as_float(value: FactorValue | None) -> float | None:
    return None if value is None else float(value)


def _as_int(value: FactorValue | None) -> int | None:
    return None if value is None else int(value)


def log(
    started_at: str | None = typer.Option(
        None,
        "--started-at",
        "--at",
        metavar="DATETIME",
        help="When it started, e.g. 2026-11-21T03:10. Default: now.",
    ),
    muscle: str = typer.Option(
        Muscle.CALF.value, metavar="MUSCLE", help=f"Which muscle: {_MUSCLE_IDS}."
    ),
    side: str | None = typer.Option(None, metavar="SIDE", help=f"Which leg: {_SIDE_IDS}."),
    duration_min: str | None = typer.Option(
        None,
        "--duration-min",
        "--duration",
        metavar="MINUTES",
        help="How long it lasted (minutes, more than 0).",
    ),
    severity: str | None = typer.Option(None, metavar="0-10", help="Pain: 0 none, 10 worst."),
    relief: list[str] = typer.Option(
        [],
        "--relief",
        metavar="ID",
        help=f"What you tried (repeat, or separate with ;): {_RELIEF_IDS}.",
    ),
    relief_worked: str | None = typer.Option(
        None, metavar="ID", help="What ended it (one relief id)."
    ),
    woke_from_sleep: bool | None = typer.Option(
        None,
        "--woke-from-sleep/--not-woke-from-sleep",
        help="Did it wake you? Default: not recorded.",
    ),
    notes: str = typer.Option("", help="Anything else, stored exactly."),
    user: str | None = typer.Option(None, "--user", metavar="NAME", help="Whose diary."),
    as_json: bool = typer.Option(False, "--json", help="Print the saved cramp as JSON."),
) -> None:
    """Record a cramp. Only the time is needed (default now); the muscle defaults to calf."""
    from nightcramp.cli.setup import setup_django
    from nightcramp.core.diary_rules import (
        parse_muscle,
        parse_relief,
        parse_relief_list,
        parse_side,
        parse_started_at,
    )

    setup_django()
    from nightcramp.core.errors import InputError
    from nightcramp.store.diary.convert import episode_to_core
    from nightcramp.store.diary.episodes import CONFLICT, EpisodeConflict, log_episode

    when = parse("started_at", started_at, lambda t: parse_started_at(t, local_tz()))
    tried = parse("relief", ";".join(relief), parse_relief_list) if relief else ()
    episode = Episode(
        started_at=now() if when is None else when,
        muscle=parse("muscle", muscle, parse_muscle, EXIT_USAGE),
        side=parse("side", side, parse_side, EXIT_USAGE),
        duration_min=_as_float(checked("duration_min", duration_min)),
        severity=_as_int(checked("severity", severity)),
        relief=tried,
        relief_worked=parse("relief_worked", relief_worked, parse_relief),
        woke_from_sleep=woke_from_sleep,
        notes=notes,
    )
    owner = user_named(user)
    try:
        row = log_episode(owner, episode)
    except InputError as error:
        refused(error)
    except EpisodeConflict:
        bad("started_at", CONFLICT)
    saved = episode_to_core(row)
    if as_json:
        print_json(episode_document(saved, row.pk))
    else:
        typer.echo(f"Logged a cramp: {_episode_words(saved)}.")
