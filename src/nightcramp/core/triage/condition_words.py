"""Plain words for the condition ids of `consider` (`content/triage/conditions.yaml`): what the
result page, the terminal and the report show after "A doctor may check for"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from nightcramp.core.knowledge.files import (
    ContentFileError,
    ContentModel,
    content_key,
    read_content,
)
from nightcramp.core.triage.rules import Condition

__all__ = ["condition_words", "load_condition_words"]

_FILE = "triage/conditions.yaml"


class _Conditions(ContentModel):
    reviewed: dt.date
    conditions: dict[Condition, str]


def condition_words(ids: Iterable[str], content_dir: Path | None = None) -> list[str]:
    """The plain words of each condition id, in order (an id the file does not know is shown
    with spaces for underscores, never dropped)."""
    words = load_condition_words(content_dir)
    return [words.get(i, i.replace("_", " ")) for i in ids]


def load_condition_words(content_dir: Path | None = None) -> dict[str, str]:
    """Condition id -> plain words (cached per folder); raises ContentFileError naming the file
    when the content is invalid or a condition has no words."""
    return _load(content_key(content_dir))


@cache
def _load(root: Path | None) -> dict[str, str]:
    parsed = read_content(_FILE, _Conditions, root=root, keyed=("conditions",))
    missing = sorted(set(Condition) - set(parsed.conditions))
    if missing:
        raise ContentFileError(f"no words for {', '.join(missing)}", file=_FILE)
    return {str(k): v.strip() for k, v in parsed.conditions.items()}
