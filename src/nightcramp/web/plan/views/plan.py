"""The plan page: the triage result first when it calls for more than self-care (or has
something to check first), then items.

"Worth a try" and "Not advised" fold behind their name and count, so the page stays a few screens;
a group holding an item the person answered "Tried it?" for stays open (the answer lands there).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.plan.content import load_plan_content
from nightcramp.core.triage import Disposition, label_of, tone_of
from nightcramp.core.triage.history_wording import load_history_wording
from nightcramp.store.diary.summary import diary_summary
from nightcramp.store.plan.inputs import plan_for_user, tried_items
from nightcramp.store.triage.history import reminder_title
from nightcramp.web.experiments.views import tonight_context

from .common import STATUS_WORDS, person, source_list, stretch_hold_context

__all__ = ["plan_page"]

# Groups that arrive folded; "Recommended" and "Check with your doctor" always stay open.
_FOLDED = frozenset({"optional", "not_advised"})

_TRIED_WORDS = {
    True: "You said this helped.",
    False: "You said this did not help.",
    None: "You said you are not sure yet.",
}


def _leading_words(triage: Mapping[str, object] | None) -> str:
    """The leading result in words, with the day it was saved: "Your symptom check on …"."""
    if triage is None:
        return ""
    label = label_of(triage)
    at = triage.get("at")
    if not isinstance(at, str):
        return label
    return reminder_title(dt.datetime.fromisoformat(at), label)


def _tone(triage: Mapping[str, object] | None) -> str:
    """The colour the leading result wears ("Check one thing first" is not the all-clear)."""
    if triage is None:
        return ""
    return tone_of(Disposition(str(triage["disposition"])), label_of(triage)).value


def _leading_entry(triage: Mapping[str, object] | None) -> dict[str, object] | None:
    """What the "I have been seen" button needs: the result's id and whether it is open."""
    if triage is None or not isinstance(triage.get("id"), int):
        return None
    return {"id": triage["id"], "open": bool(triage.get("open")), "resolved": False}


def _group_items(items: list[dict[str, object]], status: str) -> dict[str, object]:
    """One group of the page: its name, its items and whether it arrives folded or open."""
    return {
        "status": status,
        "label": STATUS_WORDS[status],
        "items": items,
        "folded": status in _FOLDED,
        "open": status not in _FOLDED or any(entry["tried"] for entry in items),
    }


@login_required
def plan_page(request: HttpRequest) -> HttpResponse:
    user = person(request)
    plan = plan_for_user(user, today=timezone.localdate())
    tried = tried_items(user)
    runs: list[tuple[str, list[dict[str, object]]]] = []
    for item in plan.items:
        entry = {
            "item": item,
            "grade_words": Grade(item.evidence_grade).words,
            "sources": source_list(list(item.sources)),
            "tried": _TRIED_WORDS.get(tried[item.id]) if item.id in tried else None,
            "can_try": item.status.value in {"recommended", "optional"} or item.id in tried,
        }
        if not runs or runs[-1][0] != item.status.value:
            runs.append((item.status.value, []))
        runs[-1][1].append(entry)
    triage, with_profile = plan.lead
    return render(
        request,
        "plan/plan.html",
        {
            "triage": triage,
            "triage_words": _leading_words(triage),
            "tone": _tone(triage),
            "with_profile": load_plan_content().messages.triage_with_profile
            if with_profile
            else "",
            "entry": _leading_entry(triage),
            "words": load_history_wording(),
            "groups": [_group_items(items, status) for status, items in runs],
            "summary": diary_summary(user),
            **tonight_context(user),
            **stretch_hold_context(user),
        },
    )
