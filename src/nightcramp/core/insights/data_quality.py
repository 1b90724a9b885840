"""How far a diary can be trusted before looking for triggers: gaps in logging, cramps on
unlogged nights, logging only cramp nights, and too few cramp nights.
"""

from __future__ import annotations

from dataclasses import dataclass

from nightcramp.core.insights.nights import NightTable
from nightcramp.core.insights.wording import (
    logging_gaps_warning,
    only_cramp_nights_warning,
    unlogged_cramps_warning,
)

__all__ = ["EVERY_EVENING", "MIN_CRAMP_NIGHTS", "DataQuality", "check_data_quality"]

MIN_CRAMP_NIGHTS = 10


# A diary with at least this share of the nights from its first to its last logged is kept
# every evening: nights with cramps on nearly all of them are not a sign of selective logging.
EVERY_EVENING = 0.8


@dataclass(frozen=True)
class DataQuality:
    """The contract's `data_quality` document, warnings to show, and why triggers cannot be
    looked for yet (`no_nights`, `only_cramp_nights`, `few_cramp_nights`; None when they can).
    """

    document: dict[str, object]
    warnings: list[str]
    blocked: str | None


def check_data_quality(table: NightTable) -> DataQuality:
    """Return what the night table says about how the diary was kept."""
    n, cramp_nights = table.n, table.cramp_nights
    span = table.span_days
    quiet = n - cramp_nights
    biased = n >= 5 and quiet < 0.1 * n
    document: dict[str, object] = {
        "span_days": span,
        "logged_share": round(n / span, 3) if span else None,
        "quiet_nights": quiet,
        "unlogged_cramps": table.unlogged_cramps,
        "unlogged_cramp_nights": table.unlogged_cramp_nights,
        "only_cramp_nights": biased,
        "first_night": table.dates[0].isoformat() if n else None,
        "last_night": table.dates[-1].isoformat() if n else None,
    }
    blocked = None
    if n == 0:
        blocked = "no_nights"
    elif biased:
        blocked = "only_cramp_nights"
    elif cramp_nights < MIN_CRAMP_NIGHTS:
        blocked = "few_cramp_nights"
    return DataQuality(document, _warnings(table, biased), blocked)


def _warnings(table: NightTable, biased: bool) -> list[str]:
    n, span = table.n, table.span_days
    warnings = []
    if biased:
        every_evening = n >= EVERY_EVENING * span
        warnings.append(
            only_cramp_nights_warning(table.cramp_nights, n, every_evening=every_evening)
        )
    if n and n < 0.5 * span:
        warnings.append(logging_gaps_warning(n, span))
    if table.unlogged_cramps:
        warnings.append(unlogged_cramps_warning(table.unlogged_cramps, table.unlogged_cramp_nights))
    return warnings
