"""The safety pause for cramps that doubled, value in, value out."""

from __future__ import annotations

import datetime as dt

from nightcramp.core.experiments.safety import (
    BASELINE_NIGHTS,
    MIN_BASELINE_LOGGED,
    MIN_PERIOD_CRAMPS,
    Rate,
    find_doubling,
    rate_before,
)
from nightcramp.core.experiments.schedule import design_schedule

START = dt.date(2027, 1, 4)
SCHEDULE = design_schedule(START, 7, 4, seed=1)


def _days(first: dt.date, count: int) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range(count)]


BEFORE = _days(START - dt.timedelta(days=BASELINE_NIGHTS), BASELINE_NIGHTS)


def test_the_rate_before_counts_cramps_over_logged_nights_of_the_four_weeks_before() -> None:
    # 28 nights logged, 7 cramps on 7 of them: 0.25 a night, 1.75 a week.
    cramps = BEFORE[::4]
    rate = rate_before(START, BEFORE, cramps)
    assert rate == Rate(cramps=7, nights=28)
    assert rate is not None
    assert rate.per_week == 7 * 7 / 28


def test_nights_older_than_the_four_weeks_or_from_the_start_on_do_not_count() -> None:
    older = START - dt.timedelta(days=BASELINE_NIGHTS + 1)
    rate = rate_before(START, [*BEFORE[-MIN_BASELINE_LOGGED:], older, START], [older, START])
    assert rate == Rate(cramps=0, nights=MIN_BASELINE_LOGGED)


def test_too_few_logged_nights_before_give_no_rate_and_no_pause() -> None:
    few = BEFORE[-(MIN_BASELINE_LOGGED - 1) :]
    assert rate_before(START, few, []) is None
    period = _days(START, 7)
    assert find_doubling(SCHEDULE, [*few, *period], period * 3, through=SCHEDULE.last) is None


def test_a_finished_period_with_twice_the_cramps_a_night_pauses() -> None:
    # Before: 7 cramps in 28 nights (0.25 a night). Period 1: 4 cramps in 7 nights (0.57 >= 0.5).
    period = _days(START, 7)
    found = find_doubling(
        SCHEDULE, [*BEFORE, *period], [*BEFORE[::4], *period[:4]], through=period[-1]
    )
    assert found is not None
    assert (found.period, found.first, found.last) == (1, period[0], period[-1])
    assert found.during == Rate(cramps=4, nights=7)


def test_less_than_double_does_not_pause() -> None:
    # 3 cramps in 7 nights is 0.43 a night, under twice 0.25.
    period = _days(START, 7)
    found = find_doubling(
        SCHEDULE, [*BEFORE, *period], [*BEFORE[::4], *period[:3]], through=period[-1]
    )
    assert found is None


def test_a_period_not_over_yet_is_not_judged() -> None:
    period = _days(START, 7)
    logged, cramps = [*BEFORE, *period], [*BEFORE[::4], *period * 2]
    assert find_doubling(SCHEDULE, logged, cramps, through=period[-2]) is None
    assert find_doubling(SCHEDULE, logged, cramps, through=period[-1]) is not None


def test_fewer_than_the_minimum_cramps_never_pause_even_from_none_before() -> None:
    period = _days(START, 7)
    few = period[: MIN_PERIOD_CRAMPS - 1]
    assert find_doubling(SCHEDULE, [*BEFORE, *period], few, through=period[-1]) is None
    enough = period[:MIN_PERIOD_CRAMPS]
    assert find_doubling(SCHEDULE, [*BEFORE, *period], enough, through=period[-1]) is not None


def test_a_period_with_fewer_than_half_its_nights_logged_is_not_judged() -> None:
    period = _days(START, 7)
    # 3 of 7 nights logged (each with 2 cramps): too few nights to judge.
    cramps = [*period[:3], *period[:3]]
    assert find_doubling(SCHEDULE, BEFORE, cramps, through=period[-1]) is None


def test_periods_already_seen_are_not_judged_again() -> None:
    first, second = _days(START, 7), _days(START + dt.timedelta(days=7), 7)
    logged = [*BEFORE, *first, *second]
    cramps = first * 2 + second * 2
    first_found = find_doubling(SCHEDULE, logged, cramps, through=second[-1])
    assert first_found is not None
    assert first_found.period == 1
    later = find_doubling(SCHEDULE, logged, cramps, through=second[-1], after_period=1)
    assert later is not None
    assert later.period == 2
    assert find_doubling(SCHEDULE, logged, cramps, through=second[-1], after_period=2) is None
