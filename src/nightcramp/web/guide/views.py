"""The "cramp now" pages (/now, /now/<muscle>) and the service worker that keeps them offline."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from nightcramp import __version__
from nightcramp.core.help_lines import SERVICES_FILE, help_lines_for
from nightcramp.core.knowledge import load_knowledge
from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.knowledge.sources import load_sources
from nightcramp.core.relief.guide import DEFAULT_MUSCLE, MUSCLES, RELIEF_DIR, Guide, read_guide
from nightcramp.store.triage.history import open_leading_result, reminder_title, steps_elsewhere
from nightcramp.web.context import linked, services

__all__ = ["help_page", "now", "offline_urls", "service_worker", "shell_urls"]

# What the offline pages need: all of it is cached, or the new version is not installed.
_ASSETS = (
    "guide/now.css",
    "guide/now.js",
    "nightcramp/app.css",
    "nightcramp/app.js",
    "nightcramp/outbox.js",
    "nightcramp/menu.js",
    "diary/diary.css",
    "diary/diary.js",
    "diary/htmx.min.js",
    "plan/plan.css",
    "plan/routine.js",
    "triage/verdict.css",
)
# The app icons and manifest: cached when they can be, never required for /now to work offline.
_EXTRAS = (
    "nightcramp/icon.svg",
    "nightcramp/icon-192.png",
    "nightcramp/icon-512.png",
    "nightcramp/icon-maskable-512.png",
    "nightcramp/manifest.webmanifest",
)
# Pages with a person's own diary: kept as last seen (network first), never required.
_SHELL = ("diary:home", "diary:log", "diary:checkin", "plan:plan", "plan:routine")


@require_safe
def now(request: HttpRequest, muscle: str | None = None) -> HttpResponse:
    """The relief guide for one muscle; no login needed, and it works offline once visited."""
    if muscle is None:
        asked = request.GET.get("muscle", DEFAULT_MUSCLE)
        muscle = asked if asked in MUSCLES else DEFAULT_MUSCLE
    elif muscle not in MUSCLES:
        raise Http404("No such muscle")
    here = services()
    lines = help_lines_for(here.country, here.emergency_number)
    guide = read_guide(muscle, lines=lines)
    context = {
        "guide": guide,
        # The notes with their numbers as tel: links (the same text `nightcramp now` prints).
        "safety_html": linked(guide.safety.template, here),
        "long_cramp_html": linked(guide.long_cramp.template, here),
        "steps": _steps(guide),
        "muscles": [
            {
                "id": m,
                "label": label,
                "url": reverse("guide:now_muscle", args=[m]),
                "on": m == muscle,
            }
            for m, label in _labels().items()
        ],
        "safety_sources": _sources(guide.safety.sources),
        "log_url": f"/log?muscle={muscle}&from=now",
        **_open_result(request),
    }
    return render(request, "guide/now.html", context)


def _open_result(request: HttpRequest) -> dict[str, object]:
    """The person's urgent or emergency symptom check not yet seen to, if any (`open_result`),
    with its title (`open_title`, the reminder's words): its advice ("do not massage, stretch
    or heat that leg") comes before the steps that rub and stretch."""
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {"open_result": None}
    leading = open_leading_result(user, now=timezone.now())
    if leading is None:
        return {"open_result": None}
    return {
        "open_result": leading,
        "open_title": reminder_title(leading.at, leading.label),
        "steps_elsewhere": steps_elsewhere(leading),
    }


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """`/sw.js`: caches the /now pages and their assets so they open with no network."""
    urls = offline_urls()
    here = services()
    # The pages name the numbers: a change of setting refreshes the offline copy too.
    key = (*urls, here.country, here.emergency_number)
    context = {
        "urls": urls,
        "extras": [static(e) for e in _EXTRAS],
        "shell": shell_urls(),
        "version": _version(key),
        "outbox_url": static("nightcramp/outbox.js"),
        "log_url": reverse("diary:log"),
        "checkin_url": reverse("diary:checkin"),
        "help_url": reverse("guide:help"),
        "home_url": reverse("diary:home"),
    }
    response = render(
        request, "guide/sw.js", context, content_type="text/javascript; charset=utf-8"
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def help_page(request: HttpRequest) -> HttpResponse:
    """`/help`: when to get help, with the warning signs and the numbers to call; no login, and
    offline it also stands in for pages that need the network (the triage questions)."""
    knowledge = load_knowledge()
    topic = knowledge.topic("red_flags")
    flags = [
        {
            "entry": entry,
            "sources": [
                {"name": s.citation.split(".")[0], "url": s.url} for s in knowledge.cited(entry)
            ],
        }
        for entry in topic.entries
        if entry.red_flag
    ]
    return render(request, "guide/help.html", {"topic": topic.topic, "flags": flags})


def shell_urls() -> list[str]:
    """The pages with a person's diary that the worker keeps as last seen, when it can."""
    return [reverse(name) for name in _SHELL]


def offline_urls() -> list[str]:
    """Every address the service worker must keep: the pages, then their CSS, JS and pictures."""
    pages = [reverse("guide:now")] + [reverse("guide:now_muscle", args=[m]) for m in MUSCLES]
    pages.append(reverse("guide:help"))
    pictures = sorted(
        {s.illustration for m in MUSCLES for s in read_guide(m).steps if s.illustration}
    )
    assets = [static(a) for a in _ASSETS] + [static(f"guide/img/{p}.svg") for p in pictures]
    return pages + assets


def _steps(guide: Guide) -> list[dict[str, object]]:
    return [
        {
            "step": step,
            "grade_words": Grade(step.grade).words,
            "sources": _sources(step.sources),
            "picture": static(f"guide/img/{step.illustration}.svg") if step.illustration else None,
        }
        for step in guide.steps
    ]


def _sources(ids: tuple[str, ...]) -> list[dict[str, str | None]]:
    known = _source_table()
    return [{"name": known.get(i, (i, None))[0], "url": known.get(i, (i, None))[1]} for i in ids]


@lru_cache(maxsize=1)
def _source_table() -> dict[str, tuple[str, str | None]]:
    """Short names ("NHS", "Mayo Clinic") and links of every source."""
    return {k: (s.citation.split(".")[0], s.url) for k, s in load_sources().items()}


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    return {m: read_guide(m).label for m in MUSCLES}


@lru_cache(maxsize=4)
def _version(urls: tuple[str, ...]) -> str:
    """A digest of what the worker caches, so a change to any of it refreshes the cache."""
    digest = hashlib.sha256(__version__.encode())
    for url in urls:
        digest.update(url.encode())
    paths: list[object] = [finders.find(a) for a in _ASSETS]
    paths += sorted(Path(RELIEF_DIR).glob("*.toml"))
    paths.append(Path(SERVICES_FILE))
    paths.append(Path(RELIEF_DIR).parent / "knowledge" / "red_flags.yaml")
    paths += sorted((Path(__file__).parent / "static" / "guide" / "img").glob("*.svg"))
    paths += sorted((Path(__file__).parent / "templates" / "guide").glob("*"))
    web = Path(__file__).parent.parent
    paths += sorted((web / "templates").glob("*.html"))
    paths += sorted((web / "static" / "nightcramp").glob("*"))
    for path in paths:
        if isinstance(path, str | Path):
            digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]
