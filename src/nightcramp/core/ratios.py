"""Rate ratios for people and for documents: one rounding, which never crosses 1.

A ratio on one side of 1 stays on that side when rounded: an interval that leaves 1 out
(a "helps" or a "likely trigger") never reads as reaching it, and one that holds 1 never reads
as leaving it out.
"""

from __future__ import annotations

import math

__all__ = ["percent_fewer", "ratio_text", "ratio_value"]

_MOST_DIGITS = 8


def _keeps_side(value: float, shown: float) -> bool:
    return (shown > 1) == (value > 1) and (shown < 1) == (value < 1)


def ratio_value(value: float | None, digits: int = 3) -> float | None:
    """`value` to `digits` significant figures for a JSON document (None when unknown or not
    finite); more figures when fewer would put it on the other side of 1, or make a positive
    ratio 0."""
    if value is None or not math.isfinite(value):
        return None
    for figures in range(digits, _MOST_DIGITS + 1):
        shown = float(f"{value:.{figures}g}")
        if _keeps_side(value, shown) and (shown > 0 or value <= 0):
            break
    else:
        return value
    if 0.001 <= value < 99.5:  # never fewer figures than the words give ("1.046", not 1.05)
        worded = float(ratio_text(value))
        if len(_figures(worded)) > len(_figures(shown)):
            return worded
    return shown


def _figures(value: float) -> str:
    """The significant digits of `value` as written in short form ("1.046" -> "1046")."""
    return repr(value).replace(".", "").replace("-", "").lstrip("0")


def ratio_text(value: float) -> str:
    """A rate ratio for reading, in plain decimals: 2 significant figures, more decimals near 1
    (never a false "1": 0.99981 reads "0.9998"), whole numbers from 100, and "under 0.001"
    below that (never "0.00", never an exponent such as "1e+03")."""
    if value < 0.001:
        return "under 0.001"
    if value >= 99.5:
        return f"{value:.0f}"
    text = f"{value:.2g}"
    if _keeps_side(value, float(text)):
        return text
    for decimals in range(3, _MOST_DIGITS + 1):
        text = f"{value:.{decimals}f}"
        if _keeps_side(value, float(text)):
            return text
    return text


def percent_fewer(ratio: float) -> int:
    """How many percent fewer a rate ratio below 1 means, whole: never 100 for a ratio above 0
    (a rate that fell a great deal did not stop), never below 0."""
    percent = max(0, round(100 * (1 - ratio)))
    return min(percent, 99) if ratio > 0 else percent
