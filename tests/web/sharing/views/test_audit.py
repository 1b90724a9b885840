from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

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
