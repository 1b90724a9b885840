"""Nutrition: foods with magnesium and potassium, the person's targets, and today's estimate."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nightcramp.core.plan.build import potassium_target_applies
from nightcramp.core.plan.nutrition import estimate_intake, intake_targets, load_nutrition
from nightcramp.store.plan.inputs import stored_profile

from .common import person, source_list

__all__ = ["nutrition_page"]

MAX_SERVINGS = 20


def _servings(request: HttpRequest, food_ids: list[str]) -> tuple[dict[str, float], list[str]]:
    servings: dict[str, float] = {}
    errors: list[str] = []
    for food_id in food_ids:
        raw = request.GET.get(food_id, "").strip()
        if not raw:
            continue
        try:
            value = float(raw)
        except ValueError:
            errors.append(food_id)
            continue
        if not 0 <= value <= MAX_SERVINGS:
            errors.append(food_id)
            continue
        servings[food_id] = value
    return servings, errors


@login_required
def nutrition_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    profile = stored_profile(person(request), today=today)
    content = load_nutrition()
    targets = intake_targets(
        age=profile.age(today),
        sex=profile.sex,
        pregnant=profile.is_pregnant,
        potassium_restricted=not potassium_target_applies(profile),
        content=content,
    )
    servings, errors = _servings(request, [f.id for f in content.foods])
    intake = estimate_intake(servings, content=content) if servings else None
    rows = [{"food": f, "servings": request.GET.get(f.id, "")} for f in content.foods]
    sources = sorted({s for f in content.foods for s in f.sources})
    return render(
        request,
        "plan/nutrition.html",
        {
            "rows": rows,
            "targets": targets,
            "intake": intake,
            "magnesium_gap": intake.gap(targets.magnesium, "magnesium") if intake else None,
            "potassium_gap": intake.gap(targets.potassium, "potassium") if intake else None,
            "errors": errors,
            "estimate_note": content.targets.notes.estimate,
            "sources": source_list(sources),
        },
        status=400 if errors else 200,
    )
