"""The analysis kept per diary version: computed once, read back from the database, new after
any change, never shown to another person."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from tests.web.insight.conftest import store_diary

from nightcramp.core.diary import Episode
from nightcramp.core.errors import InputError
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.insights.analysis import (
    KEPT_VERSIONS,
    analysis_document,
    diary_version,
    insights_page,
)
from nightcramp.store.insights.models import CachedAnalysis

pytestmark = pytest.mark.django_db


def test_the_second_read_comes_from_the_database_not_a_new_analysis(alice: User) -> None:
    store_diary(alice, n_nights=60)
    first = analysis_document(alice)
    assert CachedAnalysis.objects.filter(user=alice).count() == 1
    # Mark the stored entry: a second read that recomputed would not see the mark.
    row = CachedAnalysis.objects.get(user=alice)
    row.document = {**row.document, "analysis": {**first, "marked": True}}
    row.save()
    assert analysis_document(alice)["marked"] is True
    assert insights_page(alice)["summary"] == row.document["page"]["summary"]


def test_a_new_cramp_makes_a_new_version_and_a_fresh_analysis(alice: User) -> None:
    store_diary(alice, n_nights=60)
    before = diary_version(alice)
    cramps = analysis_document(alice)["cramps"]
    assert isinstance(cramps, int)
    log_episode(alice, Episode(started_at=dt.datetime(2024, 1, 10, 3, 0)))
    assert diary_version(alice) != before
    assert analysis_document(alice)["cramps"] == cramps + 1


def test_bob_never_reads_alices_stored_analysis(alice: User, bob: User) -> None:
    store_diary(alice, n_nights=60)
    nights = analysis_document(alice)["nights"]
    assert isinstance(nights, int) and nights > 0
    assert analysis_document(bob)["nights"] == 0
    assert CachedAnalysis.objects.filter(user=bob).count() == 1


def test_suspects_are_kept_apart_and_old_versions_dropped(alice: User) -> None:
    store_diary(alice, n_nights=60)
    names = ["alcohol_drinks", "cold_room", "warm_bath", "feet_pointed", "tight_bedding"]
    for a in names:
        for b in names[:2]:
            analysis_document(alice, sorted({a, b}))
    assert analysis_document(alice, ["cold_room"])["suspects"] == ["cold_room"]
    assert CachedAnalysis.objects.filter(user=alice).count() <= KEPT_VERSIONS


def test_a_fourth_suspect_is_refused_and_nothing_is_stored(alice: User) -> None:
    store_diary(alice, n_nights=30)
    with pytest.raises(InputError):
        analysis_document(alice, ["alcohol_drinks", "cold_room", "warm_bath", "feet_pointed"])
    assert not CachedAnalysis.objects.filter(user=alice).exists()
