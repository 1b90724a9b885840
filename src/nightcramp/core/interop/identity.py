"""What makes a diary row the same as another (CONTRACT.md "Diary files"), and the check that
each night (its date) and each episode (started_at, muscle, side) appears only once.
"""

from __future__ import annotations

import datetime as dt

from nightcramp.core.diary import Episode, Muscle, Side

__all__ = ["claim_episode", "claim_night", "episode_key"]

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


def claim_night(day: dt.date, seen: set[int]) -> str | None:
    """Add the night of `day` to `seen`; return why it is refused if it was there already."""
    key = day.toordinal()
    if key in seen:
        return f"{day.isoformat()} appears more than once"
    seen.add(key)
    return None


def claim_episode(episode: Episode, seen: set[int]) -> str | None:
    """Add the episode's identity to `seen`; return why it is refused if it was there already."""
    key = episode_key(episode)
    if key in seen:
        return "the same started_at, muscle and side appear more than once"
    seen.add(key)
    return None
