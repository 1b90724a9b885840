"""Food supplements the medication check recognises, and what it says about each kind.

The kinds and their words live in `content/meds/supplements.yaml`; which names belong to a
kind is in `content/meds/names.yaml` (section `supplements`). A supplement is never a
medication class: `meds check` reports it with class `none` and its own advice.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from nightcramp.core.knowledge.files import ContentModel, content_key, read_entries
from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.knowledge.sources import check_sources, load_sources

__all__ = ["SupplementKind", "load_supplement_kinds"]

_FILE = "meds/supplements.yaml"
_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class SupplementKind(ContentModel):
    """One kind of supplement: what is known about it and cramps, advice and cautions.

    `grade` is how well the supplement is shown to help cramps (EVIDENCE.md §0.1).
    """

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: _Text
    grade: Grade
    sources: tuple[_Text, ...] = Field(min_length=1)
    reviewed: dt.date
    evidence: _Text
    advice: _Text
    cautions: tuple[_Text, ...] = ()


def load_supplement_kinds(content_dir: Path | None = None) -> tuple[SupplementKind, ...]:
    """The supplement kinds, in file order (cached per folder).

    Raises ContentFileError naming the file, entry and field when the content is invalid.
    """
    return _load(content_key(content_dir))


@cache
def _load(root: Path | None) -> tuple[SupplementKind, ...]:
    kinds = read_entries(_FILE, SupplementKind, root=root)
    known = load_sources(root)
    for kind in kinds:
        check_sources(_FILE, kind.id, kind.sources, known)
    return kinds
