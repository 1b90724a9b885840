"""Malformed diary CSV files: every problem is refused with a plain reason naming the file, row
and field, never an exception other than InputErrors, and never a value the store cannot keep.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nightcramp.core.errors import InputErrors
from nightcramp.core.interop import csv_diary
from nightcramp.core.interop.csv_diary import DiaryKind, DiaryReader, read_episodes, read_nights

EPISODES = "started_at,muscle,side,duration_min,notes\n"
NIGHTS = "date,water_glasses,standing_hours,mood\n"


def write(tmp_path: Path, text: str | bytes, name: str = "diary.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def problems(path: Path, kind: DiaryKind) -> list[str]:
    reader = DiaryReader(path)
    list(reader.nights() if kind is DiaryKind.NIGHTS else reader.episodes())
    return [str(e) for e in reader.errors]


def test_a_week_date_is_refused_as_the_diary_rule_refuses_it(tmp_path: Path) -> None:
    path = write(tmp_path, EPISODES + "2026-W01-1T02:00,calf,left,2,\n")
    assert problems(path, DiaryKind.EPISODES) == [
        "diary.csv:2:started_at: must be a date and time like 2026-01-31T23:15, "
        "not '2026-W01-1T02:00'"
    ]


def test_a_time_zone_offset_beyond_18_hours_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, EPISODES + "2026-01-01T02:00+23:59,calf,left,2,\n")
    assert problems(path, DiaryKind.EPISODES) == [
        "diary.csv:2:started_at: has a time-zone offset beyond ±18:00"
    ]


def test_an_offset_of_18_hours_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, EPISODES + "2026-01-01T02:00-18:00,calf,left,2,\n")
    (episode,) = read_episodes(path)
    assert episode.started_at.utcoffset() == dt.timedelta(hours=-18)


def test_notes_with_a_nul_character_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, EPISODES + "2026-01-01T02:00,calf,left,2,a\x00b\n")
    assert problems(path, DiaryKind.EPISODES) == [
        "diary.csv:2:notes: must not contain NUL characters"
    ]


def test_notes_longer_than_10000_characters_are_refused(tmp_path: Path) -> None:
    long_ok = "x" * 10_000
    path = write(
        tmp_path,
        EPISODES
        + f"2026-01-01T02:00,calf,left,2,{long_ok}\n2026-01-02T02:00,calf,left,2,{long_ok}y\n",
    )
    assert problems(path, DiaryKind.EPISODES) == [
        "diary.csv:3:notes: can be at most 10,000 characters"
    ]


def test_a_custom_value_too_large_to_keep_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, NIGHTS + "2026-01-01,,,1000000000000000\n2026-01-02,,,1e16\n")
    assert problems(path, DiaryKind.NIGHTS) == [
        "diary.csv:3:mood: is too large (at most 1,000,000,000,000,000)"
    ]


@pytest.mark.parametrize("column", ["water_glasses", "standing_hours", "mood", "date"])
def test_a_cell_thousands_of_digits_long_gets_a_short_plain_reason(
    tmp_path: Path, column: str
) -> None:
    cells = {"date": "2026-01-01", "water_glasses": "", "standing_hours": "", "mood": ""}
    cells[column] = "9" * 5000
    path = write(tmp_path, NIGHTS + ",".join(cells.values()) + "\n")
    (problem,) = problems(path, DiaryKind.NIGHTS)
    assert problem.startswith(f"diary.csv:2:{column}: ")
    assert "5,000 characters" in problem
    assert "sys." not in problem and len(problem) < 300


def test_line_ends_of_a_lone_carriage_return_get_a_plain_reason(tmp_path: Path) -> None:
    path = write(tmp_path, "date,water_glasses\r2026-01-01,3\r")
    (problem,) = problems(path, DiaryKind.NIGHTS)
    assert problem.startswith("diary.csv:1: ")
    assert "line ends" in problem and "universal-newline" not in problem


def test_text_after_a_closing_quote_gets_a_plain_reason(tmp_path: Path) -> None:
    path = write(tmp_path, EPISODES + '2026-01-01T02:00,calf,left,2,"said "hi" then"\n')
    (problem,) = problems(path, DiaryKind.EPISODES)
    assert problem.startswith("diary.csv:2: ")
    assert "quote" in problem and "expected after" not in problem


def test_a_cell_over_the_csv_size_limit_gets_a_plain_reason(tmp_path: Path) -> None:
    path = write(tmp_path, EPISODES + '2026-01-01T02:00,calf,left,2,"' + "x" * 200_000 + '"\n')
    (problem,) = problems(path, DiaryKind.EPISODES)
    assert problem.startswith("diary.csv:2: ")
    assert "field limit" not in problem and "131,072" in problem


def test_a_line_too_long_for_a_diary_is_refused_without_reading_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_diary, "MAX_LINE_BYTES", 1000)
    path = write(tmp_path, "date,water_glasses\n2026-01-01,3\n2026-01-02," + "3" * 5000)
    reader = DiaryReader(path)
    assert [n.date for _, n in reader.nights()] == [dt.date(2026, 1, 1)]
    (problem,) = [str(e) for e in reader.errors]
    assert problem.startswith("diary.csv:3: ")
    assert "1,000" in problem
    assert reader.bytes_read < 2500


def test_a_header_line_too_long_is_refused_by_detect_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_diary, "MAX_LINE_BYTES", 100)
    path = write(tmp_path, "date," + "x" * 500 + "\n")
    with pytest.raises(InputErrors, match=r"^diary\.csv:1: "):
        csv_diary.detect_kind(path)


_CELLS = st.sampled_from(
    [
        "",
        "2026-01-01",
        "2026-02-30",
        "2026-01-01T02:00",
        "2026-W01-1T02:00",
        "2026-01-01T02:00+23:59",
        "1e309",
        "nan",
        "-1",
        "1.5",
        "yes",
        "'=1",
        '"',
        '"a,b"',
        "\x00",
        "\r",
        "9" * 5000,
        "calf",
        "stretch;walk",
        "é",
    ]
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=st.lists(
        st.sampled_from(
            ["date", "started_at", "water_glasses", "mood", "muscle", "side", "notes", "Date", ""]
        ),
        min_size=1,
        max_size=5,
    ),
    rows=st.lists(st.lists(_CELLS, max_size=6), max_size=4),
    junk=st.binary(max_size=40),
)
def test_any_file_is_read_or_refused_naming_the_file(
    tmp_path: Path, header: list[str], rows: list[list[str]], junk: bytes
) -> None:
    text = ",".join(header) + "\n" + "".join(",".join(r) + "\n" for r in rows)
    path = tmp_path / "any.csv"
    path.write_bytes(text.encode("utf-8") + junk)
    for read in (read_nights, read_episodes):
        try:
            read(path)
        except InputErrors as errors:
            assert all(e.file == "any.csv" for e in errors.errors)


def test_a_very_long_value_with_no_quote_is_not_called_bad_csv(tmp_path: Path) -> None:
    path = write(tmp_path, EPISODES + "2026-01-01T02:00,calf,left,2," + "y" * 200_000 + "\n")
    (problem,) = problems(path, DiaryKind.EPISODES)
    assert problem.startswith("diary.csv:2: has a cell longer than 131,072 characters")
    assert "not valid CSV" not in problem
