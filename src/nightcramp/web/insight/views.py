"""The Insights page: findings in plain words, one chart per finding, the suspects form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.safestring import mark_safe

from nightcramp.core.insights.wording import experiment_line
from nightcramp.store.diary.summary import diary_summary
from nightcramp.store.experiments.convert import change_of
from nightcramp.store.experiments.lifecycle import going_experiment
from nightcramp.store.insights.analysis import analysis_document, insights_page
from nightcramp.web.insight.forms import SuspectsForm


def _experiments_page() -> str | None:
    """The experiments page's address when the app has one."""
    try:
        resolve("/experiments/")
    except Resolver404:
        return None
    return "/experiments/"


def _factor_names(user: User) -> list[str]:
    """Every column of the diary (standard factors first), as the analysis lists them."""
    factors = analysis_document(user)["factors"]
    assert isinstance(factors, list)
    return [str(f["factor"]) for f in factors if not f.get("lag_days")]


def _running(user: User) -> dict[str, str] | None:
    """The change of the person's running (or paused) experiment, and the words saying it is
    being tested, shown instead of offering that experiment again."""
    going = going_experiment(user)
    change = None if going is None else change_of(going)
    if change is None:
        return None
    return {"change": change.id, "text": experiment_line(change.name, running=True)}


@login_required
def insights(request: HttpRequest) -> HttpResponse:
    """GET: the analysis of the person's whole diary, with `?suspect=` checked on their own."""
    user = request.user
    assert isinstance(user, User)
    form = SuspectsForm(request.GET or None, factors=_factor_names(user))
    suspects = form.cleaned_data["suspect"] if form.is_valid() else []
    page = insights_page(user, suspects)
    # Our own SVG, drawn on the server: matplotlib escapes every text it draws.
    for rows in ("found", "closer", "others"):
        page[rows] = [
            {**row, "chart": mark_safe(row["chart"]) if row.get("chart") else None}
            for row in page[rows]  # type: ignore[attr-defined]
        ]
    for name in ("weekly_svg", "hours_svg"):
        page[name] = mark_safe(page[name]) if page.get(name) else None
    context = {
        "page": page,
        "form": form,
        "summary": diary_summary(user),
        "experiments_url": _experiments_page(),
        "running": _running(user),
    }
    return render(request, "insight/insights.html", context)
