"""Sources in the terminal: numbered in the order first cited, listed once at the end."""

from __future__ import annotations

from rich.console import Console

from nightcramp.cli.citations import SourceNumbers
from nightcramp.core.knowledge.sources import load_sources


def _listed(numbers: SourceNumbers) -> str:
    console = Console(record=True, width=400, highlight=False)
    numbers.print_list(console)
    return console.export_text()


def test_each_source_keeps_the_number_it_was_first_given() -> None:
    numbers = SourceNumbers()
    assert numbers.refs(["nhs_leg_cramps", "aafp_allen_2012"]) == "[1], [2]"
    assert numbers.refs(["aafp_allen_2012", "nhs_leg_cramps", "aafp_allen_2012"]) == "[2], [1]"
    assert numbers.refs(["usda_fdc"]) == "[3]"


def test_the_list_gives_each_citation_once_with_its_address() -> None:
    numbers = SourceNumbers()
    numbers.refs(["nhs_leg_cramps", "usda_fdc"])
    numbers.refs(["nhs_leg_cramps"])
    text = _listed(numbers)
    known = load_sources()
    assert text.count("[1] ") == 1 and text.count("[2] ") == 1
    assert f"[1] {known['nhs_leg_cramps'].citation}" in text
    assert str(known["usda_fdc"].url) in text


def test_an_id_without_a_citation_is_shown_as_it_is_and_nothing_cited_prints_nothing() -> None:
    numbers = SourceNumbers()
    assert _listed(numbers) == ""
    numbers.refs(["not_a_source_2099"])
    assert "[1] not_a_source_2099" in _listed(numbers)
