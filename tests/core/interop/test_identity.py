"""Which diary rows are the same: a night by its date, an episode by start, muscle and side."""

from __future__ import annotations

import datetime as dt

from nightcramp.core.diary import Episode, Muscle, Side
from nightcramp.core.interop.identity import claim_episode, claim_night, episode_key

AT = dt.datetime(2026, 1, 6, 2, 30)


def test_aware_times_are_the_same_episode_when_they_are_the_same_instant() -> None:
    plus_one = Episode(AT.replace(tzinfo=dt.timezone(dt.timedelta(hours=1))))
    utc = Episode(AT.replace(hour=1, tzinfo=dt.UTC))
    assert episode_key(plus_one) == episode_key(utc)


def test_naive_times_compare_by_their_wall_clock_reading() -> None:
    assert episode_key(Episode(AT)) == episode_key(Episode(dt.datetime(2026, 1, 6, 2, 30)))
    assert episode_key(Episode(AT)) != episode_key(Episode(AT + dt.timedelta(hours=1)))
    assert episode_key(Episode(AT)) != episode_key(Episode(AT + dt.timedelta(microseconds=1)))


def test_another_muscle_or_side_is_another_episode() -> None:
    keys = {
        episode_key(Episode(AT, muscle=muscle, side=side))
        for muscle in Muscle
        for side in (None, *Side)
    }
    assert len(keys) == len(Muscle) * (len(Side) + 1)


def test_an_episode_differing_only_in_details_is_the_same_episode() -> None:
    seen: set[int] = set()
    assert claim_episode(Episode(AT, severity=3), seen) is None
    assert claim_episode(Episode(AT, severity=9, notes="again"), seen) == (
        "the same started_at, muscle and side appear more than once"
    )
    assert claim_episode(Episode(AT, side=Side.LEFT), seen) is None


def test_a_night_is_claimed_once_by_its_date() -> None:
    seen: set[int] = set()
    assert claim_night(dt.date(2026, 1, 5), seen) is None
    assert claim_night(dt.date(2026, 1, 6), seen) is None
    assert claim_night(dt.date(2026, 1, 5), seen) == "2026-01-05 appears more than once"
    assert len(seen) == 2
