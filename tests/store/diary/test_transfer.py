"""Import into the database: all or nothing, the record rules, conflicts, byte-identical round
trip. What --replace keeps is in test_transfer_replace.py."""

from __future__ import annotations

import datetime as dt
import io
import json
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from nightcramp.core.errors import InputError, InputErrors
from nightcramp.core.interop.csv_diary import write_episodes_csv, write_nights_csv
from nightcramp.core.interop.json_diary import dumps_document
from nightcramp.store.diary import importer, models
from nightcramp.store.diary.transfer import (
    custom_factor_names,
    export_medications,
    export_profile,
    import_files,
    iter_export_episodes,
    iter_export_nights,
)

pytestmark = pytest.mark.django_db

NIGHTS = (
    "date,water_glasses,standing_hours,cold_room,leg_day\n"
    "2026-01-05,6,7.5,yes,true\n"
    "2026-01-06,4,,no,false\n"
    "2026-01-07,,,,\n"
)
EPISODES = (
    "started_at,muscle,side,duration_min,severity,relief,relief_worked,woke_from_sleep,notes\n"
    "2026-01-06T02:30:00+01:00,calf,left,2,7,stretch;walk,walk,yes,'=not a formula\n"
    "2026-01-07T23:45:00+01:00,foot,,0.5,3,,,no,\n"
)


def person(name: str) -> User:
    return User.objects.create_user(username=name)


def files(tmp_path: Path, nights: str = NIGHTS, episodes: str = EPISODES) -> list[Path]:
    (tmp_path / "n.csv").write_text(nights, encoding="utf-8")
    (tmp_path / "e.csv").write_text(episodes, encoding="utf-8")
    return [tmp_path / "n.csv", tmp_path / "e.csv"]


def counts(user: User) -> tuple[int, int]:
    return (
        models.Night.objects.filter(user=user).count(),
        models.Episode.objects.filter(user=user).count(),
    )


def export_csv(user: User) -> tuple[str, str]:
    nights, episodes = io.StringIO(), io.StringIO()
    write_nights_csv(iter_export_nights(user), nights, custom_columns=custom_factor_names(user))
    write_episodes_csv(iter_export_episodes(user), episodes)
    return nights.getvalue(), episodes.getvalue()


def export_json(user: User) -> str:
    return dumps_document(
        iter_export_nights(user),
        iter_export_episodes(user),
        profile=export_profile(user),
        medications=export_medications(user),
    )


def test_valid_files_are_stored_with_their_values(tmp_path: Path) -> None:
    ann = person("ann")
    result = import_files(ann, files(tmp_path))
    assert (result.nights, result.episodes) == (3, 2)
    night = models.Night.objects.get(user=ann, date=dt.date(2026, 1, 5))
    assert (night.water_glasses, night.standing_hours, night.cold_room) == (6, 7.5, True)
    assert night.sitting_hours is None
    assert night.custom == {"leg_day": True}
    first = models.Episode.objects.get(user=ann, muscle="calf")
    assert first.night == dt.date(2026, 1, 5)
    assert first.notes == "=not a formula"
    assert first.relief == ["stretch", "walk"]
    assert models.CustomFactor.objects.get(user=ann, name="leg_day").kind == "bool"


def test_one_bad_row_stores_nothing_from_any_file(tmp_path: Path) -> None:
    ann = person("ann")
    bad = EPISODES + "2026-01-08T01:00:00+01:00,calf,left,1,12,,,,\n"
    with pytest.raises(InputErrors) as caught:
        import_files(ann, files(tmp_path, episodes=bad))
    assert [str(e) for e in caught.value.errors] == [
        f"{tmp_path / 'e.csv'}:4:severity: must be a whole number from 0 to 10, not 12"
    ]
    assert counts(ann) == (0, 0)
    assert not models.CustomFactor.objects.filter(user=ann).exists()


def test_a_bad_row_after_several_written_batches_still_stores_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    ann = person("ann")
    rows = "".join(f"2025-12-{d:02d},{d}\n" for d in range(1, 29))
    path = tmp_path / "n.csv"
    path.write_text("date,water_glasses\n" + rows + "2025-12-29,-1\n", encoding="utf-8")
    with pytest.raises(InputErrors, match="30:water_glasses"):
        import_files(ann, [path])
    assert counts(ann) == (0, 0)


def test_a_stored_night_is_a_conflict_unless_replace(tmp_path: Path) -> None:
    ann = person("ann")
    models.Night.objects.create(user=ann, date=dt.date(2026, 1, 6), water_glasses=1)
    with pytest.raises(InputErrors) as caught:
        import_files(ann, files(tmp_path))
    assert [e.location_text() for e in caught.value.errors] == [
        f"{tmp_path / 'n.csv'}:3:date: a night on 2026-01-06 is already stored "
        "(use --replace to replace it)"
    ]
    assert counts(ann) == (1, 0)
    result = import_files(ann, files(tmp_path), replace=True)
    assert (result.nights, result.nights_replaced) == (2, 1)
    assert models.Night.objects.get(user=ann, date=dt.date(2026, 1, 6)).water_glasses == 4
    assert counts(ann) == (3, 2)


def test_a_stored_episode_without_side_is_a_conflict_unless_replace(tmp_path: Path) -> None:
    ann = person("ann")
    import_files(ann, files(tmp_path, nights="date\n"))
    with pytest.raises(InputErrors, match="already stored"):
        import_files(ann, files(tmp_path, nights="date\n"))
    changed = EPISODES.replace(",0.5,3,", ",0.5,9,")
    result = import_files(ann, files(tmp_path, nights="date\n", episodes=changed), replace=True)
    assert (result.episodes, result.episodes_replaced) == (0, 2)
    assert models.Episode.objects.get(user=ann, muscle="foot").severity == 9
    assert counts(ann) == (0, 2)


def test_the_same_episode_at_the_same_instant_in_another_offset_is_a_conflict(
    tmp_path: Path,
) -> None:
    ann = person("ann")
    import_files(ann, files(tmp_path, nights="date\n"))
    shifted = "started_at,side\n2026-01-06T01:30:00+00:00,left\n"
    with pytest.raises(InputErrors, match="already stored"):
        import_files(ann, files(tmp_path, nights="date\n", episodes=shifted))


def test_a_time_without_offset_is_read_in_the_site_zone_before_comparing(
    tmp_path: Path, settings: Any
) -> None:
    settings.TIME_ZONE = "Europe/Paris"
    ann = person("ann")
    import_files(ann, files(tmp_path, nights="date\n"))
    naive = "started_at,side\n2026-01-06T02:30,left\n"
    with pytest.raises(InputErrors, match="already stored"):
        import_files(ann, files(tmp_path, nights="date\n", episodes=naive))
    later = "started_at,side\n2026-01-06T03:30,left\n"
    import_files(ann, files(tmp_path, nights="date\n", episodes=later))
    row = models.Episode.objects.get(user=ann, started_at__hour=2)
    assert (row.utc_offset_min, row.night) == (60, dt.date(2026, 1, 5))


def test_another_persons_diary_never_conflicts(tmp_path: Path) -> None:
    ann, bob = person("ann"), person("bob")
    import_files(ann, files(tmp_path))
    import_files(bob, files(tmp_path))
    assert counts(ann) == counts(bob) == (3, 2)


def test_duplicates_across_two_files_are_refused(tmp_path: Path) -> None:
    ann = person("ann")
    (tmp_path / "a.csv").write_text("date\n2026-01-01\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("date\n2026-01-01\n", encoding="utf-8")
    with pytest.raises(InputErrors, match=r"b\.csv:2:date: 2026-01-01 appears more than once"):
        import_files(ann, [tmp_path / "a.csv", tmp_path / "b.csv"])
    assert counts(ann) == (0, 0)


def test_csv_export_import_export_through_the_database_is_byte_identical(tmp_path: Path) -> None:
    ann, bob = person("ann"), person("bob")
    import_files(ann, files(tmp_path))
    first_nights, first_episodes = export_csv(ann)
    out = tmp_path / "out"
    out.mkdir()
    (out / "nights.csv").write_text(first_nights, encoding="utf-8", newline="")
    (out / "episodes.csv").write_text(first_episodes, encoding="utf-8", newline="")
    import_files(bob, [out / "nights.csv", out / "episodes.csv"])
    assert export_csv(bob) == (first_nights, first_episodes)
    assert "'=not a formula" in first_episodes


def test_json_export_import_export_through_the_database_is_byte_identical(tmp_path: Path) -> None:
    ann, bob = person("ann"), person("bob")
    import_files(ann, files(tmp_path))
    models.Profile.objects.create(user=ann, birth_year=1948, sex="male", conditions=["diabetes"])
    models.Medication.objects.create(user=ann, name="atorvastatin", dose="20 mg")
    first = export_json(ann)
    path = tmp_path / "diary.json"
    path.write_text(first, encoding="utf-8")
    result = import_files(bob, [path])
    assert (result.nights, result.episodes, result.profile, result.medications) == (3, 2, True, 1)
    assert export_json(bob) == first


def test_a_different_stored_profile_is_a_conflict_unless_replace(tmp_path: Path) -> None:
    ann = person("ann")
    models.Profile.objects.create(user=ann, birth_year=1960)
    path = tmp_path / "diary.json"
    path.write_text(
        '{"format": "nightcramp-diary", "version": 1, "profile": {"birth_year": 1961}}',
        encoding="utf-8",
    )
    with pytest.raises(InputErrors, match="profile"):
        import_files(ann, [path])
    import_files(ann, [path], replace=True)
    assert models.Profile.objects.get(user=ann).birth_year == 1961


def test_progress_is_reported_up_to_the_total(tmp_path: Path) -> None:
    ann = person("ann")
    seen: list[tuple[int, int]] = []
    paths = files(tmp_path)
    import_files(ann, paths, progress=lambda done, total: seen.append((done, total)))
    total = sum(p.stat().st_size for p in paths)
    assert seen
    assert all(t == total and 0 <= d <= total for d, t in seen)
    assert seen[-1][0] == total


@pytest.mark.django_db(transaction=True)
def test_on_sqlite_a_large_import_holds_no_diary_transaction_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows are staged in temp tables; the diary is written in one short transaction at the end,
    so other writers (the web app) are not kept waiting while a big file is read."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("staging applies to SQLite; PostgreSQL locks rows, not the database")
    monkeypatch.setattr(importer, "BATCH_SIZE", 5)
    ann, bob = person("ann"), person("bob")
    path = tmp_path / "n.csv"
    path.write_text(
        "date,water_glasses\n" + "".join(f"2025-12-{d:02d},{d}\n" for d in range(1, 29)),
        encoding="utf-8",
    )
    during: list[tuple[bool, int]] = []

    def progress(done: int, total: int) -> None:
        if not during:  # a write from "someone else" in the middle of the import
            models.Night.objects.create(user=bob, date=dt.date(2025, 12, 1))
        during.append((connection.in_atomic_block, models.Night.objects.filter(user=ann).count()))

    import_files(ann, [path], progress=progress)
    assert during
    assert all(state == (False, 0) for state in during)
    assert counts(ann) == (28, 0)
    assert counts(bob) == (1, 0)


# -- the record rules (core.diary_limits), applied to every row -----------------------------------
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# 09:00 on 1 March: the current night is still 28 February's (noon boundary).
NOW = dt.datetime(2026, 3, 1, 9, 0, tzinfo=PARIS)


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def problems_of(user: User, paths: list[Path], **options: Any) -> list[str]:
    with pytest.raises(InputErrors) as caught:
        import_files(user, paths, now=NOW, **options)
    return [e.location_text() for e in caught.value.errors]


def test_a_night_after_the_current_one_is_refused_naming_file_row_and_field(
    tmp_path: Path,
) -> None:
    ann = person("ann")
    path = write(tmp_path, "n.csv", "date,water_glasses\n2026-02-28,3\n2026-03-01,4\n")
    assert problems_of(ann, [path]) == [f"{path}:3:date: can't be in the future"]
    assert counts(ann) == (0, 0)
    import_files(ann, [write(tmp_path, "ok.csv", "date\n2026-02-28\n")], now=NOW)
    assert counts(ann) == (1, 0)


def test_a_cramp_after_now_is_refused_naming_file_row_and_field(tmp_path: Path) -> None:
    ann = person("ann")
    path = write(
        tmp_path,
        "e.csv",
        "started_at,side\n2026-03-01T09:05:00+01:00,left\n2026-03-01T09:30:00+01:00,left\n",
    )
    assert problems_of(ann, [path]) == [f"{path}:3:started_at: can't be in the future"]
    assert counts(ann) == (0, 0)


def test_a_night_in_2099_is_refused_with_the_real_clock(tmp_path: Path) -> None:
    ann = person("ann")
    path = write(tmp_path, "n.csv", "date\n2099-01-01\n")
    with pytest.raises(InputErrors, match=r"n\.csv:2:date: can't be in the future"):
        import_files(ann, [path])
    assert counts(ann) == (0, 0)


def test_1899_12_31_is_refused_and_1900_01_01_accepted(tmp_path: Path) -> None:
    ann = person("ann")
    nights = write(tmp_path, "n.csv", "date\n1900-01-01\n1899-12-31\n")
    episodes = write(tmp_path, "e.csv", "started_at\n1900-01-01T22:00\n1899-12-31T23:00:00+00:00\n")
    assert problems_of(ann, [nights, episodes]) == [
        f"{nights}:3:date: must be 1900 or later",
        f"{episodes}:3:started_at: must be 1900 or later",
    ]
    assert counts(ann) == (0, 0)
    import_files(ann, [write(tmp_path, "n.csv", "date\n1900-01-01\n")], now=NOW)
    import_files(ann, [write(tmp_path, "e.csv", "started_at\n1900-01-01T22:00\n")], now=NOW)
    assert counts(ann) == (1, 1)


def test_a_cramp_of_1441_minutes_is_refused_and_1440_accepted(tmp_path: Path) -> None:
    ann = person("ann")
    path = write(
        tmp_path,
        "e.csv",
        "started_at,side,duration_min\n2026-01-06T02:30,left,1440\n2026-01-07T02:30,left,1441\n",
    )
    assert problems_of(ann, [path]) == [
        f"{path}:3:duration_min: a cramp can last at most 24 hours (1440 minutes)"
    ]
    import_files(
        ann, [write(tmp_path, "e.csv", "started_at,duration_min\n2026-01-06T02:30,1440\n")]
    )
    assert models.Episode.objects.get(user=ann).duration_min == 1440


def test_standing_14_and_sitting_11_hours_are_refused(tmp_path: Path) -> None:
    ann = person("ann")
    path = write(
        tmp_path,
        "n.csv",
        "date,standing_hours,sitting_hours\n2026-01-05,14,10\n2026-01-06,14,11\n",
    )
    assert problems_of(ann, [path]) == [
        f"{path}:3:sitting_hours: standing and sitting hours together can be at most 24"
    ]
    assert counts(ann) == (0, 0)


def test_a_json_row_breaking_a_rule_is_named_by_its_path(tmp_path: Path) -> None:
    ann = person("ann")
    path = write(
        tmp_path,
        "diary.json",
        json.dumps(
            {
                "format": "nightcramp-diary",
                "version": 1,
                "nights": [{"date": "2026-01-05"}, {"date": "2026-03-02"}],
                "episodes": [{"started_at": "2027-01-01T02:00:00+01:00"}],
            }
        ),
    )
    assert problems_of(ann, [path]) == [
        f"{path}:nights[1].date: can't be in the future",
        f"{path}:episodes[0].started_at: can't be in the future",
    ]
    assert counts(ann) == (0, 0)


def test_one_row_breaking_a_rule_stores_nothing_from_several_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    ann = person("ann")
    nights = "date,leg_day\n" + "".join(f"2026-01-{d:02d},yes\n" for d in range(1, 10))
    late = write(tmp_path, "late.csv", "started_at\n2026-01-03T02:00\n2026-03-05T02:00\n")
    paths = [*files(tmp_path, nights=nights), late]
    assert problems_of(ann, paths) == [f"{late}:3:started_at: can't be in the future"]
    assert counts(ann) == (0, 0)
    assert not models.CustomFactor.objects.filter(user=ann).exists()


def test_a_custom_factors_kind_comes_from_all_its_values(tmp_path: Path) -> None:
    ann = person("ann")
    path = write(tmp_path, "n.csv", "date,pickle_juice,leg_day\n2026-01-01,1,2\n2026-01-02,1.5,3\n")
    import_files(ann, [path])
    kinds = dict(models.CustomFactor.objects.filter(user=ann).values_list("name", "kind"))
    assert kinds == {"pickle_juice": "number", "leg_day": "int"}


def test_an_import_that_would_take_the_medicines_past_200_stores_nothing(
    alice: User, tmp_path: Path
) -> None:
    models.Medication.objects.bulk_create(
        models.Medication(user=alice, name=f"stored{i}") for i in range(150)
    )
    path = tmp_path / "diary.json"
    meds = [{"name": f"new{i}"} for i in range(51)]
    path.write_text(
        json.dumps(
            {
                "format": "nightcramp-diary",
                "version": 1,
                "nights": [],
                "episodes": [],
                "medications": meds,
            }
        )
    )
    with pytest.raises(InputError, match="at most 200") as refused:
        import_files(alice, [path])
    assert refused.value.file is not None and refused.value.file.endswith("diary.json")
    assert models.Medication.objects.filter(user=alice).count() == 150
    path.write_text(
        path.read_text().replace('{"name": "new50"}, ', "").replace(', {"name": "new50"}', "")
    )
    import_files(alice, [path])
    assert models.Medication.objects.filter(user=alice).count() == 200


def test_a_medicine_listed_twice_in_an_import_is_stored_once(alice: User, tmp_path: Path) -> None:
    path = tmp_path / "diary.json"
    twice = [{"name": "Lasix", "dose": "40 mg"}, {"name": "Lasix", "dose": "40 mg"}]
    document = {"format": "nightcramp-diary", "version": 1, "nights": [], "episodes": []}
    path.write_text(json.dumps({**document, "medications": twice}))
    import_files(alice, [path])
    import_files(alice, [path])
    assert list(models.Medication.objects.filter(user=alice).values_list("name", flat=True)) == [
        "Lasix"
    ]
