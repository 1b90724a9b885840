"""What the stored diary holds, as an import sees it: matches, and merges for --replace."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from nightcramp.core import diary as core
from nightcramp.store.diary import models
from nightcramp.store.diary.convert import episode_fields
from nightcramp.store.diary.import_rows import ImportedRow
from nightcramp.store.diary.stored_rows import StoredRows

pytestmark = pytest.mark.django_db

UTC1 = dt.timezone(dt.timedelta(hours=1))


def test_a_cramp_matches_at_the_same_instant_in_another_offset_only_for_its_person() -> None:
    ann = User.objects.create_user("ann")
    bob = User.objects.create_user("bob")
    start = dt.datetime(2026, 1, 6, 2, 30, tzinfo=UTC1)
    models.Episode.objects.create(
        user=ann, **episode_fields(core.Episode(start, side=core.Side.LEFT))
    )
    same = core.Episode(dt.datetime(2026, 1, 6, 1, 30, tzinfo=dt.UTC), side=core.Side.LEFT)
    assert StoredRows(ann).has_episode(same)
    assert not StoredRows(ann).has_episode(core.Episode(start, side=core.Side.RIGHT))
    assert not StoredRows(bob).has_episode(same)


def test_merging_a_batch_replaces_only_the_rows_that_match_a_stored_night() -> None:
    ann = User.objects.create_user("ann")
    models.Night.objects.create(user=ann, date=dt.date(2026, 1, 5), water_glasses=6, cold_room=True)
    batch: list[ImportedRow[core.Night]] = [
        (2, core.Night(dt.date(2026, 1, 5), {"water_glasses": 1}), {"date", "water_glasses"}),
        (3, core.Night(dt.date(2026, 1, 6), {"water_glasses": 2}), {"date", "water_glasses"}),
    ]
    assert StoredRows(ann).merge_nights(batch) == [dt.date(2026, 1, 5)]
    assert [row[1].factors for row in batch] == [
        {"water_glasses": 1, "cold_room": True},
        {"water_glasses": 2},
    ]
