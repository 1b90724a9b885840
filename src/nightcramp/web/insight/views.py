"""The Insights page: findings in plain words, charts drawn on the server, the suspects form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from nightcramp.core.insights.analyze import analyze
from nightcramp.core.insights.charts import factor_chart, hours_chart, weekly_chart
from nightcramp.core.insights.nights import build_table
from nightcramp.core.insights.wording import label, relief_label
from nightcramp.store.diary.convert import load_diary
from nightcramp.store.diary.summary import diary_summary
from nightcramp.web.insight.forms import SuspectsForm

_VERDICT_WORDS = {
    "likely_trigger": "More cramps",
    "likely_protective": "Fewer cramps",
    "no_clear_effect": "No clear link",
    "not_enough_data": "Not enough data yet",
}
_ORDER = {"likely_trigger": 0, "likely_protective": 1, "no_clear_effect": 2, "not_enough_data": 3}


@login_required
def insights(request: HttpRequest) -> HttpResponse:
    """GET: the analysis of the person's whole diary, with `?suspect=` checked on their own."""
    user = request.user
    assert isinstance(user, User)
    nights, episodes = load_diary(user)
    names = [c.name for c in build_table(nights, []).columns if c.lag_days == 0]
    form = SuspectsForm(request.GET or None, factors=names)
    suspects = form.cleaned_data["suspect"] if form.is_valid() else []
    result = analyze(nights, episodes, suspects=suspects)
    rows = [
        {
            "name": label(f.factor, f.lag_days),
            "verdict": f.verdict.value,
            "verdict_words": _VERDICT_WORDS[f.verdict.value],
            "explanation": f.explanation,
            "contrast": f.contrast,
            "suspect": f.family == "suspect",
        }
        for f in sorted(result.factors, key=lambda r: (_ORDER[r.verdict.value], r.factor))
    ]
    relief = [
        {"id": r.relief.value, "name": relief_label(r.relief.value), "worked": r.times_worked,
         "tried": r.times_tried, "minutes": r.median_minutes, "warning": r.warning}
        for r in result.relief
    ]  # fmt: skip
    forest = factor_chart(result.factors)
    context = {
        "result": result,
        "found": [r for r in rows if r["verdict"] in ("likely_trigger", "likely_protective")],
        "others": [r for r in rows if r["verdict"] not in ("likely_trigger", "likely_protective")],
        "relief": [r for r in relief if not r["warning"]],
        "relief_ruled_out": [r for r in relief if r["warning"]],
        "form": form,
        "summary": diary_summary(user),
        # Our own SVG: matplotlib escapes every text it draws.
        "weekly_svg": mark_safe(weekly_chart(result.patterns)) if result.nights else None,
        "hours_svg": mark_safe(hours_chart(result.patterns)) if episodes else None,
        "factor_svg": None if forest is None else mark_safe(forest),
    }
    return render(request, "insight/insights.html", context)
