"""Diary CSV reading and writing: every rule of CONTRACT.md "Diary files"."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from nightcramp.core.diary import Episode, Muscle, Night, Relief, Side
from nightcramp.core.errors import InputErrors
from nightcramp.core.interop.csv_diary import (
    MAX_ROWS,
    DiaryKind,
    DiaryReader,
    detect_kind,
    neutralise,
    read_episodes,
    read_nights,
    unneutralise,
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


def test_a_duplicated_column_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "date,water_glasses,water_glasses\n")
    with pytest.raises(InputErrors, match=r"diary\.csv:1:water_glasses: appears twice"):
        read_nights(path)


def test_an_unknown_episode_column_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "started_at,pain\n")
    with pytest.raises(InputErrors, match=r"diary\.csv:1:pain: is not an episodes column"):
        read_episodes(path)


def test_a_nights_file_given_as_episodes_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, "date\n2026-01-01\n")
    with pytest.raises(InputErrors, match="nights file, not an episodes file"):
        read_episodes(path)


# -- nights -------------------------------------------------------------------------------------
def test_empty_cells_are_not_recorded_and_absent_columns_too(tmp_path: Path) -> None:
    path = write(tmp_path, "date,water_glasses,cold_room\n2026-01-05,,\n")
    [night] = read_nights(path)
    assert night.factors == {}


@pytest.mark.parametrize(
    ("column", "cell", "expected"),
    [
        ("water_glasses", "0", 0),
        ("water_glasses", " 12 ", 12),
        ("standing_hours", "7.5", 7.5),
        ("standing_hours", "8", 8.0),
        ("bedtime_stretch", "TRUE", True),
        ("bedtime_stretch", "Yes", True),
        ("bedtime_stretch", "1", True),
        ("bedtime_stretch", "false", False),
        ("bedtime_stretch", "no", False),
        ("bedtime_stretch", "0", False),
        ("magnesium_mg", "300", 300),
        ("exercise_minutes", "1440", 1440),
    ],
)
def test_standard_factor_cells_are_read_with_their_types(
    tmp_path: Path, column: str, cell: str, expected: object
) -> None:
    path = write(tmp_path, f"date,{column}\n2026-01-05,{cell}\n")
    [night] = read_nights(path)
    assert night.factors[column] == expected
    assert type(night.factors[column]) is type(expected)


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("water_glasses", "1.5"),
        ("water_glasses", "-1"),
        ("water_glasses", "three"),
        ("alcohol_drinks", "2.0e1"),
        ("caffeine_drinks", "-3"),
        ("exercise_minutes", "30.5"),
        ("exercise_minutes", "1441"),
        ("water_glasses", "99999999999999999999999"),
        ("magnesium_mg", "10001"),
        ("magnesium_mg", "1.5"),
        ("potassium_servings", "x"),
        ("standing_hours", "-0.5"),
        ("standing_hours", "25"),
        ("sitting_hours", "nan"),
        ("sitting_hours", "inf"),
        ("new_or_harder_exercise", "maybe"),
        ("heavy_sweating", "2"),
        ("bedtime_stretch", "y"),
        ("tight_bedding", "t"),
        ("feet_pointed", "oui"),
        ("warm_bath", "-"),
        ("cold_room", "10"),
    ],
)
def test_out_of_range_or_wrong_type_factor_cells_are_refused_naming_row_and_field(
    tmp_path: Path, column: str, cell: str
) -> None:
    path = write(
        tmp_path, f"date,{column}\n2026-01-05,ok_marker_unused\n".replace("ok_marker_unused", cell)
    )
    found = problems(path, DiaryKind.NIGHTS)
    assert len(found) == 1
    assert found[0].startswith(f"diary.csv:2:{column}: must be")


@pytest.mark.parametrize("cell", ["2026-13-01", "2026-02-30", "05/01/2026", "2026-1-5", "today"])
def test_malformed_dates_are_refused(tmp_path: Path, cell: str) -> None:
    path = write(tmp_path, f"date\n{cell}\n")
    assert problems(path, DiaryKind.NIGHTS)[0].startswith("diary.csv:2:date:")


def test_a_missing_date_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "date,water_glasses\n,3\n")
    assert problems(path, DiaryKind.NIGHTS) == ["diary.csv:2:date: is required"]


def test_a_date_twice_in_a_file_is_a_duplicate(tmp_path: Path) -> None:
    path = write(tmp_path, "date\n2026-01-05\n2026-01-06\n2026-01-05\n")
    assert problems(path, DiaryKind.NIGHTS) == [
        "diary.csv:4:date: 2026-01-05 appears more than once"
    ]


def test_custom_columns_hold_numbers_or_booleans(tmp_path: Path) -> None:
    path = write(tmp_path, "date,leg_day,pickles,vit_d\n2026-01-05,yes,2,1.5\n2026-01-06,no,0,\n")
    assert read_nights(path) == [
        Night(dt.date(2026, 1, 5), {"leg_day": True, "pickles": 2, "vit_d": 1.5}),
        Night(dt.date(2026, 1, 6), {"leg_day": False, "pickles": 0}),
    ]


def test_a_custom_column_with_text_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "date,mood\n2026-01-05,happy\n")
    assert problems(path, DiaryKind.NIGHTS) == [
        "diary.csv:2:mood: must be a number or true/false, not 'happy'"
    ]


def test_every_problem_is_listed_not_only_the_first(tmp_path: Path) -> None:
    path = write(tmp_path, "date,water_glasses\n2026-01-05,x\n2026-01-06,1.5\nnope,1\n")
    assert [p.split(": ")[0] for p in problems(path, DiaryKind.NIGHTS)] == [
        "diary.csv:2:water_glasses",
        "diary.csv:3:water_glasses",
        "diary.csv:4:date",
    ]


def test_a_file_over_the_row_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nightcramp.core.interop.csv_diary as module

    monkeypatch.setattr(module, "MAX_ROWS", 3)
    path = write(tmp_path, "date\n" + "".join(f"2026-01-0{d}\n" for d in range(1, 6)))
    with pytest.raises(InputErrors, match="more than 3 rows"):
        read_nights(path)
    assert MAX_ROWS == 1_000_000


# -- episodes -----------------------------------------------------------------------------------
def test_an_episode_row_reads_every_field(tmp_path: Path) -> None:
    text = (
        "started_at,muscle,side,duration_min,severity,relief,relief_worked,woke_from_sleep,notes\n"
        "2026-01-06T02:30:00+01:00,foot,right,1.5,7,stretch;massage,massage,yes,after a long walk\n"
    )
    [episode] = read_episodes(write(tmp_path, text))
    assert episode == Episode(
        started_at=dt.datetime(2026, 1, 6, 2, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        muscle=Muscle.FOOT,
        side=Side.RIGHT,
        duration_min=1.5,
        severity=7,
        relief=(Relief.STRETCH, Relief.MASSAGE),
        relief_worked=Relief.MASSAGE,
        woke_from_sleep=True,
        notes="after a long walk",
    )
    assert episode.night == dt.date(2026, 1, 5)


def test_muscle_defaults_to_calf_and_missing_fields_stay_unknown(tmp_path: Path) -> None:
    [episode] = read_episodes(write(tmp_path, "started_at,muscle\n2026-01-06T02:30,\n"))
    assert episode.muscle is Muscle.CALF
    assert episode.side is None
    assert episode.woke_from_sleep is None
    assert episode.started_at.tzinfo is None


def test_a_time_without_offset_takes_the_given_zone(tmp_path: Path) -> None:
    tz = dt.timezone(dt.timedelta(hours=-5))
    [episode] = DiaryReader(write(tmp_path, "started_at\n2026-01-06T02:30\n"), tz=tz).episodes()
    assert episode[1].started_at.tzinfo is tz


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("started_at", "2026-01-06"),
        ("started_at", "06/01/2026 02:30"),
        ("started_at", "2026-01-06T25:00"),
        ("started_at", "yesterday"),
        ("muscle", "neck"),
        ("side", "middle"),
        ("duration_min", "0"),
        ("duration_min", "-2"),
        ("duration_min", "long"),
        ("severity", "11"),
        ("severity", "-1"),
        ("severity", "5.5"),
        ("relief", "stretch;yoga"),
        ("relief_worked", "stretch;massage"),
        ("relief_worked", "prayer"),
        ("woke_from_sleep", "sometimes"),
    ],
)
def test_invalid_episode_cells_are_refused_naming_row_and_field(
    tmp_path: Path, column: str, cell: str
) -> None:
    if column == "started_at":
        text = f"started_at\n{cell}\n"
    else:
        text = f"started_at,{column}\n2026-01-06T02:30,{cell}\n"
    found = problems(write(tmp_path, text), DiaryKind.EPISODES)
    assert len(found) == 1
    assert found[0].startswith(f"diary.csv:2:{column}: ")


def test_a_missing_start_is_refused(tmp_path: Path) -> None:
    found = problems(write(tmp_path, "started_at,severity\n,4\n"), DiaryKind.EPISODES)
    assert found == ["diary.csv:2:started_at: is required"]


def test_same_start_muscle_and_side_twice_is_a_duplicate_but_another_side_is_not(
    tmp_path: Path,
) -> None:
    text = (
        "started_at,muscle,side\n"
        "2026-01-06T02:30,calf,left\n"
        "2026-01-06T02:30,calf,right\n"
        "2026-01-06T02:30,calf,\n"
        "2026-01-06T02:30,,left\n"
        "2026-01-06T02:30,calf,\n"
    )
    found = problems(write(tmp_path, text), DiaryKind.EPISODES)
    assert [f.split(": ")[0] for f in found] == ["diary.csv:5:started_at", "diary.csv:6:started_at"]


def test_quoted_cells_with_commas_quotes_and_newlines_are_read(tmp_path: Path) -> None:
    text = 'started_at,notes\n2026-01-06T02:30,"left leg, then ""both""\nsecond line"\n'
    [episode] = read_episodes(write(tmp_path, text))
    assert episode.notes == 'left leg, then "both"\nsecond line'


def test_notes_are_stored_exactly_including_spaces(tmp_path: Path) -> None:
    text = 'started_at,notes\n2026-01-06T02:30,"  two spaces  "\n'
    [episode] = read_episodes(write(tmp_path, text))
    assert episode.notes == "  two spaces  "


# -- formulas and writing -----------------------------------------------------------------------
@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_starting_like_a_formula_are_neutralised_and_restored(start: str) -> None:
    cell = f"{start}SUM(A1)"
    assert neutralise(cell) == f"'{cell}"
    assert unneutralise(neutralise(cell)) == cell


def test_only_one_leading_quote_before_a_formula_character_is_removed() -> None:
    assert unneutralise("''=x") == "''=x"
    assert unneutralise("'hello") == "'hello"
    assert unneutralise("'") == "'"
    assert neutralise("'=x") == "'=x"


def test_an_imported_neutralised_note_loses_exactly_one_quote(tmp_path: Path) -> None:
    text = 'started_at,notes\n2026-01-06T02:30,\'=HYPERLINK("x")\n'
    [episode] = read_episodes(write(tmp_path, text))
    assert episode.notes == '=HYPERLINK("x")'


def test_written_nights_follow_the_contract_column_order_with_custom_columns_last() -> None:
    out = io.StringIO()
    write_nights_csv(
        [
            Night(dt.date(2026, 1, 5), {"water_glasses": 3, "zinc": 1.5, "cold_room": True}),
            Night(dt.date(2026, 1, 6), {"apple": False, "standing_hours": 8.0}),
        ],
        out,
    )
    lines = out.getvalue().split("\r\n")
    assert lines[0].split(",")[:2] == ["date", "water_glasses"]
    assert lines[0].split(",")[-3:] == ["cold_room", "apple", "zinc"]
    assert lines[1] == "2026-01-05,3" + "," * 14 + "true,,1.5"
    assert lines[2] == "2026-01-06" + ",,,,,,8" + "," * 9 + ",false,"


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


def test_written_episode_cells_are_neutralised() -> None:
    out = io.StringIO()
    write_episodes_csv(_episodes()[1:2], out)
    assert out.getvalue().splitlines()[1].endswith(",'@home\ttab")
