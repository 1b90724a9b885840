"""The report on paper: a realistic diary fits the promised pages, with no page left holding
a line or two, and the time chart counts every cramp (mission item 7)."""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from tests.store.experiments.factories import experiment
from tests.web.report.diaries import store_diary, store_realistic_diary
from weasyprint.formatting_structure import boxes

from nightcramp.core.report import Paper, ReportDocument, build_report
from nightcramp.store.report.inputs import report_input
from nightcramp.store.report.render import layout, render_html, summary_pages

pytestmark = pytest.mark.django_db

END = dt.date.today() - dt.timedelta(days=2)


def _report(user: User, paper: Paper = Paper.A4) -> tuple[ReportDocument, str]:
    """The report's document and its HTML, as `nightcramp report` makes them."""
    data = report_input(user, today=dt.date.today(), since=None)
    doc = build_report(data)
    return doc, render_html(doc, paper=paper)


def _bottoms(box: boxes.Box) -> Iterator[float]:
    """The bottom edge of every line, picture and table row in `box` (page margins left out:
    they hold the footer, which every page has)."""
    if isinstance(box, boxes.MarginBox):
        return
    if isinstance(box, boxes.LineBox | boxes.ReplacedBox | boxes.TableRowBox):
        yield box.position_y + box.margin_height()
    for child in getattr(box, "children", ()):
        yield from _bottoms(child)


def _filled(page: Any) -> float:
    """How far down its writing area a page's content reaches, from 0 to 1.

    WeasyPrint keeps a page's layout in `_page_box`; its public API has no such measure.
    """
    area = page._page_box
    top = area.content_box_y()
    return float((max(_bottoms(area), default=top) - top) / area.height)


@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER])
def test_a_realistic_diary_fits_one_page_plus_the_experiment_page(
    alice: User, paper: Paper, settings: Any
) -> None:
    settings.TIME_ZONE = "Europe/London"
    store_realistic_diary(alice, end=END)
    experiment(alice, start=END - dt.timedelta(days=27), pairs=8)  # two looks so far
    _, html = _report(alice, paper)
    document = layout(html)
    pages = document.pages
    assert summary_pages(document) == 1, "the summary of a two-month diary fits one page"
    assert len(pages) == 2, "and the experiment adds one page"
    assert "Self-experiment" in pages[1].bookmarks[0][1]
    fill = [round(_filled(p), 2) for p in pages]
    assert all(f > 0.4 for f in fill), fill  # no page holds only a line or two


@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER])
def test_a_symptom_check_with_most_questions_unanswered_keeps_the_summary_on_one_page(
    alice: User, paper: Paper, settings: Any
) -> None:
    """The reviewer's diary with a symptom check of age and sex only: the triage box says in one
    item what could not be ruled out, never the patient's "Please answer" questions."""
    from nightcramp.store.triage.history import save_assessment

    settings.TIME_ZONE = "Europe/London"
    store_realistic_diary(alice, end=END)
    save_assessment(alice, {"age": 70, "sex": "female"})
    doc, html = _report(alice, paper)
    assert doc.triage is not None and doc.triage_unanswered
    box = html.split('<div class="triage', 1)[1].split("</div>", 1)[0]
    assert "Please answer" not in box and "data-triage-unanswered" in box
    document = layout(html)
    assert summary_pages(document) <= 2
    assert summary_pages(document) == 1, "the reviewer's diary still fits one page"


def test_a_long_busy_diary_never_leaves_a_nearly_empty_page(alice: User, settings: Any) -> None:
    """Four months and eight medicines: at most two pages, and a second page holds whole
    sections (a tenth of the page at least, some eight lines), never a line or two."""
    from nightcramp.store.diary.models import Medication

    settings.TIME_ZONE = "Europe/London"
    store_realistic_diary(alice, end=END)
    store_diary(alice, nights=64, end=END - dt.timedelta(days=64), seed=11)
    for name in ("bendroflumethiazide", "ramipril", "amlodipine", "salbutamol"):
        Medication.objects.create(user=alice, name=name)
    _, html = _report(alice)
    pages = layout(html).pages
    assert 1 <= len(pages) <= 2
    assert all(_filled(p) > 0.1 for p in pages), [_filled(p) for p in pages]


def test_the_time_chart_counts_every_cramp_daytime_ones_too(alice: User, settings: Any) -> None:
    settings.TIME_ZONE = "Europe/London"
    cramps = store_realistic_diary(alice, end=END)
    doc, html = _report(alice)
    assert doc.episodes == cramps
    assert sum(doc.hours[12:18]) == 2, "two cramps started in the afternoon"
    encoded = re.search(r'src="data:image/svg\+xml;base64,([^"]+)" alt="Bar chart of cramps', html)
    assert encoded is not None
    svg = base64.b64decode(encoded[1]).decode()
    bars = {int(h): int(n) for h, n in re.findall(r'id="hour-(\d\d)-(\d+)"', svg)}
    assert sorted(bars) == list(range(24))
    assert sum(bars.values()) == cramps
