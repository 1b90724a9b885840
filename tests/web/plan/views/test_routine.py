"""The bedtime coach page: steps with timers, the tick for tonight, the adherence strip."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from nightcramp.store.account.local import local_user
from nightcramp.store.diary import models

pytestmark = pytest.mark.django_db


def _me() -> User:
    user = local_user()
    assert isinstance(user, User)
    return user


def test_the_coach_lists_the_steps_in_order_with_their_hold_times(client: Client) -> None:
    html = client.get("/plan/routine/").content.decode()
    assert "data-safety" in html
    assert (
        'data-step="1" data-title="Wall calf stretch, left leg" data-hold="30" data-repeats="3"'
        in html
    )
    assert 'data-step="2"' in html
    assert "Hold 30 seconds, 3 times" in html
    assert "plan/routine.js" in html


@time_machine.travel(dt.datetime(2026, 11, 23, 1, 15), tick=False)
def test_finishing_ticks_bedtime_stretch_on_tonights_night_and_keeps_other_answers(
    client: Client,
) -> None:
    user = _me()
    models.Night.objects.create(user=user, date=dt.date(2026, 11, 22), alcohol_drinks=2)
    response = client.post("/plan/routine/done")
    assert response.status_code == 302
    assert response["Location"] == "/plan/routine/?done=1"
    night = models.Night.objects.get(user=user)
    assert night.date == dt.date(2026, 11, 22)
    assert night.bedtime_stretch is True
    assert night.alcohol_drinks == 2
    assert "data-done" in client.get(response["Location"]).content.decode()


def test_finishing_needs_a_post(client: Client) -> None:
    assert client.get("/plan/routine/done").status_code == 405


@time_machine.travel(dt.datetime(2026, 11, 22, 21, 0), tick=False)
def test_the_strip_shows_stretch_nights_next_to_cramp_nights_and_unknown_nights(
    client: Client,
) -> None:
    user = _me()
    models.Night.objects.create(user=user, date=dt.date(2026, 11, 20), bedtime_stretch=True)
    models.Night.objects.create(user=user, date=dt.date(2026, 11, 21), bedtime_stretch=False)
    models.Episode.objects.create(
        user=user,
        started_at=dt.datetime(2026, 11, 22, 3, 0, tzinfo=dt.UTC),
        night=dt.date(2026, 11, 21),
    )
    html = client.get("/plan/routine/").content.decode()
    assert "You stretched on 1 of the last 28 nights" in html
    assert "You had cramps on 1 of the 2 nights you logged" in html
    assert "20 Nov: stretched; no cramps." in html
    assert "21 Nov: no stretch; cramps." in html
    assert "22 Nov: stretch not recorded; not logged." in html


_MARK = re.compile(r'<span class="mark (mark-[a-z-]+)"[^>]*>([^<]+)</span>')


@time_machine.travel(dt.datetime(2026, 11, 22, 21, 0), tick=False)
def test_the_key_explains_every_mark_the_strip_uses_with_the_same_look(client: Client) -> None:
    user = _me()
    models.Night.objects.create(user=user, date=dt.date(2026, 11, 20), bedtime_stretch=True)
    models.Night.objects.create(user=user, date=dt.date(2026, 11, 21), bedtime_stretch=False)
    models.Episode.objects.create(
        user=user,
        started_at=dt.datetime(2026, 11, 22, 3, 0, tzinfo=dt.UTC),
        night=dt.date(2026, 11, 21),
    )
    html = client.get("/plan/routine/").content.decode()
    strip = html[html.index('<ol class="strip"') : html.index("</ol>", html.index('class="strip"'))]
    key = html[html.index('<ul class="strip-key"') :]
    key = key[: key.index("</ul>")]
    used = set(_MARK.findall(strip))
    explained = set(_MARK.findall(key))
    # Stretched, not stretched, cramps, no cramps and not logged all appear in this month.
    assert {mark for _, mark in used} == {"✓", "·", "●", "○", "?"}
    assert used <= explained
    # The key is a list, one mark per line: no "·" as a separator between them.
    assert key.count("·") == 1
