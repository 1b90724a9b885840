"""The diary files' columns (CONTRACT.md "Diary files"): their names and order, and what the
header row of a CSV file says about it: nights or episodes, and which columns, in which order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum

from nightcramp.core.diary import STANDARD_FACTORS
from nightcramp.core.diary_rules import check_factor_name
from nightcramp.core.errors import InputError
from nightcramp.core.interop.formulas import unneutralise

__all__ = ["EPISODE_COLUMNS", "NIGHT_COLUMNS", "DiaryKind", "column_without_name", "read_header"]

NIGHT_COLUMNS: tuple[str, ...] = ("date", *STANDARD_FACTORS)
EPISODE_COLUMNS: tuple[str, ...] = (
    "started_at",
    "muscle",
    "side",
    "duration_min",
    "severity",
    "relief",
    "relief_worked",
    "woke_from_sleep",
    "notes",
)


class DiaryKind(StrEnum):
    NIGHTS = "nights"
    EPISODES = "episodes"


def read_header(cells: Sequence[str], label: str) -> tuple[DiaryKind, tuple[str, ...]]:
    """Return the kind of file a header row starts and its column names, in file order.

    Standard names are matched in any case; custom night columns must be valid factor names.
    Raises InputError (file `label`, row 1) for a header that is not a diary's.
    """
    names = [unneutralise(cell).strip() for cell in cells]
    lowered = [n.lower() for n in names]
    if len(names) == 1 and ";" in names[0]:
        raise InputError(
            "is separated by semicolons; nightcramp reads comma-separated files only",
            file=label,
            row=1,
        )
    if "date" in lowered and "started_at" in lowered:
        raise InputError(
            "has both `date` and `started_at`: put nights and episodes in separate files",
            file=label,
            row=1,
        )
    if "date" in lowered:
        kind = DiaryKind.NIGHTS
    elif "started_at" in lowered:
        kind = DiaryKind.EPISODES
    elif label.lower().endswith(".json"):  # named JSON, but no object or array inside
        raise InputError(
            "is not a nightcramp diary: a JSON diary is one object with `nights` and "
            "`episodes` (as `nightcramp export --format json` writes it), and a CSV diary's "
            "header has a `date` (nights) or `started_at` (episodes) column",
            file=label,
            row=1,
        )
    else:
        raise InputError(
            "is not a nightcramp diary CSV: its header has no `date` (nights) "
            "or `started_at` (episodes) column",
            file=label,
            row=1,
        )
    return kind, tuple(_column_names(names, kind, label))


def _column_names(names: list[str], kind: DiaryKind, label: str) -> Iterator[str]:
    standard = NIGHT_COLUMNS if kind is DiaryKind.NIGHTS else EPISODE_COLUMNS
    seen: set[str] = set()
    for index, name in enumerate(names, 1):
        column = name.lower() if name.lower() in standard else name
        if not column:
            raise column_without_name(index, file=label)
        if column in seen:
            raise InputError("appears twice in the header", file=label, row=1, field=column)
        seen.add(column)
        if column not in standard:
            if kind is DiaryKind.EPISODES:
                allowed = ", ".join(EPISODE_COLUMNS)
                raise InputError(
                    f"is not an episodes column (use {allowed})", file=label, row=1, field=column
                )
            try:
                check_factor_name(column)
            except ValueError as error:
                raise InputError(str(error), file=label, row=1, field=column) from None
        yield column


def column_without_name(index: int, *, file: str | None) -> InputError:
    """The error for a header cell with no name (a spreadsheet's trailing comma), named by its
    position: "column 4 has no name", row 1. Diary files and experiment schedules alike."""
    return InputError(f"column {index} has no name", file=file, row=1)
