"""The CLI reference is rendered from each command's own --help, with its full path."""

from __future__ import annotations

import re

import typer.main

from nightcramp.cli.app import build_app
from nightcramp.cli.reference import render_reference


def _paths(command: object, path: list[str]) -> list[str]:
    found = [" ".join(path)]
    children: dict[str, object] = getattr(command, "commands", {})
    for name in sorted(children):
        found += _paths(children[name], [*path, name])
    return found


def test_every_command_and_subcommand_has_a_section_in_order() -> None:
    headings = re.findall(r"^## `([^`]+)`$", render_reference(), flags=re.MULTILINE)
    expected = _paths(typer.main.get_command(build_app()), ["nightcramp"])
    assert headings == expected
    assert headings[0] == "nightcramp"
    assert any(len(h.split()) == 3 for h in headings), "no subcommand of a group"


def test_each_section_holds_that_commands_help_text() -> None:
    text = render_reference()
    assert text.startswith("# Command-line reference\n")
    log = text.split("## `nightcramp log`\n\n", 1)[1]
    assert log.startswith("```text\nUsage: nightcramp log [OPTIONS]")
    assert text.count("```text\n") == text.count("## `")
