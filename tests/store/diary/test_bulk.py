"""Writing many diary rows at once stores exactly what saving them one by one stores."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction

from nightcramp.core.diary import Episode, Muscle, Night, Relief, Side
from nightcramp.store.diary import bulk, models
from nightcramp.store.diary.convert import load_diary
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.nights import SaveMode, save_night

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")  # +00:19:32 until 1937: seconds in the offset
EPISODES = [
    Episode(
        started_at=dt.datetime(1930, 6, 1, 2, 30, 15, 250, tzinfo=AMSTERDAM),
        muscle=Muscle.FOOT,
        side=Side.LEFT,
        duration_min=2.5,
        severity=4,
        relief=(Relief.STRETCH, Relief.WALK),
        relief_worked=Relief.WALK,
        woke_from_sleep=True,
        notes="=kept as written",
    ),
    Episode(started_at=dt.datetime(2026, 3, 29, 1, 30, tzinfo=AMSTERDAM)),
    Episode(started_at=dt.datetime(2026, 7, 1, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))),
]
NIGHTS = [
    Night(dt.date(2026, 1, 5), {"water_glasses": 3, "standing_hours": 2.5, "pickle_juice": True}),
    Night(dt.date(2026, 1, 6), {}),
]


def _stored(user: User) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    nights = models.Night.objects.filter(user=user).order_by("date")
    episodes = models.Episode.objects.filter(user=user).order_by("started_at")
    skip = {"id", "user", "created", "updated"}
    names = [f.name for f in models.Episode._meta.fields if f.name not in skip]
    night_names = [f.name for f in models.Night._meta.fields if f.name not in skip]
    return (
        [tuple(getattr(r, n) for n in night_names) for r in nights],
        [tuple(getattr(r, n) for n in names) for r in episodes],
    )


def test_rows_inserted_in_bulk_equal_rows_saved_one_by_one(alice: User, bob: User) -> None:
    for episode in EPISODES:
        log_episode(alice, episode, now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    for night in NIGHTS:
        save_night(alice, night.date, night.factors, mode=SaveMode.REPLACE)
    with transaction.atomic():
        bulk.insert_episodes(bob.pk, EPISODES, models.Episode._meta.db_table)
        bulk.insert_nights(bob.pk, NIGHTS, models.Night._meta.db_table)
    assert _stored(bob) == _stored(alice)
    assert load_diary(bob) == load_diary(alice)


@pytest.mark.django_db(transaction=True)
def test_staged_rows_reach_the_diary_only_when_committed(alice: User) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("staging is for SQLite")
    bulk.stage_begin()
    try:
        bulk.insert_episodes(alice.pk, EPISODES, bulk.EPISODE_STAGE)
        bulk.insert_nights(alice.pk, NIGHTS, bulk.NIGHT_STAGE)
        assert not models.Episode.objects.exists() and not models.Night.objects.exists()
        with transaction.atomic():
            bulk.commit_staged(alice.pk)
    finally:
        bulk.stage_end()
    nights, episodes = load_diary(alice)
    assert nights == NIGHTS
    assert [e.started_at for e in episodes] == sorted(e.started_at for e in EPISODES)
    assert all(row.created is not None for row in models.Episode.objects.all())


def test_the_text_sqlite_keeps_for_a_time_is_djangos_own() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the text form is SQLite's")
    for episode in EPISODES:
        local = episode.started_at
        assert bulk._sqlite_instant(local) == connection.ops.adapt_datetimefield_value(local)
