"""Every finished page in a phone-sized dark browser: axe finds nothing serious, text zoomed to
200% never scrolls sideways, and the safety lines are on the first screen.

axe-core is vendored for tests only (tests/data/axe/, MPL-2.0). The site's CSP allows scripts from
the site itself, so axe is served from a same-origin URL that the test answers with `page.route`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, Route, expect
from pytest_django.live_server_helper import LiveServer

if TYPE_CHECKING:
    from django.contrib.auth.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[1] / "data" / "axe" / "axe.min.js"
AXE_URL = "/__test__/axe.min.js"
VIEWPORT_HEIGHT = 844
DUMP = os.environ.get("NIGHTCRAMP_AXE_DUMP")  # a folder: write every finding, minor ones too
SHOTS = os.environ.get("NIGHTCRAMP_SCREENSHOTS")

# Pages of the finished apps. "{medicine}" and "{episode}" are filled from the diary fixture.
PAGES: dict[str, str] = {
    "home": "/",
    "log": "/log",
    "checkin": "/checkin",
    "history": "/history",
    "profile": "/profile",
    "medicines": "/medicines",
    "medicine-edit": "/medicines/{medicine}/edit",
    "episode-edit": "/episodes/{episode}/edit",
    "now": "/now",
    "now-foot": "/now/foot",
    "learn": "/learn/",
    "learn-topic": "/learn/causes/",
    "triage": "/triage/",
    "triage-history": "/triage/history/",
    "triage-emergency": "/triage/result/{emergency}/",
    "triage-routine": "/triage/result/{routine}/",
    "report": "/report/",
}


# ---- data: a few weeks of diary for the local user -------------------------------------------


@pytest.fixture
def diary() -> dict[str, int]:
    """A month of nights, some cramps, a medicine and two triage results; return their ids."""
    from nightcramp.core.diary import Episode, Muscle, Relief, Side
    from nightcramp.store.account.local import local_user
    from nightcramp.store.diary.episodes import log_episode
    from nightcramp.store.diary.models import Medication
    from nightcramp.store.diary.nights import SaveMode, save_night
    from nightcramp.store.diary.queries import current_night
    from nightcramp.store.triage.history import save_assessment

    user = local_user()
    tonight = current_night()
    episode_id = 0
    for back in range(1, 29):
        date = tonight - dt.timedelta(days=back)
        save_night(
            user,
            date,
            {
                "water_glasses": 4 + back % 4,
                "alcohol_drinks": back % 3,
                "bedtime_stretch": back % 2 == 0,
            },
            mode=SaveMode.REPLACE,
        )
        if back % 3 == 0:
            started = dt.datetime.combine(
                date + dt.timedelta(days=1), dt.time(2, 30), tzinfo=dt.UTC
            )
            row = log_episode(
                user,
                Episode(
                    started_at=started,
                    muscle=Muscle.CALF,
                    side=Side.LEFT,
                    duration_min=3,
                    severity=4 + back % 5,
                    relief=(Relief.STRETCH,),
                    relief_worked=Relief.STRETCH,
                    woke_from_sleep=True,
                ),
            )
            episode_id = row.pk
    medicine = Medication.objects.create(
        user=user, name="Furosemide", dose="40 mg", started_on=tonight - dt.timedelta(days=60)
    )
    emergency = save_assessment(user, {"short_of_breath": True})
    routine = save_assessment(user, {"cramps_per_week": 3})
    return {
        "medicine": medicine.pk,
        "episode": episode_id,
        "emergency": emergency.pk,
        "routine": routine.pk,
    }


# ---- helpers ---------------------------------------------------------------------------------


def _serve_axe(page: Page) -> None:
    body = AXE.read_text(encoding="utf-8")

    def answer(route: Route) -> None:
        route.fulfill(status=200, content_type="text/javascript", body=body)

    page.route(f"**{AXE_URL}", answer)


def _axe(page: Page, live_server: LiveServer, name: str) -> list[dict[str, Any]]:
    """Run axe (WCAG 2 A and AA rules) on the page; return its violations."""
    page.add_script_tag(url=f"{live_server.url}{AXE_URL}")
    results: dict[str, Any] = page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations'],
        })"""
    )
    violations: list[dict[str, Any]] = results["violations"]
    if DUMP:
        Path(DUMP).mkdir(parents=True, exist_ok=True)
        (Path(DUMP) / f"{name}.json").write_text(json.dumps(violations, indent=1))
    return violations


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(n["target"]) for n in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets}")
    return "\n".join(lines)


def _zoom_text(page: Page) -> None:
    """Double the root font size, as a browser's text-only zoom to 200% does."""
    page.evaluate(
        """() => {
            const root = document.documentElement;
            const size = parseFloat(getComputedStyle(root).fontSize);
            root.style.fontSize = (size * 2) + 'px';
        }"""
    )


def _sideways_overflow(page: Page) -> list[str]:
    """Elements whose right edge goes past the viewport (empty when nothing scrolls sideways)."""
    result: list[str] = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const out = [];
            if (document.documentElement.scrollWidth > width) {
                out.push('page scrollWidth ' + document.documentElement.scrollWidth);
            }
            for (const el of document.body.querySelectorAll('*')) {
                const box = el.getBoundingClientRect();
                if (box.width === 0 || box.height === 0) continue;
                if (getComputedStyle(el).visibility === 'hidden') continue;
                if (box.right > width + 1) {
                    const tag = el.tagName.toLowerCase();
                    const cls = el.className && typeof el.className === 'string'
                        ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
                    out.push(tag + cls + ' right=' + Math.round(box.right));
                }
            }
            return out.slice(0, 10);
        }"""
    )
    return result


def _small_targets(page: Page) -> list[str]:
    """Links and controls in the page's own chrome smaller than 44 x 44 px (inline links in
    running text are exempt, as WCAG 2.5.8 allows)."""
    result: list[str] = page.evaluate(
        """() => {
            const out = [];
            const sel = 'button, .btn, nav a, .top a, a.tap, input:not([type=hidden]), '
                + 'select, summary, [role=button]';
            for (const el of document.querySelectorAll(sel)) {
                const box = el.getBoundingClientRect();
                if (box.width === 0 && box.height === 0) continue;
                const style = getComputedStyle(el);
                if (style.visibility === 'hidden' || style.display === 'none') continue;
                if (el.classList.contains('skip')) continue;
                // A radio or checkbox counts with its label, which is the real target.
                if (el.matches('input[type=radio], input[type=checkbox]')) {
                    const label = el.labels && el.labels[0];
                    if (label) {
                        const lb = label.getBoundingClientRect();
                        if (lb.height >= 43.5) continue;
                    }
                }
                if (box.height < 43.5 || box.width < 43.5) {
                    const name = (el.getAttribute('aria-label') || el.textContent || el.name || '')
                        .trim().slice(0, 30);
                    out.push(el.tagName.toLowerCase() + ' "' + name + '" '
                        + Math.round(box.width) + 'x' + Math.round(box.height));
                }
            }
            return out;
        }"""
    )
    return result


def _url(live_server: LiveServer, path: str, ids: dict[str, int]) -> str:
    return live_server.url + path.format(**ids)


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """No service worker here: it fetches every offline page in the background, and a fetch
    still going when a test ends races the database reset ("database table is locked").
    These tests look at the pages themselves; tests/web/test_pwa.py covers the worker."""
    return {**browser_context_args, "service_workers": "block"}


def _open(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("load")


# ---- tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_serious_or_critical_axe_violation(
    name: str, page: Page, live_server: LiveServer, diary: dict[str, int]
) -> None:
    _serve_axe(page)
    _open(page, _url(live_server, PAGES[name], diary))
    _shot(page, name)
    violations = _axe(page, live_server, name)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], _describe(serious)


@pytest.mark.parametrize("name", list(PAGES))
def test_text_zoomed_to_200_percent_never_scrolls_sideways(
    name: str, page: Page, live_server: LiveServer, diary: dict[str, int]
) -> None:
    _open(page, _url(live_server, PAGES[name], diary))
    _zoom_text(page)
    _shot(page, f"{name}-zoom200")
    assert _sideways_overflow(page) == []


@pytest.mark.parametrize("name", list(PAGES))
def test_buttons_links_and_fields_are_at_least_44_px(
    name: str, page: Page, live_server: LiveServer, diary: dict[str, int]
) -> None:
    _open(page, _url(live_server, PAGES[name], diary))
    assert _small_targets(page) == []


@pytest.mark.parametrize("zoom", [False, True], ids=["normal-text", "text-200"])
def test_now_safety_line_is_on_the_first_screen(
    zoom: bool, page: Page, live_server: LiveServer
) -> None:
    _open(page, f"{live_server.url}/now")
    if zoom:
        _zoom_text(page)
    safety = page.locator("[data-safety]")
    expect(safety).to_be_visible()
    box = safety.bounding_box()
    first_line = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('[data-safety]')).lineHeight)"
    )
    assert box is not None and box["y"] + first_line <= VIEWPORT_HEIGHT


@pytest.mark.parametrize("zoom", [False, True], ids=["normal-text", "text-200"])
def test_emergency_result_call_line_is_on_the_first_screen(
    zoom: bool, page: Page, live_server: LiveServer, diary: dict[str, int]
) -> None:
    _open(page, _url(live_server, PAGES["triage-emergency"], diary))
    if zoom:
        _zoom_text(page)
    for locator in (page.locator("[data-call-now]"), page.locator(".call-now")):
        expect(locator).to_be_visible()
        box = locator.bounding_box()
        assert box is not None and box["y"] + box["height"] <= VIEWPORT_HEIGHT


def test_triage_question_screen_has_no_serious_axe_violation(
    page: Page, live_server: LiveServer, diary: dict[str, int]
) -> None:
    _serve_axe(page)
    _open(page, f"{live_server.url}/triage/")
    page.get_by_role("button", name="Start the questions").click()
    expect(page.get_by_role("heading", name="Right now")).to_be_visible()
    _shot(page, "triage-step")
    violations = _axe(page, live_server, "triage-step")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], _describe(serious)
    _zoom_text(page)
    assert _sideways_overflow(page) == []
    assert _small_targets(page) == []


def test_every_page_names_its_language_and_has_one_main_landmark(
    page: Page, live_server: LiveServer, diary: dict[str, int]
) -> None:
    checks: Callable[[], dict[str, Any]] = lambda: page.evaluate(  # noqa: E731
        """() => ({lang: document.documentElement.lang,
                   mains: document.querySelectorAll('main').length,
                   h1: document.querySelectorAll('h1').length})"""
    )
    for name, path in PAGES.items():
        _open(page, _url(live_server, path, diary))
        found = checks()
        assert found["lang"] == "en", name
        assert found["mains"] == 1, name
        assert found["h1"] >= 1, name


def test_login_page_has_no_serious_axe_violation_and_reflows(
    page: Page, live_server: LiveServer, alice: User
) -> None:
    _serve_axe(page)
    _open(page, f"{live_server.url}/account/login/")  # a real account exists: no local mode
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    _shot(page, "login")
    violations = _axe(page, live_server, "login")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], _describe(serious)
    assert _small_targets(page) == []
    _zoom_text(page)
    assert _sideways_overflow(page) == []


def test_phone_menu_keeps_cramp_now_in_sight_and_opens_the_rest(
    page: Page, live_server: LiveServer
) -> None:
    _open(page, f"{live_server.url}/learn/")
    menu = page.get_by_role("button", name="Menu")
    cramp_now = page.get_by_role("link", name="Cramp now")
    diary = page.locator("#site-nav").get_by_role("link", name="Diary")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(cramp_now).to_be_visible()
    expect(diary).to_be_hidden()
    header = page.locator("header.top").bounding_box()
    assert header is not None and header["height"] < 80  # one row on a 390 px phone
    menu.tap()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(diary).to_be_visible()
    page.keyboard.press("Escape")
    expect(diary).to_be_hidden()
    expect(menu).to_be_focused()


def test_menu_shows_every_link_on_a_wide_screen(page: Page, live_server: LiveServer) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    _open(page, f"{live_server.url}/learn/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    for name in ("Cramp now", "Diary", "Check-in", "See a doctor?", "Report", "Learn"):
        expect(page.locator("#site-nav").get_by_role("link", name=name, exact=True)).to_be_visible()


@pytest.mark.parametrize("name", ["home", "checkin", "triage", "learn-topic"])
def test_keyboard_focus_is_always_visible(
    name: str, page: Page, live_server: LiveServer, diary: dict[str, int]
) -> None:
    _open(page, _url(live_server, PAGES[name], diary))
    unseen: list[str] = []
    for _ in range(12):
        page.keyboard.press("Tab")
        found: dict[str, Any] = page.evaluate(
            """() => {
                const el = document.activeElement;
                // The ring may sit on the element, its chip, or the span that draws a radio.
                const parts = [el, el.closest('.chip'), el.nextElementSibling].filter(Boolean);
                let width = 0;
                for (const part of parts) {
                    const style = getComputedStyle(part);
                    if (style.outlineStyle !== 'none') {
                        width = Math.max(width, parseFloat(style.outlineWidth) || 0);
                    }
                }
                const text = (el.textContent || el.name || '').trim().slice(0, 30);
                return {tag: el.tagName, text: text, width: width};
            }"""
        )
        if found["tag"] == "BODY":
            continue
        if found["width"] < 2:
            unseen.append(f"{found['tag']} {found['text']!r}")
    assert unseen == []
