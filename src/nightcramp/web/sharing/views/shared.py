"""`/s/<token>/` and `/s/<token>/report.pdf`: what a share link shows, read-only.

No log-in, no session, no cookie: the token is the only key, and it opens these two pages and
nothing else. Every look is logged. An unknown, expired or revoked token gets the same 404.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from nightcramp.store.sharing.audit import log_link_view
from nightcramp.store.sharing.links import find_link, link_path
from nightcramp.store.sharing.report import report_pdf
from nightcramp.store.sharing.summary import shared_summary
from nightcramp.web.account.lockout import client_address
from nightcramp.web.report.views import pdf_download
from nightcramp.web.sharing.chart import weekly_svg
from nightcramp.web.sharing.headers import private

__all__ = ["gone", "shared_page", "shared_report", "without_slash"]


def gone(request: HttpRequest) -> HttpResponse:
    """The one answer for a link that does not work, whatever the reason."""
    return render(request, "sharing/gone.html", status=404)


@private
@require_safe
def shared_page(request: HttpRequest, token: str) -> HttpResponse:
    now = timezone.now()
    link = find_link(token, now=now)
    if link is None:
        return gone(request)
    log_link_view(link, page="summary", address=client_address(request), now=now)
    summary = shared_summary(link.user, now=now)
    context = {
        "summary": summary,
        "weekly_svg": weekly_svg(summary.report.weekly),
        "until": link.expires_at,
        "report_url": f"/s/{token}/report.pdf",
    }
    return render(request, "sharing/shared.html", context)


@private
@require_safe
def shared_report(request: HttpRequest, token: str) -> HttpResponse:
    now = timezone.now()
    link = find_link(token, now=now)
    if link is None:
        return gone(request)
    log_link_view(link, page="report", address=client_address(request), now=now)
    content = report_pdf(link.user, now=now, paper=settings.CONFIG.paper)
    return pdf_download(content, now)


@private
@require_safe
def without_slash(request: HttpRequest, token: str) -> HttpResponse:
    """The address typed without its last `/`: on to the page, whatever the token (so the answer
    says nothing about it), with the same headers as the page and not marked permanent."""
    return HttpResponseRedirect(link_path(token))
