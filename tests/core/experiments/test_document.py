"""The analyze document: the contract's keys, plain words, and a supplement keeps its cautions."""

from __future__ import annotations

import datetime as dt

from nightcramp.core.diary import Episode, Night
from nightcramp.core.experiments.analysis import analyze_experiment
from nightcramp.core.experiments.content import load_experiment_content
from nightcramp.core.experiments.document import experiment_document
from nightcramp.core.experiments.schedule import Arm, design_schedule
from nightcramp.core.ratios import ratio_text

SCHEDULE = design_schedule(dt.date(2027, 1, 4), 14, 4, 2)
KEYS = {
    "change", "nights_on", "nights_off", "cramps_on", "cramps_off", "rate_ratio", "ci_low",
    "ci_high", "probability_helps", "verdict", "final", "looks", "explanation",
}  # fmt: skip


def run(on: int, off: int, upto: int | None = None) -> dict[str, object]:
    nights = [n for n in SCHEDULE.nights][:upto]
    episodes = [
        Episode(dt.datetime.combine(n.date, dt.time(23)) + dt.timedelta(minutes=m))
        for n in nights
        for m in range(on if n.arm is Arm.ON else off)
    ]
    result = analyze_experiment(SCHEDULE, [Night(n.date) for n in nights], episodes, washout=7)
    change = load_experiment_content().changes["magnesium_supplement"]
    return experiment_document(result, change)


def test_a_supplement_that_helps_keeps_its_cautions() -> None:
    doc = run(0, 1)
    assert set(doc) >= KEYS
    assert doc["verdict"] == "helps" and doc["final"] is True
    cautions = doc["cautions"]
    assert isinstance(cautions, list) and any("350 mg" in c for c in cautions)
    text = str(doc["explanation"])
    assert "cure" not in text.lower() and "proven" not in text.lower()
    assert "cautions" in text
    assert doc["washout_nights"] == 7
    looks = doc["looks"]
    assert isinstance(looks, list) and {"date", "nights", "verdict", "final"} <= set(looks[0])


def test_nothing_to_compare_says_so() -> None:
    doc = run(0, 0)
    assert doc["verdict"] == "not_enough_data"
    assert doc["rate_ratio"] is None and doc["probability_helps"] is None
    assert "not counted as a night without cramps" in str(doc["explanation"])


def test_before_the_first_look_it_is_too_early() -> None:
    doc = run(1, 1, upto=10)
    assert doc["verdict"] == "continue" and doc["final"] is False and doc["looks"] == []
    assert doc["per_protocol"] is None


def _even(cramps: int, pairs: int = 8) -> dict[str, object]:
    """An 8-pair stretch schedule, every night logged with `cramps` cramps, on and off alike."""
    schedule = design_schedule(dt.date(2027, 1, 4), 7, pairs, 5)
    episodes = [
        Episode(dt.datetime.combine(n.date, dt.time(23)) + dt.timedelta(minutes=m))
        for n in schedule.nights
        for m in range(cramps)
    ]
    result = analyze_experiment(schedule, [Night(n.date) for n in schedule.nights], episodes)
    return experiment_document(result)


def test_no_clear_effect_says_probably_small_only_when_the_whole_range_is_narrow() -> None:
    narrow = _even(3)
    assert narrow["verdict"] == "no_clear_effect"
    low, high = narrow["ci_low"], narrow["ci_high"]
    assert isinstance(low, float) and isinstance(high, float) and 0.67 <= low < high <= 1.5
    text = str(narrow["explanation"])
    assert "too alike to tell them apart" in text and "probably small" in text
    assert f"likely range is {ratio_text(low)} to {ratio_text(high)} times" in text


def test_no_clear_effect_with_a_wide_range_says_the_nights_cannot_tell() -> None:
    wide = _even(1, pairs=4)
    assert wide["verdict"] == "no_clear_effect"
    low, high = wide["ci_low"], wide["ci_high"]
    assert isinstance(low, float) and isinstance(high, float) and (low < 0.67 or high > 1.5)
    text = str(wide["explanation"])
    assert "probably small" not in text and "too alike" not in text
    assert "cannot tell whether the change helps, does nothing or makes your cramps worse" in text
    assert "likely range is" in text


def test_an_arm_with_no_logged_night_is_said_in_words() -> None:
    schedule = design_schedule(dt.date(2027, 1, 4), 7, 4, 3)
    off = [n.date for n in schedule.nights if n.pair == 1 and n.arm is Arm.OFF]
    on = [n.date for n in schedule.nights if n.pair == 1 and n.arm is Arm.ON]
    for logged, says in (
        (off, "No nights with the change were logged yet."),
        (on, "No nights without the change were logged yet."),
        ([], "No nights with or without the change were logged yet."),
    ):
        nights = [Night(d) for d in logged] + [Night(schedule.pair_end(1) + dt.timedelta(1))]
        doc = experiment_document(analyze_experiment(schedule, nights, []))
        text = str(doc["explanation"])
        assert says in text, text
        assert " - " not in text and "None" not in text


def test_without_a_look_after_the_answer_there_are_no_words_for_one() -> None:
    doc = run(1, 1)
    assert doc["after_answer"] is None
    looks = doc["looks"]
    assert isinstance(looks, list) and all(look["after_answer"] is False for look in looks)
