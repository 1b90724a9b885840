"""The "See a doctor?" pages around the questionnaire: start page, saved results, history."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from nightcramp.core.triage import Disposition, load_rules
from nightcramp.store.triage.models import TriageRecord
from nightcramp.store.triage.prefill import medicines_before_cramps


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required and local mode give a real user
    return user


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Start page: what the questionnaire does, and earlier results."""
    records = TriageRecord.objects.filter(user=user_of(request))[:5]
    return render(request, "triage/index.html", {"records": _labelled(records)})


def _labelled(records: Iterable[TriageRecord]) -> list[tuple[TriageRecord, str]]:
    """Each record with its result in words ("Manage at home"), not its stored code."""
    labels = load_rules().labels
    return [(record, labels[Disposition(record.disposition)]) for record in records]


def _dial(number: str) -> str:
    """The first number to dial in a setting such as "999 / 911 / 112" (for a tel: link)."""
    found = re.search(r"\d+", number)
    return found.group(0) if found else ""


@login_required
def result(request: HttpRequest, pk: int) -> HttpResponse:
    """A saved result: the disposition first, in colour and words."""
    record = get_object_or_404(TriageRecord, pk=pk, user=user_of(request))
    disposition = Disposition(record.disposition)
    book = load_rules()
    advice = str(record.result.get("advice", ""))
    signs = book.emergency_signs if book.emergency_signs in advice else ""
    advice = advice.replace(book.emergency_signs, "").removeprefix(book.headlines[disposition])
    number = str(settings.NIGHTCRAMP_EMERGENCY_NUMBER)
    context = {
        "advice": advice.strip(),
        "new_medicines": medicines_before_cramps(user_of(request)),
        "signs": signs,
        "tel": _dial(number),
        "record": record,
        "result": record.result,
        "disposition": disposition.value,
        "label": book.labels[disposition],
        "headline": book.headlines[disposition],
        "emergency": disposition is Disposition.EMERGENCY,
        "emergency_number": number,
        "consider": [c.replace("_", " ") for c in record.result.get("consider", [])],
    }
    return render(request, "triage/result.html", context)


@login_required
def history(request: HttpRequest) -> HttpResponse:
    """Every saved result, newest first."""
    records = TriageRecord.objects.filter(user=user_of(request))
    return render(request, "triage/history.html", {"records": _labelled(records)})
