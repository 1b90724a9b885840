"""The "See a doctor?" pages around the questionnaire: start page, saved results, history, and
"I have been seen" for an open result."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from nightcramp.core.diary import date_text
from nightcramp.core.triage import Disposition, split_reasons, tone_of
from nightcramp.core.triage.condition_words import condition_words
from nightcramp.core.triage.history_wording import load_history_wording
from nightcramp.store.triage.history import (
    TriageEntry,
    entry_of,
    resolve_result,
    triage_history,
)
from nightcramp.store.triage.models import TriageRecord
from nightcramp.store.triage.prefill import medicines_before_cramps
from nightcramp.store.triage.services import emergency_signs_in, local_services


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required and local mode give a real user
    return user


def day_words(moment: dt.datetime) -> str:
    """A moment's local day as people write it: "3 Dec 2026"."""
    return date_text(timezone.localtime(moment).date())


def _rows(entries: list[TriageEntry]) -> list[dict[str, object]]:
    """Each result with its words ("Manage at home") and whether it was seen to."""
    words = load_history_wording().history
    rows = []
    for entry in entries:
        if entry.resolved_at is not None:
            state = words.seen.format(date=day_words(entry.resolved_at))
        else:
            state = words.open if entry.open else ""
        rows.append({"entry": entry, "label": entry.label, "state": state})
    return rows


def says_more(label: str, headline: str) -> bool:
    """False when the headline only repeats the label in other small words ("Mention it at
    your next check-up" and "Mention this at your next check-up."): the page says it once."""

    def words(text: str) -> list[str]:
        found = re.findall(r"[\w'-]+", text.casefold())
        return ["it" if w == "this" else w for w in found]

    return words(headline) != words(label)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Start page: what the questionnaire does, and earlier results."""
    entries = triage_history(user_of(request))[:5]
    return render(request, "triage/index.html", {"records": _rows(entries)})


@login_required
def result(request: HttpRequest, pk: int) -> HttpResponse:
    """A saved result: the disposition first, in colour and words; "I have been seen" while
    it is open."""
    entry = entry_of(get_object_or_404(TriageRecord, pk=pk, user=user_of(request)))
    disposition = entry.disposition
    signs = emergency_signs_in(entry.advice)
    advice = entry.advice.replace(signs, "").strip() if signs else entry.advice
    advice = advice.removeprefix(entry.headline)
    reasons = split_reasons(entry.reasons)
    number = local_services().emergency_number
    context = {
        "why": reasons.why,
        "not_ruled_out": reasons.not_ruled_out,
        "asked": reasons.asked,
        # The headline says when to call (unanswered safety questions): the call button too.
        "headline_calls": disposition is not Disposition.EMERGENCY
        and bool(re.search(rf"(?<![\w+]){re.escape(number)}(?!\w)", entry.headline)),
        "advice": advice.strip(),
        "new_medicines": medicines_before_cramps(user_of(request)),
        "signs": signs,
        "entry": entry,
        "state": _rows([entry])[0]["state"],
        "words": load_history_wording(),
        "disposition": disposition.value,
        "tone": tone_of(disposition, entry.label).value,
        "label": entry.label,
        "headline": entry.headline if says_more(entry.label, entry.headline) else "",
        "emergency": disposition is Disposition.EMERGENCY,
        "consider": condition_words(entry.consider),
    }
    return render(request, "triage/result.html", context)


@login_required
def history(request: HttpRequest) -> HttpResponse:
    """Every saved result, newest first, and whether each was seen to."""
    entries = triage_history(user_of(request))
    return render(request, "triage/history.html", {"records": _rows(entries)})


@login_required
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    """ "I have been seen": mark the person's result seen to, then go back where they were."""
    entry = resolve_result(user_of(request), pk, now=timezone.now())
    if entry is None:
        raise Http404("No such result.")
    back = request.POST.get("back")
    if back == "home":
        return redirect(f"{reverse('diary:home')}?seen={entry.id}")
    if back == "plan":
        return redirect("plan:plan")
    return redirect("triage:result", pk=entry.id)
