"""A share link opens one person's summary and report, read-only, and nothing else."""

from __future__ import annotations

import datetime as dt
import re
import secrets

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from tests.web.report.diaries import store_diary

from nightcramp.config import Config
from nightcramp.store.diary.models import Medication
from nightcramp.store.sharing.links import create_link, revoke_link
from nightcramp.store.sharing.models import AccessLog
from nightcramp.store.triage.history import save_assessment
from nightcramp.web.account.session_lifetime import SEEN_ON
from nightcramp.web.sharing.headers import PRIVATE_HEADERS

pytestmark = pytest.mark.django_db


def _assert_private(response: object) -> None:
    for name, value in PRIVATE_HEADERS.items():
        assert response[name] == value, name  # type: ignore[index]


def _gone_body() -> bytes:
    response = Client().get(f"/s/{secrets.token_urlsafe(32)}/")
    assert response.status_code == 404
    return bytes(response.content)


def test_a_live_link_shows_the_persons_summary_and_logs_the_look(alice: User, bob: User) -> None:
    store_diary(alice, nights=30, end=timezone.localdate() - dt.timedelta(days=2))
    Medication.objects.create(user=alice, name="furosemide", started_on=dt.date(2024, 1, 1))
    Medication.objects.create(user=bob, name="atorvastatin", started_on=dt.date(2024, 1, 1))
    save_assessment(alice, {"leg_warm": True})
    made = create_link(alice, now=timezone.now())

    response = Client().get(made.path, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 200
    body = response.content.decode()
    assert "data-shared-summary" in body and "furosemide" in body
    assert "atorvastatin" not in body
    assert "data-open" in body  # the open urgent result is shown
    # ... first, above the counts and the chart, as in the report: never below the first screen
    first = body.index("data-open-first")
    assert first < body.index("data-diary-summary") < body.index("over-time")
    assert body.count("data-open-first") == 1
    assert f"/s/{made.token}/report.pdf" in body
    _assert_private(response)
    (entry,) = AccessLog.objects.all()
    assert (entry.person, entry.page, entry.address, entry.link) == (
        alice,
        "summary",
        "203.0.113.7",
        made.link,
    )


def test_the_link_creates_no_session_and_logs_nobody_in(alice: User) -> None:
    made = create_link(alice, now=timezone.now())
    client = Client()
    response = client.get(made.path)
    assert response.status_code == 200
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    after = client.get("/history")
    assert after.status_code == 302 and "/account/login/" in after["Location"]
    assert client.get("/api/v1/episodes").status_code == 401


@pytest.mark.parametrize("page", ["", "report.pdf"])
def test_a_logged_in_visitor_of_a_link_gets_no_cookie_either(
    alice: User, bob: User, page: str
) -> None:
    made = create_link(alice, now=timezone.now())
    client = Client()
    client.force_login(bob)
    session = client.session
    session[SEEN_ON] = 0  # last seen long ago: the app would move the session's expiry on
    session.save()
    response = client.get(made.path + page)
    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.parametrize("state", ["expired", "revoked", "guessed", "case", "truncated", "longer"])
def test_a_link_that_does_not_work_answers_the_same_404(alice: User, state: str) -> None:
    now = timezone.now()
    made = create_link(alice, now=now - dt.timedelta(days=3), days=2 if state == "expired" else 14)
    if state == "revoked":
        revoke_link(alice, made.link.pk, now=now)
    token = {
        "guessed": secrets.token_urlsafe(32),
        "case": made.token.swapcase(),
        "truncated": made.token[:-2],
        "longer": made.token + "a",
    }.get(state, made.token)
    expected = _gone_body()

    for path in (f"/s/{token}/", f"/s/{token}/report.pdf"):
        response = Client().get(path)
        assert response.status_code == 404
        assert response.content == expected
        _assert_private(response)
    assert not AccessLog.objects.exists()


def test_the_report_through_the_link_is_a_logged_pdf(alice: User) -> None:
    made = create_link(alice, now=timezone.now())
    response = Client().get(f"{made.path}report.pdf", REMOTE_ADDR="198.51.100.2")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    _assert_private(response)
    assert AccessLog.objects.get().page == "report"


def test_a_link_takes_no_writes(alice: User) -> None:
    made = create_link(alice, now=timezone.now())
    for path in (made.path, f"{made.path}report.pdf"):
        response = Client().post(path, {"x": "1"})
        assert response.status_code == 405
        _assert_private(response)
    assert not AccessLog.objects.exists()


def test_nothing_else_is_reachable_under_the_token(alice: User) -> None:
    made = create_link(alice, now=timezone.now())
    for suffix in ("history", "report/", "../report/report.pdf", "api/v1/episodes"):
        assert Client().get(f"{made.path}{suffix}").status_code in {302, 404}


def test_behind_the_proxy_the_log_keeps_the_address_the_proxy_saw(
    alice: User, settings: object
) -> None:
    settings.CONFIG = Config(behind_proxy=True)  # type: ignore[attr-defined]
    made = create_link(alice, now=timezone.now())
    Client().get(made.path, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.50")
    assert AccessLog.objects.get().address == "203.0.113.50"


def test_without_the_proxy_setting_a_forwarded_header_is_ignored(alice: User) -> None:
    made = create_link(alice, now=timezone.now())
    Client().get(made.path, REMOTE_ADDR="192.0.2.8", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert AccessLog.objects.get().address == "192.0.2.8"


def test_behind_the_proxy_a_forwarded_entry_that_is_no_address_logs_the_proxys(
    alice: User, settings: object
) -> None:
    settings.CONFIG = Config(behind_proxy=True)  # type: ignore[attr-defined]
    made = create_link(alice, now=timezone.now())
    response = Client().get(made.path, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="evil\x00")
    assert response.status_code == 200
    assert AccessLog.objects.get().address == "127.0.0.1"


@pytest.mark.parametrize("state", ["live", "revoked", "guessed"])
def test_the_address_without_its_last_slash_leads_to_the_page_and_keeps_no_copy(
    alice: User, state: str
) -> None:
    made = create_link(alice, now=timezone.now())
    if state == "revoked":
        revoke_link(alice, made.link.pk, now=timezone.now())
    token = secrets.token_urlsafe(32) if state == "guessed" else made.token

    response = Client().get(f"/s/{token}")

    assert response.status_code in {301, 302}
    assert response["Location"] == f"/s/{token}/"
    _assert_private(response)
    assert not AccessLog.objects.exists()


def _shared(alice: User, cookies: dict[str, str] | None = None) -> str:
    made = create_link(alice, now=timezone.now())
    client = Client()
    for name, value in (cookies or {}).items():
        client.cookies[name] = value
    response = client.get(made.path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("cookies", "theme"),
    [({}, "auto"), ({"nightcramp_theme": "day"}, "day"), ({"nightcramp_theme": "night"}, "night")],
)
def test_the_shared_page_follows_the_phones_colours_like_the_app(
    alice: User, cookies: dict[str, str], theme: str
) -> None:
    html = _shared(alice, cookies)
    assert f'<html lang="en" data-theme="{theme}">' in html
    scheme = {"auto": "dark light", "day": "light", "night": "dark"}[theme]
    assert f'<meta name="color-scheme" content="{scheme}">' in html


def test_the_link_that_does_not_work_follows_the_phones_colours_too() -> None:
    assert b'<html lang="en" data-theme="auto">' in _gone_body()


def test_the_weekly_chart_is_inline_svg_drawn_with_the_pages_colours(alice: User) -> None:
    store_diary(alice, nights=60, end=timezone.localdate() - dt.timedelta(days=2))
    html = _shared(alice)
    section = html[html.index('id="over-time"') : html.index('id="checks"')]
    assert "<img" not in section and "data:image" not in section
    assert '<svg class="week-chart"' in section
    assert " style=" not in section  # the CSP allows no inline style
    assert 'fill="#' not in section  # colours come from the stylesheet, so both themes work


def test_the_reasons_of_a_check_are_a_list_with_the_advice_given_and_marked_as_seen(
    alice: User,
) -> None:
    save_assessment(alice, {"nights_sleep_disrupted_per_week": 3})
    html = _shared(alice)
    checks = html[html.index('id="checks"') : html.index('id="meds"')]
    assert ".;" not in checks and "”; " not in checks
    assert "<th>Marked as seen</th>" in checks and "Seen to<" not in checks
    assert "<th>Advice given</th>" in checks
    assert "Advice given: Book an appointment" in checks
    assert checks.count("<li data-reason>") >= 2


def test_medicines_stack_with_their_own_labels_and_dates_read_as_words(alice: User) -> None:
    from nightcramp.store.experiments.lifecycle import start_experiment

    now = timezone.now()
    store_diary(alice, nights=30, end=timezone.localdate(now) - dt.timedelta(days=2))
    Medication.objects.create(
        user=alice, name="furosemide", dose="40 mg", started_on=dt.date(2024, 6, 1)
    )
    start_experiment(alice, "bedtime_stretch", now=now, seed=11)
    made = create_link(alice, now=now)

    body = Client().get(made.path).content.decode()

    meds = body.split("data-medicines")[1].split("</section>")[0]
    assert '<table class="meds">' in meds  # sharing.css stacks it on a phone
    for label in ("Medicine", "Link to cramps", "Taken"):
        assert f'data-label="{label}"' in meds
    assert "1 Jun 2024" in meds
    experiments = body.split("data-experiments")[1].split("</section>")[0]
    assert re.search(r"\d{4}-\d\d-\d\d", experiments) is None, experiments
    assert re.search(r"\b\d{1,2} [A-Z][a-z]{2} \d{4} to \d{1,2} [A-Z][a-z]{2} \d{4}\b", experiments)
