"""In a phone-sized Debian chromium: the Insights page of a 90-night diary."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from tests.web.insight.conftest import store_diary

from nightcramp.store.account.local import local_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("NIGHTCRAMP_SCREENSHOTS", "/tmp/nightcramp-screenshots"))


def test_insights_page_draws_charts_without_csp_errors(page: Page, live_server: Any) -> None:
    user = local_user()
    assert isinstance(user, User)
    store_diary(user, n_nights=90)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/insights/")
    expect(page.get_by_role("heading", name="Why am I cramping?")).to_be_visible()
    chart = page.get_by_role("img", name="Cramp nights per week")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] <= 390
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "insights-90-nights.png"), full_page=True)
    page.get_by_label("alcohol").check()
    page.get_by_role("button", name="Check these").click()
    expect(page.get_by_text("Alcohol (your suspect)")).to_be_visible()
    assert errors == []
