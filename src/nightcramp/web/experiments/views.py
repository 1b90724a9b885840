"""Pages of self-experiments: choose a change and start it, then one experiment's page
(tonight, the calendar of arms, progress, the looks, the verdict, pause/resume/stop and
adherence). Each view parses the request, calls the store and renders.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from nightcramp.core.diary import NIGHT_BOUNDARY_HOUR, answerable_night, coming_night
from nightcramp.core.errors import InputError
from nightcramp.core.experiments.content import load_experiment_content
from nightcramp.core.experiments.eligibility import MayRun
from nightcramp.core.experiments.schedule import Schedule
from nightcramp.core.knowledge.sources import load_sources
from nightcramp.store.experiments.adherence import record_followed
from nightcramp.store.experiments.lifecycle import (
    GOING,
    Refused,
    check_for_user,
    experiments_of,
    find_experiment,
    going_experiment,
    pause_experiment,
    resume_experiment,
    resume_refusal,
    start_experiment,
    stop_experiment,
)
from nightcramp.store.experiments.models import Experiment
from nightcramp.store.experiments.progress import Outlook, experiment_outlook
from nightcramp.store.experiments.tonight import night_arm
from nightcramp.web.experiments.chart import looks_chart
from nightcramp.web.experiments.forms import FollowedForm, ReasonForm, StartForm

__all__ = ["act", "detail", "followed", "home_context", "index", "start", "tonight_context"]


def _person(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required and the local-mode middleware see to it
    return user


def _tonight() -> dt.date:
    return coming_night(timezone.localtime())


def tonight_context(user: User, date: dt.date | None = None) -> dict[str, object]:
    """`experiment_night` (a NightArm or None) for the night `date` (default: tonight) and
    `experiment_is_tonight`: what the home page and the check-in pass to
    `experiments/_tonight.html`."""
    tonight = _tonight()
    night = tonight if date is None else date
    return {
        "experiment_night": night_arm(user, night),
        "experiment_is_tonight": night == tonight,
        # A night still to come cannot be answered yet.
        "experiment_answerable": night <= answerable_night(timezone.localtime()),
    }


def home_context(user: User, now: dt.datetime) -> dict[str, object]:
    """What the home page shows of a going experiment at `now`: the plan for tonight (the night
    still going on before 5 a.m., else the coming one), and whether a plan was followed for the
    night that can be answered: last night in the morning, tonight from 6 p.m. (and through the
    night); in the afternoon no question, since tonight has not come yet."""
    local = timezone.localtime(now)
    hour, today = local.hour, local.date()
    coming = coming_night(local)
    context: dict[str, object] = {
        "experiment_night": night_arm(user, coming),
        "experiment_is_tonight": True,
        "experiment_asks": True,
        "experiment_ask": None,
    }
    if answerable_night(local) == coming:
        context |= {
            "experiment_ask": context["experiment_night"],
            "experiment_ask_whose": "tonight's",
        }
    elif hour < NIGHT_BOUNDARY_HOUR:
        last = night_arm(user, today - dt.timedelta(days=1))
        context |= {"experiment_ask": last, "experiment_ask_whose": "last night's"}
        if context["experiment_night"] is None and last is not None:
            # The morning after the last night: no plan tonight, but last night's to answer.
            context |= {"experiment_night": last, "experiment_is_tonight": False}
    return context


def _changes(user: User, tonight: dt.date) -> list[dict[str, object]]:
    sources = load_sources()
    rows = []
    method = _method_sources()
    for change in load_experiment_content().changes.values():
        allowed = check_for_user(user, change, today=tonight)
        rows.append(
            {
                "e": allowed,
                "json": allowed.to_json(),
                # The change's evidence; the method every change shares is cited once.
                "sources": [
                    sources[s] for s in allowed.sources if s in sources and s not in method
                ],
                "may_start": allowed.may_run is not MayRun.NO,
                "ask_doctor": allowed.may_run is MayRun.ASK_DOCTOR,
                "weeks": 2 * change.pairs * change.period_nights // 7,
            }
        )
    return rows


def _method_sources() -> tuple[str, ...]:
    """The sources every change cites: the method of self-experiments, not a change's evidence."""
    changes = list(load_experiment_content().changes.values())
    return tuple(s for s in changes[0].sources if all(s in c.sources for c in changes))


def _past(row: Experiment) -> dict[str, object]:
    change = load_experiment_content().changes.get(row.change_id)
    name = row.change_id if change is None else change.name
    return {"pk": row.pk, "name": name, "start": row.start, "status_words": row.status}


def _index(request: HttpRequest, form: StartForm | None, status: int) -> HttpResponse:
    user = _person(request)
    tonight = _tonight()
    context = {
        "changes": _changes(user, tonight),
        "form": form,
        "going": going_experiment(user),
        "past": [_past(r) for r in experiments_of(user) if r.status not in GOING],
        "pregnancy_words": load_experiment_content().wording.reasons.pregnancy,
        "method_sources": [load_sources()[s] for s in _method_sources()],
    }
    return render(request, "experiments/index.html", context, status=status)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The going experiment's page, or the changes to choose from and past experiments."""
    going = going_experiment(_person(request))
    if going is not None and request.GET.get("choose") != "1":
        return redirect("experiments:detail", pk=going.pk)
    return _index(request, None, 200)


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """Start the chosen change from tonight; a refusal shows the choices again with why."""
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            row = start_experiment(
                _person(request),
                form.cleaned_data["change"],
                now=timezone.now(),
                doctor_agreed=form.cleaned_data["doctor_agreed"],
            )
        except InputError as error:
            form.add_error(None, error.reason)
            return _index(request, form, 409 if isinstance(error, Refused) else 400)
        return redirect(f"{reverse('experiments:detail', kwargs={'pk': row.pk})}?started=1")
    return _index(request, form, 400)


def _own(request: HttpRequest, pk: int) -> Experiment:
    row = find_experiment(_person(request), pk)
    if row is None:
        raise Http404("No such experiment.")
    return row


def _calendar(schedule: Schedule, tonight: dt.date, washout: int) -> list[dict[str, object]]:
    """One row per period: its number, arm and nights (tonight marked, washout marked)."""
    rows: list[dict[str, Any]] = []
    for night in schedule.nights:
        if not rows or rows[-1]["period"] != night.period:
            rows.append({"period": night.period, "arm": night.arm.value, "nights": []})
        rows[-1]["nights"].append(
            {
                "date": night.date,
                "tonight": night.date == tonight,
                "past": night.date < tonight,
                "followed": night.followed,
                "washout": len(rows[-1]["nights"]) < washout,
            }
        )
    return rows


def _detail_context(outlook: Outlook) -> dict[str, object]:
    row = outlook.row
    status = outlook.status_json()
    result = outlook.result_json()
    looks = result["looks"]
    assert isinstance(looks, list)
    change = load_experiment_content().changes.get(row.change_id)
    answerable = answerable_night(timezone.localtime())
    past = [n.date for n in outlook.schedule.nights if n.date <= answerable]
    next_look = status["next_look"]
    going = row.status in GOING
    tonight_night = night_arm(row.user, outlook.tonight) if going else None
    first = outlook.schedule.nights[0].date if outlook.schedule.nights else None
    # Started in the small hours: the night under way is not in it; its first night is shown.
    first_to_come = False
    if going and tonight_night is None and first is not None and first > outlook.tonight:
        first_to_come, tonight_night = True, night_arm(row.user, first)
    return {
        "row": row,
        "change": change,
        "status": status,
        "result": result,
        "looks": [{**lk, "day": dt.date.fromisoformat(lk["date"])} for lk in looks],
        "next_look_day": None
        if not isinstance(next_look, dict)
        else dt.date.fromisoformat(next_look["date"]),
        "chart": looks_chart(looks, row.pairs) if looks else None,
        "calendar": _calendar(outlook.schedule, outlook.tonight, row.washout_nights),
        "tonight_night": tonight_night,
        "tonight_is_tonight": not first_to_come,
        "tonight_answerable": outlook.tonight <= answerable and not first_to_come,
        "going": going,
        "paused": row.status == Experiment.Status.PAUSED,
        # "Go on" is offered only when it would be taken; otherwise the page says why not.
        "resume_refused": resume_refusal(row, now=timezone.now())
        if row.status == Experiment.Status.PAUSED
        else None,
        "end": outlook.schedule.last,
        "answer_first": past[0] if past else None,
        "answer_last": past[-1] if past else None,
        # The latest night of the experiment that can be answered (never one outside it).
        "last_night": past[-1] if past else None,
        "reason_form": ReasonForm(),
        "followed_form": FollowedForm(),
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One experiment of the person (404 for anyone else's)."""
    row = _own(request, pk)
    outlook = experiment_outlook(row, now=timezone.now())
    context = _detail_context(outlook)
    context["started"] = request.GET.get("started") == "1"
    context["saved"] = request.GET.get("saved", "")
    return render(request, "experiments/detail.html", context)


_ACTIONS = {"pause": pause_experiment, "resume": resume_experiment, "stop": stop_experiment}


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Pause, go on with or stop the experiment, with an optional reason."""
    row = _own(request, pk)
    if action not in _ACTIONS:
        raise Http404("No such action.")
    experiment_outlook(row, now=timezone.now())  # the app's own pauses and ends come first
    form = ReasonForm(request.POST)
    problem = ""
    if form.is_valid():
        try:
            _ACTIONS[action](row, form.cleaned_data["reason"], now=timezone.now())
        except InputError as error:
            problem = error.reason
    else:
        problem = " ".join(str(e) for e in form.errors.get("reason", []))
    if not problem:
        return redirect(f"{reverse('experiments:detail', kwargs={'pk': row.pk})}?saved={action}")
    context = _detail_context(experiment_outlook(row, now=timezone.now()))
    context["problem"] = problem
    return render(request, "experiments/detail.html", context, status=409)


def _back(request: HttpRequest, row: Experiment) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return f"{reverse('experiments:detail', kwargs={'pk': row.pk})}?saved=followed"


@login_required
@require_POST
def followed(request: HttpRequest, pk: int) -> HttpResponse:
    """Record whether a night's arm was followed (yes, no, or forget the answer)."""
    row = _own(request, pk)
    form = FollowedForm(request.POST)
    if form.is_valid():
        try:
            record_followed(
                row, form.cleaned_data["date"], form.cleaned_data["answer"], now=timezone.now()
            )
        except InputError as error:
            form.add_error("date", error.reason)
        else:
            return redirect(_back(request, row))
    context = _detail_context(experiment_outlook(row, now=timezone.now()))
    context["followed_form"] = form
    context["problem"] = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return render(request, "experiments/detail.html", context, status=400)
