"""The stopping rule's boundaries keep the chance of any false call at alpha."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nightcramp.core.experiments.boundaries import (
    ALPHA,
    EQUAL_LOOKS,
    obf_spending,
    spending_boundaries,
)


def test_one_look_is_the_usual_two_sided_test() -> None:
    assert spending_boundaries([1.0]) == pytest.approx((1.959964,), abs=1e-5)


def test_spending_is_all_alpha_at_the_end_and_none_at_the_start() -> None:
    assert obf_spending(1.0) == pytest.approx(ALPHA)
    assert obf_spending(0.0) == 0.0
    assert obf_spending(0.25) < obf_spending(0.5) < ALPHA


@pytest.mark.parametrize("looks", [4, 8])
def test_brownian_motion_crosses_some_boundary_with_chance_alpha(looks: int) -> None:
    bounds = np.array(spending_boundaries([k / looks for k in range(1, looks + 1)]))
    assert np.all(np.diff(bounds) < 0)  # early looks ask for stronger proof
    rng = np.random.default_rng(2)
    steps = rng.normal(scale=np.sqrt(1 / looks), size=(100_000, looks)).cumsum(axis=1)
    z = steps / np.sqrt(np.arange(1, looks + 1) / looks)
    crossed = (np.abs(z) >= bounds).any(axis=1).mean()
    assert crossed == pytest.approx(ALPHA, abs=0.004)


def test_a_look_with_no_new_information_spends_nothing() -> None:
    bounds = spending_boundaries([0.5, 0.5, 1.0])
    assert bounds[1] > 10
    assert bounds[2] < bounds[0]


@pytest.mark.parametrize("looks", sorted(EQUAL_LOOKS))
def test_the_kept_boundaries_are_those_of_the_recursion(looks: int) -> None:
    # A slightly different alpha bypasses the kept table and runs the recursion itself.
    fractions = [k / looks for k in range(1, looks + 1)]
    computed = spending_boundaries(fractions, alpha=ALPHA * (1 + 1e-12))
    assert spending_boundaries(fractions) == EQUAL_LOOKS[looks]
    assert EQUAL_LOOKS[looks] == pytest.approx(computed, abs=1e-8)


def test_eight_looks_ask_for_5_54_at_the_first_and_2_10_at_the_last() -> None:
    # docs/experiments.md quotes these; the first is 1.96 * sqrt(8) (nothing spent before it).
    bounds = spending_boundaries([k / 8 for k in range(1, 9)])
    assert bounds[0] == pytest.approx(1.959964 * math.sqrt(8), abs=1e-4)
    assert round(bounds[-1], 2) == 2.10
