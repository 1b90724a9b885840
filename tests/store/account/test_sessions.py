"""Sessions are rows in the database: a person can be logged out everywhere at once."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client

from nightcramp.store.account.sessions import end_sessions_of, sessions_of

pytestmark = pytest.mark.django_db


def _logged_in(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.session.session_key or ""


def test_sessions_of_finds_each_login_of_that_person_only(alice: User, bob: User) -> None:
    phone, laptop = _logged_in(alice), _logged_in(alice)
    bobs = _logged_in(bob)
    assert sorted(sessions_of(alice)) == sorted([phone, laptop])
    assert sessions_of(bob) == [bobs]


def test_end_sessions_of_keeps_only_the_one_asked_for(alice: User, bob: User) -> None:
    phone, laptop, tablet = _logged_in(alice), _logged_in(alice), _logged_in(alice)
    bobs = _logged_in(bob)
    assert end_sessions_of(alice, keep=laptop) == 2
    assert not Session.objects.filter(session_key__in=[phone, tablet]).exists()
    assert Session.objects.filter(session_key=laptop).exists()
    assert Session.objects.filter(session_key=bobs).exists()
    assert end_sessions_of(alice) == 1
    assert sessions_of(alice) == []
