"""Error control across many tests: Benjamini–Hochberg (exploratory) and Holm (confirmatory)."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["bh_adjust", "holm_adjust"]


def bh_adjust(p_values: Sequence[float]) -> list[float]:
    """Return Benjamini–Hochberg adjusted p-values (q-values), in the input order.

    A test is a discovery at false discovery rate q when its adjusted value is at most q.
    """
    m = len(p_values)
    if m == 0:
        return []
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [1.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * m / rank)
        adjusted[i] = min(1.0, max(running, p_values[i]))
    return adjusted


def holm_adjust(p_values: Sequence[float]) -> list[float]:
    """Return Holm step-down adjusted p-values (family-wise error control), in the input order."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [1.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, p_values[i] * (m - rank)))
        adjusted[i] = running
    return adjusted
