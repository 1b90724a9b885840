"""Read and validate `content/knowledge/*.yaml`; cross-check ids and sources."""

from __future__ import annotations

import functools
from pathlib import Path

from nightcramp.core.knowledge.files import (
    ContentFileError,
    content_key,
    list_content,
    read_content,
)
from nightcramp.core.knowledge.query import Knowledge, TopicContent
from nightcramp.core.knowledge.schema import TopicFile
from nightcramp.core.knowledge.sources import check_sources, load_sources

__all__ = ["load_knowledge"]


def load_knowledge(content_dir: Path | None = None) -> Knowledge:
    """Return every knowledge topic under `content_dir` (default: the shipped content).

    The result is cached per folder. Raises ContentFileError naming the file, entry and field
    when an entry is invalid, an id is used twice, or a source id is not in the bibliography.
    """
    return _load(content_key(content_dir))


@functools.cache
def _load(content_dir: Path | None) -> Knowledge:
    sources = load_sources(content_dir)
    topics: list[TopicContent] = []
    seen_entries: dict[str, str] = {}
    seen_topics: dict[str, str] = {}
    for path in list_content("knowledge", ".yaml", root=content_dir):
        parsed = read_content(path, TopicFile, root=content_dir)
        topic_id = parsed.topic.id
        if topic_id in seen_topics:
            raise ContentFileError(
                f"duplicate topic id (also in content/{seen_topics[topic_id]})",
                file=path,
                entry=topic_id,
                field="topic.id",
            )
        seen_topics[topic_id] = path
        for entry in parsed.entries:
            if entry.id in seen_entries:
                raise ContentFileError(
                    f"duplicate entry id (also in content/{seen_entries[entry.id]})",
                    file=path,
                    entry=entry.id,
                    field="id",
                )
            seen_entries[entry.id] = path
            check_sources(path, entry.id, entry.sources, sources)
        topics.append(TopicContent(topic=parsed.topic, entries=parsed.entries))
    topics.sort(key=lambda t: (t.topic.section.rank, t.topic.order, t.topic.id))
    return Knowledge(topics=tuple(topics), sources=sources)
