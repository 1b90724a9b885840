"""Shared output rules for commands: one JSON document on stdout, messages on stderr."""

from __future__ import annotations

import json
import sys
from typing import NoReturn

import typer

__all__ = ["EXIT_OK", "EXIT_PROBLEM", "EXIT_USAGE", "fail", "print_json", "warn"]

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


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
