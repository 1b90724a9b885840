"""`/access-log/`: "Who has seen my diary", for the person whose diary it is."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from nightcramp.store.sharing.audit import access_log_page

__all__ = ["seen"]


@never_cache
@login_required
@require_safe
def seen(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required
    log = access_log_page(user, request.GET.get("page"))
    return render(request, "sharing/access_log.html", {"log": log, "entries": log.entries})
