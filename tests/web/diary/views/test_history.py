"""History: the month calendar marks cramp nights by severity and never calls a gap cramp-free."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from tests.web.diary.views.test_episodes import add_episode, as_alice, as_bob, text

from nightcramp.store.diary.models import Night

__all__ = ["as_alice", "as_bob"]

D = dt.date


# ---- the page --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_history_calendar_marks_each_night(as_alice: Client, alice: User) -> None:
    Night.objects.create(user=alice, date=D(2026, 11, 2))
    add_episode(alice, "2026-11-04T02:00:00+00:00", severity=9)  # night of 3 Nov
    add_episode(alice, "2026-11-05T23:00:00+00:00", severity=2)
    page = text(as_alice.get("/history?month=2026-11"))
    assert "November 2026" in page
    assert 'class="night-free"' in page
    assert 'class="night-cramps sev-severe"' in page
    assert 'class="night-cramps sev-mild"' in page
    assert "3 November: 1 cramp, severe" in page
    assert "1 November: not logged" in page
    assert "?month=2026-10" in page
    assert "?month=2026-12" in page


@pytest.mark.django_db
def test_history_lists_the_months_cramps_with_change_and_delete(
    as_alice: Client, alice: User
) -> None:
    from nightcramp.core.diary import Side

    row = add_episode(
        alice, "2026-11-04T02:00:00+00:00", severity=6, side=Side.LEFT, duration_min=2.0
    )
    page = text(as_alice.get("/history?month=2026-11"))
    assert "Calf, left leg" in page
    assert "pain 6 of 10" in page
    assert "2 minutes" in page
    assert f"/episodes/{row.pk}/edit" in page
    assert f'hx-post="/episodes/{row.pk}/delete"' in page


@pytest.mark.django_db
def test_history_shows_only_your_own_diary(as_bob: Client, alice: User) -> None:
    add_episode(alice, "2026-11-04T02:00:00+00:00", severity=9, notes="alice only")
    page = text(as_bob.get("/history?month=2026-11"))
    assert "alice only" not in page
    assert "sev-severe" not in page.split("<tbody>")[1].split("</tbody>")[0]


@pytest.mark.django_db
@pytest.mark.parametrize("month", ["2026-13", "abc", "0000-01", ""])
def test_history_with_a_bad_month_shows_this_month(as_alice: Client, month: str) -> None:
    response = as_alice.get(f"/history?month={month}")
    assert response.status_code == 200
    today = dt.date.today()
    assert response.context["month_start"] == D(today.year, today.month, 1)


@pytest.mark.django_db
def test_days_after_tonight_are_blank_not_missed_nights(
    as_alice: Client, alice: User, settings: Any
) -> None:
    settings.TIME_ZONE = "UTC"  # 22:30 UTC is the evening of the 21st here, whatever the machine
    with time_machine.travel(dt.datetime(2026, 11, 21, 22, 30, tzinfo=dt.UTC), tick=False):
        page = text(as_alice.get("/history?month=2026-11"))
    assert "21 November: not logged" in page  # tonight can still be logged
    assert "22 November: not logged" not in page
    assert "30 November: not logged" not in page
    assert page.count('class="night-future"') == 9
    assert 'href="/checkin?date=2026-11-22"' not in page
