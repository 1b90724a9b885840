"""The summary lines of an analysis: what was logged, what stands out, what to do next."""

from __future__ import annotations

import dataclasses
import datetime as dt

from nightcramp.core.diary import Episode, FactorKind, Night
from nightcramp.core.insights.nights import NightTable, build_table
from nightcramp.core.insights.results import FactorResult, Verdict
from nightcramp.core.insights.summary import summarize

START = dt.date(2026, 1, 1)
CLOSING = "These are patterns worth discussing with your doctor, not proof of a cause."
RESULT = FactorResult(
    factor="warm_bath",
    lag_days=0,
    kind=FactorKind.BOOL,
    verdict=Verdict.NO_CLEAR_EFFECT,
    rate_ratio=1.1,
    ci_low=0.8,
    ci_high=1.5,
    p_value=0.5,
    adjusted_p=0.6,
    family="exploratory",
    contrast="true vs false",
    nights_with=20,
    nights_recorded=40,
    nights_needed=100,
    explanation="text",
)


def _table(nights: int, cramp_nights: int) -> NightTable:
    days = [START + dt.timedelta(days=i) for i in range(nights)]
    episodes = [
        Episode(started_at=dt.datetime.combine(d + dt.timedelta(days=1), dt.time(2)))
        for d in days[:cramp_nights]
    ]
    return build_table([Night(d, {}) for d in days], episodes)


def test_no_nights_says_how_to_start() -> None:
    lines = summarize(_table(0, 0), [], "no_nights", 120, [])
    assert not any("You logged" in line for line in lines)  # the diary summary says that
    assert "Log your evening check-in every night" in lines[0]
    assert "about 10 nights with cramps" in lines[0]
    assert len(lines) == 1


def test_too_few_cramp_nights_says_how_many_are_needed() -> None:
    lines = summarize(_table(30, 4), [RESULT], "few_cramp_nights", 120, [])
    assert lines == [
        "We need about 10 nights with cramps before looking for triggers. "
        "Keep logging every evening, including quiet nights.",
    ]


def test_another_block_points_to_the_note() -> None:
    lines = summarize(_table(20, 19), [], "only_cramp_nights", 120, [])
    assert lines[0] == "We cannot look for triggers yet. The note below says why."
    assert CLOSING not in lines


def test_each_clear_finding_gets_a_line_in_plain_words() -> None:
    found = [
        dataclasses.replace(RESULT, factor="alcohol_drinks", verdict=Verdict.LIKELY_TRIGGER),
        dataclasses.replace(RESULT, verdict=Verdict.LIKELY_PROTECTIVE),
        RESULT,
    ]
    lines = summarize(_table(60, 20), found, None, 120, ["alcohol_drinks"])
    assert lines[0].startswith("You tend to have more cramps with ")
    assert lines[1].startswith("You tend to have fewer cramps with ")
    assert len(lines) == 3
    assert lines[-1] == CLOSING


def test_nothing_clear_says_how_many_nights_it_would_take() -> None:
    lines = summarize(_table(60, 20), [RESULT], None, 345, ["warm_bath"])
    assert lines[0].startswith("Nothing stands out clearly yet.")
    assert "about 340 nights (11 months) of logging in all" in lines[0]
    assert lines[-1] == CLOSING


def test_naming_a_suspect_is_suggested_only_when_none_was_named() -> None:
    without = summarize(_table(60, 20), [RESULT], None, 345, [])
    named = summarize(_table(60, 20), [RESULT], None, 345, ["warm_bath"])
    assert any(line.startswith("If you suspect one thing") for line in without)
    assert not any(line.startswith("If you suspect one thing") for line in named)
