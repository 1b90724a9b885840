"""The medication check's own sentences live in content/meds/wording.yaml, with sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nightcramp.core.errors import ContentError
from nightcramp.core.meds import CrampLink, check_names, load_meds_wording, prescriber_sentence


def test_the_prescriber_sentence_is_the_one_in_content() -> None:
    assert prescriber_sentence() == "Talk to your prescriber before changing anything."


def test_every_linked_class_advises_talking_to_the_prescriber() -> None:
    for name in ("gabapentin", "cisplatin", "Prolia", "cinacalcet", "citalopram", "Lasix"):
        (med,) = check_names([name]).medications
        assert prescriber_sentence() in med.advice, name


def test_the_potassium_supplement_caution_ends_with_the_prescriber_sentence() -> None:
    cautions = load_meds_wording().combined
    assert cautions.potassium_supplement.endswith(prescriber_sentence())
    assert "{" not in cautions.potassium_supplement


def test_a_combination_product_says_which_part_carries_the_link() -> None:
    (med,) = check_names(["co-amilofruse"]).medications
    assert med.evidence.startswith("It contains amiloride, a potassium-sparing water tablet")
    (pill,) = check_names(["Microgynon"]).medications
    assert pill.evidence.startswith("It contains ethinylestradiol, an oestrogen")


CONTENT = Path(__file__).resolve().parents[3] / "src" / "nightcramp" / "content"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    for folder in ("meds", "sources"):
        shutil.copytree(CONTENT / folder, tmp_path / folder)
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  treatment: used for cramps, with serious risks\n", "", '"treatment"'),
        ("  X: unsafe for routine use\n", "", '"X"'),
        ("supplement: food supplement\n", "", "supplement"),
        ("“{query}” may mean", "“{what}” may mean", "{what}"),
        ("“{name}”", "it", "{name}"),
        ("intro:\n", "intro_:\n", "intro_"),
    ],
)
def test_the_display_words_are_checked_on_load(
    content: Path, old: str, new: str, message: str
) -> None:
    path = content / "meds" / "wording.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(ContentError) as error:
        load_meds_wording(content)
    assert "wording.yaml" in str(error.value) and message in str(error.value)


def test_an_unknown_name_and_a_hint_are_worded_from_content() -> None:
    wording = load_meds_wording()
    assert "qq" in wording.unknown_text("qq")
    assert "a, b" in wording.hint_text("pill", ["a", "b"])
    assert wording.link_text(CrampLink.NONE) != wording.link_text(CrampLink.REPORTED)
