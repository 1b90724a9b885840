"""The analyze document: the contract's keys, plain words, and a supplement keeps its cautions."""

from __future__ import annotations

import datetime as dt

from nightcramp.core.diary import Episode, Night
from nightcramp.core.experiments.analysis import analyze_experiment
from nightcramp.core.experiments.content import load_experiment_content
from nightcramp.core.experiments.document import experiment_document
from nightcramp.core.experiments.schedule import Arm, design_schedule

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
