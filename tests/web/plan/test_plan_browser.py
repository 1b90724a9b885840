"""The plan pages in a phone-sized browser: no CSP errors, the coach's timer runs."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, Response, expect
from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch_console(page: Page) -> list[str]:
    """Collect CSP refusals and failed loads of the plan app's own assets."""
    errors: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            errors.append(message.text)

    def check(response: Response) -> None:
        if "/static/plan/" in response.url and response.status != 200:
            errors.append(f"{response.status} {response.url}")

    page.on("console", keep)
    page.on("response", check)
    return errors


def test_the_plan_page_shows_triage_first_and_no_console_errors(
    page: Page, live_server: LiveServer
) -> None:
    errors = _watch_console(page)
    page.goto(f"{live_server.url}/plan/")
    expect(page.locator("h1")).to_have_text("Your plan")
    first_section = page.locator("main section").first
    expect(first_section).to_have_attribute("data-triage", "routine")
    expect(page.locator('[data-item="quinine"] .status')).to_have_text("Not advised")
    page.screenshot(path="/tmp/nc-plan.png", full_page=False)
    assert errors == []


def test_the_coach_counts_down_and_the_tick_records_tonight(
    page: Page, live_server: LiveServer
) -> None:
    errors = _watch_console(page)
    page.goto(f"{live_server.url}/plan/routine/")
    page.get_by_role("button", name="Start with timers").click()
    expect(page.locator("#coach-title")).to_have_text("1. Wall calf stretch, left leg")
    expect(page.locator("#coach-phase")).to_have_text("Hold 1 of 3")
    expect(page.locator("#coach-count")).to_have_text("29", timeout=3000)
    page.screenshot(path="/tmp/nc-routine.png", full_page=False)
    page.get_by_role("button", name="I did my bedtime stretch").click()
    expect(page.locator("[data-done]")).to_be_visible()
    assert errors == []


def test_the_food_page_adds_up_what_was_eaten(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/plan/nutrition/")
    page.get_by_label("Servings of Banana").fill("2")
    page.get_by_role("button", name="Add up").click()
    expect(page.locator("[data-estimate]")).to_contain_text("Magnesium: about 64 mg")
    page.screenshot(path="/tmp/nc-nutrition.png", full_page=False)


def test_a_calendar_link_can_be_made_copied_and_revoked(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/plan/calendar/")
    page.get_by_role("button", name="Make a private calendar link").click()
    url = page.get_by_role("textbox", name="Calendar link").input_value()
    assert url.startswith(live_server.url) and url.endswith(".ics")
    page.screenshot(path="/tmp/nc-calendar.png", full_page=False)
    assert page.request.get(url).status == 200
    page.get_by_role("button", name="Revoke this link").click()
    expect(page.get_by_role("button", name="Revoke this link")).to_have_count(0)
    assert page.request.get(url).status == 404
