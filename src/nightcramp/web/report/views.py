"""The Report page, its print view and the PDF download."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nightcramp.core.diary_rules import EARLIEST_YEAR
from nightcramp.core.report import Paper, build_report
from nightcramp.store.report.inputs import report_input
from nightcramp.store.report.render import render_html, render_pdf


def _options(request: HttpRequest) -> tuple[dt.date | None, Paper]:
    since_raw = request.GET.get("since", "")
    try:
        since = dt.date.fromisoformat(since_raw) if since_raw else None
    except ValueError:
        since = None
    if since is not None and since.year < EARLIEST_YEAR:
        since = None
    paper_raw = request.GET.get("paper", "")
    # Not a paper size: the one for the server's locale (a form value, not a setting).
    paper = Paper(paper_raw) if paper_raw in {p.value for p in Paper} else settings.CONFIG.paper
    return since, paper


def _html(request: HttpRequest) -> str:
    since, paper = _options(request)
    data = report_input(request.user, today=timezone.localdate(), since=since)  # type: ignore[arg-type]  # login_required
    return render_html(build_report(data), paper=paper)


@login_required
def page(request: HttpRequest) -> HttpResponse:
    since, paper = _options(request)
    return render(
        request,
        "report/page.html",
        {"since": since.isoformat() if since else "", "paper": paper.value, "papers": list(Paper)},
    )


_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def style_hashes(html: str) -> list[str]:
    """The CSP source of each inline style block of `html` (the report is one standalone page)."""
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(block.encode()).digest()).decode() + "'"
        for block in _STYLE.findall(html)
    ]


@login_required
def print_view(request: HttpRequest) -> HttpResponse:
    html = _html(request)
    response = HttpResponse(html)
    # Only this page's own styles may apply, by their hash; scripts stay refused.
    response._csp_update = {"style-src": style_hashes(html)}  # type: ignore[attr-defined]
    return response


def pdf_download(content: bytes, now: dt.datetime | None = None) -> HttpResponse:
    """The report PDF as a download named with the local date (every page that offers it)."""
    response = HttpResponse(content, content_type="application/pdf")
    name = f"nightcramp-report-{timezone.localdate(now).isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def pdf(request: HttpRequest) -> HttpResponse:
    return pdf_download(render_pdf(_html(request)))
