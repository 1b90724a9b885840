"""Pages of nights and cramps for the API lists: rows, the range's total and each night's cramps
come from one query; a page past the end still knows the total."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from nightcramp.core.diary import Episode, Muscle, Side
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.listing import cramps_of_night, episode_page, night_page
from nightcramp.store.diary.nights import SaveMode, save_night

pytestmark = pytest.mark.django_db

FIRST = dt.date(2026, 10, 1)
NOW = dt.datetime(2026, 11, 21, 22, 0, tzinfo=dt.UTC)


def _diary(user: User, nights: int, cramps_on: dict[int, int]) -> None:
    for i in range(nights):
        day = FIRST + dt.timedelta(days=i)
        save_night(user, day, {"water_glasses": i % 9}, mode=SaveMode.MERGE, now=NOW)
        for k in range(cramps_on.get(i, 0)):
            start = dt.datetime.combine(day, dt.time(21, 0)) + dt.timedelta(minutes=20 * k)
            log_episode(user, Episode(started_at=start, muscle=Muscle("calf"), side=Side("left")))


def test_night_pages_carry_the_range_total_and_each_nights_cramps(alice: User, bob: User) -> None:
    _diary(alice, 10, {2: 2, 5: 1})
    _diary(bob, 10, {2: 3, 3: 1})
    since, until = FIRST + dt.timedelta(days=1), FIRST + dt.timedelta(days=8)
    first = night_page(alice, since, until, offset=0, limit=3)
    assert [n.date for n in first.items] == [FIRST + dt.timedelta(days=d) for d in (1, 2, 3)]
    assert first.count == 8
    assert first.cramps == {FIRST + dt.timedelta(days=2): 2}
    rest = night_page(alice, since, until, offset=3, limit=100)
    assert len(rest.items) == 5 and rest.count == 8
    assert rest.cramps == {FIRST + dt.timedelta(days=5): 1}
    assert rest.items[0].factors["water_glasses"] == 4


def test_a_page_past_the_end_is_empty_and_still_counts_the_range(alice: User) -> None:
    _diary(alice, 4, {1: 1})
    assert night_page(alice, None, None, offset=10, limit=5).count == 4
    assert night_page(alice, None, None, offset=10, limit=5).items == []
    assert episode_page(alice, None, None, offset=3, limit=5).count == 1
    assert night_page(alice, FIRST + dt.timedelta(days=30), None, offset=0, limit=5).count == 0


def test_cramp_pages_follow_the_nights_range_in_time_order(alice: User, bob: User) -> None:
    _diary(alice, 6, {0: 1, 2: 2, 4: 1})
    _diary(bob, 6, {2: 5})
    page = episode_page(alice, FIRST + dt.timedelta(days=1), None, offset=0, limit=2)
    assert page.count == 3
    assert [r.night for r in page.items] == [FIRST + dt.timedelta(days=2)] * 2
    assert page.items[0].started_at < page.items[1].started_at
    assert all(r.user_id == alice.pk for r in page.items)


def test_cramps_of_one_night_are_the_persons_own(alice: User, bob: User) -> None:
    _diary(alice, 3, {1: 2})
    _diary(bob, 3, {1: 4})
    assert cramps_of_night(alice, FIRST + dt.timedelta(days=1)) == 2
    assert cramps_of_night(alice, FIRST) == 0
