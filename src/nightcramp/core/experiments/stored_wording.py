"""The words of an experiment kept in the app (`content/experiments/stored.yaml`), checked on load.

The store decides when an experiment pauses, ends or cannot start; it says so in these words.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from nightcramp.core.knowledge.files import ContentModel, check_template, content_key, read_content

__all__ = ["StoredWording", "load_stored_wording"]

_FILE = "experiments/stored.yaml"


class _Paused(ContentModel):
    triage_open: str
    cramps_doubled: str
    cramps_doubled_from_none: str
    by_you: str


class _Finished(ContentModel):
    answered: str
    schedule_ended: str


class _Refused(ContentModel):
    already_running: str
    triage_open: str
    triage_open_resume: str
    not_running: str
    not_paused: str


class _Tonight(ContentModel):
    paused: str
    on: str
    off: str


class StoredWording(ContentModel):
    """The words of `content/experiments/stored.yaml`."""

    reviewed: dt.date
    paused: _Paused
    finished: _Finished
    refused: _Refused
    tonight: _Tonight


# The placeholders each text fills in; the loader refuses a text that adds one.
_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "paused.triage_open": ("date",),
    "paused.cramps_doubled": ("nights", "date", "rate", "before"),
    "paused.cramps_doubled_from_none": ("nights", "date", "rate"),
    "refused.already_running": ("change",),
    "refused.triage_open": ("date",),
    "refused.triage_open_resume": ("date",),
    "tonight.on": ("text",),
    "tonight.off": ("text",),
}


def load_stored_wording(content_dir: Path | None = None) -> StoredWording:
    """The words (cached per folder); raises ContentFileError naming the entry and field."""
    return _wording(content_key(content_dir))


@cache
def _wording(root: Path | None) -> StoredWording:
    words = read_content(_FILE, StoredWording, root=root)
    for section in ("paused", "finished", "refused", "tonight"):
        group: BaseModel = getattr(words, section)
        for name in type(group).model_fields:
            expected = _PLACEHOLDERS.get(f"{section}.{name}", ())
            check_template(_FILE, section, name, getattr(group, name), expected)
    return words
