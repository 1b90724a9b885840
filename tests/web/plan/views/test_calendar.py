"""The private calendar URL: only its owner makes or revokes it; 404 once revoked."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from icalendar import Calendar

from nightcramp.store.account.local import local_user
from nightcramp.store.diary import models
from nightcramp.store.plan.models import CalendarToken

pytestmark = pytest.mark.django_db


def _me() -> User:
    user = local_user()
    assert isinstance(user, User)
    return user


def _new_url(client: Client) -> str:
    response = client.post("/plan/calendar/new")
    assert response.status_code == 302
    html = client.get("/plan/calendar/").content.decode()
    found = re.search(r"data-share-url[^>]*>http://testserver(/plan/calendar/[^<]+\.ics)</p>", html)
    assert found, html
    return found.group(1)


def test_a_new_link_serves_the_reminders_and_nothing_else(client: Client) -> None:
    user = _me()
    models.Medication.objects.create(user=user, name="secret-medicine")
    url = _new_url(client)
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "secret-medicine" not in body and "local" not in body.split("UID")[0]
    summaries = sorted(str(e["summary"]) for e in Calendar.from_ical(body).walk("VEVENT"))
    assert summaries[:2] == ["Bedtime stretch", "Evening check-in"]


def test_the_secret_is_shown_once_and_stored_only_hashed(client: Client) -> None:
    url = _new_url(client)
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert not CalendarToken.objects.filter(token_hash=secret).exists()
    assert secret not in client.get("/plan/calendar/").content.decode()


def test_a_revoked_link_answers_404(client: Client) -> None:
    url = _new_url(client)
    token = CalendarToken.objects.get()
    assert client.post(f"/plan/calendar/{token.pk}/revoke").status_code == 302
    assert Client().get(url).status_code == 404


def test_a_wrong_secret_answers_404(client: Client) -> None:
    _new_url(client)
    assert Client().get("/plan/calendar/not-the-secret.ics").status_code == 404


def test_someone_else_cannot_revoke_my_link(client: Client) -> None:
    url = _new_url(client)
    token = CalendarToken.objects.get()
    bob = User.objects.create_user("bob", password="a-long-password-1")
    other = Client()
    other.force_login(bob)
    other.post(f"/plan/calendar/{token.pk}/revoke")
    assert Client().get(url).status_code == 200


def test_a_fluid_limit_leaves_the_water_reminders_out(client: Client) -> None:
    models.Profile.objects.create(user=_me(), conditions=["heart_failure"])
    body = Client().get(_new_url(client)).content.decode()
    assert "Water check" not in body
