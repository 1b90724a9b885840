"""/learn pages render every topic with grades in words, sources and red flags first."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from nightcramp.core.knowledge import load_knowledge

pytestmark = pytest.mark.django_db


def test_learn_index_lists_every_topic_under_its_section(client: Client) -> None:
    response = client.get("/learn/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in (
        "When to see a doctor",
        "Why cramps happen",
        "What helps, and how sure we are",
        "Myths and the evidence",
        "Food sources",
    ):
        assert heading in html
    for topic_id in load_knowledge().topic_ids:
        assert f'href="/learn/{topic_id}/"' in html
    assert html.index('id="section-doctor"') < html.index('id="section-why"')


def test_learn_index_shows_the_grade_legend_in_words(client: Client) -> None:
    html = client.get("/learn/").content.decode()
    for words in (
        "Good evidence",
        "Some evidence",
        "Commonly advised, not proven",
        "Untested",
        "Does not work or is unsafe",
    ):
        assert words in html


@pytest.mark.parametrize("topic_id", load_knowledge().topic_ids)
def test_every_topic_page_shows_each_entry_with_grade_and_sources(
    client: Client, topic_id: str
) -> None:
    content = load_knowledge().topic(topic_id)
    response = client.get(f"/learn/{topic_id}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert content.topic.title in html
    assert html.count('class="sources"') == len(content.entries)
    for entry in content.entries:
        assert f'data-entry="{entry.id}"' in html
        block = html.split(f'data-entry="{entry.id}"', 1)[1].split("</article>", 1)[0]
        assert "<h3>Sources</h3>" in block
        if entry.grade is None:  # a safety instruction is never shown as a graded remedy
            assert entry.grade_words in block
            assert 'class="grade grade-' not in block
            continue
        assert f"Evidence: {entry.grade_words}" in block
        assert f'class="grade grade-{entry.grade.value}"' in block


def test_red_flag_entries_are_at_the_top_of_the_page_and_not_collapsed(client: Client) -> None:
    html = client.get("/learn/relief/").content.decode()
    first_flag = html.index('data-entry="relief_safety_first"')
    first_other = html.index('data-entry="relief_stretch_calf"')
    assert first_flag < first_other
    assert "<details" not in html
    flag = html.split('data-entry="relief_safety_first"', 1)[0].rsplit("<article", 1)[1]
    assert "alert" in flag


def test_a_page_with_warning_signs_offers_the_call_before_them(client: Client) -> None:
    html = client.get("/learn/red_flags/").content.decode()
    assert 'href="tel:' in html
    assert html.index("data-emergency") < html.index("<article")
    knowledge = load_knowledge()
    calm = [t.topic.id for t in knowledge.topics if not any(e.red_flag for e in t.ordered)]
    assert calm
    for topic_id in calm:
        assert "data-emergency" not in client.get(f"/learn/{topic_id}/").content.decode()


def test_topic_page_links_sources_and_shows_cautions(client: Client) -> None:
    html = client.get("/learn/remedies/").content.decode()
    assert 'href="https://doi.org/10.1002/14651858.CD009402.pub3"' in html
    assert "Take care" in html
    assert "350 mg" in html


def test_myths_page_shows_what_the_article_said_and_the_evidence(client: Client) -> None:
    html = client.get("/learn/myths/").content.decode()
    assert html.count("Popular advice says:") == len(load_knowledge().topic("myths").entries)
    assert "The evidence says:" in html


def test_unknown_topic_answers_404(client: Client) -> None:
    assert client.get("/learn/nope/").status_code == 404


def test_learn_pages_have_no_inline_scripts_or_styles(client: Client) -> None:
    for url in ("/learn/", "/learn/red_flags/", "/learn/remedies/"):
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert " style=" not in html, url
