"""In a phone-sized Debian chromium: log a cramp in three taps and complete a check-in."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from nightcramp.store.diary.queries import current_night

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("NIGHTCRAMP_SCREENSHOTS", "/tmp/nightcramp-screenshots"))


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _console_errors(page: Page) -> list[str]:
    """Collect console errors (a Content-Security-Policy violation shows up here)."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def test_a_cramp_is_logged_in_three_taps_from_the_home_page(page: Page, live_server: Any) -> None:
    from nightcramp.store.diary.models import Episode

    errors = _console_errors(page)
    page.goto(f"{live_server.url}/")
    _shot(page, "home")
    taps = 0
    page.get_by_text("Left", exact=True).tap()
    taps += 1
    page.locator(".pain-chips label.chip", has_text="7").tap()
    taps += 1
    expect(page.locator("input[name=severity][value='7']")).to_be_checked()
    page.get_by_role("button", name="Save cramp").tap()
    taps += 1
    expect(page.locator(".saved")).to_contain_text("Cramp saved: Calf, left leg")
    _shot(page, "home-saved")
    assert taps <= 3
    assert errors == []
    row = Episode.objects.get()
    assert (row.muscle, row.side) == ("calf", "left")
    assert row.severity == 7
    assert abs(row.started_at - timezone.now()) < dt.timedelta(minutes=5)


def test_an_evening_checkin_is_completed_with_last_nights_answers(
    page: Page, live_server: Any
) -> None:
    from nightcramp.store.account.local import local_user
    from nightcramp.store.diary.models import Night

    tonight = current_night()
    Night.objects.create(
        user=local_user(),
        date=tonight - dt.timedelta(days=1),
        water_glasses=5,
        caffeine_drinks=2,
        bedtime_stretch=True,
    )
    errors = _console_errors(page)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Check in for").tap()
    expect(page.get_by_text("Filled in from")).to_be_visible()
    expect(page.locator("#id_water_glasses")).to_have_value("5")
    page.get_by_role("button", name="More: Glasses of water").tap()
    expect(page.locator("#id_water_glasses")).to_have_value("6")
    page.get_by_role("button", name="Less: Alcohol drinks").tap()
    expect(page.locator("#id_alcohol_drinks")).to_have_value("0")
    page.locator("label[for=id_heavy_sweating_1]").tap()
    _shot(page, "checkin")
    page.get_by_role("button", name="Save check-in").tap()
    expect(page.locator(".saved")).to_contain_text("Check-in saved")
    night = Night.objects.get(date=tonight)
    assert (night.water_glasses, night.alcohol_drinks, night.caffeine_drinks) == (6, 0, 2)
    assert (night.bedtime_stretch, night.heavy_sweating, night.warm_bath) == (True, False, None)
    assert errors == []


def test_history_delete_and_undo_happen_in_place(page: Page, live_server: Any) -> None:
    from nightcramp.core.diary import Episode as CoreEpisode
    from nightcramp.store.account.local import local_user
    from nightcramp.store.diary.episodes import log_episode
    from nightcramp.store.diary.models import Episode

    started = dt.datetime(2026, 11, 4, 2, 10, tzinfo=dt.UTC)
    log_episode(local_user(), CoreEpisode(started_at=started, severity=8))
    errors = _console_errors(page)
    page.goto(f"{live_server.url}/history?month=2026-11")
    expect(page.locator(".calendar .sev-severe")).to_have_count(1)
    page.get_by_role("button", name="Delete").tap()
    expect(page.get_by_text("deleted.")).to_be_visible()
    assert page.url.endswith("/history?month=2026-11")  # no page change: swapped in place
    assert not Episode.objects.exists()
    _shot(page, "history-deleted")
    page.get_by_role("button", name="Undo").tap()
    expect(page.get_by_role("link", name="Change")).to_be_visible()
    assert Episode.objects.get().severity == 8
    assert errors == []
