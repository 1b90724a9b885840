"""`nightcramp experiment start|status|followed|pause|resume|stop|result|list`: an experiment
kept with the stored diary, for the person `--user` names (default: the only account)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from nightcramp.core.errors import InputError
    from nightcramp.core.plan import Profile
    from nightcramp.store.experiments.models import Experiment

__all__ = ["register_stored", "stored_profile"]

_NAME = "nightcramp experiment"
_USER_HELP = "Whose experiment (default: the only account, or the local user)."
_ID_HELP = "Which experiment (default: the one going, else the latest)."
_STATUS_WORDS = {
    "running": "Running",
    "paused": "Paused",
    "stopped": "Stopped",
    "finished": "Finished",
}


def _count(number: int) -> str:
    return f"{number} experiment" + ("" if number == 1 else "s")


def _person(name: str | None) -> User:
    from nightcramp.cli.diary import user_named
    from nightcramp.cli.setup import setup_django

    setup_django()
    return user_named(name)


def _now() -> dt.datetime:
    from django.utils import timezone

    return timezone.now()


def stored_profile(user: str | None) -> Profile | None:
    """The stored profile of `user` when a database exists (None when there is none yet)."""
    from nightcramp.cli.setup import cli_config

    config = cli_config()
    if user is None and config.database_url is None and not config.sqlite_path.exists():
        return None
    person = _person(user)
    from django.utils import timezone

    from nightcramp.store.plan.inputs import stored_profile as profile_of

    return profile_of(person, today=timezone.localdate())


def _bad(command: str, error: InputError) -> NoReturn:
    """Exit 1 for a refusal, 2 for a bad option value, naming the option."""
    from nightcramp.cli.output import EXIT_USAGE, fail
    from nightcramp.store.experiments.lifecycle import Refused

    if isinstance(error, Refused):
        fail(f"{_NAME} {command}: {error.reason}")
    option = "--" + (error.field or "value").replace("_", "-")
    fail(f"{_NAME} {command}: {option}: {error.reason}", EXIT_USAGE)


def _chosen(person: User, experiment_id: int | None, command: str) -> Experiment:
    from nightcramp.cli.output import fail
    from nightcramp.store.experiments.lifecycle import (
        experiments_of,
        find_experiment,
        going_experiment,
    )

    if experiment_id is not None:
        row = find_experiment(person, experiment_id)
        if row is None:
            fail(f"{_NAME} {command}: --id: there is no experiment {experiment_id}")
        return row
    row = going_experiment(person) or experiments_of(person).first()
    if row is None:
        fail(
            f"{_NAME} {command}: there is no experiment yet. "
            "Start one with: nightcramp experiment start --change ID"
        )
    return row


def _print_status(status: dict[str, object]) -> None:
    from rich.console import Console
    from rich.markup import escape

    from nightcramp.cli.experiment import _VERDICT_WORDS

    console = Console(highlight=False)
    name = status["change_name"] or status["change"]
    state = _STATUS_WORDS[str(status["status"])]
    console.print(f"[bold]{escape(str(name))}[/bold] (experiment {status['id']}): {state}")
    if status["reason"]:
        console.print(escape(str(status["reason"])))
    tonight = status["tonight"]
    if isinstance(tonight, dict):
        console.print(f"[bold]{escape(str(tonight['words']))}[/bold]")
    console.print(f"Nights done: {status['nights_done']} of {status['nights_total']}.")
    look = status["next_look"]
    if isinstance(look, dict):
        console.print(
            f"Next look: after the night of {look['date']} ({look['nights_to_go']} nights to go)."
        )
    adherence = status["adherence"]
    if isinstance(adherence, dict):
        console.print(
            f"Nights followed: {adherence['followed']}; not followed: "
            f"{adherence['not_followed']}; not said: {adherence['unknown']}."
        )
    verdict = _VERDICT_WORDS[str(status["verdict"])]
    so_far = "" if status.get("final") else " so far"
    console.print(f"Result{so_far}: {verdict}. See: nightcramp experiment result")


def start(
    change_id: str = typer.Option(..., "--change", metavar="ID", help="The change to test."),
    start_text: str | None = typer.Option(
        None,
        "--start",
        metavar="YYYY-MM-DD",
        help="First night (default: tonight). A night already past only with --seed: the "
        "schedule you made earlier with `experiment plan`.",
    ),
    seed: int | None = typer.Option(
        None, "--seed", metavar="N", help="The same seed, the same plan."
    ),
    pairs: int | None = typer.Option(None, "--pairs", metavar="N", help="Pairs of periods (4-8)."),
    period_nights: int | None = typer.Option(None, "--period-nights", metavar="N"),
    doctor_agreed: bool = typer.Option(
        False, "--doctor-agreed", help="Your doctor agreed to this change."
    ),
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Start an experiment with your stored diary (one at a time)."""
    from nightcramp.cli.output import EXIT_USAGE, fail, print_json, warn
    from nightcramp.core.errors import InputError

    try:
        first = None if start_text is None else dt.date.fromisoformat(start_text)
    except ValueError:
        fail(
            f"{_NAME} start: --start must be a date like 2027-01-31, not {start_text!r}", EXIT_USAGE
        )
    person = _person(user)
    from django.utils import timezone

    from nightcramp.store.experiments.lifecycle import start_experiment
    from nightcramp.store.experiments.progress import experiment_outlook

    try:
        row = start_experiment(
            person,
            change_id,
            now=_now(),
            start=first,
            seed=seed,
            pairs=pairs,
            period_nights=period_nights,
            doctor_agreed=doctor_agreed,
        )
    except InputError as error:
        _bad("start", error)
    status = experiment_outlook(row, now=_now()).status_json()
    if first is not None and first < timezone.localtime(_now()).date():  # a night under way too
        warn(
            f"{_NAME} start: the first night, {first.isoformat()}, has passed. Nights lived "
            "before the plan was made were not lived by it: say for each of them whether it "
            "happened to match (nightcramp experiment followed DATE yes|no)."
        )
    if as_json:
        print_json(status)
        return
    _print_status(status)
    warn(f"Started experiment {row.pk}. Say each morning whether you kept to it:")
    warn("  nightcramp experiment followed YYYY-MM-DD yes|no")


def status(
    experiment_id: int | None = typer.Option(None, "--id", metavar="N", help=_ID_HELP),
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Tonight's arm, nights done, nights to the next look, adherence and the latest look."""
    from nightcramp.cli.output import print_json

    person = _person(user)
    from nightcramp.store.experiments.progress import experiment_outlook

    row = _chosen(person, experiment_id, "status")
    document = experiment_outlook(row, now=_now()).status_json()
    if as_json:
        print_json(document)
    else:
        _print_status(document)


def followed(
    night: str = typer.Argument(..., metavar="DATE", help="The night (YYYY-MM-DD)."),
    answer: str = typer.Argument(..., metavar="yes|no|unknown"),
    experiment_id: int | None = typer.Option(None, "--id", metavar="N", help=_ID_HELP),
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Say whether you kept to the night's arm (unknown forgets the answer)."""
    from nightcramp.cli.output import EXIT_USAGE, fail, print_json, warn
    from nightcramp.core.diary_rules import parse_bool
    from nightcramp.core.errors import InputError

    try:
        date = dt.date.fromisoformat(night)
    except ValueError:
        fail(f"{_NAME} followed: DATE must be a date like 2027-01-31, not {night!r}", EXIT_USAGE)
    try:
        value = None if answer.strip().lower() == "unknown" else parse_bool(answer)
    except ValueError:
        fail(f"{_NAME} followed: the answer must be yes, no or unknown, not {answer!r}", EXIT_USAGE)
    person = _person(user)
    from nightcramp.store.experiments.adherence import record_followed

    row = _chosen(person, experiment_id, "followed")
    try:
        stored = record_followed(row, date, value, now=_now())
    except InputError as error:
        fail(f"{_NAME} followed: DATE: {error.reason}", EXIT_USAGE)
    if as_json:
        print_json({"experiment": row.pk, "date": date.isoformat(), "followed": stored})
    else:
        said = {True: "followed", False: "not followed", None: "not said"}[stored]
        warn(f"Noted: the night of {date.isoformat()} was {said}.")


def _change_state(command: str, experiment_id: int | None, user: str | None, reason: str,
                  as_json: bool) -> None:  # fmt: skip
    from nightcramp.cli.output import print_json
    from nightcramp.core.errors import InputError

    person = _person(user)
    from nightcramp.store.experiments import lifecycle
    from nightcramp.store.experiments.progress import experiment_outlook

    act = {
        "pause": lifecycle.pause_experiment,
        "resume": lifecycle.resume_experiment,
        "stop": lifecycle.stop_experiment,
    }[command]
    row = _chosen(person, experiment_id, command)
    experiment_outlook(row, now=_now())  # the app's own pauses and ends come first
    try:
        act(row, reason, now=_now())
    except InputError as error:
        _bad(command, error)
    document = experiment_outlook(row, now=_now()).status_json()
    if as_json:
        print_json(document)
    else:
        _print_status(document)


_REASON = typer.Option("", "--reason", metavar="TEXT", help="Why, in your words.")


def pause(
    reason: str = _REASON,
    experiment_id: int | None = typer.Option(None, "--id", metavar="N", help=_ID_HELP),
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Pause the experiment (the schedule's dates stay as they are)."""
    _change_state("pause", experiment_id, user, reason, as_json)


def resume(
    reason: str = _REASON,
    experiment_id: int | None = typer.Option(None, "--id", metavar="N", help=_ID_HELP),
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Go on with a paused experiment."""
    _change_state("resume", experiment_id, user, reason, as_json)


def stop(
    reason: str = _REASON,
    experiment_id: int | None = typer.Option(None, "--id", metavar="N", help=_ID_HELP),
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Stop the experiment for good (its nights so far are kept)."""
    _change_state("stop", experiment_id, user, reason, as_json)


def result(
    experiment_id: int | None = typer.Option(None, "--id", metavar="N", help=_ID_HELP),
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """The experiment's result on your stored diary (as `experiment analyze`)."""
    from nightcramp.cli.experiment import _print_result
    from nightcramp.cli.output import print_json

    person = _person(user)
    from nightcramp.store.experiments.progress import experiment_result

    row = _chosen(person, experiment_id, "result")
    document = experiment_result(row, now=_now())
    if as_json:
        print_json(document)
    else:
        _print_result(document)


def listing(
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Your experiments, the latest first."""
    from nightcramp.cli.output import print_json, warn

    person = _person(user)
    from nightcramp.store.experiments.convert import experiment_json
    from nightcramp.store.experiments.lifecycle import experiments_of

    items = [experiment_json(row) for row in experiments_of(person)]
    if as_json:
        print_json({"items": items, "count": len(items)})
        return
    if not items:
        warn("No experiments yet. Start one with: nightcramp experiment start --change ID")
    for item in items:
        state = _STATUS_WORDS[str(item["status"])]
        typer.echo(f"{item['id']}  {item['start']} to {item['end']}  {item['change']}  {state}")


def export(
    out: Path | None = typer.Option(None, "--out", metavar="F", help="Write the file here."),
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
) -> None:
    """Export your experiments and their adherence as one JSON document."""
    import json

    from nightcramp.cli.output import fail, print_json, warn

    person = _person(user)
    from nightcramp.store.experiments.transfer import export_experiments

    document = export_experiments(person)
    if out is None:
        print_json(document)
        return
    try:
        out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    except OSError as error:
        fail(f"{_NAME} export: cannot write {out}: {error.strerror}")
    items = document["experiments"]
    warn(f"Wrote {_count(len(items) if isinstance(items, list) else 0)} to {out}.")


def import_(
    file: Path = typer.Argument(..., metavar="FILE", help="A file from experiment export."),
    replace: bool = typer.Option(
        False, "--replace", help="Replace stored experiments with the same change and start."
    ),
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Import experiments from `experiment export`: all or nothing."""
    from nightcramp.cli.output import EXIT_USAGE, fail, print_json, warn, why_unread
    from nightcramp.core.errors import InputError
    from nightcramp.core.experiments.records import parse_experiments_document
    from nightcramp.core.interop.small_file import read_small_text
    from nightcramp.core.interop.strict_json import decode_json

    try:
        text = read_small_text(file)
    except FileNotFoundError:
        fail(f"{_NAME} import: {file}: no such file", EXIT_USAGE)
    except (OSError, UnicodeDecodeError) as error:
        fail(f"{_NAME} import: {file}: cannot read the file as JSON ({why_unread(error)})")
    person = _person(user)
    from django.utils import timezone

    try:
        # As every other reader: a key given twice, deep nesting, huge numbers are refused.
        data = decode_json(text.removeprefix("\ufeff"), str(file), what="file of experiments")
        records = parse_experiments_document(data, file=str(file), today=timezone.localdate())
    except InputError as error:
        fail(f"{_NAME} import: nothing imported: {error}")

    from nightcramp.store.experiments.transfer import import_experiments

    try:
        count = import_experiments(person, records, replace=replace, today=timezone.localdate())
    except InputError as error:
        fail(f"{_NAME} import: nothing imported: {file}: {error}")
    if as_json:
        print_json({"imported": count})
    else:
        warn(f"Imported {_count(count)}.")


def register_stored(group: typer.Typer) -> None:
    """Add the commands on the stored diary to the `experiment` group."""
    group.command("start")(start)
    group.command("status")(status)
    group.command("followed")(followed)
    group.command("pause")(pause)
    group.command("resume")(resume)
    group.command("stop")(stop)
    group.command("result")(result)
    group.command("list")(listing)
    group.command("export")(export)
    group.command("import")(import_)
