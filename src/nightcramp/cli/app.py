"""The Typer application. Each module in `nightcramp.cli` with a `register(app)` adds commands."""

from __future__ import annotations

import importlib
import pkgutil

import typer

import nightcramp.cli as cli_package
from nightcramp import __version__

__all__ = ["build_app", "run_app"]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nightcramp {__version__}")
        raise typer.Exit()


def build_app() -> typer.Typer:
    """Return the Typer app with every command group registered."""
    app = typer.Typer(
        name="nightcramp",
        help="Night leg cramps: relief now, a diary, honest analysis, triage and a doctor report.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )

    @app.callback()
    def _root(
        version: bool = typer.Option(
            False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ) -> None:
        """Night leg cramps: relief now, a diary, honest analysis, triage and a doctor report."""
        from nightcramp.cli.setup import start_command

        start_command()  # read the settings once, at start-up: a bad value stops here

    for info in sorted(pkgutil.iter_modules(cli_package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"nightcramp.cli.{info.name}")
        register = getattr(module, "register", None)
        if callable(register):
            register(app)
    return app


def run_app(args: list[str]) -> int:
    """Run the Typer app on `args`; return its exit code (2 for usage errors)."""
    app = build_app()
    try:
        app(args=args, prog_name="nightcramp", standalone_mode=True)
    except SystemExit as exit_:
        code = exit_.code
        if code is None:
            return 0
        return code if isinstance(code, int) else 1
    return 0
