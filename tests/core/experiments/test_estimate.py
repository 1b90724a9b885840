"""The within-pair rate ratio: hand-worked cases, zero cells and over-dispersion."""

from __future__ import annotations

import math

import pytest

from nightcramp.core.experiments.estimate import PairCounts, RateEstimate, estimate_rate_ratio


def pair(on: list[int], off: list[int], on_second: bool = False) -> PairCounts:
    return PairCounts(len(on), len(off), sum(on), sum(off), on_second, tuple(on), tuple(off))


def test_one_pair_gives_the_ratio_of_rates_shrunk_a_little_towards_one() -> None:
    # 2 cramps in 7 nights on, 8 in 7 off: the plain ratio is 2/8 = 0.25; Firth's penalty adds
    # half a cramp to each side, (2.5/7)/(8.5/7) = 0.294.
    est = estimate_rate_ratio([pair([1, 1, 0, 0, 0, 0, 0], [2, 1, 1, 1, 1, 1, 1])])
    assert est is not None
    assert est.rate_ratio == pytest.approx(2.5 / 8.5, rel=1e-6)
    assert est.dispersion == 1.0


def test_no_cramps_in_one_arm_still_gives_a_finite_estimate_below_one() -> None:
    pairs = [pair([0] * 7, [1] * 7, on_second=k % 2 == 0) for k in range(4)]
    est = estimate_rate_ratio(pairs)
    assert est is not None
    assert 0 < est.rate_ratio < 0.2
    low, high = est.interval(1.96)
    assert low < est.rate_ratio < high


def test_nothing_to_compare_gives_none() -> None:
    assert estimate_rate_ratio([pair([0] * 7, [0] * 7)]) is None
    assert estimate_rate_ratio([pair([], [1, 2])]) is None


def test_clustered_cramps_widen_the_interval() -> None:
    even = [pair([1, 0] * 5, [1, 1] * 5, on_second=k % 2 == 1) for k in range(6)]
    clustered = [
        pair([5, 0, 0, 0, 0] * 2, [5, 0, 0, 0, 0] * 4, on_second=k % 2 == 1) for k in range(6)
    ]
    a, b = estimate_rate_ratio(even), estimate_rate_ratio(clustered)
    assert a is not None and b is not None
    assert b.dispersion > 1 > a.dispersion - 1e-9
    assert b.df < math.inf
    assert b.critical(1.96) > 1.96
    assert b.se > a.se


def test_probability_helps_follows_the_estimate() -> None:
    helps = RateEstimate(log_ratio=-1.0, se=0.4, dispersion=1.0)
    worse = RateEstimate(log_ratio=1.0, se=0.4, dispersion=1.0)
    assert helps.probability_helps > 0.99 > 0.01 > worse.probability_helps
    wide = RateEstimate(log_ratio=-1.0, se=0.4, dispersion=2.0, df=5)
    assert 0.5 < wide.probability_helps < helps.probability_helps
    assert wide.crosses(1.96) is False or wide.interval(1.96)[1] < 1
    assert helps.crosses(1.96) and helps.interval(1.96)[1] < 1


def test_an_interval_that_says_nothing_yet_is_shown_within_1_in_1000_and_1000() -> None:
    est = RateEstimate(log_ratio=0.3, se=5.0, dispersion=40.0, df=1.0)
    low, high = est.interval(5.0)  # an early look's boundary; t with 1 degree of freedom
    assert low == pytest.approx(0.001) and high == pytest.approx(1000.0)
    far = RateEstimate(log_ratio=-12.0, se=0.5, dispersion=1.0)  # beyond 1/1000 itself
    low, high = far.interval(1.96)
    assert low <= far.rate_ratio < high < 1 and far.crosses(1.96)
    wide_far = RateEstimate(log_ratio=-12.0, se=50.0, dispersion=1.0)
    low, high = wide_far.interval(1.96)
    assert low <= wide_far.rate_ratio and high == pytest.approx(1000.0)


def test_weeks_that_run_high_or_low_together_widen_the_test_though_nights_look_even() -> None:
    # Inside each period every night has the same count (no nightly over-dispersion), but one
    # week of each pair is a bad one: the `on` week in half the pairs, the `off` week in the
    # other half, whatever the order (so the period term cannot explain it).
    def swinging(k: int) -> PairCounts:
        bad, good = [3] * 7, [1] * 7
        on, off = (bad, good) if k % 2 else (good, bad)
        return pair(on, off, on_second=(k // 2) % 2 == 1)

    steady = [pair([1, 2] * 3 + [1], [2, 1] * 3 + [2], on_second=k % 2 == 1) for k in range(8)]
    swung = estimate_rate_ratio([swinging(k) for k in range(8)])
    calm = estimate_rate_ratio(steady)
    assert swung is not None and calm is not None
    assert swung.dispersion > 5  # the pairs' spread (about 9), not the nights' (none)
    assert swung.df == 8 - 2  # pairs less the arm and the period terms
    assert calm.dispersion < 2
    assert not swung.crosses(1.96)


def test_a_sparse_crossover_is_fitted_to_the_top_of_its_likelihood_not_left_swinging() -> None:
    # 7 cramps on against 1 off over 5 pairs (both orders): plain Newton steps swung between
    # two points and stopped at a rate ratio below 1, against the data.
    pairs = [
        PairCounts(5, 4, 1, 0, True, (1, 0, 0, 0, 0), (0, 0, 0, 0)),
        PairCounts(6, 7, 0, 0, True, (0,) * 6, (0,) * 7),
        PairCounts(6, 7, 2, 0, False, (0, 0, 0, 0, 1, 1), (0,) * 7),
        PairCounts(5, 6, 0, 0, False, (0,) * 5, (0,) * 6),
        PairCounts(6, 4, 4, 1, False, (1, 1, 1, 1, 0, 0), (1, 0, 0, 0)),
    ]
    estimate = estimate_rate_ratio(pairs)
    assert estimate is not None
    assert estimate.rate_ratio > 1 and estimate.probability_helps < 0.5
