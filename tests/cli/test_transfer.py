"""`nightcramp import` and `nightcramp export`: exit codes, messages, files written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app
from nightcramp.store.diary import models

pytestmark = pytest.mark.django_db

NIGHTS = "date,water_glasses,bedtime_stretch\n2026-02-01,5,yes\n2026-02-02,3,no\n"
EPISODES = 'started_at,side,severity,notes\n2026-02-02T03:00:00+00:00,right,6,"@ night, woke"\n'


def run(*args: str) -> Result:
    return CliRunner().invoke(build_app(), list(args))


@pytest.fixture
def diary_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "diary"
    folder.mkdir()
    (folder / "nights.csv").write_text(NIGHTS, encoding="utf-8")
    (folder / "episodes.csv").write_text(EPISODES, encoding="utf-8")
    (folder / "readme.txt").write_text("not a diary", encoding="utf-8")
    return folder


def test_import_of_a_folder_reads_its_csv_files_and_says_what_it_stored(diary_dir: Path) -> None:
    result = run("import", str(diary_dir))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Imported 2 nights and 1 cramp from 2 files.\n"
    assert models.Night.objects.count() == 2
    assert models.Episode.objects.get().notes == "@ night, woke"


def test_import_json_prints_one_document(diary_dir: Path) -> None:
    result = run("import", str(diary_dir / "nights.csv"), "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["imported"] == {"nights": 2, "episodes": 0}
    assert document["replaced"] == {"nights": 0, "episodes": 0}


def test_an_invalid_file_exits_1_lists_each_problem_and_stores_nothing(diary_dir: Path) -> None:
    bad = diary_dir / "more.csv"
    bad.write_text("date,water_glasses\n2026-02-03,1.5\n2026-02-04,-2\n", encoding="utf-8")
    result = run("import", str(diary_dir))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "nothing was imported" in result.stderr
    assert f"{bad}:2:water_glasses: must be a whole number" in result.stderr
    assert f"{bad}:3:water_glasses: must be a whole number" in result.stderr
    assert models.Night.objects.count() == 0
    assert models.Episode.objects.count() == 0


def test_a_stored_night_makes_import_fail_until_replace(diary_dir: Path) -> None:
    assert run("import", str(diary_dir / "nights.csv")).exit_code == 0
    again = run("import", str(diary_dir / "nights.csv"))
    assert again.exit_code == 1
    assert "2026-02-01 is already stored" in again.stderr
    replaced = run("import", str(diary_dir / "nights.csv"), "--replace", "--json")
    assert replaced.exit_code == 0
    assert json.loads(replaced.stdout)["replaced"]["nights"] == 2
    assert models.Night.objects.count() == 2


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2
    assert "nope.csv: no such file" in result.stderr


def test_a_folder_without_diary_files_is_a_usage_error(tmp_path: Path) -> None:
    result = run("import", str(tmp_path))
    assert result.exit_code == 2
    assert "no .csv or .json files" in result.stderr


def test_export_csv_writes_both_files_and_they_import_back_identically(
    diary_dir: Path, tmp_path: Path
) -> None:
    User.objects.create_user("ann")
    User.objects.create_user("bob")
    assert run("import", str(diary_dir), "--user", "ann").exit_code == 0
    first, second = tmp_path / "first", tmp_path / "second"
    result = run("export", "--format", "csv", "--out", str(first), "--user", "ann")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in first.iterdir()) == ["episodes.csv", "nights.csv"]
    assert "'@ night, woke" in (first / "episodes.csv").read_text(encoding="utf-8")
    assert run("import", str(first), "--user", "bob").exit_code == 0
    assert run("export", "--format", "csv", "--out", str(second), "--user", "bob").exit_code == 0
    for name in ("nights.csv", "episodes.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_export_json_without_out_prints_the_diary_document(diary_dir: Path) -> None:
    run("import", str(diary_dir))
    result = run("export", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["format"] == "nightcramp-diary"
    assert document["version"] == 1
    assert [n["date"] for n in document["nights"]] == ["2026-02-01", "2026-02-02"]
    assert document["episodes"][0]["side"] == "right"


def test_export_json_to_a_file_and_import_it_back(diary_dir: Path, tmp_path: Path) -> None:
    run("import", str(diary_dir))
    out = tmp_path / "diary.json"
    assert run("export", "--format", "json", "--out", str(out)).exit_code == 0
    models.Night.objects.all().delete()
    models.Episode.objects.all().delete()
    result = run("import", str(out), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["imported"] == {"nights": 2, "episodes": 1}


def test_export_csv_without_out_is_a_usage_error() -> None:
    result = run("export", "--format", "csv")
    assert result.exit_code == 2
    assert "--out DIR" in result.stderr


def test_export_with_an_unknown_format_is_a_usage_error() -> None:
    assert run("export", "--format", "xml").exit_code == 2


def test_export_fhir_prints_a_bundle(diary_dir: Path) -> None:
    run("import", str(diary_dir))
    result = run("export", "--format", "fhir")
    assert result.exit_code == 0, result.stderr
    bundle = json.loads(result.stdout)
    assert bundle["resourceType"] == "Bundle"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert "Observation" in kinds


def test_export_fhir_carries_the_latest_triage_and_a_condition_the_person_asserts(
    diary_dir: Path, tmp_path: Path
) -> None:
    run("import", str(diary_dir))
    answers = tmp_path / "answers.json"
    answers.write_text('{"age": 70, "pregnant": false, "one_leg_swollen": true}')
    assert run("triage", "--answers", str(answers), "--json").exit_code == 0
    bundle = json.loads(run("export", "--format", "fhir").stdout)
    resources = [e["resource"] for e in bundle["entry"]]
    (response,) = [r for r in resources if r["resourceType"] == "QuestionnaireResponse"]
    items = {i["linkId"]: i["answer"] for i in response["item"]}
    assert items["one_leg_swollen"] == [{"valueBoolean": True}]
    assert items["disposition"][0]["valueCoding"]["code"] == "urgent"
    (condition,) = [r for r in resources if r["resourceType"] == "Condition"]
    assert condition["verificationStatus"]["coding"][0]["code"] == "unconfirmed"
    assert condition["asserter"] == condition["subject"]


def test_export_fhir_keeps_an_open_urgent_result_when_a_milder_check_came_later(
    tmp_path: Path,
) -> None:
    urgent, later = tmp_path / "urgent.json", tmp_path / "later.json"
    urgent.write_text('{"age": 70, "pregnant": false, "one_leg_swollen": true}')
    later.write_text('{"age": 70, "pregnant": false, "one_leg_swollen": false}')
    assert run("triage", "--answers", str(urgent), "--json").exit_code == 0
    assert run("triage", "--answers", str(later), "--json").exit_code == 0
    bundle = json.loads(run("export", "--format", "fhir").stdout)
    responses = [
        {i["linkId"]: i["answer"] for i in e["resource"]["item"]}
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "QuestionnaireResponse"
    ]
    assert [r["disposition"][0]["valueCoding"]["code"] for r in responses] == ["urgent", "routine"]
    assert responses[0]["one_leg_swollen"] == [{"valueBoolean": True}]
    assert responses[0]["seen_to"] == [{"valueBoolean": False}]
    assert responses[-1]["one_leg_swollen"] == [{"valueBoolean": False}]
    assert len(responses) == 2


def test_export_json_flag_with_out_prints_what_was_written(diary_dir: Path, tmp_path: Path) -> None:
    run("import", str(diary_dir))
    result = run("export", "--format", "csv", "--out", str(tmp_path / "x"), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "format": "csv",
        "files": [str(tmp_path / "x" / "nights.csv"), str(tmp_path / "x" / "episodes.csv")],
        "nights": 2,
        "episodes": 1,
    }


def test_an_empty_diary_exports_header_only_files(tmp_path: Path) -> None:
    result = run("export", "--format", "csv", "--out", str(tmp_path))
    assert result.exit_code == 0
    assert (tmp_path / "nights.csv").read_bytes().startswith(b"date,water_glasses,")
    assert (tmp_path / "episodes.csv").read_bytes() == (
        b"started_at,muscle,side,duration_min,severity,relief,relief_worked,"
        b"woke_from_sleep,notes\r\n"
    )


@pytest.mark.parametrize(
    ("fmt", "out", "written"),
    [
        ("csv", "new/deeper", ["nights.csv", "episodes.csv"]),
        ("json", "new/deeper/diary.json", ["diary.json"]),
        ("fhir", "new/deeper/bundle.json", ["bundle.json"]),
    ],
)
def test_export_creates_the_folder_it_writes_into_and_leaves_no_temporary_file(
    diary_dir: Path, tmp_path: Path, fmt: str, out: str, written: list[str]
) -> None:
    assert run("import", str(diary_dir)).exit_code == 0
    result = run("export", "--format", fmt, "--out", str(tmp_path / out))
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "new" / "deeper"
    assert sorted(p.name for p in folder.iterdir()) == sorted(written)


@pytest.mark.parametrize("fmt", ["csv", "json", "fhir"])
def test_export_that_cannot_be_written_exits_1_naming_the_place(tmp_path: Path, fmt: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = run("export", "--format", fmt, "--out", str(blocker / "sub" / "x.json"))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"nightcramp: {blocker}")
    assert "cannot be written" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_an_unreadable_file_exits_1_without_a_traceback(
    diary_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nightcramp.store.diary import transfer as importer

    locked = diary_dir / "nights.csv"

    def refuse(path: Path) -> bool:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(importer, "is_json_file", refuse)
    result = run("import", str(locked))
    assert result.exit_code == 1
    assert f"{locked}: cannot be read (Permission denied)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_fhir_export_imports_back_into_another_diary(diary_dir: Path, tmp_path: Path) -> None:
    User.objects.create_user("alice")
    User.objects.create_user("bob")
    assert run("import", str(diary_dir), "--user", "alice").exit_code == 0
    bundle = tmp_path / "bundle.json"
    assert run("export", "--format", "fhir", "--out", str(bundle), "--user", "alice").exit_code == 0
    assert json.loads(bundle.read_text(encoding="utf-8"))["resourceType"] == "Bundle"
    result = run("import", str(bundle), "--user", "bob")
    assert result.exit_code == 0, result.stderr
    bob = User.objects.get(username="bob")
    nights = models.Night.objects.filter(user=bob).order_by("date")
    assert [n.date.isoformat() for n in nights] == ["2026-02-01", "2026-02-02"]
    assert [n.water_glasses for n in nights] == [5, 3]
    (episode,) = models.Episode.objects.filter(user=bob)
    assert (episode.side, episode.severity, episode.notes) == ("right", 6, "@ night, woke")


def test_a_fhir_bundle_that_is_not_ours_is_refused_naming_the_file(tmp_path: Path) -> None:
    bundle = tmp_path / "other.json"
    bundle.write_text(
        json.dumps(
            {
                "resourceType": "Bundle",
                "type": "collection",
                "entry": [
                    {
                        "resource": {
                            "resourceType": "Observation",
                            "code": {
                                "coding": [
                                    {
                                        "system": "http://hl7.org/fhir/sid/icd-10-cm",
                                        "code": "G47.62",
                                    }
                                ]
                            },
                            "effectiveDateTime": "not a date",
                        }
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    result = run("import", str(bundle))
    assert result.exit_code == 1
    assert "other.json" in result.stderr
    assert models.Episode.objects.count() == 0


def test_a_night_in_2099_and_a_100000_minute_cramp_are_refused_naming_file_row_and_field(
    tmp_path: Path,
) -> None:
    nights = tmp_path / "n.csv"
    nights.write_text("date\n2026-02-01\n2099-01-01\n", encoding="utf-8")
    cramps = tmp_path / "e.csv"
    cramps.write_text("started_at,duration_min\n2026-02-02T03:00,100000\n", encoding="utf-8")
    result = run("import", str(nights), str(cramps))
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert f"{nights}:3:date: can't be in the future" in result.stderr
    assert f"{cramps}:2:duration_min: a cramp can last at most 24 hours" in result.stderr
    assert models.Night.objects.count() == models.Episode.objects.count() == 0


def test_replace_with_a_water_only_file_keeps_the_other_answers(
    diary_dir: Path, tmp_path: Path
) -> None:
    custom = tmp_path / "custom.csv"
    custom.write_text("date,leg_day\n2026-02-01,yes\n", encoding="utf-8")
    assert run("import", str(diary_dir)).exit_code == 0
    assert run("import", str(custom), "--replace").exit_code == 0
    water = tmp_path / "water.csv"
    water.write_text("date,water_glasses\n2026-02-01,8\n2026-02-02,\n", encoding="utf-8")
    result = run("import", str(water), "--replace")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == "Replaced 2 stored nights and 0 stored cramps."
    first, second = models.Night.objects.order_by("date")
    assert (first.water_glasses, first.bedtime_stretch, first.custom) == (
        8,
        True,
        {"leg_day": True},
    )
    assert (second.water_glasses, second.bedtime_stretch) == (None, False)
