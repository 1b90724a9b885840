"""The header row of a diary CSV: which kind of file it starts, and its columns."""

from __future__ import annotations

import pytest

from nightcramp.core.diary import STANDARD_FACTORS
from nightcramp.core.errors import InputError
from nightcramp.core.interop.columns import (
    EPISODE_COLUMNS,
    NIGHT_COLUMNS,
    DiaryKind,
    read_header,
)


def refused(header: str) -> str:
    with pytest.raises(InputError) as caught:
        read_header(header.split(","), "diary.csv")
    return str(caught.value)


def test_the_contract_column_orders() -> None:
    assert NIGHT_COLUMNS[0] == "date"
    assert NIGHT_COLUMNS[1:] == tuple(STANDARD_FACTORS)
    assert EPISODE_COLUMNS[:3] == ("started_at", "muscle", "side")
    assert EPISODE_COLUMNS[-1] == "notes"


def test_a_date_column_makes_a_nights_file_in_file_order() -> None:
    kind, columns = read_header(["water_glasses", "date", "pickles"], "n.csv")
    assert kind is DiaryKind.NIGHTS
    assert columns == ("water_glasses", "date", "pickles")


def test_a_started_at_column_makes_an_episodes_file() -> None:
    assert read_header(["notes", "started_at"], "e.csv") == (
        DiaryKind.EPISODES,
        ("notes", "started_at"),
    )


def test_standard_names_are_matched_in_any_case_and_trimmed_custom_names_kept() -> None:
    _, columns = read_header([" Date ", "WATER_GLASSES", "Leg_Day"], "n.csv")
    assert columns == ("date", "water_glasses", "Leg_Day")


def test_a_neutralised_header_cell_is_read_as_written() -> None:
    _, columns = read_header(["date", "'=evil"], "n.csv")
    assert columns == ("date", "=evil")


def test_a_header_without_date_or_started_at_is_not_a_diary() -> None:
    assert refused("name,age") == (
        "diary.csv:1: is not a nightcramp diary CSV: its header has no `date` (nights) "
        "or `started_at` (episodes) column"
    )


def test_a_semicolon_separated_header_is_refused() -> None:
    assert "semicolons" in refused("date;water_glasses")


def test_a_header_with_both_date_and_started_at_is_refused() -> None:
    assert "put nights and episodes in separate files" in refused("date,started_at")


def test_a_duplicated_column_is_refused() -> None:
    assert refused("date,water_glasses,Water_Glasses").startswith(
        "diary.csv:1:water_glasses: appears twice"
    )


def test_a_column_without_a_name_is_refused() -> None:
    assert refused("date,,water_glasses") == "diary.csv:1: column 2 has no name"


def test_an_unknown_episode_column_is_refused() -> None:
    assert refused("started_at,pain").startswith("diary.csv:1:pain: is not an episodes column")


def test_an_episode_column_in_a_nights_file_is_not_a_custom_factor() -> None:
    assert refused("date,severity").startswith("diary.csv:1:severity: ")
