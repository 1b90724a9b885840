"""The JSON diary export: document shape, validation naming the field, byte-stable round trip."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from nightcramp.core.diary import Episode, Muscle, Night, Relief, Side
from nightcramp.core.errors import InputErrors
from nightcramp.core.interop.json_diary import (
    DiaryMedication,
    DiaryProfile,
    dumps_document,
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


def test_the_document_has_the_contract_shape() -> None:
    raw = json.loads(_document_text())
    assert list(raw) == ["format", "version", "nights", "episodes", "profile", "medications"]
    assert raw["format"] == "nightcramp-diary"
    assert raw["version"] == 1
    assert raw["nights"][0]["cold_room"] is False
    assert raw["nights"][1]["water_glasses"] is None
    assert raw["episodes"][0]["relief"] == ["stretch"]
    assert raw["episodes"][0]["relief_worked"] == "stretch"
    assert raw["episodes"][0]["started_at"] == "2026-03-02T03:10:00+02:00"
    assert raw["profile"]["pregnant"] is None
    assert raw["medications"][0]["started_on"] == "2025-12-01"


def test_streamed_text_equals_one_json_dumps_of_the_whole_document() -> None:
    text = _document_text()
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    empty = dumps_document([], [])
    assert empty == json.dumps(json.loads(empty), ensure_ascii=False, indent=2) + "\n"
    assert json.loads(empty)["profile"] == {}


def test_a_json_file_too_large_to_read_whole_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nightcramp.core.interop.json_diary as module

    monkeypatch.setattr(module, "MAX_JSON_BYTES", 10)
    path = tmp_path / "big.json"
    path.write_text(_document_text(), encoding="utf-8")
    with pytest.raises(InputErrors, match="export and import CSV files instead"):
        read_document(path)


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


@pytest.mark.parametrize(
    ("where", "value", "field"),
    [
        ("nights", [{"date": "2026-02-30"}], "nights[0].date"),
        ("nights", [{"water_glasses": 2}], "nights[0].date"),
        ("nights", [{"date": "2026-03-01", "water_glasses": 1.5}], "nights[0].water_glasses"),
        ("nights", [{"date": "2026-03-01", "water_glasses": True}], "nights[0].water_glasses"),
        ("nights", [{"date": "2026-03-01", "cold_room": 1}], "nights[0].cold_room"),
        ("nights", [{"date": "2026-03-01", "sitting_hours": -1}], "nights[0].sitting_hours"),
        ("nights", [{"date": "2026-03-01", "mood": "ok"}], "nights[0].mood"),
        ("nights", [{"date": "2026-03-01"}, {"date": "2026-03-01"}], "nights[1].date"),
        ("episodes", [{"started_at": "2026-03-02"}], "episodes[0].started_at"),
        ("episodes", [{"started_at": 5}], "episodes[0].started_at"),
        ("episodes", [{"started_at": "2026-03-02T01:00", "severity": 11}], "episodes[0].severity"),
        ("episodes", [{"started_at": "2026-03-02T01:00", "severity": "3"}], "episodes[0].severity"),
        (
            "episodes",
            [{"started_at": "2026-03-02T01:00", "duration_min": 0}],
            "episodes[0].duration_min",
        ),
        ("episodes", [{"started_at": "2026-03-02T01:00", "muscle": "neck"}], "episodes[0].muscle"),
        ("episodes", [{"started_at": "2026-03-02T01:00", "side": "up"}], "episodes[0].side"),
        (
            "episodes",
            [{"started_at": "2026-03-02T01:00", "relief": "stretch"}],
            "episodes[0].relief",
        ),
        (
            "episodes",
            [{"started_at": "2026-03-02T01:00", "relief_worked": "yoga"}],
            "episodes[0].relief_worked",
        ),
        (
            "episodes",
            [{"started_at": "2026-03-02T01:00", "woke_from_sleep": "yes"}],
            "episodes[0].woke_from_sleep",
        ),
        ("episodes", [{"started_at": "2026-03-02T01:00", "notes": 3}], "episodes[0].notes"),
        ("episodes", [{"started_at": "2026-03-02T01:00", "pain": 3}], "episodes[0].pain"),
        ("profile", {"birth_year": 1800}, "profile.birth_year"),
        ("profile", {"sex": "robot"}, "profile.sex"),
        ("profile", {"pregnant": "no"}, "profile.pregnant"),
        ("profile", {"conditions": ["gout"]}, "profile.conditions"),
        ("profile", {"due_date": "soon"}, "profile.due_date"),
        ("profile", {"pregnancy_weeks": 50}, "profile.pregnancy_weeks"),
        ("profile", {"height": 170}, "profile.height"),
        ("medications", [{"dose": "1 mg"}], "medications[0].name"),
        (
            "medications",
            [{"name": "x", "started_on": "2026-02-01", "stopped_on": "2026-01-01"}],
            "medications[0].stopped_on",
        ),
        ("format", "other", "format"),
        ("version", 2, "version"),
    ],
)
def test_bad_values_are_refused_naming_the_field(where: str, value: object, field: str) -> None:
    with pytest.raises(InputErrors) as caught:
        parse_document(_raw(**{where: value}), label="d.json")
    assert any(e.field == field and e.file == "d.json" for e in caught.value.errors), [
        str(e) for e in caught.value.errors
    ]


def test_a_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputErrors, match="not valid JSON"):
        read_document(path)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b'{"format": "caf\xe9"}')
    with pytest.raises(InputErrors, match="not UTF-8"):
        read_document(path)


def test_duplicates_are_found_across_documents_with_shared_sets() -> None:
    seen_nights: set[int] = set()
    raw = {"format": "nightcramp-diary", "version": 1, "nights": [{"date": "2026-03-01"}]}
    parse_document(raw, seen_nights=seen_nights)
    with pytest.raises(InputErrors, match="appears more than once"):
        parse_document(raw, seen_nights=seen_nights)


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ([], None),
        ({"format": "nightcramp-diary", "version": 1, "extra": 1}, "extra"),
        ({"format": "nightcramp-diary", "version": 1, "nights": {}}, "nights"),
        ({"format": "nightcramp-diary", "version": 1, "nights": [3]}, "nights[0]"),
        ({"format": "nightcramp-diary", "version": 1, "nights": [{"date": 20260301}]}, None),
        ({"format": "nightcramp-diary", "version": 1, "episodes": ["x"]}, "episodes[0]"),
        (
            {"format": "nightcramp-diary", "version": 1, "episodes": [{"started_at": "x"}]},
            "episodes[0].started_at",
        ),
        (
            {
                "format": "nightcramp-diary",
                "version": 1,
                "episodes": [{"started_at": "2026-03-02T01:00", "muscle": 3}],
            },
            "episodes[0].muscle",
        ),
        (
            {
                "format": "nightcramp-diary",
                "version": 1,
                "episodes": [
                    {"started_at": "2026-03-02T01:00", "side": "left"},
                    {"started_at": "2026-03-02T01:00", "side": "left"},
                ],
            },
            "episodes[1]",
        ),
        ({"format": "nightcramp-diary", "version": 1, "profile": []}, "profile"),
        ({"format": "nightcramp-diary", "version": 1, "medications": [1]}, "medications[0]"),
        (
            {"format": "nightcramp-diary", "version": 1, "medications": [{"name": "a", "x": 1}]},
            "medications[0].x",
        ),
        (
            {"format": "nightcramp-diary", "version": 1, "medications": [{"name": "a", "dose": 5}]},
            "medications[0].dose",
        ),
    ],
)
def test_wrong_shapes_are_refused_naming_where(raw: object, field: str | None) -> None:
    with pytest.raises(InputErrors) as caught:
        parse_document(raw)
    if field is not None:
        assert any(e.field == field for e in caught.value.errors), [
            str(e) for e in caught.value.errors
        ]


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
