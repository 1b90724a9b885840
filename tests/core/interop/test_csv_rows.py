"""One CSV data row as a Night or an Episode: every cell by the diary rules, problems by cell."""

from __future__ import annotations

import datetime as dt

import pytest

from nightcramp.core.diary import Episode, Muscle, Night, Relief, Side
from nightcramp.core.interop.csv_rows import EpisodeRows, NightRows
from nightcramp.core.interop.problems import ProblemList


def nights(header: str, *rows: str) -> tuple[list[Night], list[str]]:
    """Read `rows` (numbered from 2) of a nights file; return the nights and the problems."""
    problems = ProblemList("diary.csv")
    reader = NightRows(header.split(","), problems, set())
    found = [reader.read(i, row.split(",")) for i, row in enumerate(rows, 2)]
    return [n for n in found if n is not None], [str(e) for e in problems.errors]


def episodes(
    header: str, *rows: str, tz: dt.tzinfo | None = None
) -> tuple[list[Episode], list[str]]:
    """Read `rows` (numbered from 2) of an episodes file; return the episodes and the problems."""
    problems = ProblemList("diary.csv")
    reader = EpisodeRows(header.split(","), problems, set(), tz)
    found = [reader.read(i, row.split(",")) for i, row in enumerate(rows, 2)]
    return [e for e in found if e is not None], [str(e) for e in problems.errors]


# -- nights -------------------------------------------------------------------------------------
def test_empty_cells_are_not_recorded() -> None:
    assert nights("date,water_glasses,cold_room", "2026-01-05,,") == (
        [Night(dt.date(2026, 1, 5), {})],
        [],
    )


def test_a_cell_of_spaces_is_not_recorded_either() -> None:
    assert nights("date,water_glasses", "2026-01-05,  ") == ([Night(dt.date(2026, 1, 5), {})], [])


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
    column: str, cell: str, expected: object
) -> None:
    [night], _ = nights(f"date,{column}", f"2026-01-05,{cell}")
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
    column: str, cell: str
) -> None:
    found, problems = nights(f"date,{column}", f"2026-01-05,{cell}")
    assert found == []
    assert len(problems) == 1
    assert problems[0].startswith(f"diary.csv:2:{column}: must be")


def test_a_neutralised_cell_is_read_without_its_quote() -> None:
    [night], _ = nights("date,temp_change", "2026-01-05,'-3")
    assert night.factors == {"temp_change": -3}


@pytest.mark.parametrize("cell", ["2026-13-01", "2026-02-30", "05/01/2026", "2026-1-5", "today"])
def test_malformed_dates_are_refused(cell: str) -> None:
    found, problems = nights("date", cell)
    assert found == []
    assert problems[0].startswith("diary.csv:2:date:")


def test_a_missing_date_is_refused() -> None:
    assert nights("date,water_glasses", ",3") == ([], ["diary.csv:2:date: is required"])


def test_a_bad_cell_and_a_bad_date_in_one_row_are_both_named() -> None:
    _, problems = nights("date,water_glasses", "nope,x")
    assert [p.split(": ")[0] for p in problems] == ["diary.csv:2:water_glasses", "diary.csv:2:date"]


def test_a_date_twice_is_a_duplicate() -> None:
    found, problems = nights("date", "2026-01-05", "2026-01-06", "2026-01-05")
    assert [n.date.day for n in found] == [5, 6]
    assert problems == ["diary.csv:4:date: 2026-01-05 appears more than once"]


def test_custom_columns_hold_numbers_or_booleans() -> None:
    found, _ = nights("date,leg_day,pickles,vit_d", "2026-01-05,yes,2,1.5", "2026-01-06,no,0,")
    assert found == [
        Night(dt.date(2026, 1, 5), {"leg_day": True, "pickles": 2, "vit_d": 1.5}),
        Night(dt.date(2026, 1, 6), {"leg_day": False, "pickles": 0}),
    ]


def test_a_custom_column_with_text_is_refused() -> None:
    assert nights("date,mood", "2026-01-05,happy") == (
        [],
        ["diary.csv:2:mood: must be a number or true/false, not 'happy'"],
    )


# -- episodes -----------------------------------------------------------------------------------
def test_an_episode_row_reads_every_field() -> None:
    header = (
        "started_at,muscle,side,duration_min,severity,relief,relief_worked,woke_from_sleep,notes"
    )
    row = "2026-01-06T02:30:00+01:00,foot,right,1.5,7,stretch;massage,massage,yes,after a walk"
    [episode], problems = episodes(header, row)
    assert problems == []
    assert episode == Episode(
        started_at=dt.datetime(2026, 1, 6, 2, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        muscle=Muscle.FOOT,
        side=Side.RIGHT,
        duration_min=1.5,
        severity=7,
        relief=(Relief.STRETCH, Relief.MASSAGE),
        relief_worked=Relief.MASSAGE,
        woke_from_sleep=True,
        notes="after a walk",
    )
    assert episode.night == dt.date(2026, 1, 5)


def test_ids_are_read_in_any_case_and_relief_repeats_kept_once() -> None:
    [episode], _ = episodes(
        "started_at,muscle,side,relief", "2026-01-06T02:30,FOOT,Left,walk;;WALK"
    )
    assert (episode.muscle, episode.side, episode.relief) == (
        Muscle.FOOT,
        Side.LEFT,
        (Relief.WALK,),
    )


def test_muscle_defaults_to_calf_and_missing_fields_stay_unknown() -> None:
    [episode], _ = episodes("started_at,muscle,severity,relief_worked", "2026-01-06T02:30,,,")
    assert episode.muscle is Muscle.CALF
    assert (episode.side, episode.severity, episode.relief_worked) == (None, None, None)
    assert episode.woke_from_sleep is None
    assert episode.relief == ()
    assert episode.started_at.tzinfo is None


def test_a_time_without_offset_takes_the_given_zone_and_one_with_offset_keeps_it() -> None:
    tz = dt.timezone(dt.timedelta(hours=-5))
    found, _ = episodes("started_at", "2026-01-06T02:30", "2026-01-07T02:30+01:00", tz=tz)
    assert found[0].started_at.tzinfo is tz
    assert found[1].started_at.utcoffset() == dt.timedelta(hours=1)


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
def test_invalid_episode_cells_are_refused_naming_row_and_field(column: str, cell: str) -> None:
    if column == "started_at":
        found, problems = episodes("started_at", cell)
    else:
        found, problems = episodes(f"started_at,{column}", f"2026-01-06T02:30,{cell}")
    assert found == []
    assert len(problems) == 1
    assert problems[0].startswith(f"diary.csv:2:{column}: ")


def test_a_missing_start_is_refused() -> None:
    assert episodes("started_at,severity", ",4") == ([], ["diary.csv:2:started_at: is required"])


def test_same_start_muscle_and_side_twice_is_a_duplicate_but_another_side_is_not() -> None:
    found, problems = episodes(
        "started_at,muscle,side",
        "2026-01-06T02:30,calf,left",
        "2026-01-06T02:30,calf,right",
        "2026-01-06T02:30,calf,",
        "2026-01-06T02:30,,left",
        "2026-01-06T02:30,calf,",
    )
    assert len(found) == 3
    assert problems == [
        "diary.csv:5:started_at: the same started_at, muscle and side appear more than once",
        "diary.csv:6:started_at: the same started_at, muscle and side appear more than once",
    ]


def test_notes_are_stored_exactly_including_spaces() -> None:
    [episode], _ = episodes("started_at,notes", "2026-01-06T02:30,  two spaces  ")
    assert episode.notes == "  two spaces  "


def test_a_neutralised_note_loses_its_quote_and_any_other_quote_stays() -> None:
    found, _ = episodes("started_at,notes", "2026-01-06T02:30,'@home", "2026-01-07T02:30,''=x")
    assert [e.notes for e in found] == ["@home", "''=x"]
