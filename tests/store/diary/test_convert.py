"""ORM rows <-> core Night/Episode: nothing lost, unknown stays unknown, local time kept."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from nightcramp.core.diary import Episode, Muscle, Night, Relief, Side
from nightcramp.store.diary import models
from nightcramp.store.diary.convert import EPISODE_FIELDS, episode_fields, episode_row, load_diary
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.nights import SaveMode, save_night

pytestmark = pytest.mark.django_db

PLUS_ONE = dt.timezone(dt.timedelta(hours=1))


def test_episode_round_trips_with_every_field(alice: User) -> None:
    episode = Episode(
        started_at=dt.datetime(2026, 3, 4, 2, 30, tzinfo=PLUS_ONE),
        muscle=Muscle.THIGH_BACK,
        side=Side.BOTH,
        duration_min=1.5,
        severity=9,
        relief=(Relief.STRETCH, Relief.HEAT),
        relief_worked=Relief.HEAT,
        woke_from_sleep=True,
        notes="'=not a formula\r\nline two",
    )
    row = log_episode(alice, episode)
    assert row.night == dt.date(2026, 3, 3)
    _, episodes = load_diary(alice)
    assert episodes == [episode]
    assert episodes[0].started_at.utcoffset() == dt.timedelta(hours=1)


def test_naive_start_is_read_in_the_site_time_zone(alice: User, settings: object) -> None:
    row = log_episode(alice, Episode(started_at=dt.datetime(2026, 7, 1, 1, 0)))
    _, (episode,) = load_diary(alice)
    assert episode.started_at.replace(tzinfo=None) == dt.datetime(2026, 7, 1, 1, 0)
    assert row.night == dt.date(2026, 6, 30)


def test_night_round_trips_and_absent_factors_stay_absent(alice: User) -> None:
    night = Night(
        date=dt.date(2026, 3, 3),
        factors={"water_glasses": 0, "bedtime_stretch": False, "knee_pain": 2.5, "gin": True},
    )
    save_night(alice, night.date, night.factors, mode=SaveMode.REPLACE)
    (loaded,), _ = load_diary(alice)
    assert loaded.date == night.date
    assert dict(loaded.factors) == dict(night.factors)
    assert "alcohol_drinks" not in loaded.factors


def _insert(user: User, episode: Episode) -> None:
    """Insert a row straight into the table, past the store's own conflict check."""
    models.Episode.objects.create(user=user, **episode_fields(episode))


def test_database_refuses_a_second_episode_with_the_same_key_also_without_side(
    alice: User, bob: User
) -> None:
    start = dt.datetime(2026, 3, 4, 2, 30, tzinfo=dt.UTC)
    _insert(alice, Episode(started_at=start))
    _insert(bob, Episode(started_at=start))
    with pytest.raises(IntegrityError), transaction.atomic():
        _insert(alice, Episode(started_at=start))
    _insert(alice, Episode(started_at=start, side=Side.LEFT))
    with pytest.raises(IntegrityError), transaction.atomic():
        _insert(alice, Episode(started_at=start, side=Side.LEFT))
    assert models.Episode.objects.filter(user=alice).count() == 2


def test_database_refuses_out_of_range_values(alice: User) -> None:
    start = dt.datetime(2026, 3, 4, 2, 30, tzinfo=dt.UTC)
    for bad in ({"severity": 11}, {"duration_min": 0.0}, {"muscle": "shin"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            models.Episode.objects.create(
                user=alice, started_at=start, night=dt.date(2026, 3, 3), **bad
            )


def test_episode_fields_name_every_value_of_the_row_and_refuse_an_unknown_id() -> None:
    amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
    episode = Episode(
        started_at=dt.datetime(1930, 1, 15, 23, 0, tzinfo=amsterdam),  # offset +00:19:32
        relief=(Relief.WALK, Relief.STRETCH),
    )
    fields = episode_fields(episode)
    assert tuple(fields) == EPISODE_FIELDS
    assert tuple(fields.values())[:7] == episode_row(episode)[:7]
    assert fields["relief"] == ["walk", "stretch"]
    assert fields["utc_offset_min"] == 19 and fields["night"] == dt.date(1930, 1, 15)
    with pytest.raises(ValueError):
        episode_row(Episode(started_at=episode.started_at, muscle="knee"))  # type: ignore[arg-type]  # a wrong id on purpose
