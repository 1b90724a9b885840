"""Which diary rows are the same: a night by its date, an episode by start, muscle and side."""

from __future__ import annotations

import datetime as dt

from nightcramp.core.diary import Episode, Muscle, Side
from nightcramp.core.interop.identity import SeenKeys, claim_episode, claim_night, episode_key

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


class _NoOffset(dt.tzinfo):
    """A time zone that does not know its offset: its times are read as wall-clock times."""

    def utcoffset(self, when: dt.datetime | None) -> None:
        return None

    def dst(self, when: dt.datetime | None) -> None:
        return None

    def tzname(self, when: dt.datetime | None) -> str:
        return "unknown"


def test_a_time_whose_zone_gives_no_offset_compares_by_its_wall_clock_reading() -> None:
    assert episode_key(Episode(AT.replace(tzinfo=_NoOffset()))) == episode_key(Episode(AT))


def test_times_before_1970_and_long_after_keep_their_order_and_identity() -> None:
    early = Episode(dt.datetime(1900, 1, 1, 0, 0, 0, 1))
    late = Episode(dt.datetime(9999, 12, 31, 23, 59, 59, 999_999))
    keys = [episode_key(e) for e in (early, Episode(AT), late)]
    assert keys == sorted(keys) and len(set(keys)) == 3
    assert episode_key(early) == episode_key(Episode(dt.datetime(1900, 1, 1, 0, 0, 0, 1)))


def test_seen_keys_in_rising_order_find_a_repeat_of_the_last_one() -> None:
    seen = SeenKeys()
    assert [claim_night(dt.date(2026, 1, d), seen) for d in (1, 2, 3)] == [None, None, None]
    assert claim_night(dt.date(2026, 1, 3), seen) == "2026-01-03 appears more than once"
    assert len(seen) == 3 and list(seen) == [dt.date(2026, 1, d).toordinal() for d in (1, 2, 3)]


def test_seen_keys_out_of_order_still_find_every_repeat() -> None:
    seen = SeenKeys()
    for key in (10, 20, 30, 5, 25):
        assert key not in seen
        seen.add(key)
    assert all(key in seen for key in (5, 10, 20, 25, 30))
    assert 15 not in seen
    seen.add(20)
    assert len(seen) == 5 and sorted(seen) == [5, 10, 20, 25, 30]
    seen.discard(20)
    assert 20 not in seen and len(seen) == 4


def test_seen_keys_beyond_eight_bytes_are_kept_too() -> None:
    seen = SeenKeys()
    huge = 2**70
    seen.add(1)
    seen.add(huge)
    assert huge in seen and 1 in seen and len(seen) == 2
    assert 2**71 not in seen
