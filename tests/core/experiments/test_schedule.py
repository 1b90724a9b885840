"""Schedules: seeded pairs of periods, one on and one off each; the CSV file and its errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nightcramp.core.errors import InputError
from nightcramp.core.experiments.schedule import (
    Arm,
    check_washout,
    design_schedule,
    parse_schedule,
    read_schedule,
    schedule_csv,
)
from nightcramp.core.interop.columns import read_header

START = dt.date(2027, 1, 4)


@given(
    seed=st.integers(0, 2**32),
    pairs=st.integers(4, 8),
    nights=st.integers(1, 21),
    start=st.dates(dt.date(2000, 1, 1), dt.date(2090, 1, 1)),
)
def test_same_seed_same_schedule_and_each_pair_one_on_one_off(
    seed: int, pairs: int, nights: int, start: dt.date
) -> None:
    first = design_schedule(start, nights, pairs, seed)
    assert first == design_schedule(start, nights, pairs, seed)
    assert len(first.nights) == 2 * pairs * nights
    assert first.first == start
    for pair in range(1, pairs + 1):
        arms = {n.arm for n in first.nights if n.pair == pair}
        periods = {n.period for n in first.nights if n.pair == pair}
        assert arms == {Arm.ON, Arm.OFF}
        assert periods == {2 * pair - 1, 2 * pair}
    assert parse_schedule(schedule_csv(first)) == first


def test_different_seeds_give_different_orders() -> None:
    orders = {tuple(n.arm for n in design_schedule(START, 1, 8, seed).nights) for seed in range(20)}
    assert len(orders) > 5


def test_pairs_outside_4_to_8_are_refused() -> None:
    with pytest.raises(InputError) as error:
        design_schedule(START, 7, 3, 1)
    assert error.value.field == "pairs"
    with pytest.raises(InputError):
        design_schedule(START, 0, 4, 1)


def test_followed_column_is_read_and_written(tmp_path: Path) -> None:
    rows = [
        f"{START + dt.timedelta(days=i)},{'on' if i % 2 == 0 else 'off'},{i + 1},"
        + ("yes" if i == 0 else "no" if i == 2 else "")
        for i in range(8)
    ]
    schedule = parse_schedule("date,arm,period,followed\n" + "\n".join(rows) + "\n")
    assert [n.followed for n in schedule.nights] == [True, None, False, *[None] * 5]
    path = tmp_path / "s.csv"
    path.write_text(schedule_csv(schedule), encoding="utf-8")
    assert read_schedule(path) == schedule
    assert schedule.to_json()[0] == {
        "date": "2027-01-04",
        "arm": "on",
        "period": 1,
        "followed": True,
    }


@pytest.mark.parametrize(
    ("text", "row", "field"),
    [
        ("date,arm\n2027-01-04,on\n", 1, "period"),
        ("date,arm,period,x\n2027-01-04,on,1,1\n", 1, "x"),
        ("date,arm,period\n2027-13-04,on,1\n2027-01-05,off,2\n", 2, "date"),
        ("date,arm,period\n2027-01-04,maybe,1\n2027-01-05,off,2\n", 2, "arm"),
        ("date,arm,period\n2027-01-04,on,0\n", 2, "period"),
        ("date,arm,period\n2027-01-04,on,1\n2027-01-06,off,2\n", 3, "date"),
        ("date,arm,period\n2027-01-04,on,1\n2027-01-05,on,2\n", 3, "arm"),
        ("date,arm,period\n2027-01-04,on,1\n2027-01-05,off,1\n", 3, "arm"),
        ("date,arm,period\n2027-01-04,on,1\n2027-01-05,off,3\n", 3, "period"),
        ("date,arm,period\n2027-01-04,on,1\n", 2, "period"),
        ("date,arm,period,followed\n2027-01-04,on,1,perhaps\n2027-01-05,off,2,\n", 2, "followed"),
    ],
)
def test_a_bad_schedule_names_row_and_field(text: str, row: int, field: str) -> None:
    with pytest.raises(InputError) as error:
        parse_schedule(text, file="s.csv")
    assert (error.value.file, error.value.row, error.value.field) == ("s.csv", row, field)


@pytest.mark.parametrize(
    "text", ["", "date,arm,period\n", "date,arm,period\n2027-01-04,on,1,9\n", '"date,arm\n']
)
def test_empty_or_broken_files_are_refused(text: str) -> None:
    with pytest.raises(InputError):
        parse_schedule(text, file="s.csv")


def test_a_column_with_no_name_is_named_by_its_position_as_in_the_diary() -> None:
    with pytest.raises(InputError) as error:
        parse_schedule("date,arm,,period\n2027-01-04,on,,1\n", file="s.csv")
    assert str(error.value) == "s.csv:1: column 3 has no name"
    with pytest.raises(InputError) as diary_error:
        read_header(["date", "water_glasses", ""], "s.csv")
    assert str(diary_error.value) == "s.csv:1: column 3 has no name"


def test_bytes_that_are_not_utf8_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes(b"date,arm,period\n\xff\n")
    with pytest.raises(InputError, match="UTF-8"):
        read_schedule(path)


def _pairs(count: int, period_nights: int = 1) -> str:
    rows = ["date,arm,period"]
    for i in range(2 * count * period_nights):
        period = i // period_nights + 1
        rows.append(f"{START + dt.timedelta(days=i)},{'on' if period % 2 else 'off'},{period}")
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("pairs", [4, 8, 9, 12])
def test_a_schedule_file_may_have_four_or_more_whole_pairs(pairs: int) -> None:
    # `plan` makes 4 to 8 pairs; a schedule made elsewhere may have more.
    assert parse_schedule(_pairs(pairs), file="s.csv").pairs == pairs


@pytest.mark.parametrize("pairs", [1, 2, 3])
def test_a_schedule_of_fewer_than_four_pairs_is_refused_naming_the_last_row(pairs: int) -> None:
    # With one to three pairs, weeks that run high or low cannot be told from the change: a
    # change that does nothing was called in about 1 person in 5 (two fortnights each way).
    text = _pairs(pairs)
    with pytest.raises(InputError) as caught:
        parse_schedule(text, file="s.csv")
    assert caught.value.field == "period"
    assert caught.value.row == len(text.strip().splitlines())
    assert "at least 4" in str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "row", "field"),
    [
        ("2027-01-05", "20270105", 3, "date"),
        ("2027-01-04", "2027-W01-1", 2, "date"),
        ("2027-01-04", "1899-12-31", 2, "date"),
        (",on,1", ",on,\u0661", 2, "period"),
        ("date,arm,period", "date,arm,period,arm", 1, "arm"),
    ],
)
def test_dates_are_yyyy_mm_dd_from_1900_periods_ascii_and_columns_once(
    old: str, new: str, row: int, field: str
) -> None:
    text = _pairs(4).replace(old, new, 1)
    with pytest.raises(InputError) as error:
        parse_schedule(text, file="s.csv")
    assert (error.value.row, error.value.field) == (row, field)


def test_blank_lines_keep_the_row_numbers_of_the_file() -> None:
    lines = _pairs(4).splitlines()
    lines.insert(3, "")
    lines[5] = lines[5].replace(",on,", ",maybe,").replace(",off,", ",maybe,")
    with pytest.raises(InputError) as error:
        parse_schedule("\n".join(lines), file="s.csv")
    assert (error.value.row, error.value.field) == (6, "arm")


def test_an_unclosed_quote_names_its_row() -> None:
    lines = _pairs(4).splitlines()
    lines[4] = '"' + lines[4]
    with pytest.raises(InputError) as error:
        parse_schedule("\n".join(lines), file="s.csv")
    assert error.value.row == 5


def test_the_last_possible_dates_give_an_error_not_an_overflow() -> None:
    text = "date,arm,period\n9999-12-31,on,1\n9999-12-31,off,2\n"
    with pytest.raises(InputError) as error:
        parse_schedule(text, file="s.csv")
    assert (error.value.row, error.value.field) == (3, "date")
    with pytest.raises(InputError) as late:
        design_schedule(dt.date(9999, 12, 1), 7, 4, 1)
    assert late.value.field == "start"
    with pytest.raises(InputError) as early:
        design_schedule(dt.date(1899, 12, 31), 7, 4, 1)
    assert early.value.field == "start"


def test_a_washout_must_leave_nights_to_count_in_every_period() -> None:
    schedule = design_schedule(START, 7, 4, 1)
    assert check_washout(schedule, 6) == 6
    with pytest.raises(InputError, match=r"period 1 has 7 nights") as error:
        check_washout(schedule, 7)
    assert error.value.field == "washout"
