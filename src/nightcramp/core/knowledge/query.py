"""The loaded knowledge base and the questions asked of it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from nightcramp.core.knowledge.schema import Audience, Entry, Section, Topic
from nightcramp.core.knowledge.sources import Source

__all__ = ["Knowledge", "TopicContent", "entry_document", "index_document", "topic_document"]


@dataclass(frozen=True)
class TopicContent:
    """A topic and its entries; red-flag entries come first, then safety instructions."""

    topic: Topic
    entries: tuple[Entry, ...]

    @property
    def ordered(self) -> tuple[Entry, ...]:
        """Entries as shown: red flags first, then safety instructions, then the file's order."""
        return tuple(sorted(self.entries, key=_shown_first))


def _shown_first(entry: Entry) -> tuple[bool, bool]:
    return (not entry.red_flag, not entry.is_safety)


@dataclass(frozen=True)
class Knowledge:
    """Every topic of the knowledge base, with the bibliography it cites."""

    topics: tuple[TopicContent, ...]
    sources: Mapping[str, Source]

    @property
    def topic_ids(self) -> tuple[str, ...]:
        """Topic ids in display order."""
        return tuple(t.topic.id for t in self.topics)

    def topic(self, topic_id: str) -> TopicContent:
        """Return the topic with this id; raise KeyError if there is none."""
        for content in self.topics:
            if content.topic.id == topic_id:
                return content
        raise KeyError(topic_id)

    def entry(self, entry_id: str) -> Entry:
        """Return the entry with this id; raise KeyError if there is none."""
        for content in self.topics:
            for entry in content.entries:
                if entry.id == entry_id:
                    return entry
        raise KeyError(entry_id)

    def entries(self) -> tuple[Entry, ...]:
        """Every entry, topic by topic."""
        return tuple(e for content in self.topics for e in content.entries)

    def in_section(self, section: Section) -> tuple[TopicContent, ...]:
        """Topics of one index section, in order."""
        return tuple(t for t in self.topics if t.topic.section is section)

    def for_audience(self, audience: Audience) -> tuple[Entry, ...]:
        """Entries that apply to `audience` (or to everyone), red flags and safety first."""
        return tuple(
            sorted(
                (
                    e
                    for e in self.entries()
                    if audience in e.applies_to or Audience.EVERYONE in e.applies_to
                ),
                key=_shown_first,
            )
        )

    def search(self, words: str) -> tuple[Entry, ...]:
        """Entries whose title or text contains every word of `words` (any case)."""
        terms = words.casefold().split()
        if not terms:
            return ()
        return tuple(
            e
            for e in self.entries()
            if all(term in f"{e.title} {e.text}".casefold() for term in terms)
        )

    def cited(self, entry: Entry) -> tuple[Source, ...]:
        """The sources an entry cites, in its order."""
        return tuple(self.sources[s] for s in entry.sources)


def entry_document(knowledge: Knowledge, entry: Entry) -> dict[str, object]:
    """One entry as plain JSON-ready data, with its sources spelled out."""
    return {
        "id": entry.id,
        "title": entry.title,
        "text": entry.text,
        "kind": entry.kind.value,
        "grade": None if entry.grade is None else entry.grade.value,
        "grade_words": entry.grade_words,
        "grade_note": entry.grade_note,
        "red_flag": entry.red_flag,
        "cautions": list(entry.cautions),
        "applies_to": [a.value for a in entry.applies_to],
        "article_claim": entry.article_claim,
        "verdict": entry.verdict,
        "sources": [
            {"id": s.id, "citation": s.citation, "year": s.year, "doi": s.doi, "url": s.url}
            for s in knowledge.cited(entry)
        ],
        "reviewed": entry.reviewed.isoformat(),
    }


def topic_document(knowledge: Knowledge, topic_id: str) -> dict[str, object]:
    """One topic and its entries (red flags first) as JSON-ready data; KeyError if unknown."""
    content = knowledge.topic(topic_id)
    return {
        "topic": _topic_header(content),
        "entries": [entry_document(knowledge, e) for e in content.ordered],
    }


def index_document(knowledge: Knowledge) -> dict[str, object]:
    """Every topic's header, in display order, as JSON-ready data."""
    return {"topics": [_topic_header(t) for t in knowledge.topics]}


def _topic_header(content: TopicContent) -> dict[str, object]:
    topic = content.topic
    return {
        "id": topic.id,
        "title": topic.title,
        "summary": topic.summary,
        "section": topic.section.value,
        "section_title": topic.section.heading,
        "entries": len(content.entries),
    }
