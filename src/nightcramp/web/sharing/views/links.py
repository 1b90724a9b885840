"""`/share/`: the person's share links and clinician grants; make, show once, stop.

These pages are never cached (a new link is shown once). They keep the site's referrer policy:
with `no-referrer` a browser sends `Origin: null` with a form, which the site refuses.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from nightcramp.core.errors import InputError
from nightcramp.store.sharing.grants import grant_access, grant_state, grants_of, revoke_grant
from nightcramp.store.sharing.links import (
    create_link,
    find_link,
    link_path,
    link_state,
    links_of,
    revoke_link,
)
from nightcramp.store.sharing.qr import qr_svg
from nightcramp.store.sharing.report import report_pdf
from nightcramp.web.links import public_url
from nightcramp.web.report.views import pdf_download
from nightcramp.web.sharing.address import loopback_start, scalable_svg
from nightcramp.web.sharing.forms import GrantForm, LinkForm
from nightcramp.web.sharing.views.shared import gone

__all__ = ["grant", "manage", "pdf_with_link", "revoke", "stop_grant"]


def _person(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required
    return user


def _page(
    request: HttpRequest,
    *,
    link_form: LinkForm | None = None,
    grant_form: GrantForm | None = None,
    new: dict[str, object] | None = None,
    status: int = 200,
) -> HttpResponse:
    person, now = _person(request), timezone.now()
    links = [{"link": k, "state": link_state(k, now=now)} for k in links_of(person)]
    grants = [{"grant": g, "state": grant_state(g, now=now)} for g in grants_of(person)]
    context = {
        "link_form": link_form or LinkForm(),
        "grant_form": grant_form or GrantForm(),
        "links": links,
        "grants": grants,
        "new": new,
    }
    return render(request, "sharing/manage.html", context, status=status)


@never_cache
@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """GET: the page. POST: make a link and show it (with its QR code) this once, saying so
    when its address only works on this computer."""
    if request.method != "POST":
        return _page(request)
    form = LinkForm(request.POST)
    if not form.is_valid():
        return _page(request, link_form=form, status=400)
    try:
        made = create_link(
            _person(request),
            now=timezone.now(),
            days=form.cleaned_data["days"],
            label=form.cleaned_data["label"],
        )
    except InputError as error:
        form.add_error("days", error.reason)
        return _page(request, link_form=form, status=400)
    url = public_url(request, made.path)
    new = {
        "link": made.link,
        "url": url,
        "token": made.token,
        "qr": mark_safe(scalable_svg(qr_svg(url))),  # segno's own SVG markup
        "local": loopback_start(url, made.path),
    }
    return _page(request, new=new)


@never_cache
@login_required
@require_POST
def revoke(request: HttpRequest, link_id: int) -> HttpResponse:
    if revoke_link(_person(request), link_id, now=timezone.now()) is None:
        return gone(request)
    return HttpResponseRedirect("/share/")


@never_cache
@login_required
@require_POST
def pdf_with_link(request: HttpRequest) -> HttpResponse:
    """The person's report with the QR code of one of their live links printed on it."""
    now = timezone.now()
    token = request.POST.get("token", "")
    link = find_link(token, now=now)
    if link is None or link.user_id != _person(request).pk:
        return gone(request)
    url = public_url(request, link_path(token))
    content = report_pdf(link.user, now=now, paper=settings.CONFIG.paper, link=link, url=url)
    return pdf_download(content, now)


@never_cache
@login_required
@require_POST
def grant(request: HttpRequest) -> HttpResponse:
    form = GrantForm(request.POST)
    if not form.is_valid():
        return _page(request, grant_form=form, status=400)
    try:
        grant_access(
            _person(request),
            form.cleaned_data["clinician"],
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            now=timezone.now(),
        )
    except InputError as error:
        form.add_error(error.field if error.field in form.fields else None, error.reason)
        return _page(request, grant_form=form, status=400)
    return HttpResponseRedirect("/share/")


@never_cache
@login_required
@require_POST
def stop_grant(request: HttpRequest, grant_id: int) -> HttpResponse:
    if revoke_grant(_person(request), grant_id, now=timezone.now()) is None:
        return gone(request)
    return HttpResponseRedirect("/share/")
