"""The bibliography: every content entry cites ids defined in `content/sources/*.yaml`."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

from pydantic import BaseModel, Field

from nightcramp.core.knowledge.files import (
    ContentFileError,
    ContentModel,
    content_key,
    list_content,
    quoted,
    read_entries,
)

__all__ = [
    "CONTENT_DIR",
    "Source",
    "SourceKind",
    "check_cited",
    "check_sources",
    "citation_pieces",
    "join_citations",
    "load_sources",
]

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
"""The shipped content folder as a path (tests copy it); loaders read it as package data."""


class SourceKind(StrEnum):
    GUIDELINE = "guideline"
    SYSTEMATIC_REVIEW = "systematic_review"
    TRIAL = "trial"
    OBSERVATIONAL = "observational"
    REVIEW = "review"
    LABEL = "label"
    REGULATOR = "regulator"
    PATIENT_INFORMATION = "patient_information"
    REFERENCE = "reference"


class Source(ContentModel):
    """One citation."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    citation: str = Field(min_length=10)
    year: int | None = Field(default=None, ge=1900, le=2100)
    kind: SourceKind
    doi: str | None = None
    url: str | None = None
    note: str | None = None


def load_sources(content_dir: Path | None = None) -> Mapping[str, Source]:
    """Load every `sources/*.yaml` under `content_dir` (default: the shipped content), by id.

    The result is cached per folder. Raises ContentFileError naming the file, entry and field
    on any invalid entry or duplicate id.
    """
    return _load(content_key(content_dir))


@functools.cache
def _load(content_dir: Path | None) -> Mapping[str, Source]:
    found: dict[str, Source] = {}
    where: dict[str, str] = {}
    for path in list_content("sources", ".yaml", root=content_dir):
        for source in read_entries(path, Source, root=content_dir):
            if source.id in found:
                raise ContentFileError(
                    f"duplicate source id (also in content/{where[source.id]})",
                    file=path,
                    entry=source.id,
                    field="id",
                )
            found[source.id] = source
            where[source.id] = path
    return MappingProxyType(found)


def citation_pieces(citations: Iterable[str]) -> list[tuple[str, str]]:
    """Each citation for "Sources: …" with the punctuation that follows it: "; " between
    them and one full stop after the last (none after a "?" or "!").

    Citations are whole sentences ending in a full stop; joined as they are they would read
    ".;" and, with a stop added after, "..". Pages that link each citation use the pieces;
    `join_citations` is the same line as text.
    """
    parts = [p for p in (c.strip().removesuffix(".").rstrip() for c in citations) if p]
    last = len(parts) - 1
    return [
        (p, "; " if i < last else "" if p.endswith(("?", "!")) else ".")
        for i, p in enumerate(parts)
    ]


def join_citations(citations: Iterable[str]) -> str:
    """The citations as one line for "Sources: …" ("" for none); see `citation_pieces`."""
    return "".join(text + after for text, after in citation_pieces(citations))


def check_sources(
    file: str, entry: str | int | None, cited: Iterable[str], known: Mapping[str, object]
) -> None:
    """Raise ContentFileError (field `sources`) for the first id in `cited` not in `known`."""
    for source_id in cited:
        if source_id not in known:
            raise ContentFileError(
                f"unknown source id {quoted(source_id)}", file=file, entry=entry, field="sources"
            )


def check_cited(path: str, document: BaseModel, known: Mapping[str, object]) -> None:
    """Check every `sources` list inside `document` (nested models, tuples and mappings).

    As for a validation error, the entry is the top-level section (`questions`) and the field
    the path inside it (`magnesium.sources`).
    """
    for where, cited in _citations(document, ""):
        entry, _, inner = where.partition(".")
        field = f"{inner}.sources" if inner else "sources"
        for source_id in cited:
            if source_id not in known:
                reason = f"unknown source id {quoted(source_id)}"
                raise ContentFileError(reason, file=path, entry=entry or None, field=field)


def _citations(node: object, where: str) -> Iterable[tuple[str, tuple[str, ...]]]:
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name == "sources" and isinstance(value, tuple):
                yield where, tuple(str(v) for v in value)
            else:
                yield from _citations(value, f"{where}.{name}" if where else name)
    elif isinstance(node, tuple | list):
        for index, item in enumerate(node):
            yield from _citations(item, f"{where}.{index}")
    elif isinstance(node, Mapping):
        for key, item in node.items():
            yield from _citations(item, f"{where}.{key}")
