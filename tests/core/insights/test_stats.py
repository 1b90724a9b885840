"""The Poisson rate model: agrees with statsmodels, stays finite when a level had no cramps."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
from hypothesis import given, settings
from hypothesis import strategies as st

from nightcramp.core.insights.stats import fit_negbin, fit_poisson, nb_score_test, wald_p_value


def _data(seed: int, n: int = 400) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    rng = np.random.default_rng(seed)
    x = np.column_stack([np.ones(n), rng.normal(size=n), rng.random(n) < 0.3])
    y = rng.poisson(np.exp(-1.0 + 0.4 * x[:, 1] + 0.7 * x[:, 2])).astype(float)
    return x.astype(float), y


def test_unpenalised_fit_matches_statsmodels_glm() -> None:
    import statsmodels.api as sm

    x, y = _data(1)
    ours = fit_poisson(x, y, firth=False, quasi=False)
    ref = sm.GLM(y, x, family=sm.families.Poisson()).fit()
    assert np.allclose(ours.coef, ref.params, atol=1e-8)
    assert np.allclose(np.sqrt(np.diag(ours.cov)), ref.bse, rtol=1e-6)


def test_two_group_rate_ratio_is_the_ratio_of_means() -> None:
    # Hand-worked: 10 nights with 6 cramps vs 20 nights with 4 -> ratio (6/10)/(4/20) = 3.
    group = np.array([1.0] * 10 + [0.0] * 20)
    y = np.array([1.0] * 6 + [0.0] * 4 + [1.0] * 4 + [0.0] * 16)
    fit = fit_poisson(np.column_stack([np.ones(30), group]), y, firth=False, quasi=False)
    assert math.isclose(math.exp(fit.coef[1]), 3.0, rel_tol=1e-9)
    # Wald SE of a log rate ratio between two Poisson groups: sqrt(1/6 + 1/4).
    assert math.isclose(fit.se(1), math.sqrt(1 / 6 + 1 / 4), rel_tol=1e-6)


def test_a_level_with_no_cramps_gives_a_finite_shrunk_estimate() -> None:
    group = np.array([1.0] * 15 + [0.0] * 45)
    y = np.array([0.0] * 15 + [1.0] * 12 + [0.0] * 33)
    fit = fit_poisson(np.column_stack([np.ones(60), group]), y)
    assert fit.converged
    assert math.isfinite(fit.coef[1]) and -6 < fit.coef[1] < 0
    assert math.isfinite(fit.se(1))


def test_quasi_scale_is_never_below_one() -> None:
    x, y = _data(2)
    assert fit_poisson(x, y).scale >= 1.0


def test_wald_p_value_of_an_unusable_se_is_one() -> None:
    assert wald_p_value(1.0, 0.0) == 1.0
    assert wald_p_value(float("nan"), 1.0) == 1.0
    assert math.isclose(wald_p_value(1.959963984540054, 1.0), 0.05, rel_tol=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_interval_contains_the_estimate(seed: int) -> None:
    x, y = _data(seed, n=80)
    fit = fit_poisson(x, y)
    for j in range(x.shape[1]):
        low, high = fit.coef[j] - 1.96 * fit.se(j), fit.coef[j] + 1.96 * fit.se(j)
        assert low <= fit.coef[j] <= high
        assert math.isfinite(low) and math.isfinite(high)


def test_a_fit_the_arithmetic_cannot_carry_comes_back_not_converged() -> None:
    rows = 40
    x = np.column_stack([np.ones(rows), np.tile([1e-300, 1e300, -1e300, 0.0], rows // 4)])
    y = np.tile([0.0, 1.0, 2.0, 0.0], rows // 4)
    fit = fit_poisson(x, y)
    assert not fit.converged or all(math.isfinite(c) for c in fit.coef)


def _clustered(
    seed: int, n: int = 200, shape: float = 0.7
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """A covariate unrelated to cramps, and heavy-tailed counts (most nights none, a few many)."""
    rng = np.random.default_rng(seed)
    mean = 3 / 7
    y = rng.negative_binomial(shape, shape / (shape + mean), n).astype(float)
    x = np.column_stack([np.ones(n), rng.normal(0.0, 1.0, n)])
    return x, y


def test_negative_binomial_fit_finds_the_over_dispersion_and_the_rate() -> None:
    x, y = _clustered(7, n=4000)
    fit = fit_negbin(x, y)
    assert fit.converged
    assert abs(fit.alpha - 1 / 0.7) < 0.25  # variance mu + mu^2 / shape
    assert abs(math.exp(fit.coef[0]) - 3 / 7) < 0.05 and abs(fit.coef[1]) < 0.1


def test_the_score_test_holds_its_level_when_cramps_cluster() -> None:
    # A quasi-Poisson Wald test calls such a covariate at 1.2-1.3 times its level.
    called = 0
    for seed in range(400):
        x, y = _clustered(1000 + seed)
        fit = fit_negbin(x, y)
        _, p = nb_score_test(x, y, 1, fit.alpha, fit.coef)
        called += p < 0.05
    assert called / 400 <= 0.07


def test_the_score_test_finds_a_real_effect_and_its_direction() -> None:
    rng = np.random.default_rng(3)
    n = 300
    z = rng.normal(0.0, 1.0, n)
    mean = 0.5 * np.exp(0.5 * z)
    y = rng.negative_binomial(1.0, 1.0 / (1.0 + mean)).astype(float)
    x = np.column_stack([np.ones(n), z])
    fit = fit_negbin(x, y)
    stat, p = nb_score_test(x, y, 1, fit.alpha, fit.coef)
    assert p < 0.01 and stat > 0


def test_a_negative_binomial_fit_the_arithmetic_cannot_carry_comes_back_not_converged() -> None:
    x = np.column_stack([np.ones(5), np.full(5, np.nan)])
    assert not fit_negbin(x, np.array([0.0, 1.0, 0.0, 2.0, 0.0])).converged
