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
    # On a phone the servings boxes fit: the table never scrolls sideways inside its box.
    wrap = page.locator(".table-wrap")
    assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth")


def test_a_calendar_link_can_be_made_copied_and_revoked(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/plan/calendar/")
    page.get_by_role("button", name="Make a private calendar link").click()
    url = page.locator("[data-share-url]").inner_text().strip()
    assert url.startswith(live_server.url) and url.endswith(".ics")
    page.screenshot(path="/tmp/nc-calendar.png", full_page=False)
    assert page.request.get(url).status == 200
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator("[data-copy-status]")).not_to_be_empty()
    page.get_by_role("button", name="Stop this link").click()
    expect(page.get_by_role("button", name="Stop this link")).to_have_count(0)
    assert page.request.get(url).status == 404


# ---- a phone-sized plan: folded groups, the routine's key, sizes -----------------------------

SCREEN = 844


def test_the_plan_is_a_few_screens_with_two_groups_folded(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/plan/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 8 * SCREEN, f"{height} px is {height / SCREEN:.1f} screens"
    summaries = page.locator("details.plan-fold > summary")
    expect(summaries).to_have_count(2)
    for i in range(2):
        summary = summaries.nth(i)
        box = summary.bounding_box()
        assert box is not None and box["height"] >= 44, box
        marker = summary.evaluate(
            "(s) => { const m = getComputedStyle(s, '::after');"
            " return [m.content, parseFloat(m.width), parseFloat(m.borderRightWidth)]; }"
        )
        assert marker[0] != "none" and marker[1] > 0 and marker[2] > 0, marker
    expect(page.locator('[data-item="quinine"]')).to_be_hidden()
    page.get_by_text("Not advised", exact=False).locator("xpath=ancestor::summary").click()
    expect(page.locator('[data-item="quinine"]')).to_be_visible()
    expect(page.locator('[data-item="quinine"] .grade')).to_be_visible()
    expect(page.locator('[data-item="quinine"] .sources')).to_be_visible()
    # Text zoomed to 200 %: the summaries wrap instead of pushing the page sideways.
    page.evaluate(
        "() => { const r = document.documentElement;"
        " r.style.fontSize = (parseFloat(getComputedStyle(r).fontSize) * 2) + 'px'; }"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_an_answer_in_a_folded_group_lands_on_the_item_it_answered(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/plan/")
    page.locator("details.plan-fold > summary", has_text="Worth a try").click()
    item = page.locator('[data-item="ankle_circles"]')
    item.get_by_role("button", name="Not sure yet").click()
    page.wait_for_url("**/plan/#item-ankle_circles")
    expect(page.locator('[data-item="ankle_circles"]')).to_be_visible()
    expect(page.locator('[data-item="ankle_circles"]')).to_be_in_viewport()
    expect(page.locator("[data-item=ankle_circles] [data-tried]")).to_have_text(
        "You said you are not sure yet."
    )


def _a_fortnight_of_nights() -> None:
    import datetime as dt

    from django.utils import timezone

    from nightcramp.core.diary import night_of
    from nightcramp.store.account.local import local_user
    from nightcramp.store.diary import models

    user = local_user()
    tonight = night_of(timezone.localtime())
    for back in range(1, 15):
        date = tonight - dt.timedelta(days=back)
        models.Night.objects.create(user=user, date=date, bedtime_stretch=back % 3 != 0)
        if back % 4 == 1:
            at = dt.datetime.combine(date + dt.timedelta(days=1), dt.time(3, 0), tzinfo=dt.UTC)
            models.Episode.objects.create(user=user, started_at=at, night=date)


def test_the_routine_key_shows_each_mark_in_the_colour_the_strip_uses(
    page: Page, live_server: LiveServer
) -> None:
    _a_fortnight_of_nights()
    page.goto(f"{live_server.url}/plan/routine/")
    colours: dict[str, list[str]] = page.evaluate(
        """() => {
            const out = {};
            for (const m of document.querySelectorAll('.strip .mark, .strip-key .mark')) {
                const where = m.closest('.strip') ? 'strip' : 'key';
                const key = where + ' ' + m.textContent.trim();
                const c = getComputedStyle(m);
                out[key] = [c.color, c.opacity, getComputedStyle(m.parentElement).opacity];
            }
            return out;
        }"""
    )
    marks = {k.split(" ", 1)[1] for k in colours if k.startswith("strip ")}
    assert marks == {"✓", "·", "●", "○", "?"}, colours
    for mark in marks:
        assert colours[f"strip {mark}"] == colours[f"key {mark}"], (mark, colours)
    assert colours["strip ●"][0] != colours["strip ○"][0]
    sizes = page.eval_on_selector_all(
        ".strip-d", "(ds) => ds.map((d) => parseFloat(getComputedStyle(d).fontSize))"
    )
    assert sizes and min(sizes) >= 14, sizes
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
