"""The diary summary from the store: the stored nights and cramps, counted by the core's rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from nightcramp.core import diary as core
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.nights import SaveMode, save_night
from nightcramp.store.diary.summary import diary_summary

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 10)
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


def _cramp(user: User, night: dt.date, hour: int = 2) -> None:
    start = dt.datetime.combine(night + dt.timedelta(days=1), dt.time(hour), tzinfo=dt.UTC)
    log_episode(user, core.Episode(started_at=start), now=NOW)


def test_nights_with_a_check_in_or_a_cramp_are_logged_and_the_gaps_missing(
    alice: User, bob: User
) -> None:
    for day in (1, 2, 4):
        save_night(alice, dt.date(2026, 3, day), {"water_glasses": 3}, mode=SaveMode.REPLACE)
    _cramp(alice, dt.date(2026, 3, 2))
    _cramp(alice, dt.date(2026, 3, 2), hour=4)
    _cramp(alice, dt.date(2026, 3, 6))  # a cramp with no check-in: logged all the same
    _cramp(bob, dt.date(2026, 3, 3))
    summary = diary_summary(alice, today=TODAY)
    # Through last night: tonight (TODAY) is not over, so it is not missing yet.
    assert (summary.first, summary.last) == (dt.date(2026, 3, 1), TODAY - dt.timedelta(days=1))
    assert (summary.nights_logged, summary.nights_checked_in) == (4, 3)
    assert (summary.cramp_nights, summary.cramps) == (2, 3)
    assert summary.nights_missing == 9 - 4


def test_a_period_counts_only_its_own_nights(alice: User) -> None:
    for day in range(1, 8):
        save_night(alice, dt.date(2026, 3, day), {}, mode=SaveMode.REPLACE)
    _cramp(alice, dt.date(2026, 3, 5))
    summary = diary_summary(
        alice, since=dt.date(2026, 3, 4), until=dt.date(2026, 3, 9), today=TODAY
    )
    assert (summary.first, summary.last) == (dt.date(2026, 3, 4), dt.date(2026, 3, 9))
    assert (summary.nights_logged, summary.cramps, summary.nights_missing) == (4, 1, 2)


def test_an_empty_diary_has_nothing_logged(alice: User) -> None:
    summary = diary_summary(alice, today=TODAY)
    assert summary.first is None and summary.nights_logged == 0
    assert summary.sentence() == "Nothing logged yet."
