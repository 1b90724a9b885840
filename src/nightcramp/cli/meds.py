"""`nightcramp meds check NAME…`: class, link to cramps and cautions for each medicine."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from nightcramp.core.meds import MedCheck

__all__ = ["register"]


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

        Unknown names are listed, never guessed; an everyday word ("water tablet") gets a
        hint. Supplements are shown with their own advice ("kind": "supplement" in JSON).
        Medicines that are risky together are listed under "interactions". It never tells you
        to stop a medicine: talk to your prescriber.
        """
        from nightcramp.cli.output import print_json
        from nightcramp.core.diary_rules import check_text
        from nightcramp.core.meds import check_names

        for at, name in enumerate(names, start=1):
            try:
                check_text(name)
            except ValueError as error:  # bytes that are not text: never echoed as they are
                raise typer.BadParameter(f"name {at} {error}", param_hint="NAMES") from None
        result = check_names(names)
        if as_json:
            print_json(result.to_json())
            return
        _print(result)


def _how_sure(link: str, grade: str) -> str:
    """ "Cramps reported (seen in studies …)." from the content's words."""
    link = link[:1].upper() + link[1:]
    return f"{link} ({grade[:1].lower()}{grade[1:]})." if grade else f"{link}."


def _print(result: MedCheck) -> None:
    from rich.console import Console
    from rich.markup import escape

    from nightcramp.core.knowledge.sources import load_sources
    from nightcramp.core.meds import load_meds_wording, prescriber_sentence

    wording = load_meds_wording()
    sources = load_sources()
    cited: dict[str, int] = {}
    console = Console()
    for med in result.medications:
        numbers = [cited.setdefault(s, len(cited) + 1) for s in med.sources]
        console.print(f"[bold]{escape(med.query)}[/bold]: {med.generic}, {escape(med.label)}")
        console.print(f"  {escape(_how_sure(med.link_words, med.grade_words))}")
        for line in (med.evidence, med.advice, *(f"• {c}" for c in med.cautions)):
            console.print(f"  {escape(line)}")
        console.print("  Sources: " + " ".join(f"[{n}]" for n in numbers), markup=False)
        console.print()
    for interaction in result.interactions:
        numbers = [cited.setdefault(s, len(cited) + 1) for s in interaction.sources]
        refs = " ".join(f"[{n}]" for n in numbers)
        console.print(f"Taken together: {interaction.text} {refs}", markup=False)
    hinted = {hint.query for hint in result.hints}
    for hint in result.hints:
        console.print(hint.text, markup=False)
    for name in result.unknown:
        if name not in hinted:
            console.print(wording.unknown_text(name), markup=False)
    console.print(prescriber_sentence())
    for source_id, number in cited.items():
        citation = sources[source_id].citation if source_id in sources else source_id
        console.print(f"[{number}] {citation}", markup=False, style="dim")
