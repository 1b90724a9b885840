"""Renders the report document to HTML (Django template) and to PDF (WeasyPrint)."""

from __future__ import annotations

import base64

from django.template.loader import render_to_string

from nightcramp.core.report import Paper, ReportDocument
from nightcramp.core.report.charts import hours_chart, weekly_chart

__all__ = ["render_html", "render_pdf"]

_TRIAGE_WORDS = {
    "emergency": "EMERGENCY: call emergency services now",
    "urgent": "URGENT: see a doctor today",
    "soon": "SOON: appointment within about two weeks",
    "routine": "ROUTINE: mention at the next check-up",
    "self_care": "SELF-CARE: manage at home with the prevention plan",
}


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def render_html(doc: ReportDocument, *, paper: Paper, factor_count: int = 0) -> str:
    """Return the report as a standalone HTML page (also the print view)."""
    return render_to_string(
        "report/document.html",
        {
            "doc": doc,
            "paper_css": paper.css,
            "today": doc.period_end,
            "weekly_svg": _data_uri(weekly_chart(doc.weekly)) if doc.weekly else "",
            "hours_svg": _data_uri(hours_chart(doc.hours)),
            "triage_words": _TRIAGE_WORDS.get(doc.triage.disposition, doc.triage.disposition)
            if doc.triage
            else "",
            "consider_words": ", ".join(c.replace("_", " ") for c in doc.triage.consider)
            if doc.triage
            else "",
            "factor_count": factor_count,
        },
    )


def render_pdf(html: str) -> bytes:
    """Return the PDF bytes of `html` (title metadata from <title>; text stays selectable)."""
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf()
    assert pdf is not None
    return bytes(pdf)
