"""The bedtime coach: steps with timers (own small JS), a tick for tonight, adherence strip."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from nightcramp.core.diary import answerable_night, night_of
from nightcramp.core.plan.routine import load_routine
from nightcramp.store.experiments.tonight import routine_done as experiment_routine_done
from nightcramp.store.plan.inputs import adherence, mark_bedtime_stretch
from nightcramp.web.experiments.views import tonight_context

from .common import person, source_list, stretch_hold_context

__all__ = ["routine_done", "routine_page"]


@login_required
def routine_page(request: HttpRequest) -> HttpResponse:
    routine = load_routine()
    tonight = night_of(timezone.localtime())
    nights = adherence(person(request), today=tonight)
    stretched = sum(1 for n in nights if n.stretched)
    logged = sum(1 for n in nights if n.cramp is not None)
    return render(
        request,
        "plan/routine.html",
        {
            "routine": routine,
            "minutes": round(routine.total_seconds / 60),
            "sources": source_list(list(routine.sources)),
            "nights": nights,
            "stretched": stretched,
            "cramp_nights": sum(1 for n in nights if n.cramp),
            "logged": logged,
            "done": request.GET.get("done") == "1",
            "tonight": tonight,
            # The experiment's box is about the coming night, as on every other page.
            **tonight_context(person(request)),
            **stretch_hold_context(person(request)),
        },
    )


@login_required
@require_POST
def routine_done(request: HttpRequest) -> HttpResponse:
    """Tick bedtime_stretch on tonight's night (noon boundary) and go back to the coach; a
    stretch experiment's answer for that night is kept once the night can be answered."""
    local = timezone.localtime()
    night = night_of(local)
    mark_bedtime_stretch(person(request), night)
    if night <= answerable_night(local):
        experiment_routine_done(person(request), night)
    return redirect(f"{reverse('plan:routine')}?done=1")
