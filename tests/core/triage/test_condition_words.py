"""Plain words for `consider`: one per condition id of the vocabulary, never a raw id."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nightcramp.core.knowledge.files import ContentFileError
from nightcramp.core.triage.condition_words import condition_words
from nightcramp.core.triage.rules import Condition

CONTENT = Path(__file__).resolve().parents[3] / "src" / "nightcramp" / "content"


def test_every_condition_has_plain_words_without_underscores() -> None:
    words = condition_words(list(Condition))
    assert len(words) == len(Condition)
    for condition, text in zip(Condition, words, strict=True):
        assert text and "_" not in text, condition


def test_medical_names_keep_their_hyphen_and_order() -> None:
    words = condition_words(["pre_eclampsia", "lumbar_radiculopathy"])
    assert words == [
        "high blood pressure of pregnancy (pre-eclampsia)",
        "a trapped nerve in the lower back (sciatica)",
    ]


def test_a_condition_without_words_is_refused_naming_the_file(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "triage" / "conditions.yaml"
    path.write_text(path.read_text("utf-8").replace("  tetanus: tetanus\n", ""), "utf-8")
    with pytest.raises(ContentFileError, match=r"conditions\.yaml.*tetanus"):
        condition_words(["stroke"], tmp_path)
