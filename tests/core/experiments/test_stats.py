"""The pure-Python normal and t distributions agree with scipy's to many digits."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special

from nightcramp.core.experiments.stats import normal_cdf, normal_quantile, t_cdf, t_quantile

DFS = [0.7, 1.0, 2.5, 5.0, 17.3, 60.0, 400.0, 1e5]


@pytest.mark.parametrize("z", [-30.0, -5.0, -1.96, 0.0, 0.4, 2.5, 8.0])
def test_normal_cdf_matches_scipy_far_into_the_tails(z: float) -> None:
    assert normal_cdf(z) == pytest.approx(float(special.ndtr(z)), rel=1e-12)


@pytest.mark.parametrize("p", [1e-12, 1e-5, 0.025, 0.3, 0.5, 0.975])
def test_normal_quantile_inverts_the_cdf(p: float) -> None:
    assert normal_quantile(p) == pytest.approx(float(special.ndtri(p)), abs=1e-9)


@pytest.mark.parametrize("df", DFS)
@pytest.mark.parametrize("t", [-40.0, -8.0, -2.1, -0.5, 0.0, 0.3, 1.96, 12.0])
def test_t_cdf_matches_scipy(df: float, t: float) -> None:
    expected = float(special.stdtr(df, t))
    assert t_cdf(df, t) == pytest.approx(expected, rel=1e-9, abs=1e-300)


@pytest.mark.parametrize("df", DFS)
@pytest.mark.parametrize("p", [1e-9, 1e-4, 0.018, 0.5, 0.9, 0.99])
def test_t_quantile_matches_scipy(df: float, p: float) -> None:
    assert t_quantile(df, p) == pytest.approx(float(special.stdtrit(df, p)), rel=1e-8)


def test_infinite_degrees_of_freedom_is_the_normal() -> None:
    assert t_cdf(math.inf, -1.5) == normal_cdf(-1.5)
    assert t_quantile(math.inf, 0.01) == normal_quantile(0.01)


def test_fewer_degrees_of_freedom_need_a_larger_value_for_the_same_tail() -> None:
    # With 3 degrees of freedom the two-sided 5 % point is 3.182 (every t table), not 1.96.
    assert -t_quantile(3.0, 0.025) == pytest.approx(3.182446, abs=1e-6)
    assert -t_quantile(3.0, 0.025) > -t_quantile(30.0, 0.025) > -normal_quantile(0.025)


@settings(deadline=None)  # the machine may be busy: no timing
@given(
    df=st.floats(min_value=0.5, max_value=1e4),
    p=st.floats(min_value=1e-10, max_value=1 - 1e-10),
)
def test_the_quantile_inverts_the_cdf(df: float, p: float) -> None:
    assert t_cdf(df, t_quantile(df, p)) == pytest.approx(p, rel=1e-7, abs=1e-12)
