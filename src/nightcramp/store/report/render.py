"""Renders the report document to HTML (Django template) and to PDF (WeasyPrint)."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils import timezone

from nightcramp.core.diary import date_text
from nightcramp.core.report import Paper, ReportDocument, TriageSummary
from nightcramp.core.report.charts import hours_chart, weekly_chart
from nightcramp.core.report.document import LONG_CRAMP_MINUTES
from nightcramp.core.triage.condition_words import condition_words

if TYPE_CHECKING:
    from weasyprint import Document

__all__ = ["layout", "render_html", "render_pdf", "summary_pages"]

_TRIAGE_WORDS = {
    "emergency": "EMERGENCY: call emergency services now",
    "urgent": "URGENT: see a doctor today",
    "soon": "SOON: appointment within about two weeks",
    "routine": "ROUTINE: mention at the next check-up",
    "self_care": "SELF-CARE: manage at home with the prevention plan",
}


def _seen_words(triage: TriageSummary) -> str:
    """ "seen to on 3 Dec 2026", "not seen yet", or "" for a result that needs no seeing to."""
    from nightcramp.core.triage import Disposition
    from nightcramp.core.triage.history_wording import load_history_wording
    from nightcramp.store.triage.history import OPEN_DISPOSITIONS

    words = load_history_wording().report
    if triage.resolved_at is not None:
        return words.seen.format(date=date_text(timezone.localtime(triage.resolved_at).date()))
    return words.open if Disposition(triage.disposition) in OPEN_DISPOSITIONS else ""


# Not what an urgent check is about: said beside it, it reads as the reason for the urgency.
_NOT_RAISED = frozenset({"idiopathic_leg_cramps"})


def _raised(consider: Sequence[str], shown: int = 3) -> str:
    """ "a blood clot in a leg vein (deep vein thrombosis); … and 2 more": the first `shown`
    possibilities of a check in plain words (ordinary cramps left out), and how many more."""
    consider = [c for c in consider if c not in _NOT_RAISED]
    words = "; ".join(condition_words(consider[:shown]))
    more = len(consider) - shown
    return f"{words} and {more} more" if more > 0 else words


def _triage_context(doc: ReportDocument) -> dict[str, object]:
    """The leading result's words and state, and the list of urgent results of the period."""
    from nightcramp.core.triage.history_wording import load_history_wording

    rows = [
        {
            "at": t.answered_at,
            "words": _TRIAGE_WORDS[t.disposition],
            "state": _seen_words(t),
            # What the check raised, so a clinician sees what it was about (the first three).
            "raised": _raised(t.consider),
        }
        for t in doc.urgent_triage
    ]
    return {
        "triage_state": _seen_words(doc.triage) if doc.triage else "",
        "urgent_heading": load_history_wording().report.heading,
        "urgent_rows": rows,
    }


def _none(doc: ReportDocument) -> list[tuple[int, ...]]:
    return [() for _ in doc.questions]


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def render_html(
    doc: ReportDocument,
    *,
    paper: Paper,
    share: Mapping[str, str] | None = None,
) -> str:
    """Return the report as a standalone HTML page (also the print view); with `share`
    (`qr` data URI, `url`, `until`), a share link's QR code is printed on it."""
    return render_to_string(
        "report/document.html",
        {
            "doc": doc,
            "paper_css": paper.css,
            "made_on": date_text(doc.made_on or doc.period_end),
            # Low and wide, so the whole report fits one or two pages (mission item 7).
            "weekly_svg": _data_uri(weekly_chart(doc.weekly, height=0.85, legend_beside=True))
            if doc.weekly
            else "",
            "hours_svg": _data_uri(hours_chart(doc.hours)),
            "triage_words": _TRIAGE_WORDS.get(doc.triage.disposition, doc.triage.disposition)
            if doc.triage
            else "",
            "consider_words": "; ".join(condition_words(doc.triage.consider)) if doc.triage else "",
            "share": share,
            # No "Timing" column when no medicine has a timing that could be linked.
            "medicines_timed": any(m["when"] for m in doc.medications),
            "medicines_flagged": any(m["flag"] for m in doc.medications),
            "long_minutes": LONG_CRAMP_MINUTES,
            "questions": list(zip(doc.questions, doc.question_sources or _none(doc), strict=True)),
            **_triage_context(doc),
        },
    )


# The report's <body>, and the same body set tighter (smaller type, spacing and charts) for a
# summary that would otherwise spill a few lines onto a page of their own.
_BODY = "<body>"
_TIGHT_BODY = '<body class="tight">'
_EXPERIMENT_ANCHOR = "experiment"  # the id of the experiment page's section


def summary_pages(document: Document) -> int:
    """How many pages the diary summary takes: the pages before the experiment page, if any."""
    for number, page in enumerate(document.pages):
        if _EXPERIMENT_ANCHOR in page.anchors:
            return number
    return len(document.pages)


def layout(html: str) -> Document:
    """Lay `html` out on pages. When the summary runs onto another page, it is set tighter
    if that saves the page: a page holding the last few lines alone helps no reader."""
    from weasyprint import HTML

    document = HTML(string=html).render()
    if summary_pages(document) < 2 or _BODY not in html:
        return document
    tight = HTML(string=html.replace(_BODY, _TIGHT_BODY, 1)).render()
    return tight if summary_pages(tight) < summary_pages(document) else document


def render_pdf(html: str) -> bytes:
    """Return the PDF bytes of `html` (title metadata from <title>; text stays selectable),
    laid out by `layout`."""
    pdf = layout(html).write_pdf()
    assert pdf is not None
    return bytes(pdf)
