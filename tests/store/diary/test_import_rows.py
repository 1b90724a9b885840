"""What `--replace` keeps of a stored row, and what each item of a JSON diary holds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from nightcramp.core import diary as core
from nightcramp.store.diary.import_rows import (
    EVERY_EPISODE_FIELD,
    located,
    merge_episode,
    merge_night,
    read_json_holding,
)

DAY = dt.date(2026, 1, 5)
START = dt.datetime(2026, 1, 6, 2, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def test_a_merged_night_keeps_what_the_file_does_not_hold_and_clears_what_it_holds_empty() -> None:
    stored = core.Night(DAY, {"water_glasses": 6, "cold_room": True, "leg_day": 2, "tea": 1})
    imported = core.Night(DAY, {"water_glasses": 2})
    held = {"date", "water_glasses", "cold_room", "leg_day"}
    assert merge_night(stored, imported, held).factors == {"water_glasses": 2, "tea": 1}


def test_a_merged_cramp_keeps_the_stored_fields_the_file_does_not_hold() -> None:
    stored = core.Episode(START, side=core.Side.LEFT, severity=7, notes="ouch", duration_min=2)
    imported = core.Episode(START, side=core.Side.LEFT, severity=3)
    held = {"started_at", "side", "severity", "duration_min"}
    merged = merge_episode(stored, imported, held)
    assert (merged.severity, merged.notes, merged.duration_min) == (3, "ouch", None)
    assert merge_episode(stored, imported, EVERY_EPISODE_FIELD) == imported


def test_a_json_diary_holds_the_keys_written_in_each_item(tmp_path: Path) -> None:
    path = tmp_path / "diary.json"
    document = {
        "nights": [{"date": "2026-01-05", "water_glasses": None}, {"date": "2026-01-06"}],
        "episodes": [{"started_at": "2026-01-06T02:30", "notes": "x"}],
        "profile": {"sex": "male"},
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    holding = read_json_holding(path)
    assert holding is not None
    night = core.Night(DAY)
    assert holding.night(0, night) == {"date", "water_glasses"}
    assert holding.night(1, night) == {"date"}
    assert holding.episode(0, core.Episode(START)) == {"started_at", "notes"}
    assert holding.profile == {"sex"}


def test_a_fhir_night_holds_the_factors_it_carries_and_a_cramp_every_field(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bundle.json"
    path.write_text('{"resourceType": "Bundle", "type": "collection"}', encoding="utf-8")
    holding = read_json_holding(path)
    assert holding is not None
    assert holding.night(0, core.Night(DAY, {"water_glasses": 1})) == {"date", "water_glasses"}
    assert holding.episode(0, core.Episode(START)) == EVERY_EPISODE_FIELD


def test_a_file_that_is_not_a_json_diary_holds_nothing_known(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    for text in ("{not json", "[1, 2]", '{"nights": {"date": "2026-01-05"}}', '{"nights": [1]}'):
        path.write_text(text, encoding="utf-8")
        assert read_json_holding(path) is None


def test_a_problem_is_located_by_row_in_csv_and_by_path_in_json() -> None:
    assert located("bad", file="n.csv", where=3, field="date").location_text() == (
        "n.csv:3:date: bad"
    )
    assert located("bad", file="d.json", where="nights[2]", field="date").location_text() == (
        "d.json:nights[2].date: bad"
    )
