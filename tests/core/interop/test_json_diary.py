"""The JSON diary file: reading it whole, the document's frame, limits, and the round trip."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from nightcramp.core.diary import Episode, Muscle, Night, Relief, Side
from nightcramp.core.errors import InputErrors
from nightcramp.core.interop.fhir import FhirExport, build_bundle
from nightcramp.core.interop.json_diary import (
    DiaryMedication,
    DiaryProfile,
    dumps_document,
    is_json_file,
    parse_document,
    read_document,
)

PLUS_TWO = dt.timezone(dt.timedelta(hours=2))


def _document_text() -> str:
    return dumps_document(
        [
            Night(dt.date(2026, 3, 1), {"water_glasses": 6, "cold_room": False, "zinc": 1.5}),
            Night(dt.date(2026, 3, 2), {}),
        ],
        [
            Episode(
                started_at=dt.datetime(2026, 3, 2, 3, 10, tzinfo=PLUS_TWO),
                muscle=Muscle.FOOT,
                side=Side.BOTH,
                duration_min=3.0,
                severity=8,
                relief=(Relief.STRETCH,),
                relief_worked=Relief.STRETCH,
                woke_from_sleep=True,
                notes="=1+1 ünïcode",
            )
        ],
        profile=DiaryProfile(
            birth_year=1950, sex="female", conditions=("diabetes",), due_date=None, smoker=False
        ),
        medications=[DiaryMedication("furosemide", "40 mg", dt.date(2025, 12, 1))],
    )


def _raw(**changes: object) -> dict[str, object]:
    raw: dict[str, object] = json.loads(_document_text())
    raw.update(changes)
    return raw


def test_export_import_export_is_byte_identical(tmp_path: Path) -> None:
    first = _document_text()
    path = tmp_path / "diary.json"
    path.write_text(first, encoding="utf-8")
    document = read_document(path)
    second = dumps_document(
        document.nights,
        document.episodes,
        profile=document.profile,
        medications=document.medications,
    )
    assert second == first


def test_missing_and_null_mean_not_recorded() -> None:
    document = parse_document(
        {
            "format": "nightcramp-diary",
            "version": 1,
            "nights": [{"date": "2026-03-01", "water_glasses": None}],
            "episodes": [{"started_at": "2026-03-02T03:10"}],
        }
    )
    assert document.nights == [Night(dt.date(2026, 3, 1), {})]
    assert document.episodes[0].muscle is Muscle.CALF
    assert document.episodes[0].severity is None
    assert document.profile is None
    assert document.medications == ()


@pytest.mark.parametrize(
    ("where", "value", "field"),
    [
        ("nights", [{"date": "2026-02-30"}], "nights[0].date"),
        ("nights", [{"date": "2026-03-01"}, {"date": "2026-03-01"}], "nights[1].date"),
        ("episodes", [{"started_at": "2026-03-02"}], "episodes[0].started_at"),
        ("profile", {"sex": "robot"}, "profile.sex"),
        ("medications", [{"dose": "1 mg"}], "medications[0].name"),
        ("format", "other", "format"),
        ("version", 2, "version"),
        ("version", True, "version"),
    ],
)
def test_bad_values_are_refused_naming_the_file_and_field(
    where: str, value: object, field: str
) -> None:
    with pytest.raises(InputErrors) as caught:
        parse_document(_raw(**{where: value}), label="d.json")
    assert any(e.field == field and e.file == "d.json" for e in caught.value.errors), [
        str(e) for e in caught.value.errors
    ]


def test_problems_in_every_part_are_listed_together() -> None:
    raw = _raw(
        nights=[{"date": "x"}],
        episodes=[{"started_at": "y"}],
        profile={"sex": "robot"},
        medications=[{"name": ""}],
    )
    with pytest.raises(InputErrors) as caught:
        parse_document(raw)
    assert [e.field for e in caught.value.errors] == [
        "nights[0].date",
        "episodes[0].started_at",
        "profile.sex",
        "medications[0].name",
    ]


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ([], None),
        ({"format": "nightcramp-diary", "version": 1, "extra": 1}, "extra"),
        ({"format": "nightcramp-diary", "version": 1, "nights": {}}, "nights"),
        ({"format": "nightcramp-diary", "version": 1, "nights": [3]}, "nights[0]"),
        ({"format": "nightcramp-diary", "version": 1, "episodes": ["x"]}, "episodes[0]"),
        ({"format": "nightcramp-diary", "version": 1, "profile": []}, "profile"),
        ({"format": "nightcramp-diary", "version": 1, "medications": [1]}, "medications[0]"),
    ],
)
def test_wrong_shapes_are_refused_naming_where(raw: object, field: str | None) -> None:
    with pytest.raises(InputErrors) as caught:
        parse_document(raw)
    assert [e.field for e in caught.value.errors] == [field]


def test_a_frame_problem_stops_before_the_items_are_checked() -> None:
    with pytest.raises(InputErrors) as caught:
        parse_document({"format": "other", "version": 1, "nights": [{"date": "x"}]})
    assert [e.field for e in caught.value.errors] == ["format"]


def test_duplicates_are_found_across_documents_with_shared_sets() -> None:
    seen_nights: set[int] = set()
    raw = {"format": "nightcramp-diary", "version": 1, "nights": [{"date": "2026-03-01"}]}
    parse_document(raw, seen_nights=seen_nights)
    with pytest.raises(InputErrors, match="appears more than once"):
        parse_document(raw, seen_nights=seen_nights)


def test_a_document_over_the_row_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import nightcramp.core.interop.json_diary as module

    monkeypatch.setattr(module, "MAX_ROWS", 1)
    raw = {
        "format": "nightcramp-diary",
        "version": 1,
        "nights": [{"date": "2026-03-01"}, {"date": "2026-03-02"}],
    }
    with pytest.raises(InputErrors, match="more than 1 nights and episodes"):
        parse_document(raw)


# -- the file -----------------------------------------------------------------------------------
def test_a_json_file_too_large_to_read_whole_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nightcramp.core.interop.json_diary as module

    monkeypatch.setattr(module, "MAX_JSON_BYTES", 10)
    path = tmp_path / "big.json"
    path.write_text(_document_text(), encoding="utf-8")
    with pytest.raises(InputErrors, match="export and import CSV files instead"):
        read_document(path)


def test_a_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputErrors, match=r"^x\.json: is not valid JSON \(line 1"):
        read_document(path)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b'{"format": "caf\xe9"}')
    with pytest.raises(InputErrors, match="not UTF-8"):
        read_document(path)


def test_a_file_nested_too_deeply_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(InputErrors, match="nested too deeply"):
        read_document(path)


def test_a_bom_is_accepted_and_problems_name_the_label(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(_raw(version=2)).encode())
    with pytest.raises(InputErrors) as caught:
        read_document(path, label="upload.json")
    assert str(caught.value).startswith("upload.json:version: must be 1")


def test_a_nightcramp_fhir_bundle_is_read_as_its_nights_and_episodes(tmp_path: Path) -> None:
    episode = Episode(started_at=dt.datetime(2026, 7, 2, 2, 30, tzinfo=dt.UTC), severity=4)
    bundle = build_bundle(
        FhirExport(
            nights=[Night(dt.date(2026, 7, 1), {"alcohol_drinks": 2})],
            episodes=[episode],
            tz=dt.UTC,
            generated_at=dt.datetime(2026, 8, 1, 9, 0, tzinfo=dt.UTC),
        )
    )
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    document = read_document(path, tz=dt.UTC)
    assert document.nights == [Night(dt.date(2026, 7, 1), {"alcohol_drinks": 2})]
    assert document.episodes == [episode]
    assert document.profile is None


def test_a_bundle_that_cannot_be_read_back_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bundle.json"
    entry = {"resource": {"resourceType": "Observation", "code": {"coding": [{}]}}}
    bad = {"resourceType": "Bundle", "entry": [entry, 5]}
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(InputErrors, match=r"^bundle\.json:entry\[1\]: must be an object$"):
        read_document(path)


@pytest.mark.parametrize(
    ("content", "name", "is_json"),
    [
        (b'{"format": "nightcramp-diary"}', "d.txt", True),
        (b"\xef\xbb\xbf \r\n [1, 2]", "d.csv", True),
        (b"date,water_glasses\n2026-01-05,3\n", "d.json", False),
        (b"", "d.json", False),
    ],
)
def test_the_content_decides_whether_a_diary_file_is_json(
    tmp_path: Path, content: bytes, name: str, is_json: bool
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert is_json_file(path) is is_json
