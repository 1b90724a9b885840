"""A restore reads every row as the app will: a backup edited by hand is refused, naming the
table, row and column, before anything is replaced (both engines)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from nightcramp.config import Config
from nightcramp.store.backup import BackupError, backup_database, restore_database
from nightcramp.store.backup.rows import MAX_SHOWN, check_rows, checked_tables

from .conftest import Databases, every_row

NOW = dt.datetime(2026, 12, 6, 3, 15, tzinfo=dt.UTC)
FILE = Path("backup.sqlite3")


def _tables() -> dict[str, list[dict[str, object]]]:
    """One person's rows of every kind, as a SQLite backup holds them (all readable)."""
    return {
        "diary_night": [
            {
                "id": 7,
                "date": "2026-11-29",
                "water_glasses": 5,
                "alcohol_drinks": None,
                "standing_hours": 2.5,
                "heavy_sweating": 0,
                "custom": '{"ginger_tea": true, "steps_k": 4.5}',
                "created": "2026-11-30 07:00:00",
                "updated": "2026-11-30 07:00:00",
                "user_id": 1,
            }
        ],
        "diary_episode": [
            {
                "id": 3,
                "started_at": "2026-11-30 02:10:00",
                "utc_offset_min": 60,
                "night": "2026-11-29",
                "muscle": "calf",
                "side": "left",
                "duration_min": 2.0,
                "severity": 6,
                "relief": '["stretch", "walk"]',
                "relief_worked": "stretch",
                "woke_from_sleep": 1,
                "notes": "",
                "created": "2026-11-30 02:20:00",
                "updated": "2026-11-30 02:20:00",
                "user_id": 1,
            }
        ],
        "diary_profile": [
            {
                "id": 1,
                "birth_year": 1950,
                "sex": "female",
                "pregnant": 0,
                "due_date": None,
                "pregnancy_weeks": None,
                "conditions": '["diabetes"]',
                "smoker": None,
                "updated": "2026-11-30 02:20:00",
                "user_id": 1,
            }
        ],
        "diary_medication": [
            {
                "id": 2,
                "name": "furosemide",
                "dose": "40 mg",
                "started_on": "2026-01-10",
                "stopped_on": None,
                "created": "2026-11-30 02:20:00",
                "updated": "2026-11-30 02:20:00",
                "user_id": 1,
            }
        ],
        "experiments_experiment": [
            {
                "id": 4,
                "user_id": 1,
                "change_id": "bedtime_stretch",
                "start": "2026-11-02",
                "seed": 12345,
                "period_nights": 7,
                "pairs": 4,
                "washout_nights": 0,
                "doctor_agreed": 0,
                "status": "running",
                "status_why": "person",
                "status_reason": "",
                "status_at": "2026-11-02 20:00:00",
                "doubling_seen_period": 0,
                "created": "2026-11-02 20:00:00",
                "updated": "2026-11-02 20:00:00",
            }
        ],
        "experiments_experimentnight": [
            {"id": 1, "experiment_id": 4, "date": "2026-11-02", "followed": 1},
        ],
        "triage_triagerecord": [
            {
                "id": 9,
                "user_id": 1,
                "created_at": "2026-11-30 03:00:00",
                "answers": '{"age": 76}',
                "disposition": "routine",
                "result": '{"reasons": ["age over 65"]}',
                "headline": "",
                "source": "web",
                "resolved_at": None,
            }
        ],
    }


def _problems(tables: dict[str, list[dict[str, object]]]) -> list[str]:
    """The lines of a refusal, or [] when the rows can be restored."""
    try:
        check_rows(FILE, tables)
    except BackupError as error:
        assert str(error).startswith(f"{FILE} holds rows this version of nightcramp cannot read")
        assert "Nothing was changed." in str(error)
        return [line.strip() for line in str(error).splitlines()[1:]]
    return []


def _warnings(tables: dict[str, list[dict[str, object]]]) -> list[str]:
    return list(check_rows(FILE, tables))


def test_readable_rows_of_every_kind_pass() -> None:
    assert _problems(_tables()) == []
    assert _warnings(_tables()) == []


def test_the_checked_tables_are_the_apps_own() -> None:
    tables = checked_tables()
    assert {"diary_night", "diary_episode", "triage_triagerecord"} <= set(tables)
    assert "auth_user" not in tables and "django_session" not in tables


Edit = Callable[[dict[str, list[dict[str, object]]]], None]


def _set(table: str, column: str, value: object) -> Edit:
    def edit(tables: dict[str, list[dict[str, object]]]) -> None:
        tables[table][0][column] = value

    return edit


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_set("diary_night", "date", "2026-02-30"), "diary_night row 7, date:"),
        (_set("diary_night", "date", None), "diary_night row 7, date: is empty"),
        (_set("diary_night", "date", 20261129), "diary_night row 7, date:"),
        (_set("diary_night", "water_glasses", "lots"), "diary_night row 7, water_glasses:"),
        (_set("diary_night", "water_glasses", 2.5), "diary_night row 7, water_glasses:"),
        (_set("diary_night", "water_glasses", 2**63 - 1), "diary_night row 7, water_glasses:"),
        (_set("diary_episode", "severity", 40_000), "diary_episode row 3, severity:"),
        (_set("diary_night", "water_glasses", -(2**40)), "diary_night row 7, water_glasses:"),
        (_set("diary_night", "user_id", 2**70), "diary_night row 7, user:"),
        (_set("diary_night", "water_glasses", "9" * 400), "diary_night row 7, water_glasses:"),
        (_set("diary_night", "standing_hours", float("inf")), "diary_night row 7, standing_h"),
        (_set("diary_night", "standing_hours", "1e999"), "diary_night row 7, standing_hours:"),
        (_set("diary_night", "heavy_sweating", "maybe"), "diary_night row 7, heavy_sweating:"),
        (_set("diary_night", "custom", "[1]"), "diary_night row 7, custom: must be an object"),
        (_set("diary_night", "custom", "{not json"), "diary_night row 7, custom:"),
        (_set("diary_night", "custom", '{"x": [1, 2]}'), "diary_night row 7, custom.x: must"),
        (_set("diary_night", "custom", '{"x": 1e999}'), "diary_night row 7, custom: holds"),
        (
            _set("diary_night", "custom", '{"x": ' + "[" * 100_000 + "]" * 100_000 + "}"),
            "diary_night row 7, custom: is nested too deeply to read",
        ),
        (_set("diary_episode", "started_at", "yesterday"), "diary_episode row 3, started_at:"),
        (_set("diary_episode", "started_at", "9999-12-31 23:30:00"), "diary_episode row 3:"),
        (_set("diary_episode", "muscle", "toe"), 'diary_episode row 3, muscle: "toe" is not one'),
        (_set("diary_episode", "relief", '["dance"]'), 'diary_episode row 3, relief: "dance"'),
        (_set("diary_profile", "conditions", '{"a": 1}'), "diary_profile row 1, conditions:"),
        (_set("experiments_experiment", "status", "odd"), "experiments_experiment row 4, status:"),
        (_set("experiments_experiment", "pairs", 40), "experiments_experiment row 4, pairs:"),
        (
            _set("experiments_experimentnight", "followed", None),
            "experiments_experimentnight row 1, followed: is empty",
        ),
        (_set("triage_triagerecord", "disposition", "later"), "triage_triagerecord row 9, disp"),
        (_set("triage_triagerecord", "answers", "[]"), "triage_triagerecord row 9, answers:"),
    ],
)
def test_a_row_the_app_cannot_read_is_named_by_table_row_and_column(
    edit: Edit, expected: str
) -> None:
    tables = _tables()
    edit(tables)
    problems = _problems(tables)
    assert problems, "the edited row was accepted"
    assert problems[0].startswith(expected), problems


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_set("diary_night", "water_glasses", 500), "diary_night row 7, water_glasses:"),
        (_set("diary_episode", "severity", 11), "diary_episode row 3, severity:"),
        (_set("diary_episode", "night", "2026-11-30"), "diary_episode row 3, night: 2026-11-30"),
        (_set("diary_profile", "birth_year", 1850), "diary_profile row 1, birth_year:"),
        (_set("diary_medication", "started_on", "0202-03-01"), "diary_medication row 2, start"),
        (_set("diary_medication", "name", ""), "diary_medication row 2, name:"),
        (
            _set("experiments_experiment", "doubling_seen_period", 99),
            "experiments_experiment row 4, doubling_seen_period:",
        ),
    ],
)
def test_a_value_the_app_reads_but_would_not_accept_today_is_restored_with_a_warning(
    edit: Edit, expected: str
) -> None:
    # Older versions, or a form with a gap, may have stored it: a restore never loses it.
    tables = _tables()
    edit(tables)
    assert _problems(tables) == []
    warnings = _warnings(tables)
    assert warnings and warnings[0].startswith(expected), warnings


def test_a_column_an_older_backup_lacks_takes_its_default() -> None:
    tables = _tables()
    for column in ("headline", "source", "resolved_at"):  # added by a later migration
        del tables["triage_triagerecord"][0][column]
    assert _problems(tables) == []


def test_two_cramps_with_the_same_start_muscle_and_side_are_not_a_problem() -> None:
    tables = _tables()
    tables["diary_episode"].append({**tables["diary_episode"][0], "id": 4})
    assert _problems(tables) == []


def test_at_most_the_first_problems_are_listed_and_the_rest_counted() -> None:
    tables = _tables()
    night = tables["diary_night"][0]
    tables["diary_night"] = [
        {**night, "id": i, "date": f"2026-02-{30 + i % 2}"} for i in range(MAX_SHOWN + 5)
    ]
    problems = _problems(tables)
    assert len(problems) == MAX_SHOWN + 1
    assert problems[-1] == "… and 5 more"
    tables = _tables()
    tables["diary_night"] = [
        {**night, "id": i, "date": f"2026-01-{1 + i:02d}", "water_glasses": 500}
        for i in range(MAX_SHOWN + 2)
    ]
    warnings = _warnings(tables)
    assert len(warnings) == MAX_SHOWN + 1 and warnings[-1] == "… and 2 more"


# --- through backup and restore, on both engines ------------------------------------------------


def _edit_source(config: Config, statement: str) -> None:
    """Run `statement` on `config`'s database (SQLite file or PostgreSQL)."""
    if config.database_url is None:
        with sqlite3.connect(config.sqlite_path) as lite:
            lite.execute(statement)
        lite.close()
        return
    import psycopg

    with psycopg.connect(config.database_url) as conn:
        conn.execute(statement.encode())


def test_a_hand_edited_backup_is_refused_and_the_database_is_left_as_it_was(
    databases: Databases, tmp_path: Path
) -> None:
    source = databases.with_records()
    _edit_source(source, "UPDATE diary_episode SET relief = '[\"dance\"]'")
    made = backup_database(source, now=NOW, out=tmp_path / "edited")
    target = databases.migrated()
    before = every_row(target)
    with pytest.raises(BackupError) as refused:
        restore_database(target, made.file, force=True, now=NOW)
    assert 'diary_episode row 1, relief: "dance" is not one of' in str(refused.value)
    assert every_row(target) == before
    assert not (target.home / "backups").exists()  # nothing replaced, so nothing kept first


def test_values_outside_the_rules_of_entry_are_restored_as_they_are_with_warnings(
    databases: Databases, tmp_path: Path
) -> None:
    source = databases.with_records()
    notes = 'a\ttab, a \\ backslash, "quotes" and\u2028a line break from a phone'  # stored as is
    _edit_source(
        source,
        f"UPDATE diary_episode SET notes = '{notes}', duration_min = 5000, night = '2001-01-01'",
    )
    made = backup_database(source, now=NOW, out=tmp_path / "edited")
    target = databases.new()
    restored = restore_database(target, made.file, force=False, now=NOW)
    assert any(w.startswith("diary_episode row 1, night: 2001-01-01") for w in restored.warnings)
    assert any("duration_min: a cramp can last at most 24 hours" in w for w in restored.warnings)
    rows = every_row(target)["diary_episode"]
    assert len(rows) == 1 and 5000 in rows[0]
    assert notes in rows[0], rows


def test_a_backup_whose_rows_point_nowhere_is_refused(tmp_path: Path) -> None:
    databases = Databases(None, tmp_path)
    source = databases.with_records()
    with sqlite3.connect(source.sqlite_path) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("UPDATE diary_episode SET user_id = 99")
    conn.close()
    made = backup_database(source, now=NOW, out=tmp_path / "dangling")
    with pytest.raises(BackupError, match="diary_episode row 1 points to a row of auth_user"):
        restore_database(databases.new(), made.file, force=False, now=NOW)


def test_a_date_sqlite_lets_through_is_refused(tmp_path: Path) -> None:
    databases = Databases(None, tmp_path)
    source = databases.with_records()
    with sqlite3.connect(source.sqlite_path) as conn:
        conn.execute("UPDATE diary_episode SET night = '2026-02-30'")
    conn.close()
    made = backup_database(source, now=NOW, out=tmp_path / "feb30")
    with pytest.raises(BackupError, match=r"diary_episode row 1, night: \"2026-02-30\" is not a"):
        restore_database(databases.new(), made.file, force=False, now=NOW)
