"""The words around saved symptom checks (`content/triage/history.yaml`), checked on load.

The store decides which saved result leads; the screens and commands show it in these words.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from nightcramp.core.knowledge.files import ContentModel, check_template, content_key, read_content

__all__ = ["HistoryWording", "load_history_wording"]

_FILE = "triage/history.yaml"


class _Reminder(ContentModel):
    title: str
    still_open: str
    seen_button: str
    seen_question: str
    seen_confirm: str
    seen_done: str
    details: str
    steps_elsewhere: str


class _History(ContentModel):
    title: str
    empty: str
    open: str
    seen: str
    no_need: str
    saved: str


class _Report(ContentModel):
    heading: str
    open: str
    seen: str


class HistoryWording(ContentModel):
    """The words of `content/triage/history.yaml`."""

    reviewed: dt.date
    reminder: _Reminder
    history: _History
    report: _Report


# The placeholders each text fills in; the loader refuses a text that drops or adds one.
_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "reminder.title": ("date", "label"),
    "reminder.seen_done": ("date",),
    "history.seen": ("date",),
    "history.saved": ("id",),
    "report.seen": ("date",),
}


def load_history_wording(content_dir: Path | None = None) -> HistoryWording:
    """The words (cached per folder); raises ContentFileError naming the entry and field."""
    return _wording(content_key(content_dir))


@cache
def _wording(root: Path | None) -> HistoryWording:
    words = read_content(_FILE, HistoryWording, root=root)
    for section in ("reminder", "history", "report"):
        group: BaseModel = getattr(words, section)
        for name in type(group).model_fields:
            expected = _PLACEHOLDERS.get(f"{section}.{name}", ())
            check_template(_FILE, section, name, getattr(group, name), expected)
    return words
