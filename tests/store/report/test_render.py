"""The report as HTML (the print view) and PDF: paper size, the symptom check in words."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import Any

import pytest
from pypdf import PdfReader

from nightcramp.core.diary import Night
from nightcramp.core.insights.wording import load_insight_wording
from nightcramp.core.report import Paper, ReportInput, TriageSummary
from nightcramp.core.report.document import build_report
from nightcramp.store.report.render import layout, render_html, render_pdf, summary_pages

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


def test_each_urgent_result_says_what_it_raised() -> None:
    urgent = [
        TriageSummary(
            answered_at=AT,
            disposition="emergency",
            consider=(
                "acute_limb_ischaemia", "idiopathic_leg_cramps", "stroke", "cauda_equina_syndrome",
                "pulmonary_embolism",
            ),
        )
    ]  # fmt: skip
    html = " ".join(_html(urgent_triage=urgent).split())
    assert (
        "EMERGENCY: call emergency services now, possibilities raised: a sudden block in the"
        " blood supply to the leg (acute limb ischaemia); a stroke or bleeding in the brain;"
    ) in html
    assert " and 1 more (not seen yet)" in html
    assert "ordinary night cramps" not in html.split("possibilities raised")[1].split(".")[0]


def test_unanswered_questions_are_one_line_for_the_clinician_never_the_questions() -> None:
    from nightcramp.core.triage import assess

    reasons = assess({"age": 70, "sex": "female"}).reasons
    html = _html(TriageSummary(answered_at=AT, disposition="routine", reasons=reasons))
    box = html.split('<div class="triage', 1)[1].split("</div>", 1)[0]
    assert "Please answer" not in box and "We could not rule out" not in box
    assert re.search(
        r"<li data-triage-unanswered>\d+ questions that could change the result were not answered",
        box,
    )
    # The first three conditions by name, the rest as a count (the full list is in the app).
    listed = box.split("could not rule out: ", 1)[1].split("</li>", 1)[0]
    named, more = listed.rsplit("; and ", 1)
    assert len(named.split("; ")) == 3 and re.fullmatch(r"\d+ more\.", more)


def test_the_footer_dates_the_report_by_the_day_it_was_made_as_people_read_it() -> None:
    night = Night(dt.date(2026, 12, 2))
    html = render_html(
        build_report(ReportInput(nights=[night], episodes=[], today=TODAY)), paper=Paper.A4
    )
    assert "nightcramp report, 10 Dec 2026. Patient-recorded diary" in html


def test_the_pdf_has_the_reports_title_and_selectable_text() -> None:
    pdf = PdfReader(io.BytesIO(render_pdf(_html())))
    assert pdf.metadata is not None and pdf.metadata.title
    assert pdf.metadata.title in _html()
    assert "Summary" in pdf.pages[0].extract_text()


@pytest.mark.parametrize("relief", sorted(load_insight_wording().relief_labels))
def test_a_relief_method_is_shown_by_its_name_never_its_id(relief: str) -> None:
    """Every relief id the content names: the table says "Stand on your toes", never
    `stand_on_toes`, on the page and in the PDF."""
    name = load_insight_wording().relief_labels[relief]
    row = {"relief": relief, "times_tried": 3, "times_worked": 2, "median_minutes": 2.0}
    data = ReportInput(nights=[], episodes=[], today=TODAY, analysis={"relief": [row]})
    html = render_html(build_report(data), paper=Paper.A4)
    cell = re.search(
        rf'<tbody class="method" data-relief="{relief}"[^>]*><tr[^>]*><td>([^<]*)<', html
    )
    assert cell is not None and cell[1] == name
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(html))).pages)
    assert name in text
    assert not re.search(rf"\b{relief}\b", text), f"raw id {relief!r} in the PDF"


def _paragraphs(count: int, *, experiment: bool = False) -> str:
    """A page of `count` 10 mm paragraphs (9 mm when set tight), the last one the experiment's."""
    style = (
        "@page { size: A4; margin: 20mm } p { margin: 0; height: 10mm } .tight p { height: 9mm }"
    )
    body = "".join(f'<p id="p{i}">{i}</p>' for i in range(count))
    if experiment:
        body += '<section id="experiment" style="break-before: page"><p>x</p></section>'
    return f"<html><head><style>{style}</style></head><body>{body}</body></html>"


def test_a_summary_that_spills_a_little_is_set_tight_onto_one_page() -> None:
    document = layout(_paragraphs(27, experiment=True))  # 270 mm; tight 243 mm of 257
    assert summary_pages(document) == 1 and len(document.pages) == 2


def test_a_summary_that_would_not_fit_anyway_is_left_as_written() -> None:
    document = layout(_paragraphs(40))  # two pages either way
    assert len(document.pages) == 2
    assert "p25" in document.pages[1].anchors  # 25 paragraphs of 10 mm on the first page


def test_the_timing_column_shows_only_when_a_medicine_has_a_timing() -> None:
    from dataclasses import replace

    doc = build_report(ReportInput(nights=[], episodes=[], today=TODAY))
    untimed = [{"name": "Amlodipine", "generic": "amlodipine", "class": "calcium channel blocker",
                "link": "reported", "flag": "yes", "dose": "5 mg", "when": ""}]  # fmt: skip
    paper = Paper.A4
    without = render_html(replace(doc, medications=untimed), paper=paper)
    assert "<th>Timing</th>" not in without and "Amlodipine" in without
    timed = [{**untimed[0], "when": "started 2 weeks before the first cramp"}]
    assert "<th>Timing</th>" in render_html(replace(doc, medications=timed), paper=paper)
