"""About you: birth year, sex, pregnancy, conditions and smoking. Every answer is optional."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

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
    context = {"form": form, "saved": request.GET.get("saved") == "1"}
    return render(request, "diary/profile.html", context, status=status)
