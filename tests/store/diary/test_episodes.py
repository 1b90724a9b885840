"""Logging, editing and deleting a cramp: every rule refused, conflicts, one person's cramps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from nightcramp.core.diary import Episode, Muscle, Side
from nightcramp.core.errors import InputErrors
from nightcramp.store.diary import models
from nightcramp.store.diary.convert import episode_to_core
from nightcramp.store.diary.episodes import (
    CONFLICT,
    EpisodeConflict,
    delete_episode,
    edit_episode,
    find_episode,
    log_episode,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 21, 22, 0, tzinfo=dt.UTC)
START = dt.datetime(2026, 11, 21, 3, 10, tzinfo=dt.UTC)


def problems(error: pytest.ExceptionInfo[InputErrors]) -> list[tuple[str | None, str]]:
    return [(e.field, e.reason) for e in error.value.errors]


def test_a_logged_cramp_is_stored_with_its_night(alice: User) -> None:
    episode = Episode(started_at=START, side=Side.LEFT, severity=6, duration_min=2.5)
    row = log_episode(alice, episode, now=NOW)
    assert row.night == dt.date(2026, 11, 20)
    assert episode_to_core(row) == episode
    assert find_episode(alice, row.pk) == row


@pytest.mark.parametrize(
    ("episode", "expected"),
    [
        (
            Episode(started_at=NOW + dt.timedelta(minutes=11)),
            [("started_at", "can't be in the future")],
        ),
        (
            Episode(started_at=dt.datetime(1899, 12, 31, 23, 0)),
            [("started_at", "must be 1900 or later")],
        ),
        (
            Episode(started_at=START, duration_min=1441),
            [("duration_min", "a cramp can last at most 24 hours (1440 minutes)")],
        ),
        (
            Episode(started_at=START, duration_min=0),
            [("duration_min", "must be a number greater than 0 and at most 1440, not 0")],
        ),
        (
            Episode(started_at=START, severity=11),
            [("severity", "must be a whole number from 0 to 10, not 11")],
        ),
        (
            Episode(started_at=NOW + dt.timedelta(days=1), duration_min=2000, severity=-1),
            [
                ("started_at", "can't be in the future"),
                ("duration_min", "a cramp can last at most 24 hours (1440 minutes)"),
                ("severity", "must be a whole number from 0 to 10, not -1"),
            ],
        ),
    ],
)
def test_every_rule_is_refused_naming_the_field_and_nothing_is_written(
    alice: User, episode: Episode, expected: list[tuple[str, str]]
) -> None:
    with pytest.raises(InputErrors) as error:
        log_episode(alice, episode, now=NOW)
    assert problems(error) == expected
    assert not models.Episode.objects.exists()


def test_a_cramp_a_few_minutes_ahead_is_kept_for_clock_skew(alice: User) -> None:
    log_episode(alice, Episode(started_at=NOW + dt.timedelta(minutes=9)), now=NOW)
    assert models.Episode.objects.count() == 1


def test_same_start_muscle_and_side_is_a_conflict_also_without_side(alice: User) -> None:
    log_episode(alice, Episode(started_at=START), now=NOW)
    with pytest.raises(EpisodeConflict, match=CONFLICT):
        log_episode(alice, Episode(started_at=START), now=NOW)
    log_episode(alice, Episode(started_at=START, side=Side.LEFT), now=NOW)
    log_episode(alice, Episode(started_at=START, muscle=Muscle.FOOT), now=NOW)
    with pytest.raises(EpisodeConflict):
        log_episode(alice, Episode(started_at=START, side=Side.LEFT), now=NOW)
    assert models.Episode.objects.count() == 3


def test_the_same_instant_in_another_offset_is_the_same_cramp(alice: User) -> None:
    log_episode(alice, Episode(started_at=START), now=NOW)
    plus_one = START.astimezone(dt.timezone(dt.timedelta(hours=1)))
    with pytest.raises(EpisodeConflict):
        log_episode(alice, Episode(started_at=plus_one), now=NOW)


def test_edit_replaces_the_cramp_and_keeps_its_id(alice: User) -> None:
    row = log_episode(alice, Episode(started_at=START, severity=3), now=NOW)
    changed = Episode(started_at=START, severity=7, notes="woke twice")
    edit_episode(alice, row, changed, now=NOW)
    stored = find_episode(alice, row.pk)
    assert stored is not None
    assert episode_to_core(stored) == changed


def test_edit_onto_another_cramps_key_is_a_conflict_and_changes_nothing(alice: User) -> None:
    log_episode(alice, Episode(started_at=START), now=NOW)
    later = START + dt.timedelta(hours=1)
    row = log_episode(alice, Episode(started_at=later, severity=2), now=NOW)
    with pytest.raises(EpisodeConflict):
        edit_episode(alice, row, Episode(started_at=START, severity=9), now=NOW)
    stored = find_episode(alice, row.pk)
    assert stored is not None
    assert (stored.started_at, stored.severity) == (later, 2)


def test_a_refused_edit_changes_nothing(alice: User) -> None:
    row = log_episode(alice, Episode(started_at=START, severity=3), now=NOW)
    with pytest.raises(InputErrors) as error:
        edit_episode(alice, row, Episode(started_at=START, severity=12), now=NOW)
    assert [field for field, _ in problems(error)] == ["severity"]
    row.refresh_from_db()
    assert row.severity == 3


def test_bob_neither_finds_nor_deletes_alices_cramp(alice: User, bob: User) -> None:
    row = log_episode(alice, Episode(started_at=START), now=NOW)
    log_episode(bob, Episode(started_at=START), now=NOW)  # the same cramp is no conflict for bob
    assert find_episode(bob, row.pk) is None
    assert delete_episode(bob, row.pk) is False
    assert find_episode(alice, row.pk) == row
    assert delete_episode(alice, row.pk) is True
    assert find_episode(alice, row.pk) is None
    assert models.Episode.objects.filter(user=bob).count() == 1
