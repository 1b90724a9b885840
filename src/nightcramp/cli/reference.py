"""Renders the CLI reference (docs/cli.md) from the commands' own --help text."""

from __future__ import annotations

from typing import Any, Protocol

import typer.main

__all__ = ["render_reference"]


class _Command(Protocol):
    """The part of a (Typer-vendored) click command this module uses."""

    def get_help(self, ctx: Any) -> str: ...


def _walk(command: _Command, path: list[str]) -> list[tuple[list[str], _Command]]:
    found = [(path, command)]
    children: dict[str, _Command] = getattr(command, "commands", {})
    for name in sorted(children):
        found += _walk(children[name], [*path, name])
    return found


def render_reference() -> str:
    """Return the Markdown reference of every command, from their --help output."""
    from nightcramp.cli.app import build_app

    root = typer.main.get_command(build_app())
    parts = [
        "# Command-line reference\n",
        "Generated from `nightcramp … --help`; `tests/test_docs.py` checks it is current.",
        "Regenerate with `python -m nightcramp.cli.reference > docs/cli.md`.\n",
    ]
    for path, command in _walk(root, ["nightcramp"]):
        context_class = getattr(command, "context_class")  # noqa: B009  # not in the Protocol
        context = context_class(command, info_name=" ".join(path), terminal_width=100)
        parts.append(f"## `{' '.join(path)}`\n")
        parts.append("```text\n" + command.get_help(context).rstrip() + "\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(render_reference(), end="")
