"""Small shared reads: the current night, the last side, night marks and the night before."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User

from nightcramp.core.diary import Episode, Night
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.marks import NightMark
from nightcramp.store.diary.nights import SaveMode, save_night
from nightcramp.store.diary.queries import current_night, marks_between, night_before

UTC = dt.UTC
D = dt.date


def _cramp(user: User, at: str, **fields: Any) -> None:
    log_episode(user, Episode(started_at=dt.datetime.fromisoformat(at), **fields))


@pytest.mark.parametrize(
    ("now", "night"),
    [
        (dt.datetime(2026, 11, 22, 1, 30, tzinfo=UTC), D(2026, 11, 21)),
        (dt.datetime(2026, 11, 22, 11, 59, tzinfo=UTC), D(2026, 11, 21)),
        (dt.datetime(2026, 11, 22, 12, 0, tzinfo=UTC), D(2026, 11, 22)),
    ],
)
def test_the_current_night_turns_at_local_noon(settings: Any, now: dt.datetime, night: D) -> None:
    settings.TIME_ZONE = "UTC"
    with time_machine.travel(now, tick=False):
        assert current_night() == night


def test_the_current_night_follows_the_sites_time_zone(settings: Any) -> None:
    settings.TIME_ZONE = "Pacific/Auckland"  # UTC+13 in November
    with time_machine.travel(dt.datetime(2026, 11, 22, 1, 30, tzinfo=UTC), tick=False):
        assert current_night() == D(2026, 11, 22)  # 14:30 in Auckland


@pytest.mark.django_db
def test_marks_cover_every_night_in_the_range_for_that_person_only(alice: User, bob: User) -> None:
    save_night(alice, D(2026, 3, 2), {"water_glasses": 5}, mode=SaveMode.REPLACE)
    _cramp(alice, "2026-03-04T02:00:00+00:00", severity=8)  # night of 3 March
    _cramp(alice, "2026-03-04T03:00:00+00:00", severity=2)
    _cramp(alice, "2026-03-06T02:00:00+00:00", severity=9)  # after the range
    save_night(bob, D(2026, 3, 1), {"water_glasses": 5}, mode=SaveMode.REPLACE)
    marks = marks_between(alice, D(2026, 3, 1), D(2026, 3, 4))
    assert list(marks) == [D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 4)]
    assert marks[D(2026, 3, 1)] == NightMark(D(2026, 3, 1), "missing")
    assert marks[D(2026, 3, 2)] == NightMark(D(2026, 3, 2), "free")
    assert marks[D(2026, 3, 3)] == NightMark(D(2026, 3, 3), "cramps", 2, "severe")
    assert marks[D(2026, 3, 4)].state == "missing"


@pytest.mark.django_db
def test_the_night_before_is_the_latest_logged_one_earlier_than_the_date(
    alice: User, bob: User
) -> None:
    save_night(alice, D(2026, 3, 1), {"water_glasses": 5}, mode=SaveMode.REPLACE)
    save_night(alice, D(2026, 3, 4), {"water_glasses": 7, "cold_room": True}, mode=SaveMode.REPLACE)
    save_night(alice, D(2026, 3, 8), {"water_glasses": 2}, mode=SaveMode.REPLACE)
    save_night(bob, D(2026, 3, 7), {"water_glasses": 9}, mode=SaveMode.REPLACE)
    assert night_before(alice, D(2026, 3, 8)) == Night(
        D(2026, 3, 4), {"water_glasses": 7, "cold_room": True}
    )
    assert night_before(alice, D(2026, 3, 1)) is None


def test_medicines_are_listed_alphabetically_whatever_the_capitals(alice: User, bob: User) -> None:
    from nightcramp.store.diary.models import Medication
    from nightcramp.store.diary.queries import medications_of

    for name in ("Lasix", "atorvastatin", "Zocor", "bisoprolol"):
        Medication.objects.create(user=alice, name=name)
    Medication.objects.create(user=bob, name="aspirin")
    assert [m.name for m in medications_of(alice)] == [
        "atorvastatin",
        "bisoprolol",
        "Lasix",
        "Zocor",
    ]
