"""`nightcramp night`: record the day's factors for a night (registered by `cli.diary`).

One flag per standard factor, built from `STANDARD_FACTORS`; saved with `SaveMode.MERGE`, so
answers not given keep what is stored and `--unset NAME` forgets one.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import typer

from nightcramp.cli.diary import bad, checked, now, parse, refused, user_named
from nightcramp.cli.output import EXIT_USAGE, print_json
from nightcramp.core.diary import STANDARD_FACTORS, FactorKind, FactorValue, night_of
from nightcramp.core.diary_rules import FIELD_RULES

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = ["night_command"]


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
            bad("factor", f"write --factor NAME=VALUE, not {pair!r}")
        name = parse("factor", name.strip(), check_factor_name)
        value = parse(name, text, parse_custom_text)
        kind = kinds.get(name)
        if kind is FactorKind.BOOL and not isinstance(value, bool):
            bad(name, f"is a yes/no factor; give true or false, not {text!r}")
        if kind is not None and kind is not FactorKind.BOOL and isinstance(value, bool):
            bad(name, f"is a number factor; give a number, not {text!r}")
        found[name] = value
    return found


def _stored(owner: User, date: dt.date) -> list[str]:
    """The names answered on `owner`'s stored night of `date` (none when it is not logged)."""
    from nightcramp.store.diary.nights import find_night

    night = find_night(owner, date)
    return [] if night is None else list(night.factors)


def _known_names(names: Sequence[str], known: Sequence[str]) -> list[str]:
    """Return the `--unset` names; exit 2 naming one that is not a factor (a slip of the pen
    would otherwise forget nothing and still log the night)."""
    for name in names:
        if name not in known:
            listed = ", ".join(dict.fromkeys(known))
            bad(
                "unset",
                f"{name!r} is not one of your factors; give one of {listed} "
                "(see nightcramp night --help)",
                EXIT_USAGE,
            )
    return list(names)


def _night(**options: Any) -> None:
    """Record the day's factors for a night (default: tonight, or last night before noon).

    Answers you do not give keep what is stored; --unset NAME forgets one.
    """
    from nightcramp.cli.setup import setup_django
    from nightcramp.core.diary_rules import parse_date
    from nightcramp.core.errors import InputError

    setup_django()
    from nightcramp.store.diary.factors import custom_factor_kinds
    from nightcramp.store.diary.nights import SaveMode, save_night

    date = parse("date", options["date"], parse_date) or night_of(now())
    given: dict[str, FactorValue | None] = {}
    for name, kind in STANDARD_FACTORS.items():
        raw = options[name]
        if raw is not None:
            given[name] = raw if kind is FactorKind.BOOL else checked(name, raw)
    owner = user_named(options["user"])
    kinds = custom_factor_kinds(owner)
    given.update(_custom_values(options["factor"], kinds))
    unset = _known_names(options["unset"], [*STANDARD_FACTORS, *kinds, *_stored(owner, date)])
    try:
        saved = save_night(owner, date, given, mode=SaveMode.MERGE, unset=unset)
    except InputError as error:
        refused(error)
    if options["as_json"]:
        print_json({"date": saved.date.isoformat(), "factors": dict(saved.factors)})
        return
    typer.echo(f"Saved the night of {saved.date:%a %d %b %Y} ({len(saved.factors)} answers).")


def night_command() -> Callable[..., None]:
    """The `night` command: `_night` with one option per standard factor."""
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
