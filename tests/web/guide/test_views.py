"""/now and /sw.js through the test client: steps in order, safety beside step 1, small, offline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils.html import escape

from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.relief.guide import MUSCLES, read_guide
from nightcramp.web.guide.views import offline_urls

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 30 * 1024


def _page(client: Client, url: str = "/now") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("muscle", MUSCLES)
def test_steps_are_marked_1_to_n_in_order(client: Client, muscle: str) -> None:
    html = _page(client, f"/now/{muscle}")
    numbers = [int(n) for n in re.findall(r'data-step="(\d+)"', html)]
    assert numbers == list(range(1, len(read_guide(muscle).steps) + 1))


def test_safety_line_stands_just_before_step_1_and_links_to_triage(client: Client) -> None:
    html = _page(client)
    assert html.count("data-safety") == 1
    safety = html.index("data-safety")
    assert safety < html.index('data-step="1"')
    between = html[safety : html.index('data-step="1"')]
    assert 'href="/triage/"' in between
    assert "swollen" in between
    assert "data-step" not in between[len("data-safety") :]


def test_now_without_a_slash_answers_directly(client: Client) -> None:
    response = client.get("/now")
    assert response.status_code == 200
    assert "Pull your toes up towards your shin" in response.content.decode()


def test_now_with_a_slash_leads_to_now(client: Client) -> None:
    response = client.get("/now/?muscle=foot")
    assert response.status_code == 302
    assert response["Location"] == "/now?muscle=foot"


def test_muscle_can_be_chosen_by_path_or_query(client: Client) -> None:
    assert "Hold your toes and gently pull them up" in _page(client, "/now/foot")
    assert "Hold your toes and gently pull them up" in _page(client, "/now?muscle=foot")


def test_unknown_muscle_in_the_path_is_not_found(client: Client) -> None:
    assert client.get("/now/knee").status_code == 404


def test_unknown_muscle_in_the_query_falls_back_to_the_calf(client: Client) -> None:
    assert "Cramp now: calf" in _page(client, "/now?muscle=knee")


def test_picker_offers_every_muscle_and_marks_the_current_one(client: Client) -> None:
    html = _page(client, "/now/thigh_back")
    for muscle in MUSCLES:
        assert f'href="/now/{muscle}"' in html
    assert re.search(r'href="/now/thigh_back" aria-current="page"', html)


def test_each_step_shows_its_grade_in_words_and_its_source(client: Client) -> None:
    html = _page(client)
    for step in read_guide("calf").steps:
        item = html.split(f'data-step="{step.number}"', 1)[1].split("data-step=", 1)[0]
        assert Grade(step.grade).words in item
        assert "Source:" in item


def test_did_it_stop_offers_to_log_the_episode(client: Client) -> None:
    html = _page(client, "/now/foot")
    assert 'href="/log?muscle=foot&amp;from=now"' in html
    assert "Did it stop?" in html


def test_every_step_but_the_last_offers_to_log_the_cramp_once_it_stopped(client: Client) -> None:
    html = client.get("/now").content.decode()
    steps = html.split('class="card now-step"')[1:]
    assert len(steps) >= 2
    for step in steps[:-1]:
        assert "It stopped: log it" in step
    assert "It stopped: log it" not in steps[-1]


def test_page_works_for_anonymous_visitors_when_accounts_exist(client: Client) -> None:
    User.objects.create_user(username="carol", password="a-long-enough-password-1")
    response = client.get("/now")
    assert response.status_code == 200
    assert 'data-step="1"' in response.content.decode()


def test_page_has_no_inline_script_or_style_and_loads_nothing_from_other_hosts(
    client: Client,
) -> None:
    html = _page(client)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html
    assert "<style" not in html
    assert not re.search(r'src="(https?:)?//', html)
    assert not re.search(r'<link[^>]+href="(https?:)?//', html)


def test_page_with_its_css_and_js_fits_in_30_kb(client: Client) -> None:
    html = client.get("/now").content
    css = Path(str(finders.find("guide/now.css"))).read_bytes()
    js = Path(str(finders.find("guide/now.js"))).read_bytes()
    linked = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html.decode())
    assert sorted(linked) == ["/static/guide/now.css", "/static/guide/now.js"]
    assert len(html) + len(css) + len(js) <= BUDGET_BYTES


def test_every_illustration_exists_and_is_our_own_svg() -> None:
    for muscle in MUSCLES:
        for step in read_guide(muscle).steps:
            assert step.illustration, f"{step.id} has no picture"
            found = finders.find(f"guide/img/{step.illustration}.svg")
            assert found, step.illustration
            svg = Path(str(found)).read_text(encoding="utf-8")
            assert svg.startswith("<svg")
            assert "href" not in svg


def test_service_worker_is_javascript_at_the_root_and_lists_the_pages(client: Client) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    for url in offline_urls():
        assert f'"{url}"' in body


def test_every_address_the_worker_caches_exists(client: Client) -> None:
    urls = offline_urls()
    assert urls[0] == "/now"
    for url in urls:
        if url.startswith(settings.STATIC_URL):
            # Served by WhiteNoise; the browser test fetches them through the worker.
            assert finders.find(url.removeprefix(settings.STATIC_URL)), url
        else:
            assert client.get(url).status_code == 200, url


def test_the_safety_line_is_the_one_nightcramp_now_prints(client: Client) -> None:
    from django.test import override_settings

    from nightcramp.core.help_lines import help_lines_for

    with override_settings(NIGHTCRAMP_COUNTRY="AU", NIGHTCRAMP_EMERGENCY_NUMBER="000"):
        html = _page(client, "/now/foot")
    start = html.index(">", html.index("data-safety")) + 1
    shown = re.sub(r"<[^>]+>", "", html[start : html.index("Check my symptoms", start)])
    line = read_guide("foot", lines=help_lines_for("AU", "000")).safety.text
    assert shown.strip().replace("&#x27;", "'") == line
    assert '<a href="tel:1800022222">healthdirect on 1800 022 222</a>' in html


def test_the_safety_box_ends_with_a_call_button_that_dials_the_setting(client: Client) -> None:
    from django.test import override_settings

    with override_settings(NIGHTCRAMP_COUNTRY="NZ", NIGHTCRAMP_EMERGENCY_NUMBER="111"):
        html = _page(client)
    safety = html[html.index("data-safety") : html.index('data-step="1"')]
    call = r'<a class="btn now-call" href="tel:(\d+)" data-emergency>([^<]+)</a>'
    button = re.search(call, safety)
    assert button is not None, safety
    assert button.groups() == ("111", "Emergency: call 111")


def test_the_read_aloud_and_buzz_buttons_keep_their_words_for_screen_readers(
    client: Client,
) -> None:
    html = _page(client)
    for words in ("Read aloud", "Buzz: on"):
        assert re.search(rf'<span class="now-tool-text">{words}</span></button>', html), words


# ---- /help: the warning cards, spaced, with their sources in plain words ----------------------


def _help_cards(client: Client) -> dict[str, str]:
    html = _page(client, "/help")
    cards = {}
    for part in html.split('<section class="alert help-flag"')[1:]:
        match = re.search(r'data-red-flag="([a-z_]+)"', part)
        assert match is not None
        cards[match.group(1)] = part.split("</section>")[0]
    return cards


def test_each_help_card_keeps_its_sources_behind_a_plain_summary(client: Client) -> None:
    from nightcramp.core.knowledge import load_knowledge

    knowledge = load_knowledge()
    cards = _help_cards(client)
    flags = [e for e in knowledge.topic("red_flags").entries if e.red_flag]
    assert list(cards) == [e.id for e in flags]
    for entry in flags:
        card = cards[entry.id]
        summary = re.search(
            r'<details class="fold help-sources">\s*<summary>([^<]+)</summary>', card
        )
        assert summary is not None, entry.id
        assert summary.group(1).strip() == "Where this advice comes from"
        shown = card[summary.end() :]
        for source in knowledge.cited(entry):
            assert escape(source.citation.split(".")[0]) in shown, (entry.id, source.id)


def test_the_warning_text_itself_is_never_folded(client: Client) -> None:
    from nightcramp.core.knowledge import load_knowledge

    cards = _help_cards(client)
    for entry in load_knowledge().topic("red_flags").entries:
        if entry.red_flag:
            card = cards[entry.id]
            assert card.index(escape(entry.text)) < card.index("<details")


def test_help_links_only_css_that_is_in_the_offline_copy(client: Client) -> None:
    """The cards' spacing and the sources' fold must look the same with no network."""
    # With no JavaScript there is no service worker either, so <noscript> sheets do not count.
    html = re.sub(r"<noscript>.*?</noscript>", "", _page(client, "/help"), flags=re.S)
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert sheets
    assert set(sheets) <= set(offline_urls())
