"""Read and validate `content/knowledge/*.yaml`; cross-check ids and sources."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from nightcramp.core.errors import ContentError
from nightcramp.core.knowledge.query import Knowledge, TopicContent
from nightcramp.core.knowledge.schema import TopicFile
from nightcramp.core.knowledge.sources import CONTENT_DIR, load_sources

__all__ = ["load_knowledge"]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_knowledge(content_dir: Path | None = None) -> Knowledge:
    """Return every knowledge topic under `content_dir` (default: the shipped content).

    The result is cached per folder. Raises ContentError naming the file, entry and field
    when an entry is invalid, an id is used twice, or a source id is not in the bibliography.
    """
    return _load(Path(content_dir or CONTENT_DIR).resolve())


@functools.cache
def _load(content_dir: Path) -> Knowledge:
    sources = load_sources(content_dir)
    topics: list[TopicContent] = []
    seen_entries: dict[str, str] = {}
    seen_topics: dict[str, str] = {}
    for path in sorted((content_dir / "knowledge").glob("*.yaml")):
        parsed = _parse(path)
        topic_id = parsed.topic.id
        if topic_id in seen_topics:
            raise ContentError(
                f"{path.name}: topic {topic_id}: id: also used in {seen_topics[topic_id]}"
            )
        seen_topics[topic_id] = path.name
        for entry in parsed.entries:
            if entry.id in seen_entries:
                other = seen_entries[entry.id]
                raise ContentError(
                    f"{path.name}: {entry.id}: id: duplicate entry id (also in {other})"
                )
            seen_entries[entry.id] = path.name
            for source_id in entry.sources:
                if source_id not in sources:
                    raise ContentError(
                        f"{path.name}: {entry.id}: sources: unknown source id {source_id!r}"
                    )
        topics.append(TopicContent(topic=parsed.topic, entries=parsed.entries))
    topics.sort(key=lambda t: (t.topic.section.rank, t.topic.order, t.topic.id))
    return Knowledge(topics=tuple(topics), sources=sources)


def _parse(path: Path) -> TopicFile:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a safe loader
    except yaml.YAMLError as error:
        raise ContentError(f"{path.name}: not valid YAML: {error}") from error
    if not isinstance(raw, dict):
        raise ContentError(f"{path.name}: expected a mapping with 'topic' and 'entries'")
    try:
        return TopicFile.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        loc = list(first["loc"])
        where = "topic"
        if len(loc) >= 2 and loc[0] == "entries" and isinstance(loc[1], int):
            entries = raw.get("entries")
            item = entries[loc[1]] if isinstance(entries, list) else None
            where = str(item.get("id", f"entry #{loc[1]}")) if isinstance(item, dict) else "entry"
            loc = loc[2:]
        elif loc and loc[0] == "topic":
            loc = loc[1:]
        field = ".".join(str(part) for part in loc) or "(entry)"
        raise ContentError(f"{path.name}: {where}: {field}: {first['msg']}") from error
