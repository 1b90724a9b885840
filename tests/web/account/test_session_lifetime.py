"""Sessions: a new key at login, gone at logout, 14 days idle and 30 days at most."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client
from tests.conftest import PERSONA_PASSWORD

from nightcramp.web.account.session_lifetime import LOGGED_IN_AT, SEEN_ON

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

REMOTE = "203.0.113.5"


def _login(client: Client) -> None:
    response = client.post("/account/login/", {"username": "alice", "password": PERSONA_PASSWORD})
    assert response.status_code == 302


def _api_ok(client: Client) -> bool:
    return client.get("/api/v1/episodes").status_code == 200


def test_login_gives_a_new_session_key_and_drops_the_old_one(alice: User) -> None:
    client = Client(REMOTE_ADDR=REMOTE)
    before = client.session
    before["seen_the_login_page"] = True
    before.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = before.session_key or ""
    old_key = before.session_key
    _login(client)
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    assert Session.objects.filter(session_key=new_key).exists()
    assert "seen_the_login_page" not in client.session  # nothing carried into the account


def test_the_session_cookie_is_http_only_same_site_lax_and_lasts_14_days(alice: User) -> None:
    client = Client(REMOTE_ADDR=REMOTE)
    _login(client)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 14 * 24 * 60 * 60
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_logout_deletes_the_session_on_the_server(alice: User) -> None:
    client = Client(REMOTE_ADDR=REMOTE)
    _login(client)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/account/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    replay = Client(REMOTE_ADDR=REMOTE)  # someone who kept a copy of the cookie
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert not _api_ok(replay)


def test_a_session_ends_30_days_after_login_however_much_it_is_used(alice: User) -> None:
    client = Client(REMOTE_ADDR=REMOTE)
    _login(client)
    assert _api_ok(client)
    session = client.session
    session[LOGGED_IN_AT] = int(time.time()) - settings.ACCOUNT_SESSION_MAX_AGE - 60
    session.save()
    assert not _api_ok(client)
    assert not Session.objects.filter(session_key=session.session_key).exists()


def _set_expiry_far_away(key: str, **changes: Any) -> None:
    data: dict[str, Any] = Session.objects.get(session_key=key).get_decoded()
    data.update(changes)
    Session.objects.filter(session_key=key).update(
        session_data=Session.objects.encode(data), expire_date="2999-01-01T00:00:00Z"
    )


def test_a_used_session_moves_its_expiry_on_once_a_day(alice: User) -> None:
    client = Client(REMOTE_ADDR=REMOTE)
    _login(client)
    assert _api_ok(client)
    key = client.session.session_key or ""
    _set_expiry_far_away(key)
    assert _api_ok(client)  # the same day: nothing to save
    assert Session.objects.get(session_key=key).expire_date.year == 2999
    _set_expiry_far_away(key, **{SEEN_ON: client.session[SEEN_ON] - 1})
    assert _api_ok(client)  # a new day: saved, expiring the idle limit from now
    assert Session.objects.get(session_key=key).expire_date.year < 2999


def test_a_session_from_before_these_rules_starts_its_clock_now(alice: User) -> None:
    client = Client(REMOTE_ADDR=REMOTE)
    client.force_login(alice)
    session = client.session
    del session[LOGGED_IN_AT]
    session.save()
    assert _api_ok(client)
    assert isinstance(client.session.get(LOGGED_IN_AT), int)


def test_the_health_check_never_touches_the_session(alice: User) -> None:
    client = Client(REMOTE_ADDR=REMOTE)
    client.force_login(alice)
    session = client.session
    session[LOGGED_IN_AT] = 0
    session.save()
    assert client.get("/healthz").status_code == 200
    assert Session.objects.filter(session_key=session.session_key).exists()
