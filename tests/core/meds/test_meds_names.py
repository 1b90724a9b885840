"""The medicine dictionary is checked on load; errors name the file, entry and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nightcramp.core.errors import ContentError
from nightcramp.core.meds.names import load_dictionary

CONTENT = Path(__file__).resolve().parents[3] / "src" / "nightcramp" / "content"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    for folder in ("meds", "sources"):
        shutil.copytree(CONTENT / folder, tmp_path / folder)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_the_shipped_dictionary_loads_with_every_source_known() -> None:
    data = load_dictionary()
    assert len(data.entries) > 300
    assert len(data.names) > 700


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("classes.yaml", "sources: [garrison_drugs_2012]", "sources: [nobody_2099]", "nobody_2099"),
        (
            "classes.yaml",
            "cramp_link: established\n  strength: 2.42",
            "cramp_link: maybe\n  strength: 2.42",
            "long_acting_beta2_agonist",
        ),
        ("classes.yaml", "  label: statin", "  labl: statin", "labl"),
        ("classes.yaml", "reviewed: 2026-12-06", "reviewed: soon", "reviewed"),
        ("names.yaml", "  loop_diuretic:", "  water_pill:", "water_pill"),
        ("names.yaml", "[frusemide, lasix,", "[frusemide, zocor, lasix,", "zocor"),
        (
            "names.yaml",
            "  amiloride/furosemide:",
            "  furosemide/amiloride:",
            "furosemide/amiloride",
        ),
        ("names.yaml", "  amiloride/furosemide:", "  amiloride/nothing:", "nothing"),
        (
            "names.yaml",
            "  naproxen:\n    cramp_link",
            "  nosuchdrug:\n    cramp_link",
            "nosuchdrug",
        ),
        (
            "names.yaml",
            "cramp_link: established\n    note",
            "cramp_link: sometimes\n    note",
            "cramp_link",
        ),
        (
            "names.yaml",
            "  diltiazem: {note",
            "  diltiazem: {cramp_link: reported, note",
            "other_reported",
        ),
        ("names.yaml", "    magnesium: [magnesium citrate", "    magnesium: [lasix", "lasix"),
        ("names.yaml", "  vitamin_k2:\n", "  vitamin_k3:\n", "vitamin_k3"),
        ("names.yaml", "may_mean: [senna,", "may_mean: [sennna,", "sennna"),
        ("names.yaml", "words: [laxative,", "words: [lasix, laxative,", "lasix"),
        ("supplements.yaml", "- id: vitamin_k2\n  label", "- id: vitamin_k2\n  labl", "labl"),
        ("names.yaml", "members: [apixaban,", "members: [apixabann,", "apixabann"),
        ("names.yaml", "members: [apixaban,", "memberz: [apixaban,", "memberz"),
    ],
)
def test_invalid_content_names_the_file_and_entry(
    content: Path, file: str, old: str, new: str, message: str
) -> None:
    _edit(content / "meds" / file, old, new)
    with pytest.raises(ContentError) as error:
        load_dictionary(content)
    assert file in str(error.value)
    assert message in str(error.value)


def test_a_missing_class_is_refused(content: Path) -> None:
    path = content / "meds" / "classes.yaml"
    text = path.read_text("utf-8")
    start = text.index("- id: lithium")
    end = text.index("- id: proton_pump_inhibitor")
    path.write_text(text[:start] + text[end:], "utf-8")
    with pytest.raises(ContentError, match="lithium"):
        load_dictionary(content)


def test_a_group_lists_known_generics_and_adds_its_cautions_to_each() -> None:
    data = load_dictionary()
    blood_thinners = data.groups["anticoagulant"]
    assert {"warfarin", "apixaban", "nadroparin", "fondaparinux"} <= blood_thinners
    for generic in blood_thinners:
        cautions = data.entries[generic].cautions
        assert sum("Bleeding into the calf" in c for c in cautions) == 1
    assert not any("Bleeding into the calf" in c for c in data.entries["aspirin"].cautions)
