"""Diaries stored for a person, built from the simulator."""

from __future__ import annotations

from django.contrib.auth.models import User

from nightcramp.core.insights.simulate import TrueEffect, simulate_diary
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.nights import SaveMode, save_night


def store_diary(user: User, n_nights: int = 120, seed: int = 7) -> None:
    """Store a simulated diary (alcohol doubles the cramp rate per 2 drinks) for `user`."""
    sim = simulate_diary(
        seed,
        n_nights,
        truth=(TrueEffect("alcohol_drinks", 2.0, unit=2), TrueEffect("bedtime_stretch", 0.4)),
        base_rate=0.5,
    )
    for night in sim.nights:
        save_night(user, night.date, night.factors, mode=SaveMode.REPLACE)
    seen = set()
    for episode in sim.episodes:
        key = (episode.started_at, episode.muscle, episode.side)
        if key not in seen:
            seen.add(key)
            log_episode(user, episode)
