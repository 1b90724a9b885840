"""Docs that must not drift: the CLI reference and the configuration table."""

from __future__ import annotations

import re
from pathlib import Path

from nightcramp.cli.reference import render_reference

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current() -> None:
    expected = render_reference()
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, "run: python -m nightcramp.cli.reference > docs/cli.md"


def test_every_environment_variable_is_documented() -> None:
    used: set[str] = set()
    for path in (ROOT / "src" / "nightcramp").rglob("*.py"):
        used |= set(re.findall(r"NIGHTCRAMP_[A-Z_]+[A-Z]", path.read_text(encoding="utf-8")))
    documented = set(
        re.findall(r"NIGHTCRAMP_[A-Z_]+[A-Z]", (ROOT / "docs" / "configuration.md").read_text())
    )
    assert used - documented == set()


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```")[1]
    commands = [line.split("#")[0].strip() for line in block.splitlines()[1:] if line.strip()]
    assert commands == ["scripts/run", "scripts/test"]
    for command in commands:
        assert (ROOT / command).exists()
