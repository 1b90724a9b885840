"""`nightcramp triage`: red-flag triage of an answers file, or an interactive questionnaire."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

__all__ = ["register"]

_STYLE = {
    "emergency": "bold white on red",
    "urgent": "bold black on dark_orange",
    "soon": "bold black on yellow",
    "routine": "bold black on cyan",
    "self_care": "bold black on green",
}


def register(app: typer.Typer) -> None:
    """Add the `triage` command."""

    @app.command("triage")
    def triage(
        answers: Path | None = typer.Option(
            None, "--answers", help="JSON answers file (keys from the triage vocabulary)."
        ),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
    ) -> None:
        """Should you see a doctor? Red-flag triage of your answers.

        Without --answers, asks the questions in the terminal.
        """
        from nightcramp.cli.output import EXIT_USAGE, fail, print_json, warn

        if answers is None:
            if not sys.stdin.isatty():
                fail(
                    "Give an answers file with --answers FILE, or run `nightcramp triage` in a "
                    "terminal to answer the questions.",
                    EXIT_USAGE,
                )
            from nightcramp.cli.triage_ask import ask_in_terminal

            raw: object = ask_in_terminal()
            name = None
        else:
            raw = _read_answers(answers)
            name = str(answers)
        from nightcramp.core.errors import InputError
        from nightcramp.core.triage import assess, validate_answers

        try:
            clean, warnings = validate_answers(raw, file=name)
        except InputError as error:
            fail(str(error))
        for message in warnings:
            warn(f"warning: {message}")
        result = assess(clean)
        if as_json:
            print_json(result.to_json())
        else:
            _print_result(result)


def _read_answers(path: Path) -> object:
    import json

    from nightcramp.cli.output import fail

    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM (Windows editors) is fine
    except FileNotFoundError:
        fail(f"{path}: file not found")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"{path}: cannot read the file: {error}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        fail(f"{path}: not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}")
    except RecursionError:
        fail(f"{path}: not a triage answers file: the JSON is nested too deeply")


def _print_result(result: object) -> None:
    from rich.console import Console
    from rich.panel import Panel

    from nightcramp.core.triage import Assessment

    assert isinstance(result, Assessment)
    console = Console(highlight=False)
    console.print(
        Panel(result.headline, title=result.label.upper(), style=_STYLE[result.disposition.value])
    )
    console.print("[bold]Why[/bold]")
    for reason in result.reasons:
        console.print(f"• {reason}")
    if result.consider:
        words = ", ".join(c.replace("_", " ") for c in result.consider)
        console.print(
            f"[bold]A doctor may check for[/bold] (possibilities, not a diagnosis): {words}"
        )
    console.print("[bold]What to do now[/bold]")
    console.print(result.advice)
