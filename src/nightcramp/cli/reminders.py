"""`nightcramp reminders --ics`: a calendar file of daily reminders (times from settings)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import typer

__all__ = ["register"]


def reminders(
    ics: bool = typer.Option(False, "--ics", help="Write the reminders as an iCalendar file."),
    out: Path | None = typer.Option(None, "--out", help="Where to write it (default: stdout)."),
    water: bool = typer.Option(
        True, "--water/--no-water", help="Include the water reminders (leave out on a fluid limit)."
    ),
) -> None:
    """Reminders for the evening check-in, the bedtime stretch and water, as iCalendar."""
    from nightcramp.cli.output import EXIT_PROBLEM, EXIT_USAGE, fail, warn
    from nightcramp.config import ConfigError, load_config
    from nightcramp.core.errors import InputError
    from nightcramp.core.interop.ics import reminders_ics
    from nightcramp.core.plan.reminders import build_reminders, reminder_times_from_env

    if not ics:
        fail("nightcramp reminders: say --ics (the only format so far)", EXIT_USAGE)
    try:
        times = reminder_times_from_env(os.environ)
        config = load_config()
    except InputError as error:
        fail(f"nightcramp reminders: {error.field}: {error.reason}", EXIT_PROBLEM)
    except ConfigError as error:
        fail(f"nightcramp reminders: {error}", EXIT_PROBLEM)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        document = reminders_ics(
            build_reminders(times, water=water),
            start=dt.datetime.now().date(),
            tz=config.timezone,
            stamp=now,
        )
    except ValueError as error:
        fail(f"nightcramp reminders: NIGHTCRAMP_TIME_ZONE: {error}", EXIT_PROBLEM)
    if out is None:
        typer.echo(document.decode("utf-8"), nl=False)
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(document)
    except OSError as error:
        fail(f"nightcramp reminders: cannot write {out}: {error.strerror}")
    warn(f"Wrote {out}. Open it with your calendar program to add the reminders.")


def register(app: typer.Typer) -> None:
    app.command("reminders")(reminders)
