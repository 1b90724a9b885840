"""`nightcramp import FILE…` and `nightcramp export --format csv|json|fhir`: diary exchange.

Import is all or nothing: any problem lists file:row:field for each and stores nothing.
"""

from __future__ import annotations

import importlib.util
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import typer

from nightcramp.cli.output import (
    EXIT_PROBLEM,
    EXIT_USAGE,
    fail,
    print_json,
    warn,
    written_files,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from nightcramp.store.diary.transfer import ImportResult

__all__ = ["register"]

_SUFFIXES = {".csv", ".json"}


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    FHIR = "fhir"


def _expand(files: list[Path]) -> list[Path]:
    """Replace each directory by its .csv and .json files (sorted); check every file exists."""
    found: list[Path] = []
    for path in files:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix.lower() in _SUFFIXES)
            if not inside:
                fail(f"nightcramp: {path}: no .csv or .json files in this folder", EXIT_USAGE)
            found.extend(p for p in inside if p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            fail(f"nightcramp: {path}: no such file", EXIT_USAGE)
    return found


def _user(name: str | None) -> User:
    from nightcramp.core.errors import InputError
    from nightcramp.store.account.people import resolve_cli_user

    try:
        return resolve_cli_user(name)
    except InputError as error:
        fail(f"nightcramp: {error.reason}", EXIT_USAGE)


def _run_import(user: User, paths: list[Path], replace: bool) -> ImportResult:
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    from nightcramp.store.diary.transfer import import_files

    console = Console(stderr=True)
    total = sum(p.stat().st_size for p in paths)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("Importing", total=total)
        return import_files(
            user,
            paths,
            replace=replace,
            progress=lambda done, _total: bar.update(task, completed=done),
        )


def import_diary(
    files: list[Path] = typer.Argument(
        ...,
        metavar="FILE",
        help="Diary files (nights.csv, episodes.csv, a JSON export) or folders of them.",
        show_default=False,
    ),
    replace: bool = typer.Option(
        False, "--replace", help="Replace stored nights and cramps that the files also hold."
    ),
    user_name: str | None = typer.Option(
        None, "--user", metavar="NAME", help="The account to import into."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as one JSON document."),
) -> None:
    """Import diary files, all or nothing: any problem stores nothing and lists every problem."""
    paths = _expand(files)
    from nightcramp.cli.setup import setup_django

    setup_django()
    from nightcramp.core.errors import InputErrors

    user = _user(user_name)
    try:
        result = _run_import(user, paths, replace)
    except InputErrors as errors:
        shown = "\n".join(f"  {line}" for line in errors.location_text().splitlines())
        problems = "1 problem" if errors.total == 1 else f"{errors.total} problems"
        fail(
            f"nightcramp: nothing was imported; your diary is unchanged. "
            f"Found {problems}:\n{shown}\nFix the file and run the import again.",
            EXIT_PROBLEM,
        )
    except OSError as error:
        where = error.filename or "a file"
        reason = error.strerror or str(error)
        fail(f"nightcramp: {where}: cannot be read ({reason}); nothing was imported", EXIT_PROBLEM)
    document = {
        "imported": {"nights": result.nights, "episodes": result.episodes},
        "replaced": {"nights": result.nights_replaced, "episodes": result.episodes_replaced},
        "profile": result.profile,
        "medications": result.medications,
        "files": result.files,
    }
    if as_json:
        print_json(document)
        return
    typer.echo(
        f"Imported {_count(result.nights, 'night')} and {_count(result.episodes, 'cramp')} "
        f"from {_count(len(paths), 'file')}."
    )
    if result.nights_replaced or result.episodes_replaced:
        typer.echo(
            f"Replaced {_count(result.nights_replaced, 'stored night')} and "
            f"{_count(result.episodes_replaced, 'stored cramp')}."
        )
    if result.profile or result.medications:
        typer.echo(
            f"Also stored {'your profile and ' if result.profile else ''}"
            f"{_count(result.medications, 'medicine')}."
        )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _export_csv(user: User, out: Path) -> tuple[int, int]:
    from nightcramp.core.interop.csv_diary import write_episodes_csv, write_nights_csv
    from nightcramp.store.diary.transfer import (
        custom_factor_names,
        iter_export_episodes,
        iter_export_nights,
    )

    if out.exists() and not out.is_dir():
        fail(f"nightcramp: {out}: --format csv needs a folder for --out", EXIT_USAGE)
    with written_files(out / "nights.csv", out / "episodes.csv") as (nights_out, episodes_out):
        nights = write_nights_csv(
            iter_export_nights(user), nights_out, custom_columns=custom_factor_names(user)
        )
        episodes = write_episodes_csv(iter_export_episodes(user), episodes_out)
    return nights, episodes


def _write_json(user: User, out: TextIO) -> None:
    from nightcramp.core.interop.json_diary import write_document
    from nightcramp.store.diary.transfer import (
        export_medications,
        export_profile,
        iter_export_episodes,
        iter_export_nights,
    )

    write_document(
        out,
        iter_export_nights(user),
        iter_export_episodes(user),
        profile=export_profile(user),
        medications=export_medications(user),
    )


def _fhir_text(user: User) -> str:
    if importlib.util.find_spec("nightcramp.core.interop.fhir") is None:
        fail("nightcramp: FHIR export is not available in this version", EXIT_PROBLEM)
    import datetime as dt
    import zoneinfo
    from dataclasses import asdict

    from django.conf import settings

    from nightcramp.core.interop.fhir import FhirExport, bundle_json
    from nightcramp.store.diary.convert import load_diary
    from nightcramp.store.diary.transfer import export_medications, export_profile
    from nightcramp.store.triage.export import triage_to_export

    nights, episodes = load_diary(user)
    profile = export_profile(user)
    tz = zoneinfo.ZoneInfo(str(settings.TIME_ZONE))
    now = dt.datetime.now(tz)
    data = FhirExport(
        nights=nights,
        episodes=episodes,
        tz=tz,
        generated_at=now,
        profile={} if profile is None else {k: v for k, v in asdict(profile).items() if v},
        medications=[asdict(m) for m in export_medications(user)],
        triage=triage_to_export(user, now=now),
    )
    return bundle_json(data)


def export_diary(
    format_: ExportFormat = typer.Option(..., "--format", help="csv, json or fhir."),
    out: Path | None = typer.Option(
        None,
        "--out",
        metavar="DIR|FILE",
        help="Folder (csv) or file (json, fhir). JSON and FHIR print without it.",
    ),
    user_name: str | None = typer.Option(
        None, "--user", metavar="NAME", help="The account to export."
    ),
    as_json: bool = typer.Option(
        False, "--json", help="With --out: print what was written as one JSON document."
    ),
) -> None:
    """Export the diary: CSV files into a folder, or one JSON or FHIR document."""
    if format_ is ExportFormat.CSV and out is None:
        fail("nightcramp: --format csv needs --out DIR (a folder for the two files)", EXIT_USAGE)
    from nightcramp.cli.setup import setup_django

    setup_django()
    user = _user(user_name)
    if format_ is ExportFormat.CSV:
        assert out is not None
        nights, episodes = _export_csv(user, out)
        if as_json:
            print_json(
                {
                    "format": "csv",
                    "files": [str(out / "nights.csv"), str(out / "episodes.csv")],
                    "nights": nights,
                    "episodes": episodes,
                }
            )
        else:
            warn(f"Wrote {_count(nights, 'night')} and {_count(episodes, 'cramp')} to {out}.")
        return
    if out is not None and out.is_dir():
        fail(f"nightcramp: {out}: is a folder; give a file name for --out", EXIT_USAGE)
    if out is None:
        if format_ is ExportFormat.JSON:
            _write_json(user, sys.stdout)
        else:
            sys.stdout.write(_fhir_text(user))
        sys.stdout.flush()
        return
    with written_files(out) as (handle,):
        if format_ is ExportFormat.JSON:
            _write_json(user, handle)
        else:
            handle.write(_fhir_text(user))
    if as_json:
        print_json({"format": format_.value, "files": [str(out)]})
    else:
        warn(f"Wrote {out}.")


def register(app: typer.Typer) -> None:
    app.command("import")(import_diary)
    app.command("export")(export_diary)
