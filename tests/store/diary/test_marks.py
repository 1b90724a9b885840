"""How a night looks in the calendar and the strip: missing, cramp-free or cramps by pain band."""

from __future__ import annotations

import datetime as dt

import pytest

from nightcramp.store.diary.marks import (
    NightMark,
    mark_nights,
    month_weeks,
    severity_level,
    shift_month,
)

D = dt.date


@pytest.mark.parametrize(
    ("severity", "level"),
    [(None, "unknown"), (0, "mild"), (3, "mild"), (4, "moderate"), (6, "moderate"), (7, "severe")],
)
def test_severity_bands(severity: int | None, level: str) -> None:
    assert severity_level(severity) == level


def test_a_night_is_missing_free_or_cramps_by_the_worst_pain() -> None:
    days = [D(2026, 11, 1), D(2026, 11, 2), D(2026, 11, 3), D(2026, 11, 4)]
    marks = mark_nights(
        days,
        logged=[D(2026, 11, 2), D(2026, 11, 3)],
        severities={D(2026, 11, 3): [2, 8, None], D(2026, 11, 4): [None]},
    )
    assert marks == [
        NightMark(D(2026, 11, 1), "missing"),
        NightMark(D(2026, 11, 2), "free"),
        NightMark(D(2026, 11, 3), "cramps", 3, "severe"),
        NightMark(D(2026, 11, 4), "cramps", 1, "unknown"),
    ]
    assert [m.words for m in marks] == [
        "not logged",
        "no cramps",
        "3 cramps, severe",
        "1 cramp, pain not recorded",
    ]


def test_month_weeks_start_on_monday_and_blank_other_months() -> None:
    weeks = month_weeks(2026, 11)
    assert weeks[0] == [None] * 6 + [D(2026, 11, 1)]
    assert weeks[-1][0] == D(2026, 11, 30)
    assert all(len(w) == 7 for w in weeks)


@pytest.mark.parametrize(
    ("start", "by", "end"),
    [((2026, 12), 1, (2027, 1)), ((2026, 1), -1, (2025, 12)), ((2026, 5), 0, (2026, 5))],
)
def test_shift_month_crosses_years(start: tuple[int, int], by: int, end: tuple[int, int]) -> None:
    assert shift_month(*start, by) == end


def test_the_css_class_colours_cramp_nights_by_their_worst_band_only() -> None:
    assert NightMark(D(2026, 11, 1), "missing").css == "night-missing"
    assert NightMark(D(2026, 11, 2), "free").css == "night-free"
    assert NightMark(D(2026, 11, 3), "cramps", 2, "moderate").css == "night-cramps sev-moderate"
