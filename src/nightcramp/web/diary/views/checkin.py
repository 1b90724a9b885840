"""The evening check-in: the day's factors on one screen, the last answers offered again."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nightcramp.core.diary import STANDARD_FACTORS, FactorKind, Night
from nightcramp.store.diary import models
from nightcramp.store.diary.convert import night_to_core, save_night
from nightcramp.web.diary.forms import CheckinForm, CustomFactorForm

from nightcramp.store.diary.queries import current_night, night_before
from .person import person
from .undo import remember

__all__ = ["checkin", "factor_add", "night_delete"]


def _date_param(raw: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(raw) if raw else default
    except ValueError:
        return default


def _factors(user: User, *shown: Night | None) -> list[models.CustomFactor]:
    """The person's custom factors, plus any unnamed ones found in the nights `shown`.

    A custom column that came in with an import has no definition yet; its kind is read from
    the stored value so the check-in shows it too.
    """
    defined = list(models.CustomFactor.objects.filter(user=user).order_by("name"))
    known = {f.name for f in defined} | set(STANDARD_FACTORS)
    found: dict[str, str] = {}
    for night in shown:
        for name, value in ({} if night is None else night.factors).items():
            if name not in known:
                found[name] = (
                    FactorKind.BOOL if isinstance(value, bool) else FactorKind.NUMBER
                ).value
    extra = [models.CustomFactor(user=user, name=n, kind=k) for n, k in sorted(found.items())]
    return sorted([*defined, *extra], key=lambda f: f.name)


def _stored(user: User, date: dt.date) -> Night | None:
    row = models.Night.objects.filter(user=user, date=date).first()
    return None if row is None else night_to_core(row)


@login_required
def checkin(request: HttpRequest) -> HttpResponse:
    """GET: the check-in for `?date=` (default tonight). POST: save that night's answers."""
    user = person(request)
    if request.method == "POST":
        posted_date = _date_param(request.POST.get("date"), current_night())
        posted = _stored(user, posted_date)
        shown = posted if posted is not None else night_before(user, posted_date)
        form = CheckinForm(request.POST, custom_factors=_factors(user, shown))
        if form.is_valid():
            stored = _stored(user, form.cleaned_data["date"])
            kept = {} if stored is None else dict(stored.factors)
            night = form.to_night(kept_custom=kept)
            save_night(user, night)
            return redirect(f"{reverse('diary:home')}?checked=1")
        date = _date_param(request.POST.get("date"), current_night())
        stored, offered = None, None
        status = 400
    else:
        date = _date_param(request.GET.get("date"), current_night())
        stored = _stored(user, date)
        offered = None if stored is not None else night_before(user, date)
        initial = CheckinForm.initial_from(stored or offered or Night(date=date))
        initial["date"] = date
        form = CheckinForm(initial=initial, custom_factors=_factors(user, stored, offered))
        status = 200
    context = {
        "form": form,
        "date": date,
        "stored": stored,
        "offered": offered,
        "factor_form": CustomFactorForm(),
    }
    return render(request, "diary/checkin.html", context, status=status)


@login_required
@require_POST
def factor_add(request: HttpRequest) -> HttpResponse:
    """Add a custom factor of the person's own, then go back to the check-in."""
    user = person(request)
    factors = _factors(user)
    form = CustomFactorForm(request.POST, existing=[f.name for f in factors if f.pk is not None])
    date = _date_param(request.POST.get("date"), current_night())
    if form.is_valid():
        models.CustomFactor.objects.create(
            user=user, name=form.cleaned_data["name"], kind=form.cleaned_data["kind"]
        )
        return redirect(f"{reverse('diary:checkin')}?date={date.isoformat()}")
    stored = _stored(user, date)
    offered = None if stored is not None else night_before(user, date)
    initial = CheckinForm.initial_from(stored or offered or Night(date=date))
    initial["date"] = date
    context = {
        "form": CheckinForm(initial=initial, custom_factors=_factors(user, stored, offered)),
        "date": date,
        "stored": stored,
        "offered": offered,
        "factor_form": form,
        "factor_open": True,
    }
    return render(request, "diary/checkin.html", context, status=400)


@login_required
@require_POST
def night_delete(request: HttpRequest, date: str) -> HttpResponse:
    """Delete a night's check-in (the night becomes unlogged); Undo brings it back."""
    user = person(request)
    day = _date_param(date, dt.date.min)
    row = get_object_or_404(models.Night, user=user, date=day)
    night = night_to_core(row)
    data = {"date": day.isoformat(), "factors": dict(night.factors)}
    token = remember(request, "night", data)
    row.delete()
    return redirect(f"{reverse('diary:history')}?month={day:%Y-%m}&undo={token}")
