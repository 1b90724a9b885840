"""What makes a diary row the same as another (CONTRACT.md "Diary files"), and the check that
each night (its date) and each episode (started_at, muscle, side) appears only once.
"""

from __future__ import annotations

import datetime as dt

from nightcramp.core.diary import Episode, Muscle, Side

__all__ = ["claim_episode", "claim_night", "episode_key"]

_MUSCLE_INDEX = {m: i for i, m in enumerate(Muscle)}
_SIDE_INDEX: dict[Side | None, int] = {None: 0, Side.LEFT: 1, Side.RIGHT: 2, Side.BOTH: 3}


def episode_key(episode: Episode) -> int:
    """A compact key for the contract's episode identity: (started_at, muscle, side).

    Aware times compare as instants; naive times by their wall-clock reading.
    """
    at = episode.started_at
    if at.tzinfo is not None and at.utcoffset() is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    micros = (at.toordinal() * 86_400 + at.hour * 3600 + at.minute * 60 + at.second) * 1_000_000
    micros += at.microsecond
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
