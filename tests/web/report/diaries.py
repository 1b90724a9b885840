"""Simulated diaries stored for a person, for report tests."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from nightcramp.core.diary import Episode, Muscle, Relief, Side
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.nights import SaveMode, save_night

TZ = ZoneInfo("Europe/London")


def store_diary(user: User, *, nights: int, end: dt.date, seed: int = 7) -> tuple[int, int]:
    """Store `nights` nights ending at `end` (10% unlogged); return (logged, episodes).

    `end` must be at least two days ago: a cramp after midnight must not be in the future.
    """
    rnd = random.Random(seed)
    logged = episodes = 0
    for offset in range(nights):
        day = end - dt.timedelta(days=nights - 1 - offset)
        if rnd.random() < 0.1:
            continue
        save_night(
            user,
            day,
            {
                "alcohol_drinks": rnd.randint(0, 3),
                "bedtime_stretch": rnd.random() < 0.5,
                "water_glasses": rnd.randint(3, 9),
            },
            mode=SaveMode.REPLACE,
        )
        logged += 1
        if rnd.random() < 0.35:
            start = dt.datetime.combine(
                day + dt.timedelta(days=1), dt.time(rnd.randint(0, 5), rnd.randint(0, 59))
            )
            log_episode(
                user,
                Episode(
                    started_at=start.replace(tzinfo=TZ),
                    muscle=rnd.choice([Muscle.CALF, Muscle.CALF, Muscle.FOOT]),
                    side=rnd.choice(list(Side)),
                    duration_min=round(rnd.uniform(0.5, 8), 1),
                    severity=rnd.randint(2, 9),
                    relief=(Relief.STRETCH,),
                    relief_worked=Relief.STRETCH if rnd.random() < 0.7 else None,
                    woke_from_sleep=True,
                ),
            )
            episodes += 1
    return logged, episodes
