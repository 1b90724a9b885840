""" "I tried this": the person says whether a plan item helped; the plan takes it into account."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from nightcramp.core.plan import load_plan_content
from nightcramp.store.plan.inputs import forget_tried, save_tried

from .common import person

__all__ = ["tried"]

_ANSWERS: dict[str, bool | None] = {"helped": True, "no_help": False, "unsure": None}


@login_required
@require_POST
def tried(request: HttpRequest, item_id: str) -> HttpResponse:
    """Store `answer` (helped, no_help, unsure, or clear) for one item, then back to the plan."""
    if item_id not in {item.id for item in load_plan_content().items}:
        return HttpResponseBadRequest("item: unknown plan item", content_type="text/plain")
    answer = request.POST.get("answer", "")
    user = person(request)
    if answer == "clear":
        forget_tried(user, item_id)
    elif answer in _ANSWERS:
        save_tried(user, item_id, _ANSWERS[answer])
    else:
        return HttpResponseBadRequest(
            "answer: must be helped, no_help, unsure or clear", content_type="text/plain"
        )
    return redirect(f"{reverse('plan:plan')}#item-{item_id}")
