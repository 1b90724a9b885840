"""The experiment content loads, and its checks name the file, entry and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nightcramp.core.experiments.content import load_experiment_content
from nightcramp.core.knowledge.files import ContentFileError
from nightcramp.core.knowledge.sources import CONTENT_DIR

FILE = "experiments/changes.yaml"


def test_shipped_content_has_the_changes_of_the_issue() -> None:
    changes = load_experiment_content().changes
    assert {"bedtime_stretch", "magnesium_supplement", "vitamin_k2", "extra_water"} <= set(changes)
    assert all(c.plan_item not in ("quinine", "medication_review") for c in changes.values())
    words = load_experiment_content().wording
    text = " ".join(words.verdict(v) for v in ("helps", "makes_worse", "no_clear_effect"))
    assert "cure" not in text.lower() and "proven" not in text.lower()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    return root


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("plan_item: bedtime_calf_stretch", "plan_item: quinine", "plan_item"),
        ("plan_item: bedtime_calf_stretch", "plan_item: nothing_here", "plan_item"),
        ("  period_nights: 7\n  washout_nights: 0\n  pairs: 8\n  diary_factor: bedtime_stretch",
         "  period_nights: 7\n  washout_nights: 7\n  pairs: 8\n  diary_factor: bedtime_stretch",
         "washout_nights"),
        ("doctor_can_allow: [kidney_no_magnesium_supplement]", "doctor_can_allow: [nope]",
         "doctor_can_allow"),
        ("  period_nights: 14\n  washout_nights: 7\n  pairs: 4\n  diary_factor: magnesium_mg",
         "  period_nights: 7\n  washout_nights: 3\n  pairs: 4\n  diary_factor: magnesium_mg",
         "period_nights"),
        ("  period_nights: 14\n  washout_nights: 7\n  pairs: 4\n  diary_factor: magnesium_mg",
         "  period_nights: 14\n  washout_nights: 0\n  pairs: 4\n  diary_factor: magnesium_mg",
         "washout_nights"),
        ("sources: [woodfield_nof1_2005]\n  reviewed: 2026-12-06\n- id: loose_bedding",
         "sources: [unknown_source]\n  reviewed: 2026-12-06\n- id: loose_bedding", "sources"),
    ],
)  # fmt: skip
def test_a_bad_change_is_named(content: Path, old: str, new: str, field: str) -> None:
    path = content / FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentFileError) as error:
        load_experiment_content(content)
    assert error.value.field == field
    assert error.value.file == f"content/{FILE}"


def test_a_missing_placeholder_is_named(content: Path) -> None:
    path = content / "experiments/wording.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{chance}", "many"), encoding="utf-8")
    with pytest.raises(ContentFileError, match="chance"):
        load_experiment_content(content)
