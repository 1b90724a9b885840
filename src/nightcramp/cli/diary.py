"""`nightcramp log`, `nightcramp night` and `nightcramp history`: the diary from the terminal.

Values are checked with the same rules as the web form, the API and import
(`nightcramp.core.diary_rules`); a bad value exits 1 naming the field and stores nothing.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from nightcramp.cli.output import EXIT_PROBLEM, EXIT_USAGE, fail, print_json
from nightcramp.core.diary import (
    STANDARD_FACTORS,
    Episode,
    FactorKind,
    FactorValue,
    Muscle,
    Night,
    Relief,
    Side,
    night_of,
)
from nightcramp.core.diary_rules import FIELD_RULES

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = ["episode_document", "register"]

_DEFAULT_HISTORY_NIGHTS = 14
_EARLIEST_YEAR = 1900
_MAX_HISTORY_NIGHTS = 3660
_RELIEF_IDS = ", ".join(r.value for r in Relief)


def _bad(field: str, reason: str) -> NoReturn:
    fail(f"nightcramp: {field}: {reason}", EXIT_PROBLEM)


def _user(name: str | None) -> User:
    from nightcramp.core.errors import InputError
    from nightcramp.store.account.people import resolve_cli_user

    try:
        return resolve_cli_user(name)
    except InputError as error:
        fail(f"nightcramp: {error.reason}", EXIT_USAGE)


def _local_tz() -> dt.tzinfo:
    from django.utils import timezone

    return timezone.get_default_timezone()


def _now() -> dt.datetime:
    return dt.datetime.now(_local_tz()).replace(microsecond=0)


def _checked(field: str, text: str | None) -> FactorValue | None:
    from nightcramp.core.diary_rules import parse_field_text

    if text is None:
        return None
    try:
        return parse_field_text(field, text)
    except ValueError as error:
        _bad(field, str(error))


def _parse(field: str, text: str | None, parse: Callable[[str], Any]) -> Any:
    if text is None:
        return None
    try:
        return parse(text)
    except ValueError as error:
        _bad(field, str(error))


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


def _episode_words(episode: Episode) -> str:
    where = episode.muscle.value.replace("_", " ")
    side = "" if episode.side is None else f", {episode.side.value}"
    pain = "" if episode.severity is None else f", pain {episode.severity}/10"
    return (
        f"{where}{side}{pain} at {episode.started_at:%Y-%m-%d %H:%M} "
        f"(night of {episode.night:%a %d %b %Y})"
    )


def log(
    started_at: str | None = typer.Option(
        None,
        "--started-at",
        "--at",
        metavar="DATETIME",
        help="When it started, e.g. 2026-11-21T03:10. Default: now.",
    ),
    muscle: Muscle = typer.Option(Muscle.CALF, help="Which muscle."),
    side: Side | None = typer.Option(None, help="Which leg."),
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
    from nightcramp.core.diary_rules import parse_relief, parse_relief_list, parse_started_at

    setup_django()
    from django.db import IntegrityError

    from nightcramp.core.errors import InputError
    from nightcramp.store.diary.convert import episode_to_core, save_episode

    when = _parse("started_at", started_at, lambda t: parse_started_at(t, _local_tz()))
    when = _now() if when is None else when
    if when > _now() + dt.timedelta(minutes=10):
        _bad("started_at", f"{started_at!r} is in the future")
    if when.year < _EARLIEST_YEAR:
        _bad(
            "started_at",
            f"{started_at!r} is too long ago (the year must be {_EARLIEST_YEAR} or later)",
        )
    tried = _parse("relief", ";".join(relief), parse_relief_list) if relief else ()
    episode = Episode(
        started_at=when,
        muscle=muscle,
        side=side,
        duration_min=_as_float(_checked("duration_min", duration_min)),
        severity=_as_int(_checked("severity", severity)),
        relief=tried,
        relief_worked=_parse("relief_worked", relief_worked, parse_relief),
        woke_from_sleep=woke_from_sleep,
        notes=notes,
    )
    owner = _user(user)
    try:
        row = save_episode(owner, episode)
    except InputError as error:
        _bad(error.field or "episode", error.reason)
    except IntegrityError:
        _bad(
            "started_at",
            f"a {episode.muscle.value} cramp"
            + ("" if episode.side is None else f" on the {episode.side.value} side")
            + f" at {when:%Y-%m-%d %H:%M} is already logged; nothing was changed",
        )
    saved = episode_to_core(row)
    if as_json:
        print_json(episode_document(saved, row.pk))
    else:
        typer.echo(f"Logged a cramp: {_episode_words(saved)}.")


def _not_too_early(field: str, date: dt.date) -> None:
    if date.year < _EARLIEST_YEAR:
        _bad(
            field,
            f"{date.isoformat()} is too long ago (the year must be {_EARLIEST_YEAR} or later)",
        )


def _as_float(value: FactorValue | None) -> float | None:
    return None if value is None else float(value)


def _as_int(value: FactorValue | None) -> int | None:
    return None if value is None else int(value)


def _factor_option(name: str, kind: FactorKind) -> inspect.Parameter:
    flag = "--" + name.replace("_", "-")
    if kind is FactorKind.BOOL:
        option = typer.Option(None, f"{flag}/--no-{flag[2:]}", help=f"{name}: yes or no.")
        annotation: object = bool | None
    else:
        rule = FIELD_RULES[name].describe()
        option = typer.Option(None, flag, metavar="N", help=f"{name}: {rule}.")
        annotation = str | None
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=annotation
    )


def _custom_values(pairs: Sequence[str], kinds: Mapping[str, FactorKind]) -> dict[str, FactorValue]:
    from nightcramp.core.diary_rules import check_factor_name, parse_custom_text

    found: dict[str, FactorValue] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or not text.strip():
            _bad("factor", f"write --factor NAME=VALUE, not {pair!r}")
        name = _parse("factor", name.strip(), check_factor_name)
        value = _parse(name, text, parse_custom_text)
        kind = kinds.get(name)
        if kind is FactorKind.BOOL and not isinstance(value, bool):
            _bad(name, f"is a yes/no factor; give true or false, not {text!r}")
        if kind is not None and kind is not FactorKind.BOOL and isinstance(value, bool):
            _bad(name, f"is a number factor; give a number, not {text!r}")
        found[name] = value
    return found


def _night(**options: Any) -> None:
    """Record the day's factors for a night (default: tonight, or last night before noon).

    Answers you do not give keep what is stored; --unset NAME forgets one.
    """
    from nightcramp.cli.setup import setup_django
    from nightcramp.core.diary_rules import parse_date
    from nightcramp.core.errors import InputError

    setup_django()
    from nightcramp.store.diary import models
    from nightcramp.store.diary.convert import night_to_core, save_night

    date = _parse("date", options["date"], parse_date) or night_of(_now())
    if date > _now().date() + dt.timedelta(days=1):
        _bad("date", f"{date.isoformat()} is in the future")
    _not_too_early("date", date)
    given: dict[str, FactorValue] = {}
    for name, kind in STANDARD_FACTORS.items():
        raw = options[name]
        if raw is None:
            continue
        given[name] = raw if kind is FactorKind.BOOL else _checked(name, raw)  # type: ignore[assignment]  # not None here
    owner = _user(options["user"])
    kinds = {f.name: FactorKind(f.kind) for f in models.CustomFactor.objects.filter(user=owner)}
    given.update(_custom_values(options["factor"], kinds))
    for name in options["unset"]:
        if name in given:
            _bad(name, "is both given and unset; choose one")
    row = models.Night.objects.filter(user=owner, date=date).first()
    factors = {} if row is None else dict(night_to_core(row).factors)
    factors.update(given)
    for name in options["unset"]:
        factors.pop(name, None)
    try:
        saved = night_to_core(save_night(owner, Night(date=date, factors=factors)))
    except InputError as error:
        _bad(error.field or "night", error.reason)
    if options["as_json"]:
        print_json({"date": saved.date.isoformat(), "factors": dict(saved.factors)})
        return
    typer.echo(f"Saved the night of {saved.date:%a %d %b %Y} ({len(saved.factors)} answers).")


def _night_command() -> Callable[..., None]:
    params = [
        inspect.Parameter(
            "date",
            inspect.Parameter.KEYWORD_ONLY,
            default=typer.Option(
                None, metavar="YYYY-MM-DD", help="The evening's date. Default: the current night."
            ),
            annotation=str | None,
        ),
        *(_factor_option(name, kind) for name, kind in STANDARD_FACTORS.items()),
        inspect.Parameter(
            "factor",
            inspect.Parameter.KEYWORD_ONLY,
            default=typer.Option(
                [], "--factor", metavar="NAME=VALUE", help="A custom factor (number or true/false)."
            ),
            annotation=list[str],
        ),
        inspect.Parameter(
            "unset",
            inspect.Parameter.KEYWORD_ONLY,
            default=typer.Option([], "--unset", metavar="NAME", help="Forget a stored answer."),
            annotation=list[str],
        ),
        inspect.Parameter(
            "user",
            inspect.Parameter.KEYWORD_ONLY,
            default=typer.Option(None, "--user", metavar="NAME", help="Whose diary."),
            annotation=str | None,
        ),
        inspect.Parameter(
            "as_json",
            inspect.Parameter.KEYWORD_ONLY,
            default=typer.Option(False, "--json", help="Print the saved night as JSON."),
            annotation=bool,
        ),
    ]

    def night(**options: Any) -> None:
        _night(**options)

    night.__doc__ = _night.__doc__
    night.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]  # read by Typer
    night.__annotations__ = {p.name: p.annotation for p in params}
    return night


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
    from nightcramp.store.diary import models
    from nightcramp.store.diary.convert import episode_to_core, night_to_core

    last = _parse("until", until, parse_date) or night_of(_now())
    _not_too_early("until", last)
    first = _parse("since", since, parse_date) or max(
        last - dt.timedelta(days=_DEFAULT_HISTORY_NIGHTS - 1), dt.date(_EARLIEST_YEAR, 1, 1)
    )
    _not_too_early("since", first)
    if first > last:
        fail("nightcramp: since: the first night is after the last one", EXIT_USAGE)
    if (last - first).days >= _MAX_HISTORY_NIGHTS:
        fail(
            f"nightcramp: since: show at most {_MAX_HISTORY_NIGHTS} nights at once "
            "(use nightcramp export for the whole diary)",
            EXIT_USAGE,
        )
    owner = _user(user)
    nights = {
        r.date: night_to_core(r)
        for r in models.Night.objects.filter(user=owner, date__range=(first, last))
    }
    episodes: dict[dt.date, list[tuple[int, Episode]]] = {}
    rows = models.Episode.objects.filter(user=owner, night__range=(first, last)).order_by(
        "started_at", "id"
    )
    for row in rows:
        episodes.setdefault(row.night, []).append((row.pk, episode_to_core(row)))
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    if as_json:
        print_json(
            {
                "since": first.isoformat(),
                "until": last.isoformat(),
                "nights": [_night_document(d, nights.get(d), episodes.get(d, [])) for d in days],
            }
        )
        return
    _print_table(days, nights, episodes)


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


def register(app: typer.Typer) -> None:
    app.command("log")(log)
    app.command("night")(_night_command())
    app.command("history")(history)
