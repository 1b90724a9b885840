"""The words of a stored experiment load, and a bad placeholder is refused naming the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nightcramp.core.experiments.stored_wording import load_stored_wording
from nightcramp.core.knowledge.files import ContentFileError
from nightcramp.core.knowledge.sources import CONTENT_DIR


def test_the_shipped_words_fill_in_their_placeholders() -> None:
    words = load_stored_wording()
    text = words.paused.cramps_doubled.format(nights=7, date="3 Jan 2027", rate="4.0", before="1.0")
    assert "3 Jan 2027" in text
    assert "{" not in words.tonight.on.format(text="Stretch.")


def test_an_unknown_placeholder_is_refused_naming_the_entry(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root, ignore=shutil.ignore_patterns("__pycache__"))
    path = root / "experiments" / "stored.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("You paused it.", "You paused it {when}."), encoding="utf-8")
    with pytest.raises(ContentFileError) as raised:
        load_stored_wording(root)
    assert "by_you" in str(raised.value)
    assert "{when}" in str(raised.value)
