"""The "See a doctor?" questionnaire: one screen at a time; the result is saved at the end."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from nightcramp.core.triage import Disposition, assess
from nightcramp.core.triage.questionnaire import questions_to_ask, screens
from nightcramp.core.triage.vocabulary import AnswerValue
from nightcramp.store.triage.history import save_assessment
from nightcramp.store.triage.prefill import known_answers
from nightcramp.web.triage.forms import ScreenForm
from nightcramp.web.triage.views import user_of

_SESSION = "triage_answers"


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
@require_http_methods(["POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Begin a new questionnaire, with what the profile and diary already say filled in."""
    _store(request, known_answers(user_of(request), timezone.localdate()))
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
            record = save_assessment(user_of(request), answers)
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
