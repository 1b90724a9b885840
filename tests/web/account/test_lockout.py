"""Login throttling (django-axes): five wrong passwords lock a name on one address for a while."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from axes.models import AccessAttempt  # type: ignore[import-untyped]
from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client, RequestFactory
from tests.conftest import PERSONA_PASSWORD

from nightcramp.config import Config
from nightcramp.store.account.lockout import unlock
from nightcramp.web.account.lockout import client_address

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

LOGIN = "/account/login/"


def _try(client: Client, name: str, password: str = "not the right password") -> HttpResponse:
    response = client.post(LOGIN, {"username": name, "password": password})
    assert isinstance(response, HttpResponse)
    return response


def _fail_until_locked(client: Client, name: str) -> HttpResponse:
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert _try(client, name).status_code == 200  # the form again, with its message
    return _try(client, name)


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_fifth_wrong_password_locks_the_name_and_says_when_to_try_again(alice: User) -> None:
    client = Client(REMOTE_ADDR="203.0.113.5")
    locked = _fail_until_locked(client, "alice")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    page = locked.content.decode()
    assert "data-locked" in page
    assert re.search(r"try again after <strong>\d\d:\d\d</strong>", page)
    assert "nightcramp user unlock alice" in page
    # Even the right password is refused while the lock lasts.
    assert _try(client, "alice", PERSONA_PASSWORD).status_code == 429
    assert not _logged_in(client)


def test_a_lockout_looks_the_same_whether_or_not_the_account_exists(alice: User) -> None:
    real = _fail_until_locked(Client(REMOTE_ADDR="203.0.113.5"), "alice")
    made_up = _fail_until_locked(Client(REMOTE_ADDR="203.0.113.5"), "alicf")

    def _page(response: HttpResponse, name: str) -> str:
        text = response.content.decode().replace(name, "NAME")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)

    assert real.status_code == made_up.status_code == 429
    assert _page(real, "alice") == _page(made_up, "alicf")


def test_a_wrong_password_before_the_limit_does_not_say_whether_the_name_exists(
    alice: User,
) -> None:
    known = _try(Client(REMOTE_ADDR="203.0.113.5"), "alice").content.decode()
    unknown = _try(Client(REMOTE_ADDR="203.0.113.5"), "zed").content.decode()
    assert "did not match" in known
    assert re.sub(r'value="[^"]*"', "", known) == re.sub(r'value="[^"]*"', "", unknown)


def test_the_lock_holds_for_that_name_and_address_only(alice: User, bob: User) -> None:
    _fail_until_locked(Client(REMOTE_ADDR="203.0.113.5"), "alice")
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    assert _try(elsewhere, "alice", PERSONA_PASSWORD).status_code == 302
    same_address = Client(REMOTE_ADDR="203.0.113.5")
    assert _try(same_address, "bob", PERSONA_PASSWORD).status_code == 302


def test_unlock_lets_the_person_in_again_at_once(alice: User) -> None:
    client = Client(REMOTE_ADDR="203.0.113.5")
    _fail_until_locked(client, "alice")
    assert unlock("alice") == 1
    assert _try(client, "alice", PERSONA_PASSWORD).status_code == 302
    assert _logged_in(client)


def test_the_lock_ends_by_itself_after_the_cool_off(alice: User) -> None:
    client = Client(REMOTE_ADDR="203.0.113.5")
    _fail_until_locked(client, "alice")
    past = settings.AXES_COOLOFF_TIME + dt.timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - past)
    assert _try(client, "alice", PERSONA_PASSWORD).status_code == 302


def test_a_good_login_clears_the_earlier_failures(alice: User) -> None:
    client = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, "alice")
    assert _try(client, "alice", PERSONA_PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()


def test_api_tokens_are_not_counted_as_login_failures(alice: User, alice_token: str) -> None:
    client = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        refused = client.get("/api/v1/episodes", headers={"Authorization": "Bearer nc_wrong"})
        assert refused.status_code == 401
    ok = client.get("/api/v1/episodes", headers={"Authorization": f"Bearer {alice_token}"})
    assert ok.status_code == 200
    assert not AccessAttempt.objects.exists()


def test_behind_the_proxy_the_address_is_the_one_the_proxy_added(settings: Any) -> None:
    factory = RequestFactory()
    request = factory.get(
        LOGIN, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5"
    )
    assert client_address(request) == "127.0.0.1"  # not behind a proxy: the header is ignored
    settings.CONFIG = Config(behind_proxy=True)
    assert client_address(request) == "203.0.113.5"
    assert client_address(factory.get(LOGIN, REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


@pytest.mark.parametrize(
    "forwarded", ["203.0.113.5, not-an-address", "10.9.9.9, 999.1.1.1", "x" * 300, "evil\x00"]
)
def test_behind_the_proxy_a_forwarded_entry_that_is_no_address_is_not_used(
    settings: Any, forwarded: str
) -> None:
    settings.CONFIG = Config(behind_proxy=True)
    request = RequestFactory().get(LOGIN, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == "127.0.0.1"


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ("10.9.9.9, 203.0.113.5:51234", "203.0.113.5"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_the_proxy_an_entry_with_its_port_is_the_client_without_it(
    settings: Any, forwarded: str, client: str
) -> None:
    settings.CONFIG = Config(behind_proxy=True)
    request = RequestFactory().get(LOGIN, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == client


def test_behind_the_proxy_a_made_up_forwarded_header_still_gets_the_login_form(
    alice: User, settings: Any
) -> None:
    settings.CONFIG = Config(behind_proxy=True)
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    refused = _try(client, "alice")
    assert refused.status_code == 200
    assert not _logged_in(client)
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"
