"""Undo of the last delete: the cramp or check-in comes back once, never over a newer one."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.web.diary.views.test_episodes import add_episode, as_alice, as_bob, text

from nightcramp.store.diary.episodes import CONFLICT
from nightcramp.store.diary.models import Episode, Night

__all__ = ["as_alice", "as_bob"]

pytestmark = pytest.mark.django_db

DATE = "2026-11-21"


def post_checkin(client: Client, **answers: str) -> Any:
    return client.post("/checkin", {"date": DATE, **answers})


def test_delete_then_undo_brings_the_cramp_back(as_alice: Client, alice: User) -> None:
    row = add_episode(alice, "2026-11-21T03:10:00+00:00", severity=7, notes="left calf")
    response = as_alice.post(f"/episodes/{row.pk}/delete")
    assert response.status_code == 302
    assert not Episode.objects.exists()
    page = as_alice.get(response["Location"])
    assert "Cramp deleted." in text(page)
    token = page.context["undo_token"]
    back = as_alice.post("/undo", {"token": token})
    assert back.status_code == 302
    restored = Episode.objects.get(user=alice)
    assert (restored.started_at, restored.severity, restored.notes) == (
        row.started_at,
        7,
        "left calf",
    )
    assert as_alice.post("/undo", {"token": token}).status_code == 404
    assert Episode.objects.count() == 1


def test_undo_with_a_wrong_token_changes_nothing(as_alice: Client, alice: User) -> None:
    row = add_episode(alice, "2026-11-21T03:10:00+00:00")
    as_alice.post(f"/episodes/{row.pk}/delete")
    assert as_alice.post("/undo", {"token": "nope"}).status_code == 404
    assert not Episode.objects.exists()


def test_undo_of_a_cramp_logged_again_meanwhile_says_so(as_alice: Client, alice: User) -> None:
    row = add_episode(alice, "2026-11-21T03:10:00+00:00")
    response = as_alice.post(f"/episodes/{row.pk}/delete")
    token = as_alice.get(response["Location"]).context["undo_token"]
    add_episode(alice, "2026-11-21T03:10:00+00:00")
    back = as_alice.post("/undo", {"token": token})
    assert back.status_code == 409
    assert CONFLICT in text(back)
    assert Episode.objects.count() == 1


def test_undo_of_a_deleted_checkin_does_not_overwrite_a_new_one(
    as_alice: Client, alice: User
) -> None:
    post_checkin(as_alice, water_glasses="5")
    response = as_alice.post(f"/nights/{DATE}/delete")
    token = as_alice.get(response["Location"]).context["undo_token"]
    post_checkin(as_alice, water_glasses="1")
    assert as_alice.post("/undo", {"token": token}).status_code == 409
    assert Night.objects.get(user=alice).water_glasses == 1


def test_someone_else_cannot_undo_with_my_token(
    as_alice: Client, as_bob: Client, alice: User
) -> None:
    row = add_episode(alice, "2026-11-21T03:10:00+00:00")
    response = as_alice.post(f"/episodes/{row.pk}/delete")
    token = as_alice.get(response["Location"]).context["undo_token"]
    assert as_bob.post("/undo", {"token": token}).status_code == 404
    assert not Episode.objects.exists()


def test_undo_needs_a_post(as_alice: Client, alice: User) -> None:
    row = add_episode(alice, "2026-11-21T03:10:00+00:00")
    as_alice.post(f"/episodes/{row.pk}/delete")
    assert as_alice.get("/undo").status_code == 405
    assert not Episode.objects.exists()
