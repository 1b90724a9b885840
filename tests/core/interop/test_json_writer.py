"""Writing the JSON diary export: the contract's shape, streamed yet exactly one `json.dumps`."""

from __future__ import annotations

import datetime as dt
import io
import json

from nightcramp.core.diary import STANDARD_FACTORS, Episode, Muscle, Night, Relief, Side
from nightcramp.core.interop.diary_document import DiaryMedication, DiaryProfile
from nightcramp.core.interop.json_writer import (
    document_of,
    dumps_document,
    episode_to_json,
    night_to_json,
    write_document,
)

PLUS_TWO = dt.timezone(dt.timedelta(hours=2))
EPISODE = Episode(
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


def _document_text() -> str:
    return dumps_document(
        [
            Night(dt.date(2026, 3, 1), {"water_glasses": 6, "cold_room": False, "zinc": 1.5}),
            Night(dt.date(2026, 3, 2), {}),
        ],
        [EPISODE],
        profile=DiaryProfile(
            birth_year=1950, sex="female", conditions=("diabetes",), due_date=None, smoker=False
        ),
        medications=[DiaryMedication("furosemide", "40 mg", dt.date(2025, 12, 1))],
    )


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
    assert raw["medications"][0] == {
        "name": "furosemide",
        "dose": "40 mg",
        "started_on": "2025-12-01",
        "stopped_on": None,
    }


def test_streamed_text_equals_one_json_dumps_of_the_whole_document() -> None:
    text = _document_text()
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    empty = dumps_document([], [])
    assert empty == json.dumps(json.loads(empty), ensure_ascii=False, indent=2) + "\n"
    assert json.loads(empty)["profile"] == {}


def test_the_document_in_memory_is_the_written_one() -> None:
    nights, episodes = [Night(dt.date(2026, 3, 1), {"leg_day": True})], [EPISODE]
    text = dumps_document(nights, episodes, tz=dt.UTC)
    assert document_of(nights, episodes, tz=dt.UTC) == json.loads(text)


def test_writing_to_a_stream_gives_the_same_text() -> None:
    out = io.StringIO()
    write_document(out, [Night(dt.date(2026, 3, 1), {})], [EPISODE], tz=dt.UTC)
    assert out.getvalue() == dumps_document([Night(dt.date(2026, 3, 1), {})], [EPISODE], tz=dt.UTC)
    assert json.loads(out.getvalue())["episodes"][0]["started_at"] == "2026-03-02T01:10:00+00:00"


def test_a_night_has_every_standard_factor_then_custom_ones_by_name() -> None:
    doc = night_to_json(Night(dt.date(2026, 3, 1), {"zinc": 2, "apple": True, "cold_room": True}))
    assert list(doc) == ["date", *STANDARD_FACTORS, "apple", "zinc"]
    assert (doc["date"], doc["cold_room"], doc["water_glasses"]) == ("2026-03-01", True, None)


def test_an_episode_has_the_contract_fields_in_order() -> None:
    doc = episode_to_json(Episode(started_at=dt.datetime(2026, 3, 2, 3, 10)))
    assert doc == {
        "started_at": "2026-03-02T03:10:00",
        "muscle": "calf",
        "side": None,
        "duration_min": None,
        "severity": None,
        "relief": [],
        "relief_worked": None,
        "woke_from_sleep": None,
        "notes": "",
    }
