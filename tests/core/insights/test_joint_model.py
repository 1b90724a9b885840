"""The joint Poisson model: hand-worked estimates, collinear terms left out, too many terms."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence

import numpy as np

from nightcramp.core.diary import Episode, FactorValue, Night
from nightcramp.core.insights.contrast import PreparedTerm, prepare_term
from nightcramp.core.insights.joint_model import choose_time_terms, fit_terms
from nightcramp.core.insights.nights import NightTable, build_table

START = dt.date(2026, 1, 1)


def _table(rows: Sequence[tuple[Mapping[str, FactorValue], int]]) -> NightTable:
    nights, episodes = [], []
    for i, (factors, cramps) in enumerate(rows):
        day = START + dt.timedelta(days=i)
        nights.append(Night(day, factors))
        for k in range(cramps):
            at = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(2, k))
            episodes.append(Episode(started_at=at))
    return build_table(nights, episodes)


def _testable(table: NightTable) -> list[PreparedTerm]:
    return [t for t in (prepare_term(c) for c in table.columns) if t.reason is None]


def test_one_yes_no_factor_gives_the_ratio_of_means_by_hand() -> None:
    # 40 nights (too short for trend or season terms), a bath on every other night.
    # Bath nights: 30 cramps in 20 nights; other nights: 10 cramps in 20 nights.
    # Maximum likelihood for one yes/no term: log((30 / 20) / (10 / 20)).
    rows = []
    for i in range(40):
        bath = i % 2 == 0
        cramps = (2 if i % 4 == 0 else 1) if bath else int(i % 4 == 1)
        rows.append(({"warm_bath": bath}, cramps))
    table = _table(rows)
    fit = fit_terms(table, _testable(table))
    estimate = fit.estimates["warm_bath"]
    assert math.isclose(estimate.coef, math.log(30 / 10), rel_tol=1e-6)
    assert estimate.se > 0 and 0 < estimate.p_value < 0.01
    assert fit.reasons == {}
    assert fit.time_terms == ()


def test_a_level_with_no_cramps_is_refitted_with_firths_half_cramp() -> None:
    # Bath nights: 0 cramps in 20 nights; other nights: 20 cramps in 20 nights. Maximum
    # likelihood runs off to minus infinity; Firth's penalty adds half a cramp to each group.
    rows = [({"warm_bath": i % 2 == 0}, 0 if i % 2 == 0 else 1) for i in range(40)]
    table = _table(rows)
    estimate = fit_terms(table, _testable(table)).estimates["warm_bath"]
    assert math.isclose(estimate.coef, math.log(0.5 / 20.5), rel_tol=1e-6)


def test_a_copy_of_a_column_is_left_out_naming_the_column_it_copies() -> None:
    rng = np.random.default_rng(8)
    rows: list[tuple[Mapping[str, FactorValue], int]] = []
    for _ in range(200):
        drinks = int(rng.poisson(1.0))
        rows.append(({"alcohol_drinks": drinks, "wine_glasses": drinks}, int(rng.poisson(0.3))))
    table = _table(rows)
    fit = fit_terms(table, _testable(table))
    assert "alcohol_drinks" in fit.estimates
    assert "wine_glasses" not in fit.estimates
    assert fit.reasons["wine_glasses"] == ("collinear", "alcohol_drinks")


def test_fewer_than_ten_nights_per_model_column_beyond_the_first_gives_no_estimates() -> None:
    # The model needs 10 more nights than columns: intercept + bath = 2 columns, so 12 nights.
    rows = [({"warm_bath": i % 2 == 1}, i % 3) for i in range(11)]
    table = _table(rows)
    terms = _testable(table)
    assert [t.column.key for t in terms] == ["warm_bath"]
    fit = fit_terms(table, terms)
    assert fit.estimates == {}
    assert fit.reasons == {"warm_bath": ("too_many_factors", None)}
    assert fit.scale == 1.0
    longer = _table([({"warm_bath": i % 2 == 1}, i % 3) for i in range(12)])
    assert set(fit_terms(longer, _testable(longer)).estimates) == {"warm_bath"}


def _seasonal(n_nights: int, amplitude: float, seed: int) -> NightTable:
    rng = np.random.default_rng(seed)
    rows: list[tuple[Mapping[str, FactorValue], int]] = []
    for i in range(n_nights):
        day = START + dt.timedelta(days=i)
        wave = math.cos(2 * math.pi * (day.timetuple().tm_yday - 196) / 365.25)
        rows.append(
            (
                {"cold_room": bool(rng.random() < 0.5)},
                int(rng.poisson(0.4 * math.exp(amplitude * wave))),
            )
        )
    return _table(rows)


def test_a_short_diary_gets_no_time_terms() -> None:
    # Under 8 weeks there is no trend to allow for, whatever the counts do.
    assert choose_time_terms(_seasonal(50, 1.5, 1))[1] == ()


def test_a_strong_summer_peak_over_a_year_earns_the_season_terms() -> None:
    names = choose_time_terms(_seasonal(400, 1.0, 2))[1]
    assert names[:3] == ("trend", "season_sin", "season_cos")


def _wandering(n_nights: int, sd: float, seed: int) -> NightTable:
    """Cramps whose rate wanders slowly (AR(1) on the log scale), no season, no factor."""
    rng = np.random.default_rng(seed)
    level, rows = 0.0, []
    for _ in range(n_nights):
        level = 0.98 * level + rng.normal(0, sd * math.sqrt(1 - 0.98**2))
        rows.append(
            ({"cold_room": bool(rng.random() < 0.5)}, int(rng.poisson(0.4 * math.exp(level))))
        )
    return _table(rows)


def test_a_slowly_wandering_rate_earns_bends_and_a_steady_one_seldom_does() -> None:
    wandering = [choose_time_terms(_wandering(300, 1.0, seed))[1] for seed in range(6)]
    assert sum(any(n.startswith("drift_") for n in names) for names in wandering) >= 5
    steady = [choose_time_terms(_wandering(300, 0.0, seed))[1] for seed in range(6)]
    assert sum(any(n.startswith("drift_") for n in names) for names in steady) <= 1


def test_a_year_without_any_season_is_not_given_season_terms() -> None:
    # Akaike's criterion: season terms stay out unless they improve the fit enough.
    chosen = [choose_time_terms(_seasonal(400, 0.0, seed))[1] for seed in range(6)]
    assert sum("season_sin" in names for names in chosen) <= 2
