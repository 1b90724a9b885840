"""The shipped plan content loads, and broken content is refused with a clear message."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from nightcramp.core.errors import ContentError
from nightcramp.core.knowledge.sources import CONTENT_DIR
from nightcramp.core.plan import load_plan_content
from nightcramp.core.plan.content import CONTRACT_ITEM_IDS


def test_the_shipped_content_has_every_contract_item() -> None:
    ids = {item.id for item in load_plan_content().items}
    assert set(CONTRACT_ITEM_IDS) <= ids


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(CONTENT_DIR / "plan", tmp_path / "plan")
    shutil.copytree(CONTENT_DIR / "sources", tmp_path / "sources")
    return tmp_path


def test_an_unknown_source_id_names_the_file_entry_and_field(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    items = root / "plan" / "items.yaml"
    items.write_text(items.read_text().replace("[delacour_alcohol_2018]", "[nope_2020]"))
    with pytest.raises(
        ContentError,
        match=re.escape(
            'content/plan/items.yaml: entry "limit_alcohol", '
            'field "sources": unknown source id "nope_2020"'
        ),
    ):
        load_plan_content(root)


def test_an_extra_key_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    items = root / "plan" / "items.yaml"
    items.write_text(
        items.read_text().replace("  category: fluids\n", "  category: fluids\n  colour: red\n", 1)
    )
    with pytest.raises(
        ContentError,
        match=re.escape(
            'content/plan/items.yaml: entry "hydration", '
            'field "colour": Extra inputs are not permitted'
        ),
    ):
        load_plan_content(root)


def test_a_rule_for_a_missing_item_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    rules = root / "plan" / "rules.yaml"
    rules.write_text(rules.read_text().replace("items: [warm_bath]", "items: [hot_tub]", 1))
    with pytest.raises(
        ContentError,
        match=re.escape(
            'content/plan/rules.yaml: entry "pregnancy_warm_bath", '
            'field "items": unknown item id "hot_tub"'
        ),
    ):
        load_plan_content(root)
