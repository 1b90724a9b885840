"""Writing the diary CSV files, byte-stable: contract column order, CRLF line ends, values written
one way only, and cells a spreadsheet would run as formulas neutralised.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from nightcramp.core.diary import STANDARD_FACTORS, Episode, FactorValue, Night
from nightcramp.core.interop.columns import EPISODE_COLUMNS, NIGHT_COLUMNS
from nightcramp.core.interop.formulas import neutralise

__all__ = ["format_started_at", "format_value", "write_episodes_csv", "write_nights_csv"]


def format_value(value: FactorValue | None) -> str:
    """Write a value as the CSV does: true/false, whole numbers without `.0`, else shortest."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def format_started_at(value: dt.datetime, tz: dt.tzinfo | None = None) -> str:
    """ISO 8601 with seconds; an aware time is shown in `tz` (if given) with its offset."""
    if tz is not None and value.tzinfo is not None:
        value = value.astimezone(tz)
    return value.isoformat()


def write_nights_csv(
    nights: Iterable[Night],
    out: TextIO | Path,
    *,
    custom_columns: Sequence[str] | None = None,
) -> int:
    """Write a nights CSV (contract column order, then custom columns by name); return rows.

    Without `custom_columns` the nights are read once first to find them.
    """
    if custom_columns is None:
        nights = list(nights)
        names = {k for n in nights for k in n.factors if k not in STANDARD_FACTORS}
        custom_columns = sorted(names)
    factors = (*NIGHT_COLUMNS[1:], *custom_columns)
    rows = (
        [night.date.isoformat(), *(format_value(night.factors.get(c)) for c in factors)]
        for night in nights
    )
    return _write_rows(out, (NIGHT_COLUMNS[0], *factors), rows)


def write_episodes_csv(
    episodes: Iterable[Episode], out: TextIO | Path, *, tz: dt.tzinfo | None = None
) -> int:
    """Write an episodes CSV in the contract's column order; return the number of rows."""
    rows = (
        [
            format_started_at(ep.started_at, tz),
            ep.muscle.value,
            "" if ep.side is None else ep.side.value,
            format_value(ep.duration_min),
            format_value(ep.severity),
            ";".join(r.value for r in ep.relief),
            "" if ep.relief_worked is None else ep.relief_worked.value,
            format_value(ep.woke_from_sleep),
            ep.notes,
        ]
        for ep in episodes
    )
    return _write_rows(out, EPISODE_COLUMNS, rows)


def _write_rows(out: TextIO | Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write the header and each row, every cell neutralised; return the number of rows."""
    close = isinstance(out, Path)
    handle = out.open("w", encoding="utf-8", newline="") if isinstance(out, Path) else out
    try:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([neutralise(c) for c in header])
        count = 0
        for row in rows:
            writer.writerow([neutralise(c) for c in row])
            count += 1
        return count
    finally:
        if close:
            handle.close()
