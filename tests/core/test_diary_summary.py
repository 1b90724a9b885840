from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from nightcramp.core.diary_summary import summarize

D = dt.date


def test_a_night_with_only_a_cramp_counts_as_logged_and_as_a_cramp_night() -> None:
    summary = summarize(
        [D(2026, 3, 1), D(2026, 3, 2)],
        [D(2026, 3, 2), D(2026, 3, 2), D(2026, 3, 4)],
        today=D(2026, 3, 4),
    )
    # Logged: 1, 2 (check-ins) and 4 (a cramp with no check-in). Missing: 3.
    assert (summary.nights_logged, summary.nights_checked_in) == (3, 2)
    assert (summary.cramp_nights, summary.cramps) == (2, 3)
    assert (summary.first, summary.last, summary.days) == (D(2026, 3, 1), D(2026, 3, 4), 4)
    assert summary.nights_missing == 1


def test_the_period_runs_to_last_night_so_unlogged_recent_nights_are_missing() -> None:
    summary = summarize([D(2026, 3, 1)], [], today=D(2026, 3, 10))
    assert (summary.days, summary.nights_logged, summary.nights_missing) == (9, 1, 8)
    assert summary.last == D(2026, 3, 9)  # tonight is not over: not missing yet


def test_tonight_counts_once_it_is_logged_and_never_as_missing() -> None:
    logged = summarize([D(2026, 3, 1), D(2026, 3, 10)], [], today=D(2026, 3, 10))
    assert (logged.last, logged.nights_logged, logged.nights_missing) == (D(2026, 3, 10), 2, 8)
    asked = summarize([D(2026, 3, 1)], [], today=D(2026, 3, 10), until=D(2026, 3, 31))
    assert (asked.last, asked.nights_missing) == (D(2026, 3, 9), 8)


def test_an_early_since_does_not_count_decades_as_missing() -> None:
    summary = summarize([D(2026, 3, 1)], [], today=D(2026, 3, 3), since=D(1990, 1, 1))
    assert summary.first == D(2026, 3, 1)
    assert summary.nights_missing == 1


def test_since_and_until_bound_every_count() -> None:
    nights = [D(2026, 3, d) for d in range(1, 11)]
    cramps = [D(2026, 3, 2), D(2026, 3, 5), D(2026, 3, 9)]
    summary = summarize(
        nights, cramps, today=D(2026, 3, 20), since=D(2026, 3, 4), until=D(2026, 3, 6)
    )
    assert (summary.first, summary.last) == (D(2026, 3, 4), D(2026, 3, 6))
    assert (summary.nights_logged, summary.cramp_nights, summary.cramps) == (3, 1, 1)


def test_an_empty_diary_has_no_period_and_no_rate() -> None:
    summary = summarize([], [], today=D(2026, 3, 2))
    assert (summary.first, summary.last, summary.days, summary.nights_missing) == (None, None, 0, 0)
    assert summary.cramp_nights_per_week is None
    assert summary.as_dict()["first"] is None


def test_cramp_nights_per_week_needs_a_week_of_logged_nights() -> None:
    six = summarize([D(2026, 3, d) for d in range(1, 7)], [D(2026, 3, 1)], today=D(2026, 3, 6))
    assert six.cramp_nights_per_week is None
    fourteen = summarize(
        [D(2026, 3, d) for d in range(1, 15)], [D(2026, 3, 1), D(2026, 3, 8)], today=D(2026, 3, 14)
    )
    assert fourteen.cramp_nights_per_week == 1.0


dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2026, 12, 31))


@given(st.lists(dates, max_size=40), st.lists(dates, max_size=40))
def test_logged_plus_missing_is_the_period_and_cramp_nights_never_exceed_logged(
    nights: list[dt.date], cramps: list[dt.date]
) -> None:
    summary = summarize(nights, cramps, today=D(2027, 1, 1))
    assert summary.nights_logged + summary.nights_missing == summary.days
    assert summary.cramp_nights <= summary.nights_logged
    assert summary.cramps == len(cramps)
    assert summary.nights_checked_in == len(set(nights))


def test_the_sentence_gets_plurals_right() -> None:
    one = summarize([D(2026, 3, 1)], [D(2026, 3, 1)], today=D(2026, 3, 1))
    assert (
        one.sentence()
        == "1 night logged from 1 Mar 2026 to 1 Mar 2026: 1 night with cramps (1 cramp)."
    )
    more = summarize([D(2026, 3, 1), D(2026, 3, 3)], [], today=D(2026, 3, 3))
    assert more.sentence() == (
        "2 nights logged from 1 Mar 2026 to 3 Mar 2026: 0 nights with cramps (0 cramps), "
        "1 night missing."
    )
    assert summarize([], [], today=D(2026, 3, 3)).sentence() == "Nothing logged yet."
