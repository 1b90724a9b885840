"""Plain words for a logged cramp: what was recorded, and nothing said about what was not."""

from __future__ import annotations

import datetime as dt

import pytest

from nightcramp.core.diary import Episode, Muscle, Relief, Side
from nightcramp.web.diary.views.words import EpisodeWords, episode_words

AT = dt.datetime(2026, 3, 4, 2, 30)


def test_a_fully_recorded_cramp_says_everything_in_order() -> None:
    episode = Episode(
        started_at=AT,
        muscle=Muscle.THIGH_BACK,
        side=Side.LEFT,
        duration_min=3,
        severity=7,
        relief=(Relief.STRETCH, Relief.STAND_ON_TOES),
        relief_worked=Relief.STAND_ON_TOES,
        woke_from_sleep=True,
    )
    assert episode_words(episode) == EpisodeWords(
        "Back of thigh, left leg",
        [
            "pain 7 of 10",
            "3 minutes",
            "tried stretch, stand on your toes",
            "stand on your toes ended it",
            "woke you up",
        ],
    )


def test_an_unrecorded_answer_is_left_out_never_shown_as_no() -> None:
    assert episode_words(Episode(started_at=AT)) == EpisodeWords("Calf", [])


def test_a_cramp_that_did_not_wake_says_so() -> None:
    words = episode_words(Episode(started_at=AT, woke_from_sleep=False))
    assert words.details == ["did not wake you"]


@pytest.mark.parametrize(
    ("side", "title"),
    [(Side.RIGHT, "Foot, right leg"), (Side.BOTH, "Foot, both legs")],
)
def test_the_side_is_said_as_a_leg(side: Side, title: str) -> None:
    assert episode_words(Episode(started_at=AT, muscle=Muscle.FOOT, side=side)).title == title


@pytest.mark.parametrize(
    ("minutes", "said"),
    [
        (1, "1 minute"),
        (1.0, "1 minute"),
        (0.5, "0.5 minutes"),
        (2.5, "2.5 minutes"),
        (10, "10 minutes"),
    ],
)
def test_minutes_are_said_without_trailing_zeros_and_singular_for_one(
    minutes: float, said: str
) -> None:
    assert episode_words(Episode(started_at=AT, duration_min=minutes)).details == [said]


def test_pain_0_is_still_said() -> None:
    assert episode_words(Episode(started_at=AT, severity=0)).details == ["pain 0 of 10"]
