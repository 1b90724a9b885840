"""ORM rows <-> core Night/Episode: nothing lost, unknown stays unknown, local time kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from nightcramp.core.diary import Episode, Muscle, Night, Relief, Side
from nightcramp.core.errors import InputError
from nightcramp.store.diary import models
from nightcramp.store.diary.convert import load_diary, save_episode, save_night

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
    row = save_episode(alice, episode)
    assert row.night == dt.date(2026, 3, 3)
    _, episodes = load_diary(alice)
    assert episodes == [episode]
    assert episodes[0].started_at.utcoffset() == dt.timedelta(hours=1)


def test_naive_start_is_read_in_the_site_time_zone(alice: User, settings: object) -> None:
    row = save_episode(alice, Episode(started_at=dt.datetime(2026, 7, 1, 1, 0)))
    _, (episode,) = load_diary(alice)
    assert episode.started_at.replace(tzinfo=None) == dt.datetime(2026, 7, 1, 1, 0)
    assert row.night == dt.date(2026, 6, 30)


def test_night_round_trips_and_absent_factors_stay_absent(alice: User) -> None:
    night = Night(
        date=dt.date(2026, 3, 3),
        factors={"water_glasses": 0, "bedtime_stretch": False, "knee_pain": 2.5, "gin": True},
    )
    save_night(alice, night)
    (loaded,), _ = load_diary(alice)
    assert loaded.date == night.date
    assert dict(loaded.factors) == dict(night.factors)
    assert "alcohol_drinks" not in loaded.factors


def test_saving_a_night_again_replaces_its_factors(alice: User) -> None:
    save_night(alice, Night(date=dt.date(2026, 3, 3), factors={"water_glasses": 4, "x": 1}))
    save_night(alice, Night(date=dt.date(2026, 3, 3), factors={"alcohol_drinks": 1}))
    (loaded,), _ = load_diary(alice)
    assert dict(loaded.factors) == {"alcohol_drinks": 1}
    assert models.Night.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "value"),
    [("water_glasses", -1), ("water_glasses", 1.5), ("cold_room", 1), ("date", 3), ("k", "x")],
)
def test_save_night_refuses_bad_values_naming_the_factor(
    alice: User, name: str, value: object
) -> None:
    with pytest.raises(InputError) as error:
        save_night(alice, Night(date=dt.date(2026, 3, 3), factors={name: value}))  # type: ignore[dict-item]  # a deliberately wrong value
    assert error.value.field == name
    assert models.Night.objects.count() == 0


def test_database_refuses_a_second_episode_with_the_same_key_also_without_side(
    alice: User, bob: User
) -> None:
    start = dt.datetime(2026, 3, 4, 2, 30, tzinfo=dt.UTC)
    save_episode(alice, Episode(started_at=start))
    save_episode(bob, Episode(started_at=start))
    with pytest.raises(IntegrityError), transaction.atomic():
        save_episode(alice, Episode(started_at=start))
    save_episode(alice, Episode(started_at=start, side=Side.LEFT))
    with pytest.raises(IntegrityError), transaction.atomic():
        save_episode(alice, Episode(started_at=start, side=Side.LEFT))
    assert models.Episode.objects.filter(user=alice).count() == 2


def test_database_refuses_out_of_range_values(alice: User) -> None:
    start = dt.datetime(2026, 3, 4, 2, 30, tzinfo=dt.UTC)
    for bad in ({"severity": 11}, {"duration_min": 0.0}, {"muscle": "shin"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            models.Episode.objects.create(
                user=alice, started_at=start, night=dt.date(2026, 3, 3), **bad
            )
