"""The diary's home page: cramp now, the quick log, tonight's check-in and the last nights."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from tests.web.diary.views.test_episodes import NOW, add_episode, as_alice, text

from nightcramp.store.diary.models import Night

pytestmark = pytest.mark.django_db
__all__ = ["as_alice"]  # a fixture, used by name


# ---- home page -------------------------------------------------------------------------------


def test_home_offers_cramp_now_a_quick_log_and_tonights_checkin(as_alice: Client) -> None:
    with time_machine.travel(NOW, tick=False):
        page = text(as_alice.get("/"))
    assert 'href="/now"' in page
    assert 'action="/log"' in page
    assert 'name="severity" value="7"' in page
    assert "Check in for tonight" in page
    assert "/checkin?date=2026-11-21" in page


def test_home_before_noon_offers_last_nights_checkin(as_alice: Client) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC), tick=False):
        page = text(as_alice.get("/"))
    assert "Check in for last night" in page
    assert "/checkin?date=2026-11-21" in page


def test_home_needs_a_login_once_accounts_exist(client: Client, alice: User) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert "/account/login" in response["Location"]


def test_home_offers_calf_but_never_the_side_of_the_last_cramp(
    as_alice: Client, alice: User
) -> None:
    from nightcramp.core.diary import Side

    add_episode(alice, "2026-11-20T03:00:00+00:00", side=Side.RIGHT)
    page = text(as_alice.get("/"))
    assert 'value="right" id="id_side_1" checked' not in page
    assert 'value="" id="id_side_3" checked' in page
    assert 'value="calf" id="id_muscle_0" checked' in page


def test_home_strip_shows_cramp_free_and_missing_nights_apart(
    as_alice: Client, alice: User
) -> None:
    Night.objects.create(user=alice, date=dt.date(2026, 11, 20))
    add_episode(alice, "2026-11-19T23:00:00+00:00", severity=8)
    with time_machine.travel(NOW, tick=False):
        page = text(as_alice.get("/"))
    assert page.count("not logged") == 5
    assert "no cramps" in page
    assert "1 cramp, severe" in page
