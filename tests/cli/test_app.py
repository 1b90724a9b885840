"""The Typer application: every command group registered, --version, usage errors exit 2."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
import typer
import typer.main
from typer.testing import CliRunner

import nightcramp.cli as cli_package
from nightcramp import __version__
from nightcramp.cli.app import build_app, run_app


def _command_names(app: typer.Typer) -> set[str]:
    return set(getattr(typer.main.get_command(app), "commands", {}))


def test_every_module_with_register_adds_its_commands() -> None:
    registered: set[str] = set()
    for info in pkgutil.iter_modules(cli_package.__path__):
        register = getattr(importlib.import_module(f"nightcramp.cli.{info.name}"), "register", None)
        if callable(register):
            alone = typer.Typer()
            register(alone)
            alone.command("placeholder")(lambda: None)  # a lone command would not be a group
            registered |= _command_names(alone) - {"placeholder"}
    assert registered, "no module registered a command"
    assert registered == _command_names(build_app())


def test_version_prints_the_version_and_exits_0() -> None:
    result = CliRunner().invoke(build_app(), ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"nightcramp {__version__}\n"


def test_no_arguments_show_the_help_with_every_command() -> None:
    result = CliRunner().invoke(build_app(), [])
    assert result.output.startswith("Usage: nightcramp [OPTIONS] COMMAND [ARGS]...")
    for name in ("log", "night", "analyze", "report", "serve"):
        assert f"\n  {name} " in result.output


def test_run_app_returns_0_after_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_app(["--version"]) == 0
    assert capsys.readouterr().out == f"nightcramp {__version__}\n"


def test_run_app_returns_2_for_an_unknown_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_app(["no-such-command"]) == 2
    assert "No such command 'no-such-command'" in capsys.readouterr().err
