"""`nightcramp backup [--out F]` and `nightcramp restore F [--force]`: the whole database in one
file, and back. A backup does not start Django: it is safe while the app serves. A restore
sets Django up (without touching the database) to check every row through the app's models."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from nightcramp.cli.output import EXIT_PROBLEM, EXIT_USAGE, fail, print_json

__all__ = ["register"]


def _size(count: int) -> str:
    """`count` bytes for a reader: 980 bytes, 352.3 KB, 2.1 MB."""
    if count < 1000:
        return f"{count} bytes"
    size, unit = count / 1000, "KB"
    for bigger in ("MB", "GB"):
        if size < 1000:
            break
        size, unit = size / 1000, bigger
    return f"{size:.1f} {unit}"


def backup(
    out: Path | None = typer.Option(
        None,
        "--out",
        metavar="FILE",
        help="Where to write the backup: a file, or a folder for a new file "
        "(default: a new file named after the time in the data folder's backups/).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as one JSON document."),
) -> None:
    """Back up the whole database into one file; safe while the app is running."""
    from nightcramp.cli.setup import cli_config
    from nightcramp.store.backup import BackupError, backup_database

    if out is not None and not out.is_dir() and not out.parent.is_dir():
        fail(f"nightcramp backup: --out {out}: the folder {out.parent} does not exist", EXIT_USAGE)
    now = dt.datetime.now(dt.UTC)
    try:
        made = backup_database(cli_config(), now=now, out=out)
    except BackupError as error:
        fail(f"nightcramp backup: {error}", EXIT_PROBLEM)
    if as_json:
        print_json(made.as_json())
        return
    typer.echo(f"Backed up the database to {made.file} ({_size(made.bytes)}).")


def restore(
    file: Path = typer.Argument(
        ..., metavar="FILE", help="A file made by nightcramp backup.", show_default=False
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help="Replace a database that already holds records (they are backed up first).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as one JSON document."),
) -> None:
    """Restore the database from a backup, after checking the file.

    A database that already holds records is replaced only with --force.
    """
    from nightcramp.cli.setup import setup_django

    if not file.is_file():
        fail(f"nightcramp restore: {file}: no such file", EXIT_USAGE)
    config = setup_django(migrate=False)  # the rows are checked through the app's models
    from nightcramp.store.backup import BackupError, restore_database

    now = dt.datetime.now(dt.UTC)
    try:
        restored = restore_database(config, file, force=force, now=now)
    except BackupError as error:
        fail(f"nightcramp restore: {error}", EXIT_PROBLEM)
    previous = restored.previous
    if as_json:
        document = restored.backup.as_json()
        document["previous"] = None if previous is None else previous.as_json()
        document["warnings"] = list(restored.warnings)
        print_json(document)
        return
    typer.echo(f"Restored the database from {file}.")
    if previous is not None:
        typer.echo(f"The records it replaced are kept in {previous.file}.")
    if restored.warnings:
        typer.echo(
            "Some records hold values nightcramp would not accept if they were entered today. "
            "They were restored as they are; check them:"
        )
        for line in restored.warnings:
            typer.echo(f"  {line}")
    typer.echo("If the app is running, restart it: it brings the restored database up to date.")


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)
