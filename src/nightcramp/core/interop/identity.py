"""What makes a diary row the same as another (CONTRACT.md "Diary files"), and the check that
each night (its date) and each episode (started_at, muscle, side) appears only once.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterator, MutableSet

from nightcramp.core.diary import Episode, Muscle, Side

__all__ = ["SeenKeys", "claim_episode", "claim_night", "episode_key"]

_MUSCLE_INDEX = {m: i for i, m in enumerate(Muscle)}
_SIDE_INDEX: dict[Side | None, int] = {None: 0, Side.LEFT: 1, Side.RIGHT: 2, Side.BOTH: 3}
# Keys count microseconds from 1970: for diary dates they stay below 2**60, which Python keeps
# in a smaller int than larger numbers (a million keys are held while a file is read).
_NAIVE_EPOCH = dt.datetime(1970, 1, 1)
_UTC_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)


def episode_key(episode: Episode) -> int:
    """A compact key for the contract's episode identity: (started_at, muscle, side).

    Aware times compare as instants; naive times by their wall-clock reading.
    """
    at = episode.started_at
    if at.tzinfo is None:
        micros = (at - _NAIVE_EPOCH) // _MICROSECOND
    elif at.utcoffset() is None:  # a time zone that does not know its offset: as naive
        micros = (at.replace(tzinfo=None) - _NAIVE_EPOCH) // _MICROSECOND
    else:  # the instant: subtracting an aware time converts both to UTC
        micros = (at - _UTC_EPOCH) // _MICROSECOND
    return (micros * 8 + _MUSCLE_INDEX[episode.muscle]) * 4 + _SIDE_INDEX[episode.side]


def claim_night(day: dt.date, seen: MutableSet[int]) -> str | None:
    """Add the night of `day` to `seen`; return why it is refused if it was there already."""
    key = day.toordinal()
    if key in seen:
        return f"{day.isoformat()} appears more than once"
    seen.add(key)
    return None


def claim_episode(episode: Episode, seen: MutableSet[int]) -> str | None:
    """Add the episode's identity to `seen`; return why it is refused if it was there already."""
    key = episode_key(episode)
    if key in seen:
        return "the same started_at, muscle and side appear more than once"
    seen.add(key)
    return None


class SeenKeys(MutableSet[int]):
    """The keys of the rows read so far (night ordinals, `episode_key`s), to find repeats.

    A file is usually in time order (as nightcramp exports it): while each key is larger than
    the one before, the keys are kept as 8-byte numbers, and a repeat can only be the last key.
    The first key out of order turns them into a set. A million rows in order take 8 MB, not
    the 60 MB or so of a set.
    """

    __slots__ = ("_last", "_rising", "_set")

    def __init__(self) -> None:
        self._rising = array("q")
        self._last: int | None = None
        self._set: set[int] | None = None

    def _as_set(self) -> set[int]:
        if self._set is None:
            self._set = set(self._rising)
            self._rising = array("q")
        return self._set

    def __contains__(self, key: object) -> bool:
        if self._set is None:
            last = self._last
            if last is None or not isinstance(key, int) or key > last:
                return False
            if key == last:
                return True
        return key in self._as_set()

    def add(self, key: int) -> None:
        if self._set is None:
            last = self._last
            if last is None or key > last:
                try:
                    self._rising.append(key)
                except OverflowError:  # beyond 8 bytes: keep it in a set
                    self._as_set().add(key)
                    return
                self._last = key
                return
            if key == last:
                return
        self._as_set().add(key)

    def discard(self, key: int) -> None:
        self._as_set().discard(key)

    def __iter__(self) -> Iterator[int]:
        return iter(self._rising if self._set is None else self._set)

    def __len__(self) -> int:
        return len(self._rising) if self._set is None else len(self._set)
