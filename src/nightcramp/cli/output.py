"""Shared output rules for commands: one JSON document on stdout, messages on stderr, and
files written all or nothing."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn, TextIO

import typer

__all__ = [
    "EXIT_OK",
    "EXIT_PROBLEM",
    "EXIT_USAGE",
    "fail",
    "print_json",
    "warn",
    "why_unread",
    "written_files",
]

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


def why_unread(error: Exception) -> str:
    """Why a file could not be read, in its own words ("is a pipe or a device, not a file")
    rather than Python's ("[Errno 22] …: 'p.csv'")."""
    reason = getattr(error, "strerror", None)
    return reason if isinstance(reason, str) and reason else str(error)


def user_flag(name: str | None) -> str:
    """` --user NAME` for a command a hint prints, when the account was named (with several
    accounts a command without it is refused); empty otherwise."""
    import shlex

    return f" --user {shlex.quote(name)}" if name else ""


def print_json(document: object) -> None:
    """Print exactly one JSON document on stdout."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")
    sys.stdout.flush()


def warn(message: str) -> None:
    """Write a message to stderr."""
    sys.stderr.write(message.rstrip("\n") + "\n")


def fail(message: str, code: int = EXIT_PROBLEM) -> NoReturn:
    """Write `message` to stderr and exit with `code` (1: a problem found, 2: usage)."""
    warn(message)
    raise typer.Exit(code)


@contextlib.contextmanager
def written_files(*paths: Path) -> Iterator[list[TextIO]]:
    """Open each of `paths` for writing UTF-8 text, all or nothing; yield the open files.

    Folders are created as needed. The text goes to a hidden file beside each path
    (`.name.tmp`), is flushed to disk, and every file is moved into place only when the
    `with` block ends without an error; otherwise the hidden files are removed. A file that
    cannot be written exits 1 naming it.
    """
    temps = [path.with_name(f".{path.name}.tmp") for path in paths]
    try:
        with contextlib.ExitStack() as stack:
            for path in paths:
                path.parent.mkdir(parents=True, exist_ok=True)
            handles: list[TextIO] = [
                stack.enter_context(tmp.open("w", encoding="utf-8", newline="")) for tmp in temps
            ]
            yield handles
            for handle in handles:
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, path in zip(temps, paths, strict=True):
            tmp.replace(path)
    except BaseException as error:
        for tmp in temps:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        if not isinstance(error, OSError):
            raise
        final = {str(tmp): str(path) for tmp, path in zip(temps, paths, strict=True)}
        where = final.get(str(error.filename), error.filename or paths[0])
        fail(f"nightcramp: {where}: cannot be written ({error.strerror or error})", EXIT_PROBLEM)
