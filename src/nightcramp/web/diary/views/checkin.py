"""The evening check-in: the day's factors on one screen, the last answers offered again."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nightcramp.core.diary import STANDARD_FACTORS, FactorKind, Night
from nightcramp.core.errors import InputError
from nightcramp.core.experiments.content import load_experiment_content
from nightcramp.store.diary.factors import add_custom_factor, custom_factors
from nightcramp.store.diary.nights import SaveMode, delete_night, find_night, save_night
from nightcramp.store.diary.queries import current_night, night_before
from nightcramp.store.experiments.tonight import NightArm
from nightcramp.web.diary.forms import CheckinForm, CustomFactorForm
from nightcramp.web.diary.forms.checkin import custom_field_name
from nightcramp.web.diary.forms.fields import add_problems
from nightcramp.web.experiments.views import tonight_context
from nightcramp.web.plan.views.common import stretch_hold_context

if TYPE_CHECKING:
    from django.contrib.auth.models import User

from .person import OTHER_PERSON, person, posted_by_someone_else
from .undo import remember

__all__ = ["checkin", "factor_add", "night_delete"]


def _date_param(raw: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(raw) if raw else default
    except ValueError:
        return default


def _tested_factor(night: NightArm | None) -> str | None:
    """The diary factor the experiment going on `night` tests: the one its change names, else
    a standard factor with the change's own id; None without an experiment that night."""
    if night is None:
        return None
    change = load_experiment_content().changes.get(night.change_id)
    if change is not None and change.diary_factor:
        return change.diary_factor
    return night.change_id if night.change_id in STANDARD_FACTORS else None


def _page(
    request: HttpRequest, date: dt.date, factor_form: CustomFactorForm, status: int
) -> HttpResponse:
    """The check-in of `date` showing what is stored (or the answers of the night before)."""
    user = person(request)
    stored = find_night(user, date)
    offered = None if stored is not None else night_before(user, date)
    initial = CheckinForm.initial_from(stored or offered or Night(date=date))
    initial["date"] = date
    experiment = tonight_context(user, date)
    night = experiment["experiment_night"]
    factor = _tested_factor(night if isinstance(night, NightArm) else None)
    key = factor if factor in STANDARD_FACTORS or factor is None else custom_field_name(factor)
    # Another night's answer is no answer for this night of the experiment: it stays unknown.
    carried = stored is None and key is not None and initial.pop(key, None) is not None
    form = CheckinForm(initial=initial, custom_factors=custom_factors(user, [stored, offered]))
    left_blank = form[key].label if carried and key in form.fields else None
    context = {
        "form": form,
        "stored": stored,
        "offered": offered,
        "left_blank": left_blank,
        "factor_form": factor_form,
        "factor_open": status != 200,
        **_around(user, date, experiment),
    }
    return render(request, "diary/checkin.html", context, status=status)


def _around(
    user: User, date: dt.date, experiment: dict[str, object] | None = None
) -> dict[str, object]:
    """What the check-in shows around its form however it was reached (a first look or a
    refused save): the night, tonight's experiment arm and why the stretch is held."""
    return {
        "date": date,
        "tonight": current_night(),
        **(experiment if experiment is not None else tonight_context(user, date)),
        **stretch_hold_context(user),
    }


@login_required
def checkin(request: HttpRequest) -> HttpResponse:
    """GET: the check-in for `?date=` (default tonight). POST: save that night's answers."""
    if request.method != "POST":
        date = _date_param(request.GET.get("date"), current_night())
        return _page(request, date, CustomFactorForm(), 200)
    user = person(request)
    date = _date_param(request.POST.get("date"), current_night())
    posted = find_night(user, date)
    shown = posted if posted is not None else night_before(user, date)
    form = CheckinForm(request.POST, custom_factors=custom_factors(user, [shown]))
    if posted_by_someone_else(request):
        form.add_error(None, OTHER_PERSON)
    elif form.is_valid():
        try:
            save_night(user, form.cleaned_data["date"], form.factors(), mode=SaveMode.MERGE)
        except InputError as error:
            add_problems(form, error, form.field_key)
        else:
            return redirect(f"{reverse('diary:home')}?checked=1")
    context = {
        "form": form,
        "stored": None,
        "offered": None,
        "factor_form": CustomFactorForm(),
        **_around(user, date),
    }
    return render(request, "diary/checkin.html", context, status=400)


@login_required
@require_POST
def factor_add(request: HttpRequest) -> HttpResponse:
    """Add a custom factor of the person's own, then go back to the check-in."""
    user = person(request)
    existing = [f.name for f in custom_factors(user) if f.defined]
    form = CustomFactorForm(request.POST, existing=existing)
    date = _date_param(request.POST.get("date"), current_night())
    if form.is_valid():
        try:
            add_custom_factor(
                user, form.cleaned_data["name"], FactorKind(form.cleaned_data["kind"])
            )
        except InputError as error:
            add_problems(form, error)
        else:
            return redirect(f"{reverse('diary:checkin')}?date={date.isoformat()}")
    return _page(request, date, form, 400)


@login_required
@require_POST
def night_delete(request: HttpRequest, date: str) -> HttpResponse:
    """Delete a night's check-in (the night becomes unlogged); Undo brings it back."""
    day = _date_param(date, dt.date.min)
    night = delete_night(person(request), day)
    if night is None:
        raise Http404("No such night.")
    data = {"date": day.isoformat(), "factors": dict(night.factors)}
    token = remember(request, "night", data)
    return redirect(f"{reverse('diary:history')}?month={day:%Y-%m}&undo={token}")
