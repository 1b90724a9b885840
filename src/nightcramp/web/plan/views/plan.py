"""The plan page: the triage result first when it calls for more than self-care, then items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.triage import Disposition, load_rules
from nightcramp.core.triage.history_wording import load_history_wording
from nightcramp.store.diary.summary import diary_summary
from nightcramp.store.plan.inputs import plan_for_user, tried_items
from nightcramp.web.triage.views import day_words

from .common import STATUS_WORDS, person, source_list

__all__ = ["plan_page"]

_TRIED_WORDS = {
    True: "You said this helped.",
    False: "You said this did not help.",
    None: "You said you are not sure yet.",
}


def _leading_words(triage: Mapping[str, object] | None) -> str:
    """The leading result in words, with the day it was saved: "Your symptom check on …"."""
    if triage is None:
        return ""
    label = load_rules().labels[Disposition(str(triage["disposition"]))]
    at = triage.get("at")
    if not isinstance(at, str):
        return label
    day = day_words(dt.datetime.fromisoformat(at))
    return load_history_wording().reminder.title.format(date=day, label=label)


def _leading_entry(triage: Mapping[str, object] | None) -> dict[str, object] | None:
    """What the "I have been seen" button needs: the result's id and whether it is open."""
    if triage is None or not isinstance(triage.get("id"), int):
        return None
    return {"id": triage["id"], "open": bool(triage.get("open")), "resolved": False}


@login_required
def plan_page(request: HttpRequest) -> HttpResponse:
    user = person(request)
    plan = plan_for_user(user, today=timezone.localdate())
    tried = tried_items(user)
    groups: list[dict[str, object]] = []
    for item in plan.items:
        entry = {
            "item": item,
            "grade_words": Grade(item.evidence_grade).words,
            "sources": source_list(list(item.sources)),
            "tried": _TRIED_WORDS.get(tried[item.id]) if item.id in tried else None,
            "can_try": item.status.value in {"recommended", "optional"} or item.id in tried,
        }
        if not groups or groups[-1]["status"] != item.status.value:
            groups.append(
                {"status": item.status.value, "label": STATUS_WORDS[item.status], "items": []}
            )
        items = groups[-1]["items"]
        assert isinstance(items, list)
        items.append(entry)
    triage = plan.triage
    return render(
        request,
        "plan/plan.html",
        {
            "triage": triage,
            "triage_words": _leading_words(triage),
            "entry": _leading_entry(triage),
            "words": load_history_wording(),
            "groups": groups,
            "summary": diary_summary(user),
        },
    )
