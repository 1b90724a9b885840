"""`nightcramp import` of malformed files: exit 1, a message naming the file, row (or entry)
and field, no traceback, and nothing stored — also for values only the database would refuse.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app
from nightcramp.store.diary import models

pytestmark = pytest.mark.django_db

FRAME = '{"format": "nightcramp-diary", "version": 1, '


def run(*args: str) -> Result:
    return CliRunner().invoke(build_app(), list(args))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_refused(result: Result, *expected: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and "could not finish" not in result.stderr
    assert "nothing was imported" in result.stderr
    for text in expected:
        assert text in result.stderr
    assert models.Night.objects.count() == 0
    assert models.Episode.objects.count() == 0
    assert models.Medication.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "episodes.csv",
            'started_at,notes\n2026-01-05T02:00,"a\x00b"\n',
            ":2:notes: must not contain NUL characters",
        ),
        (
            "episodes.csv",
            "started_at,notes\n2026-01-05T02:00+23:59,\n",
            ":2:started_at: has a time-zone offset beyond ±18:00",
        ),
        (
            "nights.csv",
            "date,mood\n2026-01-05,99999999999999999999999\n",
            ":2:mood: is too large",
        ),
        (
            "diary.json",
            FRAME + r'"episodes": [{"started_at": "2026-01-05T02:00", "notes": "\ud800"}]}',
            ":episodes[0].notes: must be valid Unicode text",
        ),
        (
            "diary.json",
            FRAME + '"nights": [{"date": "2026-01-05", "mood": ' + "9" * 5000 + "}]}",
            ":nights[0].mood: is a number with thousands of digits",
        ),
        (
            "diary.json",
            FRAME + '"medications": [{"name": "asp\\u0000irin"}]}',
            ":medications[0].name: must not contain NUL characters",
        ),
        (
            "diary.json",
            FRAME + '"nights": [], "nights": [{"date": "2026-01-05"}]}',
            ":nights: appears more than once in the same object",
        ),
    ],
)
def test_a_value_the_store_cannot_keep_is_refused_naming_where(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    path = write(tmp_path, name, text)
    assert_refused(run("import", str(path)), f"{path}{expected}")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("diary.json", "", ": is an empty JSON file"),
        ("diary.json", " \n\n", ": is an empty JSON file"),
        ("nights.csv", "", ": is empty: a diary CSV needs a header row"),
        ("nights.csv", "\n \n", ": is empty: a diary CSV needs a header row"),
    ],
)
def test_an_empty_file_is_named_for_the_kind_of_file_it_is(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    path = write(tmp_path, name, text)
    assert_refused(run("import", str(path)), f"{path}{expected}")


def _factor(code: object) -> dict[str, object]:
    return {
        "resource": {
            "resourceType": "Observation",
            "code": {"coding": [{"system": "urn:nightcramp:factor", "code": code}]},
            "effectiveDateTime": "2026-01-05",
            "valueInteger": 3,
        }
    }


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([_factor(5)], ":entry[0].code: a factor's code must be its name, as text"),
        ("x", ":entry: must be a list"),
        ([{"resource": "x"}], ":entry[0].resource: must be an object"),
        ([_factor("water_glasses"), _factor("water_glasses")], ":entry[1].water_glasses: "),
    ],
)
def test_a_bundle_of_the_wrong_shape_is_refused_naming_the_entry(
    tmp_path: Path, entries: object, expected: str
) -> None:
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    path = write(tmp_path, "bundle.json", json.dumps(bundle))
    assert_refused(run("import", str(path)), f"{path}{expected}")


def test_one_bad_row_at_the_end_of_a_long_file_stores_nothing(tmp_path: Path) -> None:
    first = dt.date(1950, 1, 1)
    rows = [f"{first + dt.timedelta(days=i)},3\n" for i in range(5000)]
    path = write(tmp_path, "nights.csv", "date,water_glasses\n" + "".join(rows) + "2010-01-01,x\n")
    assert_refused(run("import", str(path)), f"{path}:5002:water_glasses: must be a whole number")


def test_a_good_file_is_not_stored_when_another_file_is_bad(tmp_path: Path) -> None:
    good = write(tmp_path, "nights.csv", "date,water_glasses\n2026-01-05,3\n")
    bad = write(tmp_path, "episodes.csv", 'started_at,notes\n2026-01-05T02:00,"a\x00"\n')
    assert_refused(run("import", str(good), str(bad)), f"{bad}:2:notes:")


def test_a_number_too_long_to_read_is_refused_with_replace_too(tmp_path: Path) -> None:
    text = FRAME + '"nights": [{"date": "2026-01-05", "mood": ' + "9" * 5000 + "}]}"
    path = write(tmp_path, "diary.json", text)
    assert_refused(run("import", str(path), "--replace"), f"{path}:nights[0].mood: is a number")


def test_a_cramp_in_the_future_in_a_bundle_names_its_entry(tmp_path: Path) -> None:
    cramp = {
        "resourceType": "Observation",
        "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "G47.62"}]},
        "effectiveDateTime": "2999-01-01T02:00:00+00:00",
    }
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": cramp}]}
    path = write(tmp_path, "bundle.json", json.dumps(bundle))
    assert_refused(run("import", str(path)), f"{path}:entry[0].started_at: can't be in the future")


@pytest.mark.parametrize("text", ["null", '"x"', "1", "hello", "// note\n{}"])
def test_a_json_file_with_no_diary_inside_is_not_called_a_bad_csv(
    tmp_path: Path, text: str
) -> None:
    path = write(tmp_path, "diary.json", text)
    result = run("import", str(path))
    assert_refused(result, f"{path}:1: is not a nightcramp diary: a JSON diary is one object")
    assert "diary CSV:" not in result.stderr
