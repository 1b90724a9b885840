"""The "See a doctor?" questionnaire: one screen at a time, then the result, saved."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from nightcramp.core.triage import Disposition, assess, load_rules
from nightcramp.core.triage.questionnaire import questions_to_ask, screens
from nightcramp.core.triage.vocabulary import AnswerValue
from nightcramp.store.triage.history import save_assessment
from nightcramp.store.triage.models import TriageRecord
from nightcramp.store.triage.prefill import known_answers, medicines_before_cramps
from nightcramp.web.triage.forms import ScreenForm

_SESSION = "triage_answers"


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required and local mode give a real user
    return user


def _answers(request: HttpRequest) -> dict[str, AnswerValue]:
    raw: dict[str, Any] = request.session.get(_SESSION, {})
    return {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}


def _store(request: HttpRequest, answers: dict[str, AnswerValue]) -> None:
    request.session[_SESSION] = {
        k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()
    }


def _next_screen(after: int, answers: dict[str, AnswerValue]) -> int | None:
    all_screens = screens()
    for number in range(after + 1, len(all_screens) + 1):
        if questions_to_ask(all_screens[number - 1], answers):
            return number
    return None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Start page: what the questionnaire does, and earlier results."""
    records = TriageRecord.objects.filter(user=_user(request))[:5]
    return render(request, "triage/index.html", {"records": _labelled(records)})


def _labelled(records: Iterable[TriageRecord]) -> list[tuple[TriageRecord, str]]:
    """Each record with its result in words ("Manage at home"), not its stored code."""
    labels = load_rules().labels
    return [(record, labels[Disposition(record.disposition)]) for record in records]


@login_required
@require_http_methods(["POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Begin a new questionnaire, with what the profile and diary already say filled in."""
    _store(request, known_answers(_user(request), timezone.localdate()))
    return redirect("triage:step", number=1)


@login_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, number: int) -> HttpResponse:
    """One screen of questions; an emergency answer goes straight to the result."""
    all_screens = screens()
    if not 1 <= number <= len(all_screens):
        return redirect("triage:index")
    screen = all_screens[number - 1]
    answers = _answers(request)
    questions = questions_to_ask(screen, answers)
    initial = {q.key: _initial(answers.get(q.key)) for q in questions}
    form = ScreenForm(questions, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        for key, value in form.answers().items():
            if value is None:
                answers.pop(key, None)
            else:
                answers[key] = value
        _store(request, answers)
        following = _next_screen(number, answers)
        if following is None or assess(answers).disposition is Disposition.EMERGENCY:
            record = save_assessment(_user(request), answers)
            request.session.pop(_SESSION, None)
            return redirect("triage:result", pk=record.pk)
        return redirect("triage:step", number=following)
    context = {
        "screen": screen,
        "form": form,
        "number": number,
        "total": len(all_screens),
        "back": number - 1 if number > 1 else None,
    }
    return render(request, "triage/step.html", context)


def _initial(value: AnswerValue | None) -> object:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, tuple):
        return "\n".join(value)
    return value


def _dial(number: str) -> str:
    """The first number to dial in a setting such as "999 / 911 / 112" (for a tel: link)."""
    found = re.search(r"\d+", number)
    return found.group(0) if found else ""


@login_required
def result(request: HttpRequest, pk: int) -> HttpResponse:
    """A saved result: the disposition first, in colour and words."""
    record = get_object_or_404(TriageRecord, pk=pk, user=_user(request))
    disposition = Disposition(record.disposition)
    book = load_rules()
    advice = str(record.result.get("advice", ""))
    signs = book.emergency_signs if book.emergency_signs in advice else ""
    advice = advice.replace(book.emergency_signs, "").removeprefix(book.headlines[disposition])
    number = str(settings.NIGHTCRAMP_EMERGENCY_NUMBER)
    context = {
        "advice": advice.strip(),
        "new_medicines": medicines_before_cramps(_user(request)),
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
    records = TriageRecord.objects.filter(user=_user(request))
    return render(request, "triage/history.html", {"records": _labelled(records)})
