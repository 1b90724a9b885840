"""`nightcramp reminders --ics`: a calendar file of daily reminders (times from settings)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

__all__ = ["register"]


def reminders(
    ics: bool = typer.Option(False, "--ics", help="Write the reminders as an iCalendar file."),
    out: Path | None = typer.Option(None, "--out", help="Where to write it (default: stdout)."),
    water: bool = typer.Option(
        True,
        "--water/--no-water",
        help="Include the water reminders (never for a person whose fluids may be restricted).",
    ),
    user: str | None = typer.Option(None, "--user", metavar="NAME", help="Whose reminders."),
    as_json: bool = typer.Option(
        False, "--json", help="Print the reminders (and the calendar text with --ics) as JSON."
    ),
) -> None:
    """Reminders for the evening check-in, the bedtime stretch and water, as iCalendar."""
    from nightcramp.cli.output import EXIT_PROBLEM, EXIT_USAGE, fail, warn
    from nightcramp.cli.setup import cli_config
    from nightcramp.core.interop.ics import reminders_ics

    if not ics and not as_json:
        fail("nightcramp reminders: say --ics for a calendar file, or --json", EXIT_USAGE)
    config = cli_config()  # the reminder times were checked at start-up
    times = config.reminder_times
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    from nightcramp.cli.setup import setup_django

    setup_django()
    from nightcramp.core.errors import InputError
    from nightcramp.store.account.people import resolve_cli_user
    from nightcramp.store.plan.reminders import reminders_for

    try:
        owner = resolve_cli_user(user)
    except InputError as error:
        fail(f"nightcramp reminders: {error.location_text()}", EXIT_USAGE)
    items = reminders_for(owner, times, today=dt.date.today(), water=water)
    try:
        document = reminders_ics(
            items,
            start=dt.datetime.now().date(),
            tz=config.timezone,
            stamp=now,
        )
    except ValueError as error:
        fail(f"nightcramp reminders: NIGHTCRAMP_TIME_ZONE: {error}", EXIT_PROBLEM)
    if as_json and (out is None or not ics):
        from nightcramp.cli.output import print_json

        result: dict[str, object] = {
            "time_zone": config.timezone,
            "reminders": [
                {
                    "id": r.id,
                    "summary": r.summary,
                    "description": r.description,
                    "time": r.time.strftime("%H:%M"),
                    "minutes": r.minutes,
                }
                for r in items
            ],
        }
        if ics:
            result["ics"] = document.decode("utf-8")
        print_json(result)
        return
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
