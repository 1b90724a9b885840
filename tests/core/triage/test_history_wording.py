"""The words around saved symptom checks come from content, with their placeholders checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nightcramp.core.knowledge.files import ContentFileError
from nightcramp.core.knowledge.sources import CONTENT_DIR
from nightcramp.core.triage.history_wording import load_history_wording


def test_the_reminder_names_the_day_and_the_result() -> None:
    words = load_history_wording()
    title = words.reminder.title.format(date="3 Dec 2026", label="See a doctor today")
    assert "3 Dec 2026" in title and "See a doctor today" in title
    assert words.reminder.seen_button
    assert "3 Dec 2026" in words.report.seen.format(date="3 Dec 2026")


def test_a_text_with_an_unknown_placeholder_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root, ignore=shutil.ignore_patterns("__pycache__"))
    path = root / "triage" / "history.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("seen_button: I have been seen", "seen_button: '{name}'"), "utf-8")
    with pytest.raises(ContentFileError, match=r'entry "reminder", field "seen_button"'):
        load_history_wording(root)
