"""The "See a doctor?" questionnaire: one step a screen; the result is saved at the end.

The flow is the core's (`Progress.next_step`): a follow-up comes only after the answer that
makes it apply, a question whose answer cannot change the result is not asked, and an
emergency answer goes straight to the result.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from nightcramp.core.diary import date_text
from nightcramp.core.triage.phrasing import question_text
from nightcramp.core.triage.prefill import DIARY_DAYS, DIARY_KEYS
from nightcramp.core.triage.questionnaire import Progress, Reply, Step
from nightcramp.store.triage.history import save_assessment
from nightcramp.store.triage.prefill import known_answers, medicines_started_lately
from nightcramp.web.triage.forms import StepForm, buttons, kind_of
from nightcramp.web.triage.views import user_of

_SESSION = "triage_progress"

# VOCABULARY.md, Medicines: "In the last 12 weeks, have you started a new medicine …?" A medicine
# on the person's list started in those 12 weeks marks Yes (the person can change it); one
# with no start date says nothing, so the answer stays theirs. The statin or water tablet
# question names the same medicines, unmarked: which kind each is, is for the person to say.
NEW_MEDICINE = "new_medication_last_weeks"
_NAMES_NEW_MEDICINES = (NEW_MEDICINE, "started_statin_or_diuretic_recently")


def _progress(request: HttpRequest) -> Progress | None:
    data = request.session.get(_SESSION)
    if not isinstance(data, dict):
        return None
    try:
        return Progress.from_json(data)
    except (KeyError, TypeError, IndexError, AssertionError):  # a questionnaire that changed
        return None


def _store(request: HttpRequest, progress: Progress) -> None:
    request.session[_SESSION] = progress.to_json()


@login_required
@require_http_methods(["POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Begin a new questionnaire, with what the profile and diary already say filled in."""
    known = known_answers(user_of(request), timezone.localdate())
    _store(request, Progress(known=known))
    return redirect("triage:step", number=1)


def _finish(request: HttpRequest, progress: Progress) -> HttpResponse:
    record = save_assessment(user_of(request), progress.answers)
    request.session.pop(_SESSION, None)
    return redirect("triage:result", pk=record.pk)


@login_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, number: int) -> HttpResponse:
    """One step: a question, or one topic's yes/no questions together, with big buttons."""
    progress = _progress(request)
    if progress is None:
        return redirect("triage:index")
    if not 1 <= number <= progress.asked + 1:
        return redirect("triage:step", number=progress.asked + 1)
    before = progress.back_to(number)
    current = before.next_step()
    if current is None:
        return _finish(request, before)
    form = StepForm(current, request.POST or None)
    if request.method == "POST" and form.is_valid():
        after = before.answer(current, form.reply())
        _store(request, after)
        if after.next_step() is None:
            return _finish(request, after)
        return redirect("triage:step", number=number + 1)
    earlier = progress.log[number - 1][1] if number <= progress.asked else _NOT_ANSWERED
    if request.method == "GET" and kind_of(current) in ("number", "list"):
        form = StepForm(current, initial={"value": _typed(earlier)})
    started = _started_lately(user_of(request), current, timezone.localdate())
    chosen = _button_of(current, earlier)
    marked = not chosen and bool(started) and NEW_MEDICINE in current.keys
    context = {
        "form": form,
        "step": current,
        "kind": kind_of(current),
        "texts": [question_text(k, before.answers) for k in current.keys],
        "buttons": buttons(current),
        "chosen": "yes" if marked else chosen,
        "marked": marked,
        "started": started,
        "number": number,
        "call_now": before.opened_emergency_signs(current),
        "back": number - 1 if number > 1 else None,
        "review": _review(before),
        "diary_weeks": DIARY_DAYS // 7,
    }
    return render(request, "triage/step.html", context)


_NOT_ANSWERED = object()


def _started_lately(user: User, current: Step, today: dt.date) -> list[tuple[str, str]]:
    """For a step about new medicines: the person's medicines started in the last 12 weeks,
    oldest first, as ("indapamide", "20 Oct 2026"). Empty for any other step."""
    if not set(_NAMES_NEW_MEDICINES) & set(current.keys):
        return []
    return [(name, date_text(on)) for name, on in medicines_started_lately(user, today)]


def _typed(reply: object) -> object:
    if isinstance(reply, tuple):
        return "\n".join(reply)
    return reply if isinstance(reply, int | float) and not isinstance(reply, bool) else None


def _button_of(current: Step, reply: object) -> str:
    """The button that gave `reply` on this step before (shown as the answer given)."""
    if reply is _NOT_ANSWERED:
        return ""
    if reply is None:
        return "unsure"
    if kind_of(current) == "yes_no":
        return "yes" if reply is True else "no"
    if kind_of(current) == "enum":
        return str(reply)
    if reply == ():
        return "none"
    return "next"


def word_of(reply: Reply) -> tuple[str, str]:
    """An answer in one word, and its colour class: Yes, No, Not sure, or the value."""
    if reply is True:
        return "Yes", "yes"
    if reply is False:
        return "No", "no"
    if reply is None:
        return "Not sure", "unsure"
    if isinstance(reply, tuple):
        return (", ".join(reply) or "None"), "value"
    if isinstance(reply, float):
        return f"{reply:g}", "value"
    return str(reply).capitalize(), "value"


def _review(progress: Progress) -> list[dict[str, Any]]:
    """Every answer so far, the answer first: what the records said, then each step."""
    rows: list[dict[str, Any]] = []
    for key, value in progress.known.items():
        word, colour = word_of(value)
        texts = [question_text(key, progress.known)]
        from_diary = key in DIARY_KEYS
        rows.append(
            {"word": word, "colour": colour, "texts": texts, "number": None, "diary": from_diary}
        )
    for number, (done, reply) in enumerate(progress.log, start=1):
        word, colour = word_of(reply)
        if done.together and reply is True:
            word = "Yes, to one or more"
        texts = [question_text(k, progress.answers) for k in done.keys]
        rows.append({"word": word, "colour": colour, "texts": texts, "number": number})
    return rows
