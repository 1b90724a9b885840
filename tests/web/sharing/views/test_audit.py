from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from nightcramp.store.sharing.audit import PER_PAGE, log_link_view
from nightcramp.store.sharing.links import create_link

pytestmark = pytest.mark.django_db


def test_the_person_sees_every_look_and_nobody_elses(alice: User, bob: User) -> None:
    made = create_link(alice, now=timezone.now())
    Client().get(made.path, REMOTE_ADDR="203.0.113.77")
    Client().get(f"{made.path}report.pdf", REMOTE_ADDR="203.0.113.78")
    client = Client()
    client.force_login(alice)
    response = client.get("/access-log/")
    body = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "203.0.113.77" in body and "203.0.113.78" in body and "Report (PDF)" in body
    client.force_login(bob)
    other = client.get("/access-log/").content.decode()
    assert "203.0.113.77" not in other and "Nobody has seen your diary" in other


def test_older_looks_are_a_page_away(alice: User) -> None:
    made = create_link(alice, now=timezone.now())
    start = timezone.now()
    for minute in range(PER_PAGE + 1):
        log_link_view(
            made.link,
            page="summary",
            address=f"198.51.100.{minute % 250}",
            now=start + dt.timedelta(minutes=minute),
        )
    client = Client()
    client.force_login(alice)
    first = client.get("/access-log/").content.decode()
    assert "Older looks" in first and "Newer looks" not in first
    assert "101 looks in all" in first
    older = client.get("/access-log/?page=2").content.decode()
    assert "198.51.100.0<" in older and "Newer looks" in older
