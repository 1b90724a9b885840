"""The account page, logging out and changing your own password on the web."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client
from tests.conftest import PERSONA_PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

REMOTE = "203.0.113.5"
NEW = "a quiet walk before bed"


def _logged_in(user: User) -> Client:
    client = Client(REMOTE_ADDR=REMOTE)
    client.force_login(user)
    return client


def _change(client: Client, old: str, new: str, again: str | None = None) -> str:
    response = client.post(
        "/account/password/",
        {"old_password": old, "new_password1": new, "new_password2": again or new},
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_account_page_names_the_person_and_offers_password_and_logout(alice: User) -> None:
    page = _logged_in(alice).get("/account/").content.decode()
    assert "alice" in page
    assert 'href="/account/password/"' in page
    assert 'action="/account/logout/"' in page
    assert '<a href="/account/">Account</a>' in page  # in the menu of every page


def test_the_account_pages_need_a_login(alice: User) -> None:
    client = Client(REMOTE_ADDR=REMOTE)
    for path in ("/account/", "/account/password/", "/account/password/done/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/login/")


def test_logout_ends_the_session(alice: User) -> None:
    client = Client()
    client.force_login(alice)
    assert client.get("/api/v1/episodes").status_code == 200
    response = client.post("/account/logout/")
    assert response.status_code in {200, 302}
    assert client.get("/api/v1/episodes").status_code == 401


def test_changing_the_password_keeps_this_session_and_ends_the_others(alice: User) -> None:
    here, phone = _logged_in(alice), _logged_in(alice)
    old_key = here.session.session_key
    page = _change(here, PERSONA_PASSWORD, NEW)
    assert "data-password-changed" in page
    assert "1 other log-in ended" in page
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    assert here.get("/api/v1/episodes").status_code == 200
    assert here.session.session_key != old_key  # a new key for the new password
    assert phone.get("/api/v1/episodes").status_code == 401
    assert Session.objects.count() == 1


def test_the_old_password_is_required(alice: User) -> None:
    client = _logged_in(alice)
    page = _change(client, "not my password at all", NEW)
    assert "did not change" in page
    alice.refresh_from_db()
    assert alice.check_password(PERSONA_PASSWORD)


@pytest.mark.parametrize(
    ("new", "again", "why"),
    [
        ("short one", None, "too short"),
        ("password1234", None, "too common"),
        (NEW, "a different one entirely", "didn"),
    ],
)
def test_a_new_password_that_breaks_a_rule_is_refused_with_the_reason(
    alice: User, new: str, again: str | None, why: str
) -> None:
    client, other = _logged_in(alice), _logged_in(alice)
    page = _change(client, PERSONA_PASSWORD, new, again)
    assert why in page.replace("&#x27;", "'")
    alice.refresh_from_db()
    assert alice.check_password(PERSONA_PASSWORD)
    assert other.get("/api/v1/episodes").status_code == 200


def test_in_local_mode_there_is_no_password_to_change(db: None) -> None:
    client = Client(REMOTE_ADDR="127.0.0.1")
    home = client.get("/account/").content.decode()
    assert "no password to change" in home
    assert '<a href="/account/">Account</a>' not in home
    page = client.post(
        "/account/password/",
        {"old_password": "", "new_password1": NEW, "new_password2": NEW},
    ).content.decode()
    assert "no password to change" in page
    assert not User.objects.filter(username="local").exclude(password__startswith="!").exists()


def test_the_done_page_says_you_stay_logged_in(alice: User) -> None:
    page = _logged_in(alice).get("/account/password/done/").content.decode()
    assert "You stay logged in here" in page


def test_guessing_the_old_password_counts_as_failed_logins(alice: User, settings: Any) -> None:
    client = _logged_in(alice)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert "did not change" in _change(client, "a wrong guess here", NEW)
    fifth = client.post(
        "/account/password/",
        {"old_password": "a wrong guess again", "new_password1": NEW, "new_password2": NEW},
    )
    assert fifth.status_code == 429
    locked = client.post(
        "/account/password/",
        {"old_password": PERSONA_PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert locked.status_code == 429
    assert "data-locked" in locked.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PERSONA_PASSWORD)
