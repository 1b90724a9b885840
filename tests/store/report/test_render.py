"""The report as HTML (the print view) and PDF: paper size, the symptom check in words."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import pytest
from pypdf import PdfReader

from nightcramp.core.report import Paper, ReportInput, TriageSummary
from nightcramp.core.report.document import build_report
from nightcramp.store.report.render import render_html, render_pdf

TODAY = dt.date(2026, 12, 10)
AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _utc(settings: Any) -> None:
    """Days are written in the site's time zone: pin it."""
    settings.TIME_ZONE = "UTC"


def _html(
    triage: TriageSummary | None = None,
    paper: Paper = Paper.A4,
    urgent_triage: Sequence[TriageSummary] = (),
) -> str:
    data = ReportInput(
        nights=[], episodes=[], today=TODAY, triage=triage, urgent_triage=urgent_triage
    )
    return render_html(build_report(data), paper=paper)


@pytest.mark.parametrize(("paper", "size"), [(Paper.A4, "A4"), (Paper.LETTER, "letter")])
def test_the_page_size_follows_the_paper(paper: Paper, size: str) -> None:
    assert f"@page {{ size: {size};" in _html(paper=paper)


def test_without_a_symptom_check_the_page_says_nothing_of_one() -> None:
    html = _html()
    assert "Symptom check (" not in html and "data-urgent-checks" not in html


def test_an_urgent_result_not_seen_to_says_so() -> None:
    html = _html(TriageSummary(answered_at=AT, disposition="urgent", reasons=["one leg swollen"]))
    assert "Symptom check (1 Dec 2026): URGENT: see a doctor today (not seen yet)" in html
    assert "<li>one leg swollen</li>" in html


def test_a_result_seen_to_gives_the_day() -> None:
    seen = TriageSummary(
        answered_at=AT,
        disposition="emergency",
        resolved_at=dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC),
    )
    html = _html(seen)
    assert "EMERGENCY: call emergency services now (seen to on 3 Dec 2026)" in html


def test_a_milder_result_has_no_seen_to_state() -> None:
    html = _html(TriageSummary(answered_at=AT, disposition="routine", consider=["nerve_damage"]))
    assert "ROUTINE: mention at the next check-up</b>" in html
    assert "Possibilities raised (not diagnoses): nerve damage" in html


def test_every_urgent_result_of_the_period_is_listed_with_its_state() -> None:
    urgent = [
        TriageSummary(answered_at=AT, disposition="urgent"),
        TriageSummary(
            answered_at=AT + dt.timedelta(days=2),
            disposition="emergency",
            resolved_at=AT + dt.timedelta(days=3),
        ),
    ]
    html = _html(urgent_triage=urgent)
    assert (
        "Urgent symptom checks in this period:</b> 1 Dec 2026, URGENT: see a doctor today"
        " (not seen yet); 3 Dec 2026, EMERGENCY: call emergency services now"
        " (seen to on 4 Dec 2026)." in html
    )


def test_the_pdf_has_the_reports_title_and_selectable_text() -> None:
    pdf = PdfReader(io.BytesIO(render_pdf(_html())))
    assert pdf.metadata is not None and pdf.metadata.title
    assert pdf.metadata.title in _html()
    assert "Summary" in pdf.pages[0].extract_text()
