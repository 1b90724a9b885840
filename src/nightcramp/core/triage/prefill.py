"""Triage answers that the profile and the diary already give, so people are not asked twice."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["DIARY_DAYS", "DIARY_KEYS", "DiaryCramp", "answers_from_diary"]

DIARY_DAYS = 28
"""The diary's answers count the cramps of the last 4 weeks: how often they come now."""
DIARY_KEYS = ("cramps_per_week", "nights_sleep_disrupted_per_week", "typical_duration_min")
"""The answers the diary can give."""


@dataclass(frozen=True, slots=True)
class DiaryCramp:
    """What triage needs from one logged cramp."""

    night: dt.date
    woke_from_sleep: bool | None = None
    duration_min: float | None = None


def answers_from_diary(
    cramps: Sequence[DiaryCramp], *, today: dt.date, days: int = DIARY_DAYS
) -> dict[str, object]:
    """Cramps a week, nights woken a week and typical duration over the last `days` days.

    With no cramp logged in that window nothing is returned: a night not logged is unknown.
    """
    since = today - dt.timedelta(days=days)
    recent = [c for c in cramps if since < c.night <= today]
    if not recent:
        return {}
    weeks = days / 7
    answers: dict[str, object] = {"cramps_per_week": round(len(recent) / weeks, 1)}
    woken = {c.night for c in recent if c.woke_from_sleep}
    answers["nights_sleep_disrupted_per_week"] = min(7, round(len(woken) / weeks))
    durations = [c.duration_min for c in recent if c.duration_min]
    if durations:
        answers["typical_duration_min"] = round(statistics.median(durations), 1)
    return answers
