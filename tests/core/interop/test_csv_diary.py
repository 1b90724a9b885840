"""Diary CSV files read whole: recognising a file, bytes and quoting, limits, and round trips."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nightcramp.core.diary import Episode, Muscle, Night, Relief, Side
from nightcramp.core.errors import InputErrors
from nightcramp.core.interop.csv_diary import (
    MAX_ROWS,
    DiaryKind,
    DiaryReader,
    detect_kind,
    iter_nights,
    read_episodes,
    read_nights,
    write_episodes_csv,
    write_nights_csv,
)


def write(tmp_path: Path, text: str | bytes, name: str = "diary.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def problems(path: Path, kind: DiaryKind) -> list[str]:
    reader = DiaryReader(path)
    rows = reader.nights() if kind is DiaryKind.NIGHTS else reader.episodes()
    list(rows)
    return [str(e) for e in reader.errors]


# -- recognising files --------------------------------------------------------------------------
def test_a_file_is_recognised_by_its_header_not_its_name(tmp_path: Path) -> None:
    nights = write(tmp_path, "water_glasses,date\n3,2026-01-05\n", "episodes.csv")
    episodes = write(tmp_path, "notes,started_at\nx,2026-01-05T23:00\n", "nights.csv")
    assert detect_kind(nights) is DiaryKind.NIGHTS
    assert detect_kind(episodes) is DiaryKind.EPISODES
    assert read_nights(nights) == [Night(dt.date(2026, 1, 5), {"water_glasses": 3})]


def test_a_file_that_is_not_a_diary_csv_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "name,age\nann,70\n", "people.csv")
    with pytest.raises(InputErrors) as caught:
        detect_kind(path)
    assert "people.csv:1" in str(caught.value)
    assert "`date`" in str(caught.value)


def test_detect_kind_names_the_file_by_its_label(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    with pytest.raises(InputErrors, match=r"^upload\.csv: is empty"):
        detect_kind(path, label="upload.csv")


def test_a_semicolon_separated_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "date;water_glasses\n2026-01-05;3\n")
    with pytest.raises(InputErrors, match="semicolons"):
        read_nights(path)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputErrors, match="empty"):
        read_nights(write(tmp_path, ""))


def test_a_header_only_file_is_valid_and_holds_nothing(tmp_path: Path) -> None:
    assert read_nights(write(tmp_path, "date,water_glasses\n")) == []
    assert read_episodes(write(tmp_path, "started_at\r\n", "e.csv")) == []


def test_blank_lines_and_rows_of_empty_cells_are_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "date,water_glasses\n\n,\n2026-01-05,2\n\n")
    assert read_nights(path) == [Night(dt.date(2026, 1, 5), {"water_glasses": 2})]


def test_bom_and_crlf_line_ends_are_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbfdate,cold_room\r\n2026-01-05,yes\r\n2026-01-06,NO\r\n")
    assert read_nights(path) == [
        Night(dt.date(2026, 1, 5), {"cold_room": True}),
        Night(dt.date(2026, 1, 6), {"cold_room": False}),
    ]


def test_bytes_that_are_not_utf8_are_refused_with_their_row(tmp_path: Path) -> None:
    path = write(tmp_path, b"started_at,notes\n2026-01-05T23:00,ok\n2026-01-06T23:00,caf\xe9\n")
    with pytest.raises(InputErrors) as caught:
        read_episodes(path)
    assert str(caught.value).startswith("diary.csv:3: has bytes that are not UTF-8")


def test_an_unterminated_quote_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, 'started_at,notes\n2026-01-05T23:00,"never closed\n')
    with pytest.raises(InputErrors, match=r"diary\.csv:2: is not valid CSV"):
        read_episodes(path)


def test_a_row_with_more_cells_than_the_header_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "date,water_glasses\n2026-01-05,3,4\n")
    assert problems(path, DiaryKind.NIGHTS) == [
        "diary.csv:2: has 3 cells but the header has 2 columns"
    ]


def test_a_row_with_fewer_cells_than_the_header_leaves_the_rest_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "date,water_glasses,cold_room\n2026-01-05,3\n")
    assert read_nights(path) == [Night(dt.date(2026, 1, 5), {"water_glasses": 3})]


@pytest.mark.parametrize("end", ["", "\n"])
def test_a_short_last_row_without_a_line_end_was_cut_off_and_is_refused(
    tmp_path: Path, end: str
) -> None:
    # A file cut short mid-row (a copy that stopped, a download that broke) ends without a
    # line end; the same short row with one is a row whose last cells were left out.
    path = write(tmp_path, "date,water_glasses,cold_room\n2026-01-04,1,no\n2026-01-05,3" + end)
    if end:
        assert len(read_nights(path)) == 2
    else:
        assert problems(path, DiaryKind.NIGHTS) == [
            "diary.csv:3: ends in the middle of a row: it has 2 cells but the header has 3 "
            "columns (was the file cut short?)"
        ]


def test_a_nights_file_given_as_episodes_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, "date\n2026-01-01\n")
    with pytest.raises(InputErrors, match="nights file, not an episodes file"):
        read_episodes(path)


def test_an_episodes_file_given_as_nights_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, "started_at\n2026-01-01T23:00\n")
    with pytest.raises(InputErrors, match="episodes file, not a nights file"):
        read_nights(path)


# -- problems and limits ------------------------------------------------------------------------
def test_every_problem_is_listed_not_only_the_first(tmp_path: Path) -> None:
    path = write(tmp_path, "date,water_glasses\n2026-01-05,x\n2026-01-06,1.5\nnope,1\n")
    assert [p.split(": ")[0] for p in problems(path, DiaryKind.NIGHTS)] == [
        "diary.csv:2:water_glasses",
        "diary.csv:3:water_glasses",
        "diary.csv:4:date",
    ]


def test_valid_rows_are_yielded_and_the_problems_raised_after_the_last(tmp_path: Path) -> None:
    path = write(tmp_path, "date\n2026-01-05\nnope\n2026-01-07\n")
    read: list[Night] = []
    with pytest.raises(InputErrors, match=r"diary\.csv:3:date"):
        read.extend(iter_nights(path))
    assert [n.date.day for n in read] == [5, 7]


def test_problems_past_the_limit_are_counted_but_not_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "date\n" + "nope\n" * 5)
    reader = DiaryReader(path, max_errors=2)
    assert list(reader.nights()) == []
    assert (len(reader.errors), reader.error_count) == (2, 5)
    with pytest.raises(InputErrors, match="and 3 more problems"):
        reader.raise_if_invalid()


def test_a_file_over_the_row_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nightcramp.core.interop.csv_diary as module

    monkeypatch.setattr(module, "MAX_ROWS", 3)
    path = write(tmp_path, "date\n" + "".join(f"2026-01-0{d}\n" for d in range(1, 6)))
    with pytest.raises(InputErrors, match="more than 3 rows"):
        read_nights(path)
    assert MAX_ROWS == 1_000_000


def test_a_shared_seen_set_finds_a_night_repeated_in_another_file(tmp_path: Path) -> None:
    seen: set[int] = set()
    first = DiaryReader(write(tmp_path, "date\n2026-01-05\n", "a.csv"), seen=seen)
    assert [n.date for _, n in first.nights()] == [dt.date(2026, 1, 5)]
    second = DiaryReader(write(tmp_path, "date\n2026-01-05\n", "b.csv"), seen=seen)
    assert list(second.nights()) == []
    assert [str(e) for e in second.errors] == ["b.csv:2:date: 2026-01-05 appears more than once"]


def test_the_reader_counts_rows_and_bytes_read(tmp_path: Path) -> None:
    path = write(tmp_path, "date\n2026-01-05\n\n2026-01-06\n")
    reader = DiaryReader(path)
    assert len(list(reader.nights())) == 2
    assert reader.rows_read == 2
    assert reader.bytes_read == reader.total_bytes == len(path.read_bytes())


# -- episodes files -----------------------------------------------------------------------------
def test_a_time_without_offset_takes_the_given_zone(tmp_path: Path) -> None:
    tz = dt.timezone(dt.timedelta(hours=-5))
    [episode] = DiaryReader(write(tmp_path, "started_at\n2026-01-06T02:30\n"), tz=tz).episodes()
    assert episode[1].started_at.tzinfo is tz
    [again] = read_episodes(write(tmp_path, "started_at\n2026-01-06 02:30\n", "e.csv"), tz=tz)
    assert again.started_at == dt.datetime(2026, 1, 6, 2, 30, tzinfo=tz)


def test_quoted_cells_with_commas_quotes_and_newlines_are_read(tmp_path: Path) -> None:
    text = 'started_at,notes\n2026-01-06T02:30,"left leg, then ""both""\nsecond line"\n'
    [episode] = read_episodes(write(tmp_path, text))
    assert episode.notes == 'left leg, then "both"\nsecond line'


# -- round trips --------------------------------------------------------------------------------
def test_an_imported_neutralised_note_loses_exactly_one_quote(tmp_path: Path) -> None:
    text = 'started_at,notes\n2026-01-06T02:30,\'=HYPERLINK("x")\n'
    [episode] = read_episodes(write(tmp_path, text))
    assert episode.notes == '=HYPERLINK("x")'


def test_a_negative_custom_value_is_neutralised_on_export_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "nights.csv"
    write_nights_csv([Night(dt.date(2026, 1, 5), {"temp_change": -3})], path)
    assert path.read_text(encoding="utf-8").splitlines()[1].endswith(",'-3")
    assert read_nights(path) == [Night(dt.date(2026, 1, 5), {"temp_change": -3})]


def _episodes() -> list[Episode]:
    plus_one = dt.timezone(dt.timedelta(hours=1))
    return [
        Episode(
            started_at=dt.datetime(2026, 1, 6, 2, 30, tzinfo=plus_one),
            side=Side.LEFT,
            duration_min=2.0,
            severity=6,
            relief=(Relief.STRETCH, Relief.WALK),
            relief_worked=Relief.WALK,
            woke_from_sleep=True,
            notes='=cmd|"/c calc"!A1, and\r\na "quote"',
        ),
        Episode(
            started_at=dt.datetime(2026, 1, 7, 23, 5, 9, tzinfo=plus_one),
            muscle=Muscle.THIGH_BACK,
            notes="@home\ttab",
        ),
        Episode(started_at=dt.datetime(2026, 1, 8, 1, 0), notes="-"),
        Episode(started_at=dt.datetime(2026, 1, 9, 1, 0), notes="\rcarriage return first"),
    ]


def test_export_import_export_of_episodes_is_byte_identical(tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    write_episodes_csv(_episodes(), first)
    again = read_episodes(first)
    assert again == _episodes()
    second = tmp_path / "second.csv"
    write_episodes_csv(again, second)
    assert first.read_bytes() == second.read_bytes()


def test_export_import_export_of_nights_is_byte_identical(tmp_path: Path) -> None:
    nights = [
        Night(dt.date(2026, 1, 5), {"water_glasses": 3, "standing_hours": 7.25, "zinc": 1e-05}),
        Night(dt.date(2026, 1, 6), {"bedtime_stretch": False, "=evil": True}),
        Night(dt.date(2026, 1, 7), {}),
    ]
    first = tmp_path / "first.csv"
    write_nights_csv(nights, first)
    second = tmp_path / "second.csv"
    write_nights_csv(read_nights(first), second)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_text(encoding="utf-8").splitlines()[0].endswith(",'=evil,zinc")
