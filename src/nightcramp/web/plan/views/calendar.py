"""Private calendar subscription: create and revoke a secret URL; the public feed behind it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from nightcramp.core.interop.ics import reminders_ics
from nightcramp.store.plan.models import CalendarToken, hash_calendar_secret, new_calendar_secret
from nightcramp.store.plan.reminders import reminders_for
from nightcramp.web.links import public_url

from .common import person

__all__ = ["calendar_create", "calendar_feed", "calendar_page", "calendar_revoke"]

_NEW_SECRET = "plan_calendar_new_secret"


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    user = person(request)
    secret = request.session.pop(_NEW_SECRET, None)
    new_url = (
        public_url(request, reverse("plan:calendar_feed", args=[secret]))
        if isinstance(secret, str)
        else None
    )
    tokens = CalendarToken.objects.filter(user=user, revoked_at__isnull=True).order_by("created")
    return render(request, "plan/calendar.html", {"tokens": list(tokens), "new_url": new_url})


@login_required
@require_POST
def calendar_create(request: HttpRequest) -> HttpResponse:
    """Make a new secret URL; it is shown once, on the next page view."""
    secret = new_calendar_secret()
    CalendarToken.objects.create(user=person(request), token_hash=hash_calendar_secret(secret))
    request.session[_NEW_SECRET] = secret
    return redirect("plan:calendar")


@login_required
@require_POST
def calendar_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's URLs (another user's id changes nothing, like a missing one)."""
    CalendarToken.objects.filter(pk=pk, user=person(request), revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return redirect("plan:calendar")


@require_GET
def calendar_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """The reminders feed of a live secret; 404 for a wrong or revoked one. No other data."""
    token = (
        CalendarToken.objects.select_related("user")
        .filter(token_hash=hash_calendar_secret(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        raise Http404("No such calendar.")
    today = timezone.localdate()
    times = settings.CONFIG.reminder_times  # checked when the settings were read
    body = reminders_ics(
        reminders_for(token.user, times, today=today),
        start=today,
        tz=timezone.get_current_timezone_name(),
        stamp=dt.datetime.combine(today, dt.time(0), tzinfo=dt.UTC),
        uid_domain=f"cal{token.pk}.nightcramp.local",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Disposition"] = 'inline; filename="nightcramp.ics"'
    return response
