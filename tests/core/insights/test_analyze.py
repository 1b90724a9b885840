"""`analyze`: verdicts, contrasts, error control and every awkward diary from issue #5."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from nightcramp.core.diary import STANDARD_FACTORS, Episode, FactorValue, Night
from nightcramp.core.errors import InputError
from nightcramp.core.insights.analyze import (
    EXPLORATORY_Q,
    Analysis,
    ExperimentOffer,
    Verdict,
    analyze,
    matching_level,
    nights_for_power,
    nights_to_double,
)
from nightcramp.core.insights.nights import build_table
from nightcramp.core.insights.simulate import TrueEffect, simulate_diary

START = dt.date(2026, 1, 1)


def _diary(
    rows: Sequence[tuple[Mapping[str, FactorValue], int]],
) -> tuple[list[Night], list[Episode]]:
    """Nights from START, each with its factors and that many cramps at 02:00."""
    nights, episodes = [], []
    for i, (factors, cramps) in enumerate(rows):
        day = START + dt.timedelta(days=i)
        nights.append(Night(day, factors))
        for k in range(cramps):
            at = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(2, k))
            episodes.append(Episode(started_at=at))
    return nights, episodes


def _by_key(result: Analysis) -> dict[str, dict[str, Any]]:
    factors: list[dict[str, Any]] = result.to_json()["factors"]  # type: ignore[assignment]
    return {f["factor"] + ("@lag1" if f.get("lag_days") else ""): f for f in factors}


def test_every_column_appears_once_plus_exercise_lags() -> None:
    nights, episodes = _diary([({"alcohol_drinks": 1, "my_steps": 4000.0}, 0)] * 3)
    factors = list(_by_key(analyze(nights, episodes)).values())
    names = [(f["factor"], f.get("lag_days", 0)) for f in factors]
    assert len(names) == len(set(names))
    assert {n for n, lag in names if lag == 0} == {*STANDARD_FACTORS, "my_steps"}
    assert {n for n, lag in names if lag == 1} == {"exercise_minutes", "new_or_harder_exercise"}
    assert all(f["lag_days"] == 1 for f in factors if "lag_days" in f)


def test_a_clear_trigger_is_found_with_a_true_vs_false_contrast() -> None:
    rng = np.random.default_rng(3)
    rows: list[tuple[Mapping[str, FactorValue], int]] = []
    for _ in range(240):
        had_bath = bool(rng.random() < 0.4)
        rows.append(({"warm_bath": had_bath}, int(rng.poisson(0.9 if had_bath else 0.15))))
    result = analyze(*_diary(rows))
    bath = _by_key(result)["warm_bath"]
    assert bath["verdict"] == "likely_trigger"
    assert bath["contrast"] == "true vs false"
    assert bath["ci_low"] <= bath["rate_ratio"] <= bath["ci_high"]
    assert 3 < bath["rate_ratio"] < 10
    assert "not proof" in str(bath["explanation"])


def test_numbers_use_the_interquartile_range_as_contrast() -> None:
    sim = simulate_diary(5, 365, truth=(TrueEffect("alcohol_drinks", 2.0, unit=2),), base_rate=0.3)
    alcohol = _by_key(analyze(sim.nights, sim.episodes))["alcohol_drinks"]
    assert str(alcohol["contrast"]).startswith("per IQR (")
    assert "drinks" in str(alcohol["contrast"])


def test_too_few_cramp_nights_is_not_enough_data_with_nights_needed() -> None:
    rows = [({"alcohol_drinks": i % 3, "cold_room": i % 2 == 0}, 1 if i % 10 == 0 else 0)
            for i in range(60)]  # fmt: skip
    result = analyze(*_diary(rows))
    assert result.cramp_nights == 6
    assert {f.verdict for f in result.factors} == {Verdict.NOT_ENOUGH_DATA}
    alcohol = _by_key(result)["alcohol_drinks"]
    assert alcohol["rate_ratio"] is None
    assert isinstance(alcohol["nights_needed"], int) and alcohol["nights_needed"] > 0
    assert "10" in result.summary[0]
    assert int(str(result.nights_needed["more_nights"])) > 0


def test_too_little_variation_needs_five_nights_at_each_level() -> None:
    rows = [({"feet_pointed": i < 4, "cold_room": i % 2 == 0}, i % 3 == 0) for i in range(90)]
    found = _by_key(analyze(*_diary([(f, int(c)) for f, c in rows])))
    assert found["feet_pointed"]["verdict"] == "not_enough_data"
    assert "at least 5 nights at each level" in str(found["feet_pointed"]["explanation"])
    assert found["cold_room"]["verdict"] != "not_enough_data"


def test_a_constant_answer_cannot_be_tested() -> None:
    rows = [({"tight_bedding": True, "cold_room": i % 2 == 0}, int(i % 3 == 0)) for i in range(90)]
    found = _by_key(analyze(*_diary(rows)))
    assert found["tight_bedding"]["verdict"] == "not_enough_data"
    assert "same answer every night" in str(found["tight_bedding"]["explanation"])


def test_a_factor_ticked_only_when_it_happened_asks_for_the_no_answers() -> None:
    rows = [({"warm_bath": True} if i % 3 == 0 else {}, int(i % 4 == 0)) for i in range(90)]
    bath = _by_key(analyze(*_diary(rows)))["warm_bath"]
    assert bath["verdict"] == "not_enough_data"
    assert "answer no (or 0) on the other nights too" in str(bath["explanation"])
    assert "same answer every night" not in str(bath["explanation"])


def test_missing_cells_are_unknown_never_zero_and_keep_the_night() -> None:
    # Alcohol is 2 on every night it was recorded; it is missing on 40 quiet nights.
    # Read as 0, those nights would make alcohol look like a strong trigger.
    rows: list[tuple[Mapping[str, FactorValue], int]] = []
    for i in range(120):
        if i % 3 == 0:
            rows.append(({"cold_room": i % 2 == 0}, 0))
        else:
            rows.append(({"alcohol_drinks": 2, "cold_room": i % 2 == 0}, int(i % 4 == 1)))
    result = analyze(*_diary(rows))
    alcohol = _by_key(result)["alcohol_drinks"]
    assert result.nights == 120
    assert alcohol["nights_recorded"] == 80
    assert alcohol["verdict"] == "not_enough_data"


def test_unlogged_nights_are_missing_not_cramp_free() -> None:
    nights, episodes = _diary([({"cold_room": i % 2 == 0}, int(i % 3 == 0)) for i in range(30)])
    stray = Episode(started_at=dt.datetime(2026, 6, 1, 3, 0))
    result = analyze(nights, [*episodes, stray])
    # The stray cramp's night counts as logged (it has a cramp) but, with no check-in, it is
    # left out of the factor analysis and said so.
    assert result.nights == 31
    assert result.data_quality["unlogged_cramps"] == 1
    assert result.cramps == len(episodes) + 1
    assert any("no evening entry" in w for w in result.warnings)


def test_previous_day_is_used_only_when_that_day_was_logged() -> None:
    days = [START, START + dt.timedelta(days=1), START + dt.timedelta(days=3)]
    table = build_table([Night(d, {"exercise_minutes": 30 + i}) for i, d in enumerate(days)], [])
    lag = table.column("exercise_minutes@lag1")
    assert lag is not None
    assert math.isnan(lag.values[0])
    assert lag.values[1] == 30
    assert math.isnan(lag.values[2])


def test_previous_day_exercise_trigger_is_reported_with_lag_days() -> None:
    truth = (TrueEffect("exercise_minutes", 2.5, unit=25, lag_days=1),)
    sim = simulate_diary(11, 730, truth=truth, base_rate=0.3, unlogged_night=0.05)
    found = _by_key(analyze(sim.nights, sim.episodes))
    assert found["exercise_minutes@lag1"]["verdict"] == "likely_trigger"
    assert found["exercise_minutes@lag1"]["lag_days"] == 1
    assert found["exercise_minutes"]["verdict"] != "likely_trigger"


@pytest.mark.parametrize("seed", [0, 1])
def test_a_factor_that_rises_in_summer_is_not_blamed_for_the_season(seed: int) -> None:
    sim = simulate_diary(seed, 1095, season_amplitude=0.6, base_rate=0.3)
    table = build_table(sim.nights, sim.episodes)
    col = table.column("heavy_sweating")
    assert col is not None
    seen = ~np.isnan(col.values)
    x, y = col.values[seen] > 0.5, table.counts[seen] > 0
    naive = sps.fisher_exact(
        [[int((x & y).sum()), int((x & ~y).sum())], [int((~x & y).sum()), int((~x & ~y).sum())]]
    ).pvalue
    assert naive < 0.001  # an uncorrected test without season blames sweating
    found = _by_key(analyze(sim.nights, sim.episodes))
    assert found["heavy_sweating"]["verdict"] == "no_clear_effect"


def test_a_copy_of_another_column_is_reported_as_inseparable() -> None:
    rng = np.random.default_rng(8)
    rows: list[tuple[Mapping[str, FactorValue], int]] = []
    for _ in range(200):
        drinks = int(rng.poisson(1.0))
        rows.append(({"alcohol_drinks": drinks, "wine_glasses": drinks}, int(rng.poisson(0.3))))
    found = _by_key(analyze(*_diary(rows)))
    assert found["alcohol_drinks"]["verdict"] != "not_enough_data"
    assert found["wine_glasses"]["verdict"] == "not_enough_data"
    assert "went together with alcohol" in str(found["wine_glasses"]["explanation"])


def test_logging_only_cramp_nights_is_called_biased() -> None:
    rows = [({"alcohol_drinks": i % 4, "cold_room": i % 2 == 0}, 1 + i % 2) for i in range(40)]
    result = analyze(*_diary(rows))
    assert result.data_quality["only_cramp_nights"] is True
    # Logged every evening: the cramps, not the logging, leave no quiet nights.
    assert any("had a cramp, and you logged nearly every evening" in w for w in result.warnings)
    assert {f.verdict for f in result.factors} == {Verdict.NOT_ENOUGH_DATA}
    assert {f.nights_needed for f in result.factors} == {0}  # more such nights would not help


def test_an_extreme_dose_does_not_give_an_absurd_rate_ratio() -> None:
    rng = np.random.default_rng(4)
    rows: list[tuple[Mapping[str, FactorValue], int]] = [
        ({"alcohol_drinks": int(rng.integers(0, 3))}, int(rng.poisson(0.3))) for _ in range(150)
    ]
    rows[10] = ({"alcohol_drinks": 60}, 4)
    alcohol = _by_key(analyze(*_diary(rows)))["alcohol_drinks"]
    assert alcohol["ci_high"] is not None and alcohol["ci_high"] < 10


def test_a_level_with_no_cramps_gives_a_finite_protective_estimate() -> None:
    rows = [({"warm_bath": i % 5 == 0}, 0 if i % 5 == 0 else int(i % 2 == 0)) for i in range(150)]
    bath = _by_key(analyze(*_diary(rows)))["warm_bath"]
    assert bath["rate_ratio"] is not None
    assert 0 < bath["ci_low"] < bath["rate_ratio"] < 1


def test_a_named_suspect_is_confirmed_when_the_scan_is_not_yet_sure() -> None:
    sim = simulate_diary(1, 365, truth=(TrueEffect("alcohol_drinks", 1.6, unit=2),), base_rate=0.25)
    scan = _by_key(analyze(sim.nights, sim.episodes))["alcohol_drinks"]
    named = analyze(sim.nights, sim.episodes, suspects=["alcohol_drinks"])
    confirm = _by_key(named)["alcohol_drinks"]
    assert scan["verdict"] == "no_clear_effect" and scan["family"] == "exploratory"
    assert confirm["verdict"] == "likely_trigger" and confirm["family"] == "suspect"
    assert named.suspects == ["alcohol_drinks"]
    assert named.method["suspect_tests"] == 1


def test_no_trigger_means_no_clear_effect_and_an_honest_summary() -> None:
    sim = simulate_diary(21, 365, base_rate=0.3)
    result = analyze(sim.nights, sim.episodes)
    assert not any(f.verdict.value.startswith("likely") for f in result.factors)
    assert any("Nothing stands out clearly yet" in line for line in result.summary)
    water = _by_key(result)["water_glasses"]
    assert "does not prove there is no link" in str(water["explanation"])


def test_more_than_three_suspects_or_an_unknown_one_is_refused() -> None:
    nights, episodes = _diary([({"alcohol_drinks": 1}, 0)] * 3)
    with pytest.raises(InputError) as many:
        analyze(
            nights, episodes, suspects=["alcohol_drinks", "cold_room", "warm_bath", "feet_pointed"]
        )
    assert many.value.field == "suspect"
    with pytest.raises(InputError, match="moon"):
        analyze(nights, episodes, suspects=["moon"])


def test_nights_for_power_by_hand() -> None:
    # (z_0.975 + z_0.8)^2 / (rate * variance * ln(2)^2) = 7.8489 / (0.5 * 0.25 * 0.48045) = 130.7
    assert nights_for_power(0.5, 0.25, 0.05) == 131
    # No cramps or no spread yet: one cramp a week and a yes/no factor true on 30% of nights.
    assert nights_for_power(0.0, 0.0, 0.05) == nights_for_power(1 / 7, 0.21, 0.05)
    assert nights_for_power(0.5, 0.25, 0.01) > 131


def test_the_method_note_says_how_the_tests_were_run() -> None:
    nights, episodes = _diary([({"cold_room": i % 2 == 0}, int(i % 3 == 0)) for i in range(30)])
    method = analyze(nights, episodes, suspects=["cold_room"]).method
    assert method["suspect_tests"] == 1
    assert (method["exploratory_fdr"], method["suspect_alpha"]) == (EXPLORATORY_Q, 0.05)
    assert method["min_cramp_nights"] == 10
    assert method["time_terms"] == []


def test_since_drops_earlier_nights_and_cramps() -> None:
    nights, episodes = _diary([({"cold_room": True}, 1)] * 20)
    result = analyze(nights, episodes, since=START + dt.timedelta(days=15))
    assert (result.nights, result.cramps) == (5, 5)


def test_empty_diary_is_not_enough_data_everywhere() -> None:
    result = analyze([], [])
    doc = result.to_json()
    assert (doc["nights"], doc["cramp_nights"], doc["relief"]) == (0, 0, [])
    assert {f.verdict for f in result.factors} == {Verdict.NOT_ENOUGH_DATA}


_VALUES = st.one_of(st.none(), st.booleans(), st.integers(0, 30), st.floats(0, 24))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.fixed_dictionaries(
                {"alcohol_drinks": _VALUES, "cold_room": _VALUES, "odd": _VALUES}
            ),
            st.integers(0, 3),
        ),
        max_size=80,
    )
)
def test_any_diary_gives_json_without_nan(
    rows: list[tuple[dict[str, FactorValue | None], int]],
) -> None:
    cleaned = [({k: v for k, v in f.items() if v is not None}, c) for f, c in rows]
    result = analyze(*_diary(cleaned))
    text = json.dumps(result.to_json(), allow_nan=False)
    assert json.loads(text)["nights"] == len(rows)
    for f in _by_key(result).values():
        if f["rate_ratio"] is not None:
            assert f["ci_low"] <= f["rate_ratio"] <= f["ci_high"]


def _called(result: Analysis) -> list[str]:
    return [f.factor for f in result.factors if f.verdict in _CALLED]


_CALLED = (Verdict.LIKELY_TRIGGER, Verdict.LIKELY_PROTECTIVE)
_SUMMER_HABITS = {"water_glasses", "heavy_sweating", "cold_room"}


@pytest.mark.parametrize(
    ("seed", "nights", "start"), [(3, 180, "2024-03-01"), (5, 300, "2024-02-01")]
)
def test_a_summer_peak_is_not_blamed_on_a_summer_habit_in_a_shorter_diary(
    seed: int, nights: int, start: str
) -> None:
    # Cramps rise towards summer and so do water, sweating and warm rooms, but none of them
    # changes the cramp rate: the time terms the diary earns take the season.
    sim = simulate_diary(
        seed, nights, season_amplitude=0.6, base_rate=0.3, start=dt.date.fromisoformat(start)
    )
    result = analyze(sim.nights, sim.episodes)
    assert not _SUMMER_HABITS & set(_called(result))


def test_a_diary_where_nothing_matters_rarely_gives_a_false_call() -> None:
    # 30 people whose 15 standard and 2 custom factors change nothing: at a false discovery
    # rate of 7.5% about 1 person in 10 gets one wrong suspicion (about 3 of 30).
    wrong = sum(
        bool(_called(analyze(sim.nights, sim.episodes)))
        for sim in (simulate_diary(900 + s, 365, base_rate=0.3, n_custom=2) for s in range(30))
    )
    assert wrong <= 7


def test_every_interval_agrees_with_its_verdict() -> None:
    truth = (TrueEffect("alcohol_drinks", 2.0, unit=2), TrueEffect("bedtime_stretch", 0.5))
    sim = simulate_diary(4, 365, truth=truth, base_rate=0.4, n_custom=2)
    result = analyze(sim.nights, sim.episodes)
    assert _called(result)
    for f in result.factors:
        if f.rate_ratio is None:
            continue
        assert f.ci_low is not None and f.ci_high is not None and f.ci_level is not None
        excludes_one = f.ci_low > 1 or f.ci_high < 1
        assert excludes_one == (f.verdict in _CALLED), f.factor
        assert 1 - EXPLORATORY_Q <= f.ci_level < 1  # never narrower than the test's own level


@settings(max_examples=200, deadline=None)
@given(
    st.floats(-5, 5),
    st.floats(0.01, 3),
    st.floats(0.01, 1),
    st.sampled_from([0.05, 0.075, 0.1]),
    st.integers(1, 40),
)
def test_the_matching_interval_excludes_one_exactly_when_the_adjusted_test_calls_it(
    coef: float, se: float, inflation: float, level: float, tests: int
) -> None:
    p = float(2 * sps.norm.sf(abs(coef) / se))
    adjusted = min(1.0, p / inflation, p * tests)  # any adjustment between p and Bonferroni
    alpha = matching_level(p, adjusted, level, tests)
    half = float(sps.norm.ppf(1 - alpha / 2)) * se
    excludes_one = abs(coef) > half
    if not math.isclose(adjusted, level, rel_tol=1e-9):
        assert excludes_one == (adjusted < level)
    assert level / tests - 1e-15 <= alpha <= level


def test_nights_to_double_by_hand() -> None:
    # se 0.5 from 100 nights; (z_0.975 + z_0.8) = 2.8016; (2.8016 * 0.5 / ln 2)^2 = 4.0848.
    assert nights_to_double(0.5, 100, 0.05) == 409
    # Halving the error needs a quarter of the nights.
    assert nights_to_double(0.25, 100, 0.05) == 103


def test_each_factor_says_the_nights_still_needed_at_this_persons_rate() -> None:
    busy = simulate_diary(2, 200, base_rate=0.8)
    quiet = simulate_diary(2, 200, base_rate=0.15)
    need_busy = _by_key(analyze(busy.nights, busy.episodes))["feet_pointed"]["nights_needed"]
    need_quiet = _by_key(analyze(quiet.nights, quiet.episodes))["feet_pointed"]["nights_needed"]
    assert 0 < need_busy < need_quiet  # fewer cramps: more nights before we know


def test_a_factor_with_a_planned_experiment_carries_the_offer() -> None:
    sim = simulate_diary(6, 120, base_rate=0.4)
    offer = ExperimentOffer("no_evening_alcohol", "No alcohol in the evening", 112)
    found = _by_key(analyze(sim.nights, sim.episodes, experiments={"alcohol_drinks": offer}))
    assert found["alcohol_drinks"]["experiment"]["weeks"] == 16
    assert "experiment" not in found["cold_room"]


def test_factors_that_went_together_are_named_beside_a_wide_no_clear_link() -> None:
    # Hard exercise always came with heavy sweating on one night in five, and a warm bath came
    # with neither: the first two are named together, the bath with nothing.
    rng = np.random.default_rng(5)
    rows: list[tuple[Mapping[str, FactorValue], int]] = []
    for i in range(120):
        hard_day = i % 5 == 0
        sweat_day = hard_day or i % 17 == 3
        rows.append(
            (
                {
                    "new_or_harder_exercise": hard_day,
                    "heavy_sweating": sweat_day,
                    "warm_bath": i % 3 == 0,
                },
                int(rng.poisson(0.9 if hard_day else 0.4)),
            )
        )
    by_key = _by_key(analyze(*_diary(rows)))
    hard, sweat, bath = (
        by_key["new_or_harder_exercise"],
        by_key["heavy_sweating"],
        by_key["warm_bath"],
    )
    assert hard["verdict"] == "no_clear_effect"  # this seed: the two cannot be told apart
    assert {"factor": "heavy_sweating"} in hard["moved_with"]
    assert "went together with heavy sweating" in hard["explanation"]
    assert {"factor": "new_or_harder_exercise"} in sweat["moved_with"]
    assert "moved_with" not in bath and "went together" not in bath["explanation"]


def test_a_called_factor_is_never_said_to_be_inseparable_from_another() -> None:
    # Heavy sweating drives the cramps; hard exercise came with it on 85% of nights.
    rng = np.random.default_rng(0)
    rows: list[tuple[Mapping[str, FactorValue], int]] = []
    for i in range(150):
        sweat_day = i % 4 == 0
        hard_day = sweat_day if rng.random() < 0.85 else not sweat_day
        rows.append(
            (
                {"heavy_sweating": sweat_day, "new_or_harder_exercise": hard_day},
                int(rng.poisson(1.6 if sweat_day else 0.3)),
            )
        )
    by_key = _by_key(analyze(*_diary(rows)))
    sweat, hard = by_key["heavy_sweating"], by_key["new_or_harder_exercise"]
    assert sweat["verdict"] == "likely_trigger"
    assert "moved_with" not in sweat and "went together" not in sweat["explanation"]
    assert "moved_with" not in hard and "went together" not in hard["explanation"]


def _twins(seed: int) -> list[tuple[Mapping[str, FactorValue], int]]:
    """Heavy sweating and hard exercise on exactly the same nights, with many more cramps."""
    rng = np.random.default_rng(seed)
    rows: list[tuple[Mapping[str, FactorValue], int]] = []
    for _ in range(200):
        both = bool(rng.random() < 0.3)
        factors: dict[str, FactorValue] = {"heavy_sweating": both, "new_or_harder_exercise": both}
        rows.append((factors, int(rng.random() < (0.6 if both else 0.15))))
    return rows


def test_a_finding_shared_by_twins_names_both_and_neither_alone() -> None:
    result = analyze(*_diary(_twins(7)))
    by_key = _by_key(result)
    called = [f for f in by_key.values() if f["verdict"] == "likely_trigger"]
    assert len(called) == 1
    (found,) = called
    twin = (
        "heavy_sweating"
        if found["factor"] == "new_or_harder_exercise"
        else "new_or_harder_exercise"
    )
    assert found["moved_with"] == [{"factor": twin}]
    assert "It always went together with" in found["explanation"]
    left_out = by_key[twin]
    assert left_out["verdict"] == "not_enough_data"
    assert left_out["nights_needed"] == 0  # more of the same nights would not tell them apart
    summary = " ".join(result.summary)
    assert "heavy sweating" in summary and "new or harder exercise" in summary
    assert "always went together with" in summary
    assert "cannot tell which of them matters" in summary


@pytest.mark.parametrize("suspect", ["heavy_sweating", "new_or_harder_exercise"])
def test_of_two_twins_the_persons_suspect_is_the_one_estimated(suspect: str) -> None:
    by_key = _by_key(analyze(*_diary(_twins(7)), suspects=[suspect]))
    assert by_key[suspect]["verdict"] == "likely_trigger"
    assert by_key[suspect]["family"] == "suspect"
    assert len(by_key[suspect]["moved_with"]) == 1


def test_a_factor_that_always_goes_opposite_another_is_not_its_twin() -> None:
    # Tight bedding on exactly the nights without heavy sweating; sweating drives the cramps.
    rng = np.random.default_rng(11)
    rows: list[tuple[Mapping[str, FactorValue], int]] = []
    for _ in range(200):
        sweat = bool(rng.random() < 0.3)
        factors: dict[str, FactorValue] = {"heavy_sweating": sweat, "tight_bedding": not sweat}
        rows.append((factors, int(rng.random() < (0.6 if sweat else 0.15))))
    result = analyze(*_diary(rows))
    by_key = _by_key(result)
    called = [f for f in by_key.values() if f["verdict"] == "likely_trigger"]
    assert called and all("moved_with" not in f for f in called)
    assert " or " not in " ".join(result.summary)


def test_exercise_every_other_day_is_not_a_twin_of_the_day_before() -> None:
    rng = np.random.default_rng(5)
    rows: list[tuple[Mapping[str, FactorValue], int]] = []
    for i in range(240):
        hard = i % 2 == 0
        rows.append(({"new_or_harder_exercise": hard}, int(rng.random() < (0.6 if hard else 0.1))))
    result = analyze(*_diary(rows))
    summary = " ".join(result.summary)
    assert "the day before" not in summary
    assert not any(f.get("moved_with") for f in _by_key(result).values())
