"""About you: birth year, sex, pregnancy, conditions and smoking. Every answer is optional."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from nightcramp.core.errors import InputError
from nightcramp.core.triage import answers_from_profile, validate_answers
from nightcramp.core.triage.questionnaire import should_ask
from nightcramp.store.diary import models
from nightcramp.web.diary.forms import ProfileForm

from .person import person

__all__ = ["profile"]


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = person(request)
    row = models.Profile.objects.filter(user=user).first() or models.Profile(user=user)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=row)
        if form.is_valid():
            form.save()
            return redirect(f"{reverse('diary:profile')}?saved=1")
        status = 400
    else:
        form = ProfileForm(instance=row)
        status = 200
    context = {
        "form": form,
        "saved": request.GET.get("saved") == "1",
        "asks_pregnancy": _asks_pregnancy(row),
    }
    return render(request, "diary/profile.html", context, status=status)


def _asks_pregnancy(row: models.Profile) -> bool:
    """The pregnancy questions are asked as the symptom check asks them (VOCABULARY rule 6:
    anyone who did not answer male, aged 12-55 or with age unknown), and always while an
    answer to them is stored."""
    if row.pregnant is not None or row.pregnancy_weeks is not None or row.due_date is not None:
        return True
    profile = {"birth_year": row.birth_year, "sex": row.sex}
    try:
        known, _warnings = validate_answers(
            answers_from_profile(profile, today=timezone.localdate())
        )
    except InputError:  # an age the check cannot take: ask rather than guess
        return True
    return should_ask("pregnant", known)
