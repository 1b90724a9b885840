"""Benjamini–Hochberg and Holm adjustments: hand-worked values and properties."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nightcramp.core.insights.fdr import bh_adjust, holm_adjust

P_LISTS = st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=0, max_size=30)


def test_bh_adjusts_a_hand_worked_example() -> None:
    # m = 4, sorted p: 0.01, 0.02, 0.03, 0.5 -> p*m/rank: 0.04, 0.04, 0.04, 0.5 (step-up minimum)
    assert bh_adjust([0.03, 0.01, 0.5, 0.02]) == [0.04, 0.04, 0.5, 0.04]


def test_holm_adjusts_a_hand_worked_example() -> None:
    # sorted 0.01, 0.02, 0.03: times 3, 2, 1 -> 0.03, 0.04, 0.04 (running maximum)
    assert holm_adjust([0.02, 0.01, 0.03]) == [0.04, 0.03, 0.04]


def test_bh_matches_statsmodels() -> None:
    from statsmodels.stats.multitest import multipletests

    p = [0.001, 0.2, 0.04, 0.03, 0.9, 0.011, 0.5]
    expected = multipletests(p, method="fdr_bh")[1]
    assert [round(x, 12) for x in bh_adjust(p)] == [round(float(x), 12) for x in expected]


@given(P_LISTS)
def test_bh_never_flags_more_than_raw_p_values(p: list[float]) -> None:
    adjusted = bh_adjust(p)
    for q in (0.01, 0.05, 0.1):
        assert sum(a <= q for a in adjusted) <= sum(x <= q for x in p)
    assert all(a >= x for a, x in zip(adjusted, p, strict=True))


@given(P_LISTS)
def test_holm_is_never_less_strict_than_bh(p: list[float]) -> None:
    assert all(h >= b - 1e-12 for h, b in zip(holm_adjust(p), bh_adjust(p), strict=True))
