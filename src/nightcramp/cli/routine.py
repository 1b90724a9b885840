"""`nightcramp routine`: the bedtime stretch coach, with timers in a terminal.

Finishing the timed routine (or `--done`) ticks bedtime_stretch on tonight's night.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from nightcramp.core.plan.routine import Routine, RoutineStep

__all__ = ["register"]

_sleep = time.sleep  # tests replace this


def _print_list(routine: Routine) -> None:
    typer.echo(f"Safety: {routine.safety}")
    for number, step in enumerate(routine.steps, 1):
        times = (
            f"{step.repeats} x {step.hold_seconds} s"
            if step.repeats > 1
            else f"{step.hold_seconds} s"
        )
        typer.echo(f"{number}. {step.title} ({times}): {step.text}")
    minutes = round(routine.total_seconds / 60)
    typer.echo(f"About {minutes} minutes in all.")


def _countdown(label: str, seconds: int) -> None:
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), TimeRemainingColumn(), transient=True
    ) as progress:
        task = progress.add_task(label, total=seconds)
        for _ in range(seconds):
            _sleep(1)
            progress.advance(task)


def _run_step(number: int, step: RoutineStep) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False)
    console.print(f"\n[bold]{number}. {escape(step.title)}[/bold]")
    console.print(escape(step.text))
    for repeat in range(1, step.repeats + 1):
        suffix = f" {repeat} of {step.repeats}" if step.repeats > 1 else ""
        _countdown(f"Hold{suffix}", step.hold_seconds)
        if repeat < step.repeats and step.rest_seconds:
            _countdown("Relax", step.rest_seconds)
    console.print("Done.")


def _record(user: str | None) -> str:
    from nightcramp.cli.output import EXIT_USAGE, fail
    from nightcramp.cli.setup import setup_django

    setup_django()
    from django.utils import timezone

    from nightcramp.core.diary import night_of
    from nightcramp.core.errors import InputError
    from nightcramp.store.account.people import resolve_cli_user
    from nightcramp.store.plan.inputs import mark_bedtime_stretch

    try:
        person = resolve_cli_user(user)
    except InputError as error:
        fail(f"nightcramp routine: {error}", EXIT_USAGE)
    night = night_of(timezone.localtime())
    mark_bedtime_stretch(person, night)
    return night.isoformat()


def routine(
    timers: bool | None = typer.Option(
        None,
        "--timers/--list",
        help="Run the timers, or only list the steps (default: timers in a terminal).",
    ),
    done: bool = typer.Option(
        False, "--done", help="Record that you did the routine, without timers."
    ),
    no_record: bool = typer.Option(
        False, "--no-record", help="Do not tick tonight's bedtime stretch."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the steps as one JSON document."),
    user: str | None = typer.Option(None, "--user", help="Account to record for."),
) -> None:
    """The bedtime stretch routine: calf stretches, ankle circles, toes up."""
    from nightcramp.cli.output import print_json, warn
    from nightcramp.core.plan.routine import load_routine

    steps = load_routine()
    use_timers = (sys.stdout.isatty() if timers is None else timers) and not (as_json or done)
    if as_json:
        document = steps.to_json()
        if done and not no_record:
            document["recorded_night"] = _record(user)
        print_json(document)
        return
    if use_timers:
        typer.echo(f"Safety: {steps.safety}")
        for number, step in enumerate(steps.steps, 1):
            _run_step(number, step)
    elif not done:
        _print_list(steps)
    if (use_timers or done) and not no_record:
        night = _record(user)
        warn(f"Well done. Ticked the bedtime stretch for the night of {night}.")
    elif done:
        warn("Nothing recorded (--no-record).")


def register(app: typer.Typer) -> None:
    app.command("routine")(routine)
