"""`/clinician/`: a clinician's list of the people who granted access, and each one's summary
and report, read-only. The grant is checked on every request; every look is logged."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from nightcramp.store.sharing.audit import log_clinician_view
from nightcramp.store.sharing.clinicians import is_clinician
from nightcramp.store.sharing.grants import active_grant, granted_people
from nightcramp.store.sharing.models import ClinicianGrant
from nightcramp.store.sharing.report import report_pdf
from nightcramp.store.sharing.summary import shared_summary
from nightcramp.web.account.lockout import client_address
from nightcramp.web.report.views import pdf_download
from nightcramp.web.sharing.chart import weekly_svg
from nightcramp.web.sharing.headers import private

__all__ = ["people", "person", "person_report"]


def _not_here(request: HttpRequest) -> HttpResponse:
    """The same 404 for a person who never granted access, whose grant ended or was
    revoked, or who does not exist."""
    return render(request, "sharing/not_granted.html", status=404)


def _clinician(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and is_clinician(user) else None


@private
@login_required
@require_safe
def people(request: HttpRequest) -> HttpResponse:
    clinician = _clinician(request)
    if clinician is None:
        return render(request, "sharing/not_clinician.html", status=403)
    grants = granted_people(clinician, now=timezone.now())
    return render(request, "sharing/clinician.html", {"grants": grants})


def _granted(
    request: HttpRequest, person_id: int, page: str, now: dt.datetime
) -> ClinicianGrant | HttpResponse:
    """The grant that lets this clinician see `person_id` now, with the look logged; else the
    refusal to send (403 for someone who is not a clinician, 404 without a live grant)."""
    clinician = _clinician(request)
    if clinician is None:
        return render(request, "sharing/not_clinician.html", status=403)
    grant = active_grant(clinician, person_id, now=now)
    if grant is None:
        return _not_here(request)
    log_clinician_view(grant, page=page, address=client_address(request), now=now)
    return grant


@private
@login_required
@require_safe
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    now = timezone.now()
    grant = _granted(request, person_id, "summary", now)
    if isinstance(grant, HttpResponse):
        return grant
    summary = shared_summary(grant.person, now=now)
    context = {
        "grant": grant,
        "summary": summary,
        "weekly_svg": weekly_svg(summary.report.weekly),
        "report_url": f"/clinician/{person_id}/report.pdf",
    }
    return render(request, "sharing/clinician_person.html", context)


@private
@login_required
@require_safe
def person_report(request: HttpRequest, person_id: int) -> HttpResponse:
    now = timezone.now()
    grant = _granted(request, person_id, "report", now)
    if isinstance(grant, HttpResponse):
        return grant
    content = report_pdf(grant.person, now=now, paper=settings.CONFIG.paper)
    return pdf_download(content, now)
