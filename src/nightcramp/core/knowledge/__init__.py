"""Evidence-graded knowledge: sources, grades and topics of plain-language entries.

Names are imported lazily, so `from nightcramp.core.knowledge.grades import Grade` (used on the
fast `nightcramp now` path) does not pull in pydantic and YAML. Every content file is read
through `files.read_content`, and every content problem is a `files.ContentFileError`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nightcramp.core.knowledge.files import (
        ContentFileError,
        ContentFileErrors,
        ContentRoot,
        list_content,
        read_content,
    )
    from nightcramp.core.knowledge.grades import Grade
    from nightcramp.core.knowledge.load import load_knowledge
    from nightcramp.core.knowledge.query import (
        Knowledge,
        TopicContent,
        entry_document,
        index_document,
        topic_document,
    )
    from nightcramp.core.knowledge.schema import Audience, Entry, Kind, Section, Topic
    from nightcramp.core.knowledge.sources import (
        CONTENT_DIR,
        Source,
        check_sources,
        join_citations,
        load_sources,
    )

__all__ = [
    "CONTENT_DIR",
    "Audience",
    "ContentFileError",
    "ContentFileErrors",
    "ContentRoot",
    "Entry",
    "Grade",
    "Kind",
    "Knowledge",
    "Section",
    "Source",
    "Topic",
    "TopicContent",
    "check_sources",
    "entry_document",
    "index_document",
    "join_citations",
    "list_content",
    "load_knowledge",
    "load_sources",
    "read_content",
    "topic_document",
]

_HOME = {
    "CONTENT_DIR": "sources",
    "Audience": "schema",
    "ContentFileError": "files",
    "ContentFileErrors": "files",
    "ContentRoot": "files",
    "Entry": "schema",
    "Grade": "grades",
    "Kind": "schema",
    "Knowledge": "query",
    "Section": "schema",
    "Source": "sources",
    "Topic": "schema",
    "TopicContent": "query",
    "check_sources": "sources",
    "entry_document": "query",
    "index_document": "query",
    "join_citations": "sources",
    "list_content": "files",
    "load_knowledge": "load",
    "load_sources": "sources",
    "read_content": "files",
    "topic_document": "query",
}


def __getattr__(name: str) -> object:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
