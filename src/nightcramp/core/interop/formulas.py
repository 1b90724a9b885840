"""Spreadsheet formulas in CSV cells: writing puts one `'` before a cell a spreadsheet would run
as a formula; reading removes exactly that `'` again.
"""

from __future__ import annotations

__all__ = ["FORMULA_CHARS", "neutralise", "unneutralise"]

FORMULA_CHARS = "=+-@\t\r"


def neutralise(cell: str) -> str:
    """Prefix a `'` to a cell a spreadsheet would read as a formula."""
    return "'" + cell if cell[:1] and cell[0] in FORMULA_CHARS else cell


def unneutralise(cell: str) -> str:
    """Remove exactly one `'` placed before a formula character by `neutralise`."""
    if len(cell) >= 2 and cell[0] == "'" and cell[1] in FORMULA_CHARS:
        return cell[1:]
    return cell
