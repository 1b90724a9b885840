"""The cramp form: only the time is needed, a blank time is now, and a stored cramp shown in
the form reads back unchanged."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from nightcramp.core.diary import Episode, Muscle, Relief, Side
from nightcramp.web.diary.forms.episode import EpisodeForm

NOW = dt.datetime(2026, 11, 21, 22, 30, 15, 123456, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _utc(settings: Any) -> None:
    settings.TIME_ZONE = "UTC"


def _episode(data: dict[str, Any]) -> Episode:
    form = EpisodeForm(data)
    assert form.is_valid(), form.errors
    return form.to_episode()


def test_a_blank_form_is_a_calf_cramp_now_with_everything_else_unknown() -> None:
    with time_machine.travel(NOW, tick=False):
        episode = _episode({})
    assert episode == Episode(started_at=NOW.replace(microsecond=0), muscle=Muscle.CALF)
    assert episode.side is None and episode.woke_from_sleep is None


def test_every_answer_is_read_as_the_diarys_value() -> None:
    episode = _episode(
        {
            "started_at": "2026-11-21T03:10",
            "muscle": "thigh_back",
            "side": "both",
            "severity": "7",
            "duration_min": "2.5",
            "relief": ["stretch", "walk"],
            "relief_worked": "walk",
            "woke_from_sleep": "no",
            "notes": "  after a long walk\n",
        }
    )
    assert episode == Episode(
        started_at=dt.datetime(2026, 11, 21, 3, 10, tzinfo=dt.UTC),
        muscle=Muscle.THIGH_BACK,
        side=Side.BOTH,
        severity=7,
        duration_min=2.5,
        relief=(Relief.STRETCH, Relief.WALK),
        relief_worked=Relief.WALK,
        woke_from_sleep=False,
        notes="  after a long walk\n",
    )


def test_a_stored_cramp_shown_in_the_form_reads_back_unchanged() -> None:
    stored = Episode(
        started_at=dt.datetime(2026, 11, 20, 23, 45, tzinfo=dt.UTC),
        muscle=Muscle.FOOT,
        side=Side.LEFT,
        severity=3,
        duration_min=1.0,
        relief=(Relief.MASSAGE,),
        woke_from_sleep=True,
        notes="left foot",
    )
    initial = EpisodeForm.initial_from(stored)
    assert initial["started_at"] == "2026-11-20T23:45"
    assert (initial["side"], initial["relief_worked"], initial["woke_from_sleep"]) == (
        "left",
        "",
        "yes",
    )
    data = {k: v for k, v in initial.items() if v is not None}
    assert _episode(data) == stored


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"severity": "11"}, "severity"),
        ({"relief": ["prayer"]}, "relief"),
        ({"muscle": "knee"}, "muscle"),
        ({"started_at": "yesterday"}, "started_at"),
    ],
)
def test_a_bad_answer_is_refused_on_its_field(data: dict[str, Any], field: str) -> None:
    form = EpisodeForm(data)
    assert not form.is_valid()
    assert list(form.errors) == [field]


def test_notes_longer_than_10000_characters_are_refused_in_plain_words() -> None:
    form = EpisodeForm({"notes": "x" * 10_001})
    assert not form.is_valid()
    assert form.errors["notes"] == ["Notes can be at most 10,000 characters."]
