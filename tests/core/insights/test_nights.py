"""The night table: cells as numbers, missing never 0, odd values never a number."""

from __future__ import annotations

import datetime as dt
import math

from nightcramp.core.diary import Night
from nightcramp.core.insights.nights import build_table

DAY = dt.date(2026, 1, 1)


def _values(cells: list[object]) -> list[float]:
    nights = [
        Night(DAY + dt.timedelta(days=i), {} if v is None else {"odd": v})  # type: ignore[dict-item]  # odd cells on purpose
        for i, v in enumerate(cells)
    ]
    col = build_table(nights, []).column("odd")
    assert col is not None
    return [float(v) for v in col.values]


def test_yes_no_and_numbers_become_floats_and_a_blank_stays_missing() -> None:
    values = _values([True, False, 2, 2.5, None])
    assert values[:4] == [1.0, 0.0, 2.0, 2.5]
    assert math.isnan(values[4])


def test_an_infinite_or_unreadable_cell_is_missing_never_a_number() -> None:
    values = _values([math.inf, "lots", 3])
    assert math.isnan(values[0]) and math.isnan(values[1])
    assert values[2] == 3.0
