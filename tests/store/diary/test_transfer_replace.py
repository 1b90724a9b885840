"""`import --replace` replaces only what the file holds (CONTRACT.md "Diary files"): a column
or key absent keeps the stored value, an empty cell or a null clears it."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from nightcramp.core import diary as core
from nightcramp.core.errors import InputErrors
from nightcramp.core.interop.fhir import FhirExport, bundle_json
from nightcramp.store.diary import models
from nightcramp.store.diary.transfer import import_files

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 3, 1, 9, 0, tzinfo=PARIS)
STORED_EPISODE = (
    "started_at,muscle,side,duration_min,severity,relief,relief_worked,woke_from_sleep,notes\n"
    "2026-01-06T02:30:00+01:00,calf,left,2,7,stretch;walk,walk,yes,'=not a formula\n"
)


def person(name: str) -> User:
    return User.objects.create_user(username=name)


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def problems_of(user: User, paths: list[Path]) -> list[str]:
    with pytest.raises(InputErrors) as caught:
        import_files(user, paths, now=NOW, replace=True)
    return [e.location_text() for e in caught.value.errors]


STORED_NIGHT = {
    "water_glasses": 6,
    "alcohol_drinks": 1,
    "magnesium_mg": 300,
    "standing_hours": 14.0,
    "cold_room": True,
}


def stored_night(user: User, day: dt.date = dt.date(2026, 1, 5)) -> models.Night:
    return models.Night.objects.create(
        user=user, date=day, custom={"leg_day": True, "pickle_juice": 2}, **STORED_NIGHT
    )


def night_values(user: User, day: dt.date = dt.date(2026, 1, 5)) -> dict[str, object]:
    row = models.Night.objects.get(user=user, date=day)
    return {
        **{k: v for k in core.STANDARD_FACTORS if (v := getattr(row, k)) is not None},
        **row.custom,
    }


def test_replace_with_only_water_keeps_the_other_answers_and_custom_factors(
    tmp_path: Path,
) -> None:
    ann = person("ann")
    stored_night(ann)
    path = write(tmp_path, "n.csv", "date,water_glasses\n2026-01-05,2\n2026-01-06,3\n")
    result = import_files(ann, [path], replace=True)
    assert (result.nights, result.nights_replaced) == (1, 1)
    assert night_values(ann) == {
        **STORED_NIGHT,
        "water_glasses": 2,
        "leg_day": True,
        "pickle_juice": 2,
    }
    assert night_values(ann, dt.date(2026, 1, 6)) == {"water_glasses": 3}


def test_replace_keeps_what_a_short_row_has_no_cells_for(tmp_path: Path) -> None:
    # A row with fewer cells than the header (a spreadsheet that drops trailing empty cells)
    # holds only the columns it has cells for; the next, whole row holds them all.
    ann = person("ann")
    stored_night(ann)
    stored_night(ann, dt.date(2026, 1, 6))
    path = write(
        tmp_path,
        "n.csv",
        "date,water_glasses,alcohol_drinks,leg_day\n2026-01-05,2\n2026-01-06,3,,\n",
    )
    import_files(ann, [path], replace=True)
    assert night_values(ann) == {
        **STORED_NIGHT,
        "water_glasses": 2,
        "leg_day": True,
        "pickle_juice": 2,
    }
    assert night_values(ann, dt.date(2026, 1, 6)) == {
        **{k: v for k, v in STORED_NIGHT.items() if k != "alcohol_drinks"},
        "water_glasses": 3,
        "pickle_juice": 2,
    }


def test_replace_clears_a_column_present_with_an_empty_cell_custom_ones_too(
    tmp_path: Path,
) -> None:
    ann = person("ann")
    stored_night(ann)
    path = write(tmp_path, "n.csv", "date,water_glasses,cold_room,leg_day\n2026-01-05,,no,\n")
    import_files(ann, [path], replace=True)
    assert night_values(ann) == {
        "alcohol_drinks": 1,
        "magnesium_mg": 300,
        "standing_hours": 14.0,
        "cold_room": False,
        "pickle_juice": 2,
    }


def test_a_replaced_night_is_checked_with_the_answers_it_keeps(tmp_path: Path) -> None:
    ann = person("ann")
    stored_night(ann)  # 14 standing hours
    path = write(tmp_path, "n.csv", "date,sitting_hours\n2026-01-05,11\n")
    assert problems_of(ann, [path]) == [
        f"{path}:2:sitting_hours: standing and sitting hours together can be at most 24"
    ]
    assert night_values(ann)["standing_hours"] == 14.0
    assert models.Night.objects.get(user=ann).sitting_hours is None


def test_replace_of_a_cramp_without_a_notes_column_keeps_its_notes(tmp_path: Path) -> None:
    ann = person("ann")
    import_files(ann, [write(tmp_path, "e.csv", STORED_EPISODE)])
    path = write(
        tmp_path,
        "e2.csv",
        "started_at,side,severity,relief_worked\n2026-01-06T02:30:00+01:00,left,4,\n",
    )
    result = import_files(ann, [path], replace=True)
    assert (result.episodes, result.episodes_replaced) == (0, 1)
    row = models.Episode.objects.get(user=ann)
    assert (row.severity, row.relief_worked) == (4, None)
    assert (row.notes, row.duration_min, row.relief, row.woke_from_sleep) == (
        "=not a formula",
        2,
        ["stretch", "walk"],
        True,
    )


def json_diary(nights: list[dict[str, object]], episodes: list[dict[str, object]]) -> str:
    document = {"format": "nightcramp-diary", "version": 1, "nights": nights, "episodes": episodes}
    return json.dumps(document)


def test_replace_from_json_clears_a_null_key_and_keeps_an_absent_one(tmp_path: Path) -> None:
    ann = person("ann")
    stored_night(ann)
    import_files(ann, [write(tmp_path, "e.csv", STORED_EPISODE)])
    path = write(
        tmp_path,
        "diary.json",
        json_diary(
            [{"date": "2026-01-05", "water_glasses": 1, "magnesium_mg": None, "leg_day": None}],
            [{"started_at": "2026-01-06T02:30:00+01:00", "side": "left", "severity": None}],
        ),
    )
    import_files(ann, [path], replace=True)
    assert night_values(ann) == {
        "water_glasses": 1,
        "alcohol_drinks": 1,
        "standing_hours": 14.0,
        "cold_room": True,
        "pickle_juice": 2,
    }
    row = models.Episode.objects.get(user=ann)
    assert (row.severity, row.notes, row.relief_worked) == (None, "=not a formula", "walk")


def test_replace_of_the_profile_from_json_keeps_the_keys_it_does_not_hold(tmp_path: Path) -> None:
    ann = person("ann")
    models.Profile.objects.create(user=ann, birth_year=1950, sex="female", smoker=True)
    path = write(
        tmp_path,
        "diary.json",
        json.dumps(
            {
                "format": "nightcramp-diary",
                "version": 1,
                "profile": {"birth_year": 1951, "smoker": None},
            }
        ),
    )
    import_files(ann, [path], replace=True)
    profile = models.Profile.objects.get(user=ann)
    assert (profile.birth_year, profile.sex, profile.smoker) == (1951, "female", None)


def test_replace_from_a_fhir_bundle_replaces_the_factors_it_carries(tmp_path: Path) -> None:
    ann = person("ann")
    stored_night(ann)
    import_files(ann, [write(tmp_path, "e.csv", STORED_EPISODE)])
    night = core.Night(date=dt.date(2026, 1, 5), factors={"water_glasses": 3, "leg_day": False})
    cramp = core.Episode(
        started_at=dt.datetime(2026, 1, 6, 2, 30, tzinfo=PARIS), side=core.Side.LEFT, severity=2
    )
    bundle = FhirExport(nights=[night], episodes=[cramp], tz=PARIS, generated_at=NOW.replace(day=2))
    path = write(tmp_path, "bundle.json", bundle_json(bundle))
    result = import_files(ann, [path], replace=True)
    assert (result.nights_replaced, result.episodes_replaced) == (1, 1)
    assert night_values(ann) == {
        **STORED_NIGHT,
        "water_glasses": 3,
        "leg_day": False,
        "pickle_juice": 2,
    }
    row = models.Episode.objects.get(user=ann)  # the Observation is the whole cramp
    assert (row.severity, row.notes, row.duration_min, row.relief) == (2, "", None, [])


@pytest.mark.django_db(transaction=True)
def test_replace_reads_the_rows_it_merges_inside_its_transaction_with_the_diary_locked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing can change a stored night between reading it and writing the merged one."""
    from django.db import connection

    from nightcramp.store.diary import bulk
    from nightcramp.store.diary.stored_rows import StoredRows

    ann = person("ann")
    stored_night(ann)
    events: list[tuple[str, bool]] = []
    lock, read = bulk.lock_diary, StoredRows.merge_nights

    def locking(user_id: int) -> None:
        events.append(("lock", connection.in_atomic_block))
        lock(user_id)

    def merging(self: StoredRows, batch: list[Any]) -> list[dt.date]:
        events.append(("read", connection.in_atomic_block))
        return read(self, batch)

    monkeypatch.setattr(bulk, "lock_diary", locking)
    monkeypatch.setattr(StoredRows, "merge_nights", merging)
    import_files(
        ann, [write(tmp_path, "n.csv", "date,water_glasses\n2026-01-05,2\n")], now=NOW, replace=True
    )
    assert events == [("lock", True), ("read", True)]
    assert night_values(ann)["water_glasses"] == 2
    assert night_values(ann)["alcohol_drinks"] == 1
