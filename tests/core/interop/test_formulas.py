"""Spreadsheet formulas in CSV cells: neutralised on writing, restored exactly on reading."""

from __future__ import annotations

import pytest

from nightcramp.core.interop.formulas import neutralise, unneutralise


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_starting_like_a_formula_are_neutralised_and_restored(start: str) -> None:
    cell = f"{start}SUM(A1)"
    assert neutralise(cell) == f"'{cell}"
    assert unneutralise(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["", "calf", "3", "'quoted", "2026-01-05"])
def test_other_cells_are_written_and_read_unchanged(cell: str) -> None:
    assert neutralise(cell) == cell
    assert unneutralise(cell) == cell


def test_only_one_leading_quote_before_a_formula_character_is_removed() -> None:
    assert unneutralise("''=x") == "''=x"
    assert unneutralise("'hello") == "'hello"
    assert unneutralise("'") == "'"
    assert neutralise("'=x") == "'=x"
