"""How the diary was kept: gaps, unlogged cramps, only cramp nights, enough cramp nights."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from nightcramp.core.diary import Episode, Night
from nightcramp.core.insights.data_quality import MIN_CRAMP_NIGHTS, check_data_quality
from nightcramp.core.insights.nights import NightTable, build_table

START = dt.date(2026, 1, 1)


def _table(
    logged: Sequence[int], cramps_after: Sequence[int], unlogged: Sequence[int] = ()
) -> NightTable:
    """Nights logged on the given day offsets; one cramp after each night in `cramps_after`."""
    nights = [Night(START + dt.timedelta(days=d), {}) for d in logged]
    episodes = [
        Episode(started_at=dt.datetime.combine(START + dt.timedelta(days=d + 1), dt.time(2)))
        for d in (*cramps_after, *unlogged)
    ]
    return build_table(nights, episodes)


def test_an_empty_diary_cannot_be_searched_for_triggers() -> None:
    quality = check_data_quality(_table([], []))
    assert quality.blocked == "no_nights"
    assert quality.warnings == []
    assert quality.document == {
        "span_days": 0,
        "logged_share": None,
        "quiet_nights": 0,
        "unlogged_cramps": 0,
        "unlogged_cramp_nights": 0,
        "only_cramp_nights": False,
        "first_night": None,
        "last_night": None,
    }


def test_a_well_kept_diary_is_searched_and_described() -> None:
    quality = check_data_quality(_table(range(30), range(0, 30, 3)))
    assert quality.blocked is None
    assert quality.warnings == []
    assert quality.document["span_days"] == 30
    assert quality.document["logged_share"] == 1.0
    assert quality.document["quiet_nights"] == 20
    assert quality.document["first_night"] == "2026-01-01"
    assert quality.document["last_night"] == "2026-01-30"


def test_fewer_than_ten_cramp_nights_is_not_enough() -> None:
    assert MIN_CRAMP_NIGHTS == 10
    assert check_data_quality(_table(range(30), range(9))).blocked == "few_cramp_nights"
    assert check_data_quality(_table(range(30), range(10))).blocked is None


def test_logging_only_cramp_nights_is_called_biased() -> None:
    # 20 nights logged over two months, 19 with a cramp: one quiet night is fewer than 10%.
    logged = range(0, 60, 3)
    quality = check_data_quality(_table(logged, logged[:19]))
    assert quality.blocked == "only_cramp_nights"
    assert quality.document["only_cramp_nights"] is True
    assert quality.warnings[0].startswith("19 of your 20 logged nights had a cramp.")
    assert "biased" in quality.warnings[0] and "log every evening" in quality.warnings[0]
    # Two quiet nights in 20 is 10%: not biased.
    assert check_data_quality(_table(logged, logged[:18])).blocked is None


def test_cramps_on_nearly_every_night_of_a_daily_diary_are_not_blamed_on_the_logging() -> None:
    # 20 evenings in a row, 19 with a cramp: logging more would not bring quiet nights.
    quality = check_data_quality(_table(range(20), range(19)))
    assert quality.blocked == "only_cramp_nights"
    (warning,) = quality.warnings
    assert warning.startswith("19 of your 20 logged nights had a cramp, and you logged")
    assert "biased" not in warning and "log every evening" not in warning
    assert "self-experiment" in warning and "doctor" in warning


def test_logging_fewer_than_half_the_nights_is_warned_about() -> None:
    quality = check_data_quality(_table(range(0, 30, 3), [0, 3]))
    assert quality.document["span_days"] == 28
    assert quality.document["logged_share"] == round(10 / 28, 3)
    assert quality.warnings == [
        "You logged 10 of the 28 nights from your first entry to your last. Nights you did not "
        "log are left out, never counted as cramp-free."
    ]


def test_cramps_on_unlogged_nights_are_counted_and_warned_about() -> None:
    quality = check_data_quality(_table(range(10), [1], unlogged=[20, 20, 25]))
    assert quality.document["unlogged_cramps"] == 3
    assert quality.document["unlogged_cramp_nights"] == 2
    assert quality.warnings[-1].startswith("3 cramps were on 2 nights with no evening entry.")


def test_one_cramp_on_one_unlogged_night_is_said_in_the_singular() -> None:
    quality = check_data_quality(_table(range(10), [1], unlogged=[20]))
    assert quality.warnings[-1].startswith("1 cramp was on 1 night with no evening entry. It ")
