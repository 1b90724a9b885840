"""The doctor report of a person, as PDF, optionally with a share link's QR code on it."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils import timezone

from nightcramp.core.report import Paper, build_report
from nightcramp.store.report.inputs import report_input
from nightcramp.store.report.render import render_html, render_pdf
from nightcramp.store.sharing.models import ShareLink
from nightcramp.store.sharing.qr import qr_data_uri

__all__ = ["report_pdf"]


def report_pdf(
    person: User,
    *,
    now: dt.datetime,
    paper: Paper,
    link: ShareLink | None = None,
    url: str = "",
) -> bytes:
    """`person`'s report as PDF bytes; with `link` and its `url`, the link's QR code on it."""
    data = report_input(person, today=timezone.localdate(now), since=None, now=now, record=False)
    share = None
    if link is not None and url:
        until = timezone.localtime(link.expires_at)
        share = {"qr": qr_data_uri(url), "url": url, "until": f"{until.day} {until:%b %Y}"}
    html = render_html(
        build_report(data),
        paper=paper,
        share=share,
    )
    return render_pdf(html)
