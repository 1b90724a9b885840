"""Plain words for a logged cramp, as the history and the home page show it."""

from __future__ import annotations

from dataclasses import dataclass

from nightcramp.core.diary import Episode
from nightcramp.web.diary.forms import MUSCLE_LABELS, RELIEF_LABELS, SIDE_LABELS

__all__ = ["EpisodeWords", "episode_words"]


@dataclass(frozen=True, slots=True)
class EpisodeWords:
    title: str  # "Calf, left leg"
    details: list[str]  # "pain 7 of 10", "3 minutes", …


def _minutes(value: float) -> str:
    shown = f"{value:g}"
    return "1 minute" if shown == "1" else f"{shown} minutes"


def episode_words(episode: Episode) -> EpisodeWords:
    """Say what was logged; an unrecorded answer is left out, never shown as "no"."""
    title = MUSCLE_LABELS[episode.muscle]
    if episode.side is not None:
        side = SIDE_LABELS[episode.side].lower()
        title += ", both legs" if side == "both" else f", {side} leg"
    details = []
    if episode.severity is not None:
        details.append(f"pain {episode.severity} of 10")
    if episode.duration_min is not None:
        details.append(_minutes(episode.duration_min))
    if episode.relief:
        details.append("tried " + ", ".join(RELIEF_LABELS[r].lower() for r in episode.relief))
    if episode.relief_worked is not None:
        details.append(RELIEF_LABELS[episode.relief_worked].lower() + " ended it")
    if episode.woke_from_sleep is True:
        details.append("woke you up")
    elif episode.woke_from_sleep is False:
        details.append("did not wake you")
    return EpisodeWords(title, details)
