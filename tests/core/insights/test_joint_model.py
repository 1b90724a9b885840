"""The joint Poisson model: hand-worked estimates, collinear terms left out, too many terms."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence

import numpy as np

from nightcramp.core.diary import Episode, FactorValue, Night
from nightcramp.core.insights.contrast import PreparedTerm, prepare_term
from nightcramp.core.insights.joint_model import fit_terms
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


def test_one_yes_no_factor_gives_the_firth_rate_ratio_by_hand() -> None:
    # 40 nights (too short for trend or season terms), a bath on every other night.
    # Bath nights: 30 cramps in 20 nights; other nights: 10 cramps in 20 nights.
    # Firth's penalty adds half a cramp to each group: log((30.5 / 20) / (10.5 / 20)).
    rows = []
    for i in range(40):
        bath = i % 2 == 0
        cramps = (2 if i % 4 == 0 else 1) if bath else int(i % 4 == 1)
        rows.append(({"warm_bath": bath}, cramps))
    table = _table(rows)
    fit = fit_terms(table, _testable(table))
    estimate = fit.estimates["warm_bath"]
    assert math.isclose(estimate.coef, math.log(30.5 / 10.5), rel_tol=1e-6)
    assert estimate.se > 0 and 0 < estimate.p_value < 0.01
    assert fit.reasons == {}


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
