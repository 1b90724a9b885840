"""The cramp screens: quick log, full log, change and delete (undo: test_undo.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from nightcramp.core.diary_limits import IN_THE_FUTURE
from nightcramp.store.diary.episodes import CONFLICT
from nightcramp.store.diary.models import Episode

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 21, 22, 30, tzinfo=dt.UTC)


@pytest.fixture
def as_alice(client: Client, alice: User) -> Client:
    client.force_login(alice)
    return client


@pytest.fixture
def as_bob(bob: User) -> Client:
    other = Client()
    other.force_login(bob)
    return other


def add_episode(user: User, started_at: str, **fields: Any) -> Episode:
    """Store a cramp through the same path the screens use."""
    from nightcramp.core.diary import Episode as CoreEpisode
    from nightcramp.store.diary.episodes import log_episode

    return log_episode(
        user, CoreEpisode(started_at=dt.datetime.fromisoformat(started_at), **fields)
    )


def text(response: Any) -> str:
    return str(response.content.decode())


# ---- logging a cramp -------------------------------------------------------------------------


def test_quick_log_with_no_answers_saves_a_calf_cramp_now(as_alice: Client, alice: User) -> None:
    with time_machine.travel(NOW, tick=False):
        response = as_alice.post("/log", {"form_key": "k1", "muscle": "calf", "severity": ""})
    assert response.status_code == 302
    row = Episode.objects.get(user=alice)
    assert response["Location"] == f"/?saved={row.pk}"
    assert row.started_at == NOW
    assert (row.muscle, row.side, row.severity, row.woke_from_sleep) == ("calf", None, None, None)
    assert row.night == dt.date(2026, 11, 21)


def test_quick_log_keeps_side_and_slider_severity(as_alice: Client, alice: User) -> None:
    as_alice.post("/log", {"muscle": "foot", "side": "left", "severity": "6"})
    row = Episode.objects.get(user=alice)
    assert (row.muscle, row.side, row.severity) == ("foot", "left", 6)


def test_saved_cramp_is_confirmed_with_a_link_to_add_details(as_alice: Client, alice: User) -> None:
    response = as_alice.post("/log", {"muscle": "calf"}, follow=True)
    row = Episode.objects.get(user=alice)
    assert "Cramp saved: Calf" in text(response)
    assert f"/episodes/{row.pk}/edit" in text(response)


@pytest.mark.parametrize(("hour", "other_night"), [(3, True), (22, False)])
def test_the_confirmation_says_the_pain_and_which_night_a_cramp_counts_for(
    as_alice: Client, hour: int, other_night: bool
) -> None:
    moment = timezone.localtime().replace(hour=hour, minute=4)
    with time_machine.travel(moment, tick=False):
        response = as_alice.post("/log", {"muscle": "calf", "severity": "7"}, follow=True)
    page = text(response)
    assert "pain 7 of 10" in page
    assert ("It counts for the night of" in page) is other_night


def test_the_same_form_sent_twice_saves_one_cramp(as_alice: Client, alice: User) -> None:
    first = as_alice.post("/log", {"form_key": "double-tap", "muscle": "calf"})
    second = as_alice.post("/log", {"form_key": "double-tap", "muscle": "calf"})
    assert Episode.objects.filter(user=alice).count() == 1
    assert first["Location"] == second["Location"]


def test_log_page_from_cramp_now_prefills_the_muscle(as_alice: Client) -> None:
    page = text(as_alice.get("/log?muscle=foot&from=now"))
    assert "Did it stop? Log it" in page
    assert 'value="foot" id="id_muscle_1" checked' in page
    assert 'data-theme="night"' in page  # from the dark cramp page: no bright screen at 3 a.m.
    assert 'data-theme="night"' not in text(as_alice.get("/log"))


def test_log_page_ignores_an_unknown_muscle_in_the_address(as_alice: Client) -> None:
    page = text(as_alice.get("/log?muscle=knee"))
    assert 'value="calf" id="id_muscle_0" checked' in page


def test_full_log_saves_every_field(as_alice: Client, alice: User) -> None:
    notes = "=SUM(A1)  kept exactly \n"
    response = as_alice.post(
        "/log",
        {
            "started_at": "2026-11-21T01:30",
            "muscle": "thigh_back",
            "side": "both",
            "severity": "10",
            "duration_min": "0.5",
            "relief": ["stretch", "walk"],
            "relief_worked": "walk",
            "woke_from_sleep": "yes",
            "notes": notes,
        },
    )
    assert response.status_code == 302
    row = Episode.objects.get(user=alice)
    assert row.started_at == dt.datetime(2026, 11, 21, 1, 30, tzinfo=dt.UTC)
    assert row.night == dt.date(2026, 11, 20)  # after midnight: the previous evening's night
    assert (row.muscle, row.side, row.severity, row.duration_min) == ("thigh_back", "both", 10, 0.5)
    assert (row.relief, row.relief_worked, row.woke_from_sleep) == (
        ["stretch", "walk"],
        "walk",
        True,
    )
    assert row.notes == notes


def test_woke_from_sleep_no_is_stored_as_false_and_blank_as_unknown(
    as_alice: Client, alice: User
) -> None:
    as_alice.post("/log", {"started_at": "2026-11-21T01:00", "woke_from_sleep": "no"})
    as_alice.post("/log", {"started_at": "2026-11-21T02:00", "woke_from_sleep": ""})
    stored = list(Episode.objects.filter(user=alice).order_by("started_at"))
    assert [e.woke_from_sleep for e in stored] == [False, None]


BAD_EPISODE_FIELDS = [
    ("severity", "-1"),
    ("severity", "11"),
    ("severity", "1.5"),
    ("severity", "bad"),
    ("duration_min", "0"),
    ("duration_min", "-2"),
    ("duration_min", "nan"),
    ("duration_min", "inf"),
    ("duration_min", "long"),
    ("muscle", "knee"),
    ("side", "up"),
    ("relief", "yoga"),
    ("relief_worked", "yoga"),
    ("woke_from_sleep", "maybe"),
    ("started_at", "2026-13-01T00:00"),
    ("started_at", "yesterday"),
    ("started_at", "2999-01-01T00:00"),
    ("notes", "x" * 10_001),
    ("form_key", "k" * 65),
]


@pytest.mark.parametrize(("field", "value"), BAD_EPISODE_FIELDS)
def test_log_refuses_a_bad_value_naming_the_field_and_saves_nothing(
    as_alice: Client, alice: User, field: str, value: str
) -> None:
    response = as_alice.post("/log", {"started_at": "2026-11-21T01:30", field: value})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "Nothing was saved yet" in text(response)
    assert "Ensure this value" not in text(response)  # our plain wording, not Django's
    assert not Episode.objects.filter(user=alice).exists()


@pytest.mark.parametrize(("field", "value"), [("severity", "0"), ("severity", "10")])
def test_log_accepts_the_ends_of_each_range(
    as_alice: Client, alice: User, field: str, value: str
) -> None:
    assert as_alice.post("/log", {field: value}).status_code == 302
    assert Episode.objects.filter(user=alice).count() == 1


def test_a_second_cramp_with_the_same_time_muscle_and_side_is_refused(
    as_alice: Client, alice: User
) -> None:
    form = {"started_at": "2026-11-21T01:30", "muscle": "calf", "side": "left"}
    as_alice.post("/log", form)
    response = as_alice.post("/log", form)
    assert response.status_code == 400
    assert CONFLICT in text(response)
    assert Episode.objects.filter(user=alice).count() == 1


def test_log_form_carries_a_csrf_token(as_alice: Client) -> None:
    assert 'name="csrfmiddlewaretoken"' in text(as_alice.get("/log"))


def test_log_without_csrf_token_is_refused(alice: User) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert strict.post("/log", {"muscle": "calf"}).status_code == 403
    assert not Episode.objects.exists()


# ---- change, delete, undo --------------------------------------------------------------------


def test_edit_shows_the_cramp_and_saves_details_added_later(as_alice: Client, alice: User) -> None:
    row = add_episode(alice, "2026-11-21T03:10:00+00:00")
    page = text(as_alice.get(f"/episodes/{row.pk}/edit"))
    assert 'value="2026-11-21T03:10"' in page
    response = as_alice.post(
        f"/episodes/{row.pk}/edit",
        {"started_at": "2026-11-21T03:10", "muscle": "calf", "severity": "4", "duration_min": "3"},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.severity, row.duration_min) == (4, 3.0)
    assert Episode.objects.count() == 1


def test_edit_refuses_a_bad_value_and_keeps_the_stored_cramp(as_alice: Client, alice: User) -> None:
    row = add_episode(alice, "2026-11-21T03:10:00+00:00", severity=5)
    response = as_alice.post(
        f"/episodes/{row.pk}/edit", {"started_at": "2026-11-21T03:10", "severity": "12"}
    )
    assert response.status_code == 400
    row.refresh_from_db()
    assert row.severity == 5


def test_someone_elses_cramp_is_not_found(as_bob: Client, alice: User) -> None:
    row = add_episode(alice, "2026-11-21T03:10:00+00:00")
    assert as_bob.get(f"/episodes/{row.pk}/edit").status_code == 404
    assert as_bob.post(f"/episodes/{row.pk}/edit", {"severity": "1"}).status_code == 404
    assert as_bob.post(f"/episodes/{row.pk}/delete").status_code == 404
    assert Episode.objects.filter(pk=row.pk).exists()


def test_delete_with_htmx_swaps_in_an_undo_button(as_alice: Client, alice: User) -> None:
    row = add_episode(alice, "2026-11-21T03:10:00+00:00")
    response = as_alice.post(f"/episodes/{row.pk}/delete", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Undo" in text(response)
    assert "<html" not in text(response)
    token = response.context["token"]
    back = as_alice.post("/undo", {"token": token}, headers={"HX-Request": "true"})
    assert back.status_code == 200
    assert "Calf" in text(back)
    assert Episode.objects.count() == 1


def test_delete_needs_a_post(as_alice: Client, alice: User) -> None:
    row = add_episode(alice, "2026-11-21T03:10:00+00:00")
    assert as_alice.get(f"/episodes/{row.pk}/delete").status_code == 405
    assert Episode.objects.filter(pk=row.pk).exists()


def test_log_refuses_a_cramp_in_the_future_with_the_rules_words(
    as_alice: Client, alice: User
) -> None:
    response = as_alice.post("/log", {"started_at": "2999-01-01T01:00"})
    assert response.status_code == 400
    assert response.context["form"].errors["started_at"] == [IN_THE_FUTURE]
    assert not Episode.objects.exists()


def test_edit_refuses_a_cramp_in_the_future_and_keeps_the_stored_one(
    as_alice: Client, alice: User
) -> None:
    row = add_episode(alice, "2026-11-21T03:10:00+00:00")
    response = as_alice.post(f"/episodes/{row.pk}/edit", {"started_at": "2999-01-01T01:00"})
    assert response.status_code == 400
    assert response.context["form"].errors["started_at"] == [IN_THE_FUTURE]
    row.refresh_from_db()
    assert row.started_at == dt.datetime(2026, 11, 21, 3, 10, tzinfo=dt.UTC)


def test_an_entry_kept_on_a_shared_phone_never_lands_in_another_persons_diary(
    client: Client, alice: User, bob: User
) -> None:
    # Bob logged a cramp offline; it is sent later while Alice is signed in on that phone.
    client.force_login(alice)
    response = client.post(
        "/log",
        {"started_at": "2026-01-10T03:00", "muscle": "calf", "person": str(bob.pk)},
    )
    assert response.status_code == 400
    assert "someone else was signed in" in response.content.decode()
    assert not Episode.objects.exists()
    mine = client.post(
        "/log",
        {"started_at": "2026-01-10T03:00", "muscle": "calf", "person": str(alice.pk)},
    )
    assert mine.status_code == 302
    assert Episode.objects.get().user == alice


def test_the_quick_log_says_whose_it_is(client: Client, alice: User) -> None:
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert f'name="person" value="{alice.pk}"' in html
