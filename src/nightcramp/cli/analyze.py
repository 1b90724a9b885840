"""`nightcramp analyze`: trigger and relief analysis, from the database or diary CSV files."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from nightcramp.core.diary import Episode, Night
    from nightcramp.core.diary_summary import DiarySummary
    from nightcramp.core.insights.analyze import Analysis
    from nightcramp.core.insights.results import ExperimentOffer

__all__ = ["register"]

_ORDER = {"likely_trigger": 0, "likely_protective": 1, "no_clear_effect": 2, "not_enough_data": 3}


def _load_files(
    nights_file: Path, episodes_file: Path
) -> tuple[list[Night], list[Episode], tuple[str, ...]]:
    """The diary files' nights and cramps, and the factor columns the nights file declares."""
    from nightcramp.cli.output import fail
    from nightcramp.cli.setup import local_zone
    from nightcramp.core.diary_limits import files_until
    from nightcramp.core.errors import InputError
    from nightcramp.core.interop.csv_diary import read_episodes, read_nights_and_columns

    zone = local_zone()
    now = files_until(zone)
    try:
        nights, columns = read_nights_and_columns(nights_file, now=now)
        return nights, read_episodes(episodes_file, tz=zone, now=now), columns
    except InputError as error:
        fail(f"nightcramp analyze: invalid diary file\n{error.location_text()}")
    except OSError as error:
        fail(f"nightcramp analyze: cannot read {error.filename}: {error.strerror}")


def _load_database(
    user: str | None,
) -> tuple[list[Night], list[Episode], dict[str, ExperimentOffer]]:
    """The person's diary and the experiments the analysis may offer them."""
    from nightcramp.cli.output import fail
    from nightcramp.cli.setup import setup_django
    from nightcramp.core.errors import InputError

    setup_django()
    from nightcramp.store.account.people import resolve_cli_user
    from nightcramp.store.diary.convert import load_diary
    from nightcramp.store.insights.analysis import experiment_offers_for

    try:
        owner = resolve_cli_user(user)
    except InputError as error:
        fail(f"nightcramp analyze: {error.location_text()}", 2)
    nights, episodes = load_diary(owner)
    return nights, episodes, experiment_offers_for(owner)


def _print_report(analysis: Analysis, summary: DiarySummary) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from nightcramp.core.insights.page import verdict_words
    from nightcramp.core.insights.relief import minutes_text
    from nightcramp.core.insights.wording import (
        experiment_line,
        interval_note,
        label,
        load_insight_wording,
        nights_left,
        ratio_text,
        relief_label,
    )

    console = Console(highlight=False)
    console.print("[bold]Why am I cramping?[/bold]")
    console.print(summary.sentence())
    for line in analysis.summary:
        console.print(line)
    for line in analysis.warnings:
        console.print(f"[yellow]Note:[/yellow] {line}")
    table = Table(title="Factors", show_lines=False, expand=True)
    table.add_column("Factor")
    table.add_column("Found")
    table.add_column("Rate ratio (likely range)")
    table.add_column("Nights")
    factors = sorted(analysis.factors, key=lambda r: (_ORDER[r.verdict.value], r.factor))
    for f in factors:
        name = label(f.factor, f.lag_days).capitalize()
        if f.family == "suspect":
            name += " *"
        ratio = "-"
        if f.rate_ratio is not None and f.ci_low is not None and f.ci_high is not None:
            ratio = (
                f"{ratio_text(f.rate_ratio)} ({ratio_text(f.ci_low)} to "
                f"{ratio_text(f.ci_high)}) {f.contrast}"
            )
        table.add_row(name, verdict_words(f.verdict.value), ratio, str(f.nights_recorded))
    console.print(table)
    note = interval_note(analysis.method.get("exploratory_tests"))
    if note:
        console.print(note)
    if analysis.suspects:
        console.print("* your suspects, checked on their own.")
    for f in factors:
        if f.verdict.value != "no_clear_effect" and f.family != "suspect":
            continue
        lines = []
        if f.nights_needed:
            lines.append(nights_left(f.nights_needed))
        if f.experiment is not None:
            lines.append(
                experiment_line(f.experiment.name, f.experiment.weeks)
                + f" (nightcramp experiment plan --change {f.experiment.change})"
            )
        if lines and (f.experiment is not None or f.family == "suspect"):
            console.print(
                f"[bold]{label(f.factor, f.lag_days).capitalize()}[/bold]: " + " ".join(lines)
            )
    advised = [r for r in analysis.relief if r.advised]
    if advised:
        relief = Table(title="What relief worked (best first)", expand=True)
        for head in ("Rank", "Relief", "Worked / tried", "Median minutes"):
            relief.add_column(head)
        for r in advised:
            minutes = minutes_text(r.median_minutes) or "-"
            relief.add_row(
                str(r.rank),
                relief_label(r.relief.value),
                f"{r.times_worked} / {r.times_tried}",
                minutes,
            )
        console.print(relief)
        console.print(load_insight_wording().relief_note)
    for r in analysis.relief:  # a method the evidence rules out: never ranked, always warned
        if not r.advised and r.warning is not None:
            console.print(
                f"[yellow]{escape(relief_label(r.relief.value))}[/yellow]: worked "
                f"{r.times_worked} of {r.times_tried}. {escape(r.warning)}"
            )
    for line in analysis.patterns.findings:
        console.print(line)


def analyze(
    nights_file: Path | None = typer.Option(
        None, "--nights", exists=True, dir_okay=False, help="nights.csv (skips the database)."
    ),
    episodes_file: Path | None = typer.Option(
        None, "--episodes", exists=True, dir_okay=False, help="episodes.csv (with --nights)."
    ),
    suspect: list[str] | None = typer.Option(
        None, "--suspect", metavar="FACTOR", help="A factor you suspect (up to 3), checked alone."
    ),
    since: str | None = typer.Option(None, "--since", metavar="YYYY-MM-DD", help="First night."),
    user: str | None = typer.Option(None, "--user", metavar="NAME", help="Whose diary."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Trigger and relief analysis, from the database or straight from diary CSV files."""
    # The model's matrices are small: a multi-threaded BLAS only slows it down.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    from nightcramp.cli.output import fail, print_json

    if (nights_file is None) != (episodes_file is None):
        fail("nightcramp analyze: give --nights and --episodes together", 2)
    first: dt.date | None = None
    if since is not None:
        try:
            first = dt.date.fromisoformat(since)
        except ValueError:
            fail(f"nightcramp analyze: --since must be a date like 2026-01-31, not {since!r}", 2)
    if nights_file is not None and episodes_file is not None:
        from nightcramp.core.experiments.offers import experiment_offers

        nights, episodes, columns = _load_files(nights_file, episodes_file)
        offers = experiment_offers()  # a file says nothing of who keeps it
    else:
        nights, episodes, offers = _load_database(user)
        columns = ()
    from nightcramp.core.errors import InputError
    from nightcramp.core.insights.analyze import analyze as run_analysis

    try:
        result = run_analysis(
            nights,
            episodes,
            suspects=suspect or (),
            since=first,
            experiments=offers,
            columns=columns,
        )
    except InputError as error:
        fail(f"nightcramp analyze: --suspect: {error.reason}", 2)
    if as_json:
        print_json(result.to_json())
    else:
        from nightcramp.core.diary_summary import summarize

        today = dt.date.today()
        if nights_file is not None:  # a file's diary ends at its last entry, not today
            entries = [n.date for n in nights] + [e.night for e in episodes]
            today = max(entries, default=today - dt.timedelta(days=1)) + dt.timedelta(days=1)
        summary = summarize(
            (n.date for n in nights), (e.night for e in episodes), today=today, since=first
        )
        _print_report(result, summary)


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)
