"""Explanations of factor results read as counts and uncertainty, worded in content."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from nightcramp.core.diary import FactorKind
from nightcramp.core.insights.wording import (
    count_text,
    describe,
    experiment_line,
    headline,
    interval_note,
    label,
    load_insight_wording,
    logging_gaps_warning,
    nights_estimate,
    nights_left,
    nothing_stands_out,
    only_cramp_nights_warning,
    ratio_text,
    relief_label,
    unlogged_cramps_warning,
)
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
    assert _describe(time_terms=("trend", "season_sin", "season_cos")) == (
        "On nights with alcohol you had about 2.3 times as many cramps (likely range 1.1 to 5.5 "
        "times, from 33 nights). This held up after allowing for the other factors, the time of "
        "year and the many things checked at once. It is a pattern worth discussing, not proof "
        "that it causes your cramps."
    )


@pytest.mark.parametrize(
    ("time_terms", "allowed"),
    [
        ((), "the other factors and the many"),
        (("trend",), "the other factors, the slow rise or fall of your cramps over time and"),
        (("trend", "season_sin", "season_cos"), "the other factors, the time of year and"),
    ],
)
def test_a_finding_names_only_what_the_model_allowed_for(
    time_terms: tuple[str, ...], allowed: str
) -> None:
    text = _describe(time_terms=time_terms)
    assert f"allowing for {allowed}" in text
    if not any(t.startswith("season") for t in time_terms):
        assert "time of year" not in text


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
        "cramps (likely range 9% to 80% fewer, from 33 nights)."
    )
    assert text.endswith("It is a pattern, not proof that it prevents cramps.")


def test_no_clear_link_says_how_many_more_nights_could_show_a_doubling() -> None:
    text = _describe(verdict="no_clear_link", rate_ratio=1.0, nights_needed=12)
    assert text.startswith("No clear link so far. On nights with alcohol you had about 1.0 times")
    assert text.endswith(
        "This does not prove there is no link. Logging for about 12 nights more could show a "
        "doubling, if there is one."
    )


def test_not_enough_data_says_why_and_how_many_nights_would_help() -> None:
    text = _describe(verdict="not_enough_data", reason="few_cramp_nights", nights_needed=5)
    assert text == (
        "You have 7 nights with cramps so far. We need about 10 before we look for patterns. "
        "Logging for about 5 nights more would help."
    )
    assert _describe(verdict="not_enough_data", reason="something_new") == (
        "There is not enough data yet."
    )


def test_no_cramp_nights_yet_is_said_in_words_not_as_zero() -> None:
    text = _describe(verdict="not_enough_data", reason="few_cramp_nights", cramp_nights=0)
    assert text.startswith("You have had no nights with cramps so far.")
    assert "0 nights" not in text


def test_cramps_without_an_evening_check_in_do_not_read_as_nothing_logged() -> None:
    text = _describe(verdict="not_enough_data", reason="no_nights")
    assert "evening check-in" in text
    assert "not logged" not in text


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


# --- counts said in plain words: one night, two nights; rounded estimates; one unit a sentence


def test_a_count_of_one_is_singular_and_others_plural() -> None:
    assert (count_text(1, "night"), count_text(2, "night")) == ("1 night", "2 nights")
    assert (count_text(1, "cramp"), count_text(0, "cramp")) == ("1 cramp", "0 cramps")
    assert count_text(1200, "night") == "1,200 nights"


@pytest.mark.parametrize(
    ("cramps", "nights", "start"),
    [
        (1, 1, "1 cramp was on 1 night with no evening entry. It counts for relief"),
        (2, 1, "2 cramps were on 1 night with no evening entry. They count for relief"),
        (3, 2, "3 cramps were on 2 nights with no evening entry. They count for relief"),
    ],
)
def test_cramps_on_unlogged_nights_agree_in_number(cramps: int, nights: int, start: str) -> None:
    assert unlogged_cramps_warning(cramps, nights).startswith(start)


def test_the_other_diary_warnings_agree_in_number() -> None:
    assert only_cramp_nights_warning(9, 10, every_evening=False).startswith(
        "9 of your 10 logged nights had a cramp."
    )
    assert logging_gaps_warning(1, 30).startswith("You logged 1 of the 30 nights from your first")


def test_reasons_with_one_night_say_one_night() -> None:
    one = _describe(verdict="not_enough_data", reason="few_cramp_nights", cramp_nights=1)
    assert one.startswith("You have 1 night with cramps so far.")
    recorded = _describe(verdict="not_enough_data", reason="too_few_recorded", nights_recorded=1)
    assert recorded.startswith("You recorded this on 1 night.")


@pytest.mark.parametrize(
    ("nights", "shown"),
    [
        (1, "1 night"),
        (12, "12 nights"),
        (19, "19 nights (3 weeks)"),
        (45, "45 nights (6 weeks)"),
        (262, "260 nights (9 months)"),
        (344, "340 nights (11 months)"),
        (387, "390 nights (13 months)"),
        (1234, "1,200 nights (3.5 years)"),
    ],
)
def test_an_estimate_of_nights_is_rounded_and_long_ones_say_how_long(
    nights: int, shown: str
) -> None:
    assert nights_estimate(nights) == shown


def test_every_estimate_of_nights_is_said_the_same_rounded_way() -> None:
    shown = "390 nights (13 months)"
    texts = [
        nights_left(387),
        nothing_stands_out(387),
        _describe(verdict="no_clear_effect", rate_ratio=1.2, ci=(0.5, 2.9), nights_needed=387),
        _describe(verdict="not_enough_data", reason="few_cramp_nights", nights_needed=387),
    ]
    for text in texts:
        assert shown in text, text
        assert "387" not in text, text


def test_nights_left_and_the_summary_read_plainly() -> None:
    assert nights_left(344) == (
        "At your cramp rate, logging for about 340 nights (11 months) more could show whether "
        "it doubles or halves your cramps."
    )
    assert "Something that doubled your cramps on 3 nights in 10 would take about 390 nights " in (
        nothing_stands_out(387)
    )


def test_the_interval_note_says_in_plain_words_when_we_call_a_link() -> None:
    note = interval_note(16)
    assert note is not None
    assert "leaves out" not in note and "call a link" not in note
    assert "no clear link" in note


def _first_sentence(text: str) -> str:
    return text.split(". ", 1)[0]


def test_a_clear_drop_is_in_percent_with_a_percent_range() -> None:
    text = _describe(
        verdict="likely_protective", rate_ratio=0.43, ci=(0.2, 0.91), nights_recorded=33
    )
    assert "about 57% fewer cramps (likely range 9% to 80% fewer, from 33 nights)" in text
    assert "times" not in _first_sentence(text)


def test_a_range_that_crosses_1_is_in_times_for_the_estimate_too() -> None:
    text = _describe(verdict="no_clear_effect", rate_ratio=0.78, ci=(0.28, 2.1), nights_recorded=60)
    assert "about 0.78 times as many cramps (likely range 0.28 to 2.1 times, from 60 nights)" in (
        text
    )
    assert "%" not in text


@pytest.mark.parametrize(
    ("ratio", "ci"),
    [
        (0.78, (0.28, 2.1)),
        (0.43, (0.2, 0.91)),
        (0.999, (0.99, 0.996)),  # a drop that rounds to 0% is said in times
        (2.345, (1.1, 5.5)),
        (1.0, (0.5, 2.0)),
        (0.05, (0.0001, 0.5)),
    ],
)
def test_a_size_and_its_range_are_in_one_kind_of_number(
    ratio: float, ci: tuple[float, float]
) -> None:
    short = headline(
        name="alcohol_drinks", kind=FactorKind.BOOL, lag_days=0, contrast="yes vs no",
        rate_ratio=ratio, ci=ci,
    )  # fmt: skip
    for text in (_describe(verdict="no_clear_effect", rate_ratio=ratio, ci=ci), short):
        first = _first_sentence(text.removeprefix("No clear link so far. "))
        assert ("%" in first) != ("times" in first), first
        assert not re.search(r"(?<![\d.])0%", first), first


def test_an_experiment_is_offered_until_it_is_running() -> None:
    assert experiment_line("No alcohol in the evening", 16) == (
        "You could test this: No alcohol in the evening, about 16 weeks."
    )
    running = experiment_line("The bedtime calf stretch routine", 6, running=True)
    assert "You could test this" not in running
    assert "The bedtime calf stretch routine" in running
    assert "testing" in running


def test_a_step_of_one_reads_each_extra_drink_not_each_extra_1_drink() -> None:
    text = _describe(kind=FactorKind.NUMBER, contrast="per 1 drink (10th to 90th percentile)")
    assert "With each extra drink of alcohol" in text
    assert "extra 1 " not in text
    more = _describe(kind=FactorKind.NUMBER, contrast="per IQR (12 drinks)")
    assert "With each extra 12 drinks of alcohol" in more


def test_no_clear_link_with_a_very_wide_range_gives_no_single_size() -> None:
    text = _describe(verdict="no_clear_effect", rate_ratio=13.0, ci=(0.86, 199.0))
    assert text.startswith("No clear link so far: too few nights to tell.")
    assert "anything from 0.86 to 199 times as many cramps (from 33 nights)" in text
    assert "about 13" not in text
    narrow = _describe(verdict="no_clear_effect", rate_ratio=0.78, ci=(0.28, 2.1))
    assert "about 0.78 times as many cramps" in narrow
    short = headline(
        name="alcohol_drinks", kind=FactorKind.BOOL, lag_days=0, contrast="yes vs no",
        rate_ratio=13.0, ci=(0.0, 199.0),
    )  # fmt: skip
    assert "about 13" not in short and "too few nights to tell" in short
