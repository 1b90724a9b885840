"""Evidence-graded knowledge: sources, grades and topics of plain-language entries.

Names are imported lazily, so `from nightcramp.core.knowledge.grades import Grade` (used on the
fast `nightcramp now` path) does not pull in pydantic and YAML.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nightcramp.core.knowledge.grades import Grade
    from nightcramp.core.knowledge.load import load_knowledge
    from nightcramp.core.knowledge.query import (
        Knowledge,
        TopicContent,
        entry_document,
        index_document,
        topic_document,
    )
    from nightcramp.core.knowledge.schema import Audience, Entry, Section, Topic
    from nightcramp.core.knowledge.sources import CONTENT_DIR, Source, load_sources

__all__ = [
    "CONTENT_DIR",
    "Audience",
    "Entry",
    "Grade",
    "Knowledge",
    "Section",
    "Source",
    "Topic",
    "TopicContent",
    "entry_document",
    "index_document",
    "load_knowledge",
    "load_sources",
    "topic_document",
]

_HOME = {
    "CONTENT_DIR": "sources",
    "Audience": "schema",
    "Entry": "schema",
    "Grade": "grades",
    "Knowledge": "query",
    "Section": "schema",
    "Source": "sources",
    "Topic": "schema",
    "TopicContent": "query",
    "entry_document": "query",
    "index_document": "query",
    "load_knowledge": "load",
    "load_sources": "sources",
    "topic_document": "query",
}


def __getattr__(name: str) -> object:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
