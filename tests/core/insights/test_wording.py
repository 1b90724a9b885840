"""Explanations of factor results read as counts and uncertainty, worded in content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nightcramp.core.diary import FactorKind, Relief
from nightcramp.core.insights.wording import (
    describe,
    interval_note,
    label,
    load_insight_wording,
    ratio_text,
    relief_evidence,
    relief_label,
)
from nightcramp.core.knowledge import load_knowledge
from nightcramp.core.knowledge.files import ContentFileError
from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.knowledge.sources import CONTENT_DIR


def _describe(**changes: object) -> str:
    arguments: dict[str, object] = {
        "name": "alcohol_drinks",
        "kind": FactorKind.BOOL,
        "lag_days": 0,
        "verdict": "likely_trigger",
        "contrast": "yes vs no",
        "rate_ratio": 2.345,
        "ci": (1.1, 5.5),
        "nights_recorded": 33,
        "nights_needed": None,
        "reason": None,
        "cramp_nights": 7,
        "partner": None,
    }
    arguments.update(changes)
    return describe(**arguments)  # type: ignore[arg-type]  # test arguments


def test_a_likely_trigger_gives_the_size_the_range_and_says_it_is_not_proof() -> None:
    assert _describe() == (
        "On nights with alcohol you had about 2.3 times as many cramps (likely range 1.1 to 5.5 "
        "times, from 33 nights). This held up after allowing for the other factors, the time of "
        "year and the many things checked at once. It is a pattern worth discussing, not proof "
        "that it causes your cramps."
    )


def test_a_protective_number_factor_says_fewer_cramps_per_step() -> None:
    text = _describe(
        name="bedtime_stretch",
        kind=FactorKind.NUMBER,
        contrast="per IQR (2 minutes)",
        verdict="likely_protective",
        rate_ratio=0.43,
        ci=(0.2, 0.91),
        lag_days=1,
    )
    assert text.startswith(
        "With each extra 2 minutes of the bedtime stretch the day before you had about 57% fewer "
        "cramps (likely range 0.2 to 0.91 times, from 33 nights)."
    )
    assert text.endswith("It is a pattern, not proof that it prevents cramps.")


def test_no_clear_link_says_how_many_more_nights_could_show_a_doubling() -> None:
    text = _describe(verdict="no_clear_link", rate_ratio=1.0, nights_needed=12)
    assert text.startswith("No clear link so far. On nights with alcohol you had about 1.0 times")
    assert text.endswith(
        "This does not prove there is no link. About 12 more logged nights could show a "
        "doubling, if there is one."
    )


def test_not_enough_data_says_why_and_how_many_nights_would_help() -> None:
    text = _describe(verdict="not_enough_data", reason="few_cramp_nights", nights_needed=5)
    assert text == (
        "You have 7 nights with cramps so far. We need about 10 before we look for patterns. "
        "About 5 more logged nights would help."
    )
    assert _describe(verdict="not_enough_data", reason="something_new") == (
        "There is not enough data yet."
    )


def test_a_factor_that_always_goes_with_another_names_the_other() -> None:
    text = _describe(verdict="not_enough_data", reason="collinear", partner="caffeine_drinks")
    assert text == (
        "This almost always went together with coffee, tea or cola, so we cannot tell the two "
        "apart."
    )


def test_labels_are_everyday_words_and_custom_names_are_kept() -> None:
    assert label("water_glasses") == "water"
    assert label("water_glasses", lag_days=1) == "water the day before"
    assert label("my_own_factor") == "my own factor"
    assert relief_label("walk") == "Walk about"
    assert relief_label("hot_water_bottle") == "hot water bottle"


def test_the_wording_gives_no_advice_and_claims_no_cause() -> None:
    words = load_insight_wording()
    texts = [words.likely_trigger, words.likely_protective, words.no_clear_link]
    assert all("not proof" in t or "does not prove" in t for t in texts)


def _content_with(tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root, ignore=shutil.ignore_patterns("__pycache__"))
    wording = root / "insights" / "wording.yaml"
    text = wording.read_text(encoding="utf-8")
    assert old in text
    wording.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "entry_id",
    [
        "no_such_entry",  # not in the knowledge content
        "flag_long_cramp",  # a safety instruction grades no relief
        "remedy_calcium",  # graded X with no verdict to give as the warning
    ],
)
def test_a_relief_method_graded_by_a_wrong_entry_is_refused_naming_it(
    tmp_path: Path, entry_id: str
) -> None:
    root = _content_with(
        tmp_path, "stand_on_toes: relief_stand_on_toes", f"stand_on_toes: {entry_id}"
    )
    with pytest.raises(ContentFileError, match=r"relief_evidence\.stand_on_toes"):
        relief_evidence(root)


def test_an_x_graded_method_gets_the_entrys_verdict_as_its_warning() -> None:
    toes = relief_evidence()[Relief.STAND_ON_TOES]
    verdict = load_knowledge().entry("relief_stand_on_toes").verdict
    assert toes.grade is Grade.X
    assert verdict and toes.warning and " ".join(verdict.split()) in toes.warning


def test_hours_standing_is_never_hours_of_hours() -> None:
    text = _describe(
        name="standing_hours", kind=FactorKind.NUMBER, contrast="per IQR (2 hours)",
        verdict="no_clear_effect",
    )  # fmt: skip
    assert text.startswith("No clear link so far. With each extra 2 hours standing you had")
    assert "hours of hours" not in text


def test_a_bound_near_1_shows_enough_digits_not_to_look_like_1() -> None:
    assert (ratio_text(1.004), ratio_text(0.996), ratio_text(1.0)) == ("1.004", "0.996", "1")
    assert ratio_text(0.96) == "0.96"
    assert ratio_text(2.345) == "2.3"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1000.0, "1000"),
        (123.4, "123"),
        (99.7, "100"),
        (99.4, "99"),
        (12.34, "12"),
        (0.0123, "0.012"),
        (0.001, "0.001"),
        (0.00099, "under 0.001"),
        (0.0, "under 0.001"),
    ],
)
def test_a_ratio_far_from_1_is_plain_decimals_never_an_exponent_or_zero(
    value: float, shown: str
) -> None:
    assert ratio_text(value) == shown


def test_the_interval_note_needs_at_least_two_tests() -> None:
    assert interval_note(1) is None and interval_note(None) is None
    note = interval_note(16)
    assert note is not None and "16 things" in note
