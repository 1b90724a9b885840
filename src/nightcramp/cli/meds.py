"""`nightcramp meds check NAME…`: class, link to cramps and cautions for each medicine."""

from __future__ import annotations

import typer

__all__ = ["register"]

_LINK_WORDS = {
    "established": "linked to cramps",
    "reported": "cramps reported",
    "treatment": "used for cramps, with serious risks",
    "indirect": "indirect link",
    "none": "no known link",
}


def register(app: typer.Typer) -> None:
    """Add the `meds` command group."""
    meds = typer.Typer(help="Medication review: class, link to cramps, cautions.")
    app.add_typer(meds, name="meds")

    @meds.command("check")
    def check(
        names: list[str] = typer.Argument(..., help="Medicine names, generic or brand."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
    ) -> None:
        """Check medicine names: their class, link to cramps, evidence and cautions.

        Unknown names are listed, never guessed. Talk to your prescriber before changing
        anything.
        """
        from nightcramp.cli.output import print_json
        from nightcramp.core.meds import check_names

        result = check_names(names)
        if as_json:
            print_json(result.to_json())
            return
        _print_table(result)


def _print_table(result: object) -> None:
    from rich.console import Console
    from rich.table import Table

    from nightcramp.core.meds import MedCheck

    assert isinstance(result, MedCheck)
    console = Console()
    if result.medications:
        table = Table(show_lines=True)
        for column in ("you typed", "medicine", "class", "link to cramps", "what to do"):
            table.add_column(column, overflow="fold")
        for med in result.medications:
            advice = med.advice
            if med.cautions:
                advice += "\n" + "\n".join(f"• {c}" for c in med.cautions)
            table.add_row(
                med.query,
                med.generic,
                med.label,
                f"{_LINK_WORDS[med.cramp_link.value]} ({med.grade.words.lower()})",
                advice,
            )
        console.print(table)
    for name in result.unknown:
        console.print(
            f"We do not know the name [bold]{name}[/bold]. Check the spelling on the box."
        )
    console.print("Talk to your prescriber before changing anything.")
