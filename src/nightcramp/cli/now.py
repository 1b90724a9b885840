"""Registers `nightcramp now` with Typer so it shows in `--help`; the work is in `now_fast`."""

from __future__ import annotations

import typer

__all__ = ["register"]


def now(
    muscle: str = typer.Option(
        "calf", "--muscle", "-m", help="The cramping muscle: calf, foot, thigh_back, thigh_front."
    ),
    plain: bool = typer.Option(False, "--plain", help="Print every step, with no timers."),
    as_json: bool = typer.Option(False, "--json", help="Print the steps as one JSON document."),
    user: str | None = typer.Option(
        None,
        "--user",
        metavar="NAME",
        help="Whose open symptom check to show (default: the only account, or the local user).",
    ),
) -> None:
    """Guided relief for a cramp happening now: steps with timers, safety check first."""
    from nightcramp.cli.now_fast import run
    from nightcramp.cli.setup import cli_config

    args = ["--muscle", muscle] + (["--plain"] if plain else []) + (["--json"] if as_json else [])
    args += ["--user", user] if user is not None else []
    code = run(args, cli_config())
    if code:
        raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    app.command("now")(now)
