"""The Insights page: findings in words, inline SVG charts, the suspects form."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone
from tests.web.insight.conftest import store_diary

from nightcramp.core.diary import Episode, Relief
from nightcramp.core.insights.relief_evidence import relief_evidence
from nightcramp.core.insights.wording import relief_label
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.experiments.lifecycle import start_experiment

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_alice(client: Client, alice: User) -> Client:
    client.force_login(alice)
    return client


def test_insights_page_needs_a_login_when_accounts_exist(client: Client, alice: User) -> None:
    response = client.get("/insights/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_empty_diary_says_no_nights_and_draws_no_charts(as_alice: Client) -> None:
    response = as_alice.get("/insights/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Nothing logged yet." in text
    assert "<svg" not in text


def test_ninety_night_diary_shows_charts_and_every_factor(as_alice: Client, alice: User) -> None:
    store_diary(alice)
    response = as_alice.get("/insights/")
    text = response.content.decode()
    assert response.status_code == 200
    assert 'aria-label="Cramp nights per week"' in text
    assert 'aria-label="Cramps by time of night or day"' in text
    # Strict CSP: no inline style attributes or style elements, no inline scripts.
    assert not re.search(r"\sstyle=", text)
    assert "<style" not in text
    assert not re.search(r"<script(?![^>]*\bsrc=)", text)
    details = text.split('data-details="factors"', 1)[1].split("</details>", 1)[0]
    assert len(re.findall(r'class="finding" data-verdict=', details)) == 17
    assert "<svg" not in details  # each finding's chart is drawn once, above the details
    assert "not proof" in text


def _visible(html: str) -> str:
    """The page's words as a reader sees them: no tags, no attributes."""
    return re.sub(r"<[^>]+>", " ", html)


def test_each_finding_has_its_own_chart_and_the_details_come_after_a_break(
    as_alice: Client, alice: User
) -> None:
    store_diary(alice)
    text = as_alice.get("/insights/").content.decode()
    found = text.split("data-findings>", 1)[1].split("</section>", 1)[0]
    cards = found.split('class="finding"')[1:]
    assert cards
    for card in cards:
        assert card.count("<svg") == 1
        assert "cramp rate ratio and likely range" in card
    assert text.index("data-findings") < text.index('id="details-title"')
    assert text.index('id="details-title"') < text.index('data-details="factors"')


def test_the_page_uses_names_never_ids_and_never_says_hours_of_hours(
    as_alice: Client, alice: User
) -> None:
    store_diary(alice, n_nights=200)
    for day in range(3):
        _log_relief(alice, Relief.LUNGE_STRETCH, Relief.LUNGE_STRETCH, day)
    words = _visible(as_alice.get("/insights/").content.decode())
    assert "Lunge stretch" in words
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", words), re.findall(r"\b[a-z]+_[a-z_]+\b", words)
    assert "hours of hours" not in words
    assert not re.search(r"(?<![\d.])1 times", words)


def test_a_no_clear_link_never_shows_a_range_that_leaves_out_1(
    as_alice: Client, alice: User
) -> None:
    store_diary(alice, n_nights=200)
    text = as_alice.get("/insights/").content.decode()
    for card in text.split('data-verdict="no_clear_effect"')[1:]:
        explanation = card.split("</div>", 1)[0]
        found = re.search(r"likely range ([\d.]+) to ([\d.]+) times", explanation)
        if found:
            assert float(found.group(1)) <= 1 <= float(found.group(2))


def test_a_factor_with_an_experiment_offers_it_in_words(as_alice: Client, alice: User) -> None:
    store_diary(alice, n_nights=200)
    words = _visible(as_alice.get("/insights/").content.decode())
    assert re.search(r"You could test this: No alcohol in the evening, about \d+ weeks\.", words)


def test_suspect_is_checked_on_its_own(as_alice: Client, alice: User) -> None:
    store_diary(alice)
    text = as_alice.get("/insights/?suspect=alcohol_drinks").content.decode()
    assert "Alcohol (your suspect)" in text
    assert 'value="alcohol_drinks" checked' in text or "checked" in text


def test_four_suspects_are_refused_with_a_message(as_alice: Client, alice: User) -> None:
    store_diary(alice, n_nights=30)
    names = ["alcohol_drinks", "cold_room", "warm_bath", "feet_pointed"]
    query = "&".join(f"suspect={n}" for n in names)
    response = as_alice.get(f"/insights/?{query}")
    assert response.status_code == 200
    assert "Pick at most 3." in response.content.decode()
    assert "(your suspect)" not in response.content.decode()


def test_bob_sees_only_his_own_diary(client: Client, alice: User, bob: User) -> None:
    store_diary(alice, n_nights=30)
    client.force_login(bob)
    assert "Nothing logged yet." in client.get("/insights/").content.decode()


def _log_relief(user: User, tried: Relief, worked: Relief | None, day: int) -> None:
    start = dt.datetime(2026, 3, 1, 2, 0) + dt.timedelta(days=day)
    log_episode(user, Episode(started_at=start, relief=(tried,), relief_worked=worked))


def test_standing_on_the_toes_that_worked_is_shown_with_its_warning_never_on_top(
    as_alice: Client, alice: User
) -> None:
    for day in range(8):
        _log_relief(alice, Relief.STAND_ON_TOES, Relief.STAND_ON_TOES, day)
    for day in range(10, 14):
        _log_relief(alice, Relief.STRETCH, Relief.STRETCH if day < 12 else None, day)
    text = as_alice.get("/insights/").content.decode()
    table = re.search(r"<table[^>]*data-relief-ranked[^>]*>", text)
    assert table is not None
    ranked = text[table.end() :].split("</table>", 1)[0]
    assert 'data-relief="stretch"' in ranked
    assert "stand_on_toes" not in ranked
    warning = text.split('data-relief-warning="stand_on_toes"', 1)[1].split("</div>", 1)[0]
    assert relief_label("stand_on_toes") in warning
    expected = relief_evidence()[Relief.STAND_ON_TOES].warning
    assert expected and expected in warning
    assert table.start() < text.index("data-relief-warning=")


def test_only_a_ruled_out_method_shows_no_ranking_only_the_warning(
    as_alice: Client, alice: User
) -> None:
    _log_relief(alice, Relief.STAND_ON_TOES, Relief.STAND_ON_TOES, 0)
    text = as_alice.get("/insights/").content.decode()
    assert "data-relief-ranked" not in text
    assert 'data-relief-warning="stand_on_toes"' in text


def test_each_factor_in_full_says_how_many_more_nights_once(as_alice: Client, alice: User) -> None:
    store_diary(alice, n_nights=200)
    text = as_alice.get("/insights/").content.decode()
    details = text.split('data-details="factors"', 1)[1].split("</details>", 1)[0]
    cards = details.split('class="finding"')[1:]
    assert any("Logging for about" in card for card in cards)
    for card in cards:
        words = _visible(card.split("</div>", 1)[0])
        assert len(re.findall(r"[Ll]ogging for about [\d,]+", words)) <= 1, words


def test_an_experiment_already_running_is_not_offered_again(as_alice: Client, alice: User) -> None:
    store_diary(alice, n_nights=200)
    start_experiment(alice, "no_evening_alcohol", now=timezone.now(), seed=3)
    words = _visible(as_alice.get("/insights/").content.decode())
    assert "You could test this: No alcohol in the evening" not in words
    assert "You are testing this now, in your experiment: No alcohol in the evening." in words


def test_every_chart_colour_is_one_the_stylesheet_sets_for_day_and_night(
    as_alice: Client, alice: User
) -> None:
    store_diary(alice)
    text = as_alice.get("/insights/").content.decode()
    charts = "".join(re.findall(r"<svg.*?</svg>", text, flags=re.S))
    assert charts
    painted = set(re.findall(r'\b(fill|stroke)="(#[0-9a-fA-F]{3,8})"', charts))
    assert painted
    found = finders.find("insight/insight.css")
    assert isinstance(found, str)
    css = Path(found).read_text(encoding="utf-8")
    for attribute, colour in sorted(painted):
        rule = re.search(
            rf'\.chart \[{attribute}="{colour}"\][^{{]*\{{\s*{attribute}:\s*var\(--', css
        )
        assert rule, f'{attribute}="{colour}" is drawn but insight.css does not theme it'


def test_a_supplement_graded_does_not_work_is_never_offered(as_alice: Client, alice: User) -> None:
    store_diary(alice, n_nights=200)
    words = _visible(as_alice.get("/insights/?suspect=magnesium_mg").content.decode())
    assert "Magnesium" in words
    assert "You could test this: A magnesium tablet" not in words
    assert "You could test this: No alcohol in the evening" in words  # other offers stay
