"""Writing the diary CSV files: contract column order, one spelling per value, formulas off."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from nightcramp.core.diary import Episode, FactorValue, Muscle, Night, Relief, Side
from nightcramp.core.interop.csv_writer import (
    format_started_at,
    format_value,
    write_episodes_csv,
    write_nights_csv,
)

PLUS_ONE = dt.timezone(dt.timedelta(hours=1))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (12, "12"),
        (8.0, "8"),
        (7.25, "7.25"),
        (1e-05, "1e-05"),
        (1e15, "1000000000000000.0"),
        (-3, "-3"),
    ],
)
def test_values_are_written_one_way_only(value: FactorValue | None, text: str) -> None:
    assert format_value(value) == text


def test_start_times_keep_seconds_and_show_an_aware_time_in_the_given_zone() -> None:
    aware = dt.datetime(2026, 1, 6, 2, 30, tzinfo=PLUS_ONE)
    assert format_started_at(aware) == "2026-01-06T02:30:00+01:00"
    assert format_started_at(aware, dt.UTC) == "2026-01-06T01:30:00+00:00"
    assert format_started_at(dt.datetime(2026, 1, 6, 2, 30), dt.UTC) == "2026-01-06T02:30:00"


def test_written_nights_follow_the_contract_column_order_with_custom_columns_last() -> None:
    out = io.StringIO()
    count = write_nights_csv(
        [
            Night(dt.date(2026, 1, 5), {"water_glasses": 3, "zinc": 1.5, "cold_room": True}),
            Night(dt.date(2026, 1, 6), {"apple": False, "standing_hours": 8.0}),
        ],
        out,
    )
    lines = out.getvalue().split("\r\n")
    assert count == 2
    assert lines[0].split(",")[:2] == ["date", "water_glasses"]
    assert lines[0].split(",")[-3:] == ["cold_room", "apple", "zinc"]
    assert lines[1] == "2026-01-05,3" + "," * 14 + "true,,1.5"
    assert lines[2] == "2026-01-06" + ",,,,,,8" + "," * 9 + ",false,"
    assert lines[3] == ""


def test_given_custom_columns_are_written_in_that_order_and_read_the_nights_once() -> None:
    out = io.StringIO()
    nights = iter([Night(dt.date(2026, 1, 5), {"zinc": 2, "apple": True})])
    assert write_nights_csv(nights, out, custom_columns=["zinc", "apple"]) == 1
    header, row = out.getvalue().splitlines()
    assert header.endswith(",zinc,apple")
    assert row.endswith(",2,true")


def test_written_episodes_follow_the_contract_columns() -> None:
    out = io.StringIO()
    episode = Episode(
        started_at=dt.datetime(2026, 1, 6, 2, 30, tzinfo=PLUS_ONE),
        muscle=Muscle.FOOT,
        side=Side.BOTH,
        duration_min=1.5,
        severity=7,
        relief=(Relief.STRETCH, Relief.WALK),
        relief_worked=Relief.WALK,
        woke_from_sleep=False,
        notes="a, b",
    )
    assert write_episodes_csv([episode, Episode(dt.datetime(2026, 1, 7, 1, 0))], out) == 2
    assert out.getvalue().split("\r\n") == [
        "started_at,muscle,side,duration_min,severity,relief,relief_worked,woke_from_sleep,notes",
        '2026-01-06T02:30:00+01:00,foot,both,1.5,7,stretch;walk,walk,false,"a, b"',
        "2026-01-07T01:00:00,calf,,,,,,,",
        "",
    ]


def test_written_cells_are_neutralised() -> None:
    out = io.StringIO()
    write_episodes_csv([Episode(dt.datetime(2026, 1, 7, 1, 0), notes="@home\ttab")], out)
    assert out.getvalue().splitlines()[1].endswith(",'@home\ttab")
    nights = io.StringIO()
    write_nights_csv([Night(dt.date(2026, 1, 5), {"=evil": -1})], nights)
    header, row = nights.getvalue().splitlines()
    assert header.endswith(",'=evil")
    assert row.endswith(",'-1")


def test_a_path_is_written_as_utf8_with_crlf_and_closed(tmp_path: Path) -> None:
    path = tmp_path / "episodes.csv"
    write_episodes_csv([Episode(dt.datetime(2026, 1, 7, 1, 0), notes="crampe à 1h")], path)
    assert path.read_bytes().endswith("crampe à 1h\r\n".encode())
