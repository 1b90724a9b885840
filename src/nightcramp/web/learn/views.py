"""/learn pages: the knowledge base by topic, with grades and sources on every entry."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from nightcramp.core.knowledge import Entry, Grade, Knowledge, Section, load_knowledge


@dataclass(frozen=True)
class _Citation:
    citation: str
    link: str | None
    note: str | None


@dataclass(frozen=True)
class _Shown:
    entry: Entry
    citations: tuple[_Citation, ...]
    audiences: str


def _grades() -> list[Grade]:
    return list(Grade)


def _shown(knowledge: Knowledge, entry: Entry) -> _Shown:
    citations = tuple(
        _Citation(
            citation=s.citation,
            link=s.url or (f"https://doi.org/{s.doi}" if s.doi else None),
            note=s.note,
        )
        for s in knowledge.cited(entry)
    )
    audiences = ", ".join(a.words for a in entry.applies_to)
    return _Shown(entry=entry, citations=citations, audiences=audiences)


def index(request: HttpRequest) -> HttpResponse:
    """The list of topics, grouped into sections, with the grade legend."""
    knowledge = load_knowledge()
    sections = [
        {"section": section, "topics": knowledge.in_section(section)}
        for section in Section
        if knowledge.in_section(section)
    ]
    context = {"sections": sections, "grades": _grades()}
    return render(request, "learn/index.html", context)


def topic(request: HttpRequest, topic_id: str) -> HttpResponse:
    """One topic: red-flag entries first, each with its grade, cautions and sources."""
    knowledge = load_knowledge()
    try:
        content = knowledge.topic(topic_id)
    except KeyError:
        raise Http404("No such topic") from None
    shown = [_shown(knowledge, e) for e in content.ordered]
    context = {
        "content": content,
        "urgent": [s for s in shown if s.entry.red_flag],
        "others": [s for s in shown if not s.entry.red_flag],
        "topics": knowledge.topics,
        "grades": _grades(),
    }
    return render(request, "learn/topic.html", context)
