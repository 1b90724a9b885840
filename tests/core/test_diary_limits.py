"""The record rules every way in shares: no future, nothing before 1900, a day of 24 hours."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nightcramp.core.diary import Episode
from nightcramp.core.diary_limits import (
    FieldProblem,
    episode_problems,
    latest_night,
    night_problems,
)
from nightcramp.core.diary_rules import parse_field_text

FUTURE = "can't be in the future"
TOO_EARLY = "must be 1900 or later"
TOO_LONG = "a cramp can last at most 24 hours (1440 minutes)"
TOO_MANY_HOURS = "standing and sitting hours together can be at most 24"

TZ = dt.timezone(dt.timedelta(hours=1))
EVENING = dt.datetime(2026, 1, 6, 20, 0, tzinfo=TZ)  # the night of 2026-01-06 has begun
SMALL_HOURS = dt.datetime(2026, 1, 7, 1, 30, tzinfo=TZ)  # still the night of 2026-01-06


def night(day: dt.date, now: dt.datetime = EVENING, **factors: object) -> list[FieldProblem]:
    return night_problems(day, factors, now=now)


# -- nights -------------------------------------------------------------------------------------


def test_tonight_is_accepted_and_tomorrow_night_is_refused() -> None:
    assert night(dt.date(2026, 1, 6)) == []
    assert night(dt.date(2026, 1, 7)) == [FieldProblem("date", FUTURE)]


def test_after_midnight_the_current_night_is_still_last_evening() -> None:
    assert latest_night(SMALL_HOURS) == dt.date(2026, 1, 6)
    assert night(dt.date(2026, 1, 6), SMALL_HOURS) == []
    assert night(dt.date(2026, 1, 7), SMALL_HOURS) == [FieldProblem("date", FUTURE)]


def test_the_new_night_begins_at_noon() -> None:
    morning = dt.datetime(2026, 1, 7, 11, 0, tzinfo=TZ)
    noon = dt.datetime(2026, 1, 7, 12, 0, tzinfo=TZ)
    assert night(dt.date(2026, 1, 7), morning) == [FieldProblem("date", FUTURE)]
    assert night(dt.date(2026, 1, 7), noon) == []


def test_a_night_before_1900_is_refused_and_1900_is_accepted() -> None:
    assert night(dt.date(1900, 1, 1)) == []
    assert night(dt.date(1899, 12, 31)) == [FieldProblem("date", TOO_EARLY)]


def test_standing_and_sitting_may_fill_the_whole_day_but_no_more() -> None:
    assert night(dt.date(2026, 1, 5), standing_hours=12, sitting_hours=12) == []
    assert night(dt.date(2026, 1, 5), standing_hours=14.1, sitting_hours=9.9) == []
    assert night(dt.date(2026, 1, 5), standing_hours=12, sitting_hours=12.5) == [
        FieldProblem("sitting_hours", TOO_MANY_HOURS)
    ]


@pytest.mark.parametrize(
    "factors",
    [
        {},
        {"standing_hours": 24},
        {"sitting_hours": 24},
        {"standing_hours": None, "sitting_hours": 24},
        {"standing_hours": 20, "sitting_hours": None},
    ],
)
def test_an_unknown_number_of_hours_is_never_refused(factors: dict[str, object]) -> None:
    assert night_problems(dt.date(2026, 1, 5), factors, now=EVENING) == []


def test_hours_out_of_their_own_range_are_named_alone() -> None:
    problems = night(dt.date(2026, 1, 5), standing_hours=30, sitting_hours=2)
    assert [p.field for p in problems] == ["standing_hours"]
    assert problems[0].reason.startswith("must be a number from 0 to 24")


def test_every_problem_of_a_night_is_listed_at_once() -> None:
    problems = night(dt.date(2026, 1, 9), standing_hours=16, sitting_hours=10)
    assert problems == [
        FieldProblem("date", FUTURE),
        FieldProblem("sitting_hours", TOO_MANY_HOURS),
    ]
    assert [str(p) for p in problems] == [f"date: {FUTURE}", f"sitting_hours: {TOO_MANY_HOURS}"]


def test_the_night_rules_ignore_the_other_factors() -> None:
    assert night(dt.date(2026, 1, 5), water_glasses=3, pickles=True) == []


# -- cramps -------------------------------------------------------------------------------------


def test_a_cramp_at_0130_today_is_accepted_and_counts_for_last_night() -> None:
    started = SMALL_HOURS
    assert episode_problems(started, now=SMALL_HOURS) == []
    assert Episode(started_at=started).night == dt.date(2026, 1, 6)


def test_a_cramp_later_than_now_is_refused_beyond_ten_minutes_of_clock_skew() -> None:
    assert episode_problems(EVENING + dt.timedelta(minutes=10), now=EVENING) == []
    assert episode_problems(EVENING + dt.timedelta(minutes=11), now=EVENING) == [
        FieldProblem("started_at", FUTURE)
    ]
    assert episode_problems(EVENING + dt.timedelta(days=1), now=EVENING) == [
        FieldProblem("started_at", FUTURE)
    ]


def test_a_cramp_without_a_time_zone_is_compared_with_the_local_clock() -> None:
    local_now = EVENING.replace(tzinfo=None)
    assert episode_problems(local_now, now=EVENING) == []
    assert episode_problems(local_now + dt.timedelta(hours=1), now=EVENING) == [
        FieldProblem("started_at", FUTURE)
    ]
    assert episode_problems(EVENING + dt.timedelta(hours=1), now=local_now) == [
        FieldProblem("started_at", FUTURE)
    ]


def test_a_cramp_in_another_time_zone_is_compared_as_an_instant() -> None:
    in_new_york = dt.timezone(dt.timedelta(hours=-5))
    # 15:00 in New York is 21:00 here: an hour after `EVENING`.
    later = dt.datetime(2026, 1, 6, 15, 0, tzinfo=in_new_york)
    assert episode_problems(later, now=EVENING) == [FieldProblem("started_at", FUTURE)]
    assert episode_problems(later, now=EVENING + dt.timedelta(hours=1)) == []


def test_a_cramp_before_1900_is_refused_and_1900_is_accepted() -> None:
    now = dt.datetime(2026, 1, 6, 20, 0)
    assert episode_problems(dt.datetime(1900, 1, 1, 0, 0), now=now) == []
    assert episode_problems(dt.datetime(1899, 12, 31, 23, 59), now=now) == [
        FieldProblem("started_at", TOO_EARLY)
    ]


@pytest.mark.parametrize("minutes", [0.5, 1, 1440])
def test_a_cramp_may_last_up_to_24_hours(minutes: float) -> None:
    assert episode_problems(EVENING, minutes, now=EVENING) == []


def test_a_cramp_longer_than_24_hours_is_refused() -> None:
    assert episode_problems(EVENING, 1440.5, now=EVENING) == [
        FieldProblem("duration_min", TOO_LONG)
    ]


def test_a_cramp_of_no_time_is_refused_and_an_unknown_duration_is_not() -> None:
    [problem] = episode_problems(EVENING, 0, now=EVENING)
    assert problem.field == "duration_min"
    assert problem.reason.startswith("must be a number greater than 0")
    assert episode_problems(EVENING, None, now=EVENING) == []


def test_the_duration_reason_is_the_same_as_when_a_file_is_read() -> None:
    with pytest.raises(ValueError) as caught:
        parse_field_text("duration_min", "2000")
    [problem] = episode_problems(EVENING, 2000, now=EVENING)
    assert problem.reason == str(caught.value) == TOO_LONG


def test_every_problem_of_a_cramp_is_listed_at_once() -> None:
    assert episode_problems(EVENING + dt.timedelta(days=2), 3000, now=EVENING) == [
        FieldProblem("started_at", FUTURE),
        FieldProblem("duration_min", TOO_LONG),
    ]


# -- properties ---------------------------------------------------------------------------------

NOWS = st.datetimes(min_value=dt.datetime(1901, 1, 1), max_value=dt.datetime(9998, 12, 31))


@given(now=NOWS, data=st.data())
def test_any_night_from_1900_to_the_current_one_is_accepted(
    now: dt.datetime, data: st.DataObject
) -> None:
    current = latest_night(now)
    day = data.draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=current))
    assert night_problems(day, {}, now=now) == []


@given(now=NOWS, data=st.data())
def test_any_night_after_the_current_one_is_refused(now: dt.datetime, data: st.DataObject) -> None:
    day = data.draw(st.dates(min_value=latest_night(now) + dt.timedelta(days=1)))
    assert night_problems(day, {}, now=now) == [FieldProblem("date", FUTURE)]


@given(now=NOWS)
def test_the_current_night_is_the_night_of_now(now: dt.datetime) -> None:
    boundary = now.replace(hour=12, minute=0, second=0, microsecond=0)
    in_the_morning = now < boundary - dt.timedelta(minutes=10)
    expected = now.date() - dt.timedelta(days=1) if in_the_morning else now.date()
    assert latest_night(now) == expected


@given(now=NOWS, data=st.data())
def test_any_cramp_up_to_now_is_accepted(now: dt.datetime, data: st.DataObject) -> None:
    started = data.draw(st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=now))
    assert episode_problems(started, now=now) == []


@given(now=NOWS, data=st.data())
def test_any_cramp_after_the_clock_skew_is_refused(now: dt.datetime, data: st.DataObject) -> None:
    started = data.draw(st.datetimes(min_value=now + dt.timedelta(minutes=10, microseconds=1)))
    assert episode_problems(started, now=now) == [FieldProblem("started_at", FUTURE)]


@given(
    standing=st.floats(min_value=0, max_value=24),
    sitting=st.floats(min_value=0, max_value=24),
)
def test_hours_are_refused_when_the_day_is_over_full(standing: float, sitting: float) -> None:
    problems = night(dt.date(2026, 1, 5), standing_hours=standing, sitting_hours=sitting)
    if standing + sitting <= 24:
        assert problems == []
    elif standing + sitting > 24.001:
        assert problems == [FieldProblem("sitting_hours", TOO_MANY_HOURS)]
