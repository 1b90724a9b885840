"""`nightcramp triage`: red-flag triage of an answers file or of questions asked in the terminal,
saved in the person's triage history; `triage history` lists it, `triage resolve ID` marks a
result seen to."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    import datetime as dt

    from django.contrib.auth.models import User

    from nightcramp.core.triage import Assessment
    from nightcramp.store.triage.history import TriageEntry

__all__ = ["register"]

_STYLE = {
    "emergency": "bold white on red",
    "urgent": "bold black on dark_orange",
    "soon": "bold black on yellow",
    "routine": "bold black on cyan",
    "self_care": "bold black on green",
}
_USER_HELP = "Whose triage history (default: the only account, or the local user)."


def _person(name: str | None) -> User:
    """Open (and on first use create) the database and return whose history it is."""
    from nightcramp.cli.diary import user_named
    from nightcramp.cli.setup import setup_django

    setup_django()
    return user_named(name)


def _now() -> dt.datetime:
    from django.utils import timezone

    return timezone.now()


def _day(entry: TriageEntry) -> str:
    from django.utils import timezone

    from nightcramp.core.diary import date_text

    return date_text(timezone.localtime(entry.at).date())


def triage(
    ctx: typer.Context,
    answers: Path | None = typer.Option(
        None, "--answers", help="JSON answers file (keys from the triage vocabulary)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
    no_save: bool = typer.Option(
        False, "--no-save", help="Do not save the result in your triage history."
    ),
    user: str | None = typer.Option(None, "--user", metavar="NAME", help=_USER_HELP),
) -> None:
    """Should you see a doctor? Red-flag triage of your answers.

    Without --answers, asks the questions in the terminal. The result is saved in your triage
    history (see `nightcramp triage history`) unless you give --no-save.
    """
    if ctx.invoked_subcommand is not None:
        return
    from nightcramp.cli.output import EXIT_USAGE, fail, print_json, warn

    person = None
    if answers is None:
        if not sys.stdin.isatty():
            fail(
                "Give an answers file with --answers FILE, or run `nightcramp triage` in a "
                "terminal to answer the questions.",
                EXIT_USAGE,
            )
        person = None if no_save else _person(user)
        from nightcramp.cli.triage_ask import ask_in_terminal

        raw: object = ask_in_terminal(on_stop=lambda so_far: _stopped(so_far, person, user))
        name = None
    else:
        raw = _read_answers(answers)
        name = str(answers)
    from nightcramp.core.errors import InputError
    from nightcramp.core.triage import assess, validate_answers

    try:
        clean, warnings = validate_answers(raw, file=name)
    except InputError as error:
        fail(str(error))
    for message in warnings:
        warn(f"warning: {message}")
    from nightcramp.cli.setup import cli_config

    result = assess(clean, services=cli_config().services)
    saved = None
    if not no_save:
        person = person or _person(user)
        from nightcramp.store.triage.history import Source, entry_of, save_assessment

        saved = entry_of(save_assessment(person, clean, source=Source.TERMINAL))
    if as_json:
        print_json(result.to_json())
        return
    _print_result(result, from_file=name is not None)
    if person is not None and saved is not None:
        _after_saving(person, saved, user)


def _stopped(answers: dict[str, object], person: User | None, user: str | None) -> None:
    """Ctrl-C after a red-flag answer: print the result of the answers so far, and save it
    (an urgent result must be remembered even when the questions were not finished)."""
    from nightcramp.cli.setup import cli_config
    from nightcramp.core.triage import assess

    _print_result(assess(answers, services=cli_config().services), from_file=False)
    if person is not None:
        from nightcramp.store.triage.history import Source, entry_of, save_assessment

        _after_saving(
            person, entry_of(save_assessment(person, answers, source=Source.TERMINAL)), user
        )


def _after_saving(person: User, saved: TriageEntry, user: str | None) -> None:
    """Say where the result went, and which earlier open result still leads, if one does."""
    from nightcramp.cli.output import warn
    from nightcramp.core.triage.history_wording import load_history_wording
    from nightcramp.store.triage.history import open_leading_result

    words = load_history_wording()
    warn(words.history.saved.format(id=saved.id))
    leading = open_leading_result(person, now=_now())
    if leading is not None and leading.id != saved.id:
        _print_reminder(leading, user)


def _print_reminder(entry: TriageEntry, user: str | None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.panel import Panel

    from nightcramp.cli.output import user_flag
    from nightcramp.core.triage.history_wording import load_history_wording
    from nightcramp.store.triage.history import reminder_title

    words = load_history_wording().reminder
    title = reminder_title(entry.at, entry.label)
    body = f"{escape(entry.headline)}\n{escape(words.still_open)}\n"
    body += escape(f"nightcramp triage resolve {entry.id}{user_flag(user)}")
    Console(highlight=False).print(
        Panel(body, title=escape(title), style=_STYLE[entry.disposition.value])
    )


def history(
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
    user: str | None = typer.Option(None, "--user", metavar="NAME", help=_USER_HELP),
) -> None:
    """List your saved triage results, newest first, and whether each was seen to.

    An urgent or emergency result stays open until you say it was seen to
    (`nightcramp triage resolve ID`).
    """
    from nightcramp.cli.output import print_json

    person = _person(user)
    from nightcramp.store.triage.history import triage_history

    entries = triage_history(person)
    if as_json:
        print_json([e.to_json() for e in entries])
        return
    _print_history(entries)


def _print_history(entries: list[TriageEntry]) -> None:
    from django.utils import timezone
    from rich.console import Console
    from rich.table import Table

    from nightcramp.core.triage.history_wording import load_history_wording

    words = load_history_wording().history
    console = Console(highlight=False)
    if not entries:
        console.print(words.empty)
        return
    table = Table(title=words.title)
    for column in ("id", "date", "result", "seen to"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        if entry.resolved_at is not None:
            state = words.seen.format(date=timezone.localtime(entry.resolved_at).date())
        else:
            state = words.open if entry.open else words.no_need
        at = timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M")
        label = entry.label
        table.add_row(str(entry.id), at, label, state, style="bold" if entry.open else "")
    console.print(table)


def resolve(
    result_id: int = typer.Argument(..., metavar="ID", help="The result's id (see history)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
    user: str | None = typer.Option(None, "--user", metavar="NAME", help=_USER_HELP),
) -> None:
    """Say that you have been seen about a result, so it no longer leads your plan."""
    from nightcramp.cli.output import fail, print_json
    from nightcramp.core.triage.history_wording import load_history_wording

    person = _person(user)
    from nightcramp.store.triage.history import resolve_result

    entry = resolve_result(person, result_id, now=_now())
    if entry is None:
        fail(f"nightcramp: there is no saved triage result with id {result_id}")
    if as_json:
        print_json(entry.to_json())
        return
    typer.echo(load_history_wording().reminder.seen_done.format(date=_day(entry)))


def _read_answers(path: Path) -> object:
    from nightcramp.cli.output import fail
    from nightcramp.core.errors import InputError

    # The contract: an answers file that cannot be used exits 1, naming it (missing ones too).
    from nightcramp.core.interop.small_file import read_small_bytes
    from nightcramp.core.interop.strict_json import decode_json

    try:
        text = read_small_bytes(path).decode("utf-8-sig")  # a BOM (Windows editors) is fine
    except FileNotFoundError:
        fail(f"{path}: file not found")
    except IsADirectoryError:
        fail(f"{path}: is a folder, not an answers file")
    except UnicodeDecodeError:
        fail(f"{path}: is not UTF-8 text: save the answers file as UTF-8")
    except OSError as error:
        fail(f"{path}: cannot read the file: {error.strerror}")
    try:
        # A key given twice is refused: dropping one of the two could drop a "yes".
        return decode_json(text, str(path), what="triage answers file")
    except InputError as error:
        fail(error.location_text())


def _print_result(result: Assessment, *, from_file: bool) -> None:
    from rich.console import Console
    from rich.panel import Panel

    from nightcramp.core.triage import tone_of

    console = Console(highlight=False)
    console.print(
        Panel(
            result.headline,
            title=result.label.upper(),
            style=_STYLE[tone_of(result.disposition, result.label).value],
        )
    )
    from nightcramp.core.triage import split_reasons

    split = split_reasons(result.reasons)
    console.print("[bold]Why[/bold]")
    for reason in split.why:
        console.print(f"• {reason}")
    if split.not_ruled_out:
        # The questions alone; a reason whose question could not be read is shown whole.
        shown = split.questions or split.not_ruled_out
        are = (
            "question that could change this result is"
            if len(shown) == 1
            else "questions that could change this result are"
        )
        then = (
            "Add the answers to your file and check again:"
            if from_file
            else "Run `nightcramp triage` again to answer them:"
        )
        console.print(f"[bold]{len(shown)} {are} not answered yet[/bold]. {then}")
        for question in shown:
            console.print(f"• {question}")
    if result.consider:
        from nightcramp.core.triage.condition_words import condition_words

        words = "; ".join(condition_words(result.consider))
        console.print(
            f"[bold]A doctor may check for[/bold] (possibilities, not a diagnosis): {words}"
        )
    console.print("[bold]What to do now[/bold]")
    console.print(result.advice)


def register(app: typer.Typer) -> None:
    """Add the `triage` command and its `history` and `resolve` subcommands."""
    group = typer.Typer(
        invoke_without_command=True,
        no_args_is_help=False,
        add_completion=False,
        rich_markup_mode=None,
    )
    group.callback()(triage)
    group.command("history")(history)
    group.command("resolve")(resolve)
    app.add_typer(group, name="triage")
