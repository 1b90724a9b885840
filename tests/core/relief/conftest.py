"""Relief content fixtures: a private copy of the shipped files that a test may break."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest

from nightcramp.core.knowledge.sources import CONTENT_DIR, Source, load_sources


@pytest.fixture(scope="session")
def sources() -> Mapping[str, Source]:
    return load_sources()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A content folder holding a copy of `relief/` (no cache), to edit in a test."""
    shutil.copytree(
        CONTENT_DIR / "relief", tmp_path / "relief", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
