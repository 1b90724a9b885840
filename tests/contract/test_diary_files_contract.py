"""CONTRACT.md "Diary files": black-box checks through the `nightcramp` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app
from nightcramp.store.diary import models

pytestmark = pytest.mark.django_db

FULL_NIGHTS = (
    "date,water_glasses,alcohol_drinks,caffeine_drinks,exercise_minutes,new_or_harder_exercise,"
    "standing_hours,sitting_hours,heavy_sweating,bedtime_stretch,magnesium_mg,potassium_servings,"
    "tight_bedding,feet_pointed,warm_bath,cold_room,pickle_juice\n"
    "2026-04-01,6,1,2,30,yes,7.5,3,no,true,250,2,1,0,FALSE,Yes,1.5\n"
    "2026-04-02,,,,,,,,,,,,,,,,\n"
)
FULL_EPISODES = (
    "started_at,muscle,side,duration_min,severity,relief,relief_worked,woke_from_sleep,notes\n"
    '2026-04-02T02:10:00+01:00,calf,left,2.5,7,stretch;massage,massage,yes,"woke, then ""ouch"""\n'
    "2026-04-02T23:00:00+01:00,,,,,,,,\n"
)


def cli(*args: str) -> Result:
    return CliRunner().invoke(build_app(), list(args))


def put(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def stored() -> tuple[int, int]:
    return models.Night.objects.count(), models.Episode.objects.count()


def assert_rejected(result: Result, *needles: str) -> None:
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr
    assert stored() == (0, 0)


def test_every_column_imports_and_a_header_only_file_imports_nothing(tmp_path: Path) -> None:
    paths = [
        put(tmp_path, "a.csv", FULL_NIGHTS),
        put(tmp_path, "b.csv", FULL_EPISODES),
        put(tmp_path, "c.csv", "date,water_glasses\n"),
    ]
    result = cli("import", *map(str, paths), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["imported"] == {"nights": 2, "episodes": 2}
    empty_night = models.Night.objects.get(date="2026-04-02")
    assert empty_night.water_glasses is None
    assert empty_night.cold_room is None
    second = models.Episode.objects.order_by("started_at").last()
    assert second is not None
    assert (second.muscle, second.side, second.severity) == ("calf", None, None)


def test_a_file_is_known_by_its_header_whatever_its_name_and_column_order(tmp_path: Path) -> None:
    put(tmp_path, "nights.csv", "severity,started_at\n4,2026-04-02T02:00\n")
    put(tmp_path, "episodes.csv", "cold_room,date\nyes,2026-04-01\n")
    assert cli("import", str(tmp_path)).exit_code == 0
    assert stored() == (1, 1)


def test_bom_crlf_and_quoted_cells_with_commas_quotes_and_newlines_are_valid(
    tmp_path: Path,
) -> None:
    content = b'\xef\xbb\xbfstarted_at,notes\r\n2026-04-02T02:00,"a, ""b""\r\nc"\r\n'
    assert cli("import", str(put(tmp_path, "e.csv", content))).exit_code == 0
    assert models.Episode.objects.get().notes == 'a, "b"\r\nc'


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("date;water_glasses\n2026-04-01;3\n", "semicolons"),
        ("date,water_glasses\n2026-04-01,3,4\n", "bad.csv:2: has 3 cells"),
        ('started_at,notes\n2026-04-02T02:00,"open\n', "bad.csv:2: is not valid CSV"),
        (b"started_at,notes\n2026-04-02T02:00,\xff\xfe\n", "bad.csv:2: has bytes that are not"),
        ("date,water_glasses\n2026-04-01,1.5\n", "bad.csv:2:water_glasses"),
        ("date,water_glasses\n2026-04-01,2\n2026-04-01,3\n", "bad.csv:3:date"),
        ("started_at,severity\n2026-04-02T02:00,11\n", "bad.csv:2:severity"),
        ("started_at,muscle\n2026-04-02T02:00,neck\n", "bad.csv:2:muscle"),
        ("started_at\n02/04/2026 02:00\n", "bad.csv:2:started_at"),
        ("date\n2026-02-30\n", "bad.csv:2:date"),
        ("date,cold_room\n2026-04-01,maybe\n", "bad.csv:2:cold_room"),
        ("name,age\nann,70\n", "bad.csv:1: is not a nightcramp diary CSV"),
        ("date\n2099-01-01\n", "bad.csv:2:date: can't be in the future"),
        ("started_at\n2099-01-01T02:00\n", "bad.csv:2:started_at: can't be in the future"),
        ("date\n1899-12-31\n", "bad.csv:2:date: must be 1900 or later"),
        ("started_at\n1899-12-31T23:00\n", "bad.csv:2:started_at: must be 1900 or later"),
        ("started_at,duration_min\n2026-04-02T02:00,1441\n", "bad.csv:2:duration_min: a cramp"),
        ("date,standing_hours,sitting_hours\n2026-04-03,14,11\n", "bad.csv:2:sitting_hours"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "bad.csv:1: has bytes that are not UTF-8"),
    ],
)
def test_invalid_files_exit_1_naming_file_row_and_field_and_store_nothing(
    tmp_path: Path, content: str | bytes, needle: str
) -> None:
    good = put(tmp_path, "good.csv", FULL_NIGHTS)
    bad = put(tmp_path, "bad.csv", content)
    assert_rejected(cli("import", str(good), str(bad)), needle)


def test_a_file_over_the_row_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nightcramp.core.interop.csv_diary as csv_diary

    monkeypatch.setattr(csv_diary, "MAX_ROWS", 2)
    path = put(tmp_path, "big.csv", "date\n2026-04-01\n2026-04-02\n2026-04-03\n")
    assert_rejected(cli("import", str(path)), "more than 2 rows")


def test_conflicts_with_stored_rows_fail_unless_replace(tmp_path: Path) -> None:
    nights = put(tmp_path, "n.csv", FULL_NIGHTS)
    episodes = put(tmp_path, "e.csv", FULL_EPISODES)
    assert cli("import", str(nights), str(episodes)).exit_code == 0
    again = cli("import", str(nights), str(episodes))
    assert again.exit_code == 1
    assert "n.csv:2:date" in again.stderr
    assert "e.csv:2:started_at" in again.stderr
    assert stored() == (2, 2)
    replaced = cli("import", str(nights), str(episodes), "--replace", "--json")
    assert replaced.exit_code == 0
    assert json.loads(replaced.stdout)["replaced"] == {"nights": 2, "episodes": 2}
    assert stored() == (2, 2)


def test_replace_replaces_only_the_columns_the_file_holds(tmp_path: Path) -> None:
    assert cli("import", str(put(tmp_path, "n.csv", FULL_NIGHTS))).exit_code == 0
    assert cli("import", str(put(tmp_path, "e.csv", FULL_EPISODES))).exit_code == 0
    water = put(tmp_path, "water.csv", "date,water_glasses,cold_room\n2026-04-01,2,\n")
    cramp = put(
        tmp_path, "cramp.csv", "started_at,side,severity\n2026-04-02T02:10:00+01:00,left,3\n"
    )
    assert cli("import", str(water), str(cramp), "--replace").exit_code == 0
    night = models.Night.objects.get(date="2026-04-01")
    assert (night.water_glasses, night.cold_room, night.alcohol_drinks) == (2, None, 1)
    assert night.custom == {"pickle_juice": 1.5}
    episode = models.Episode.objects.get(side="left")
    assert (episode.severity, episode.duration_min, episode.notes) == (3, 2.5, 'woke, then "ouch"')


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_formulas_are_neutralised_on_export_and_round_trip_byte_identical(
    tmp_path: Path, first: str
) -> None:
    note = f"{first}HYPERLINK(1)"
    quoted = '"' + note.replace('"', '""') + '"'
    put(tmp_path, "e.csv", f"started_at,notes\n2026-04-02T02:00:00+00:00,{quoted}\n")
    put(tmp_path, "n.csv", FULL_NIGHTS)
    assert cli("import", str(tmp_path)).exit_code == 0
    assert models.Episode.objects.get().notes == note
    one, two = tmp_path / "one", tmp_path / "two"
    assert cli("export", "--format", "csv", "--out", str(one)).exit_code == 0
    exported = (one / "episodes.csv").read_bytes().decode("utf-8")
    assert f"'{first}HYPERLINK(1)" in exported
    models.Episode.objects.all().delete()
    models.Night.objects.all().delete()
    assert cli("import", str(one)).exit_code == 0
    assert models.Episode.objects.get().notes == note
    assert cli("export", "--format", "csv", "--out", str(two)).exit_code == 0
    for name in ("nights.csv", "episodes.csv"):
        assert (one / name).read_bytes() == (two / name).read_bytes()


def test_json_export_is_one_document_and_round_trips_byte_identical(tmp_path: Path) -> None:
    put(tmp_path, "n.csv", FULL_NIGHTS)
    put(tmp_path, "e.csv", FULL_EPISODES)
    assert cli("import", str(tmp_path)).exit_code == 0
    first = cli("export", "--format", "json")
    assert first.exit_code == 0
    document = json.loads(first.stdout)
    assert list(document) == ["format", "version", "nights", "episodes", "profile", "medications"]
    assert (document["format"], document["version"]) == ("nightcramp-diary", 1)
    assert document["episodes"][0]["relief"] == ["stretch", "massage"]
    assert document["episodes"][1]["relief_worked"] is None
    put(tmp_path / "..", "export.json", first.stdout)
    models.Episode.objects.all().delete()
    models.Night.objects.all().delete()
    assert cli("import", str(tmp_path / ".." / "export.json")).exit_code == 0
    assert cli("export", "--format", "json").stdout == first.stdout
