"""The exchange file of kept experiments: written, read back the same, and refused naming the
field when a value is wrong or the schedule does not match its seed."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from nightcramp.core.errors import InputError
from nightcramp.core.experiments.records import (
    ExperimentRecord,
    Status,
    StatusWhy,
    experiments_document,
    parse_experiments_document,
)

AT = dt.datetime(2027, 1, 20, 8, 30, tzinfo=dt.UTC)
RECORD = ExperimentRecord(
    change="bedtime_stretch",
    start=dt.date(2027, 1, 4),
    seed=9,
    period_nights=7,
    pairs=4,
    washout_nights=0,
    status=Status.PAUSED,
    status_at=AT,
    status_why=StatusWhy.CRAMPS_DOUBLED,
    reason="Your experiment is paused.",
    doubling_seen_period=2,
    followed={dt.date(2027, 1, 5): True, dt.date(2027, 1, 6): False},
)


def _document() -> dict[str, Any]:
    return json.loads(json.dumps(experiments_document([RECORD])))  # type: ignore[no-any-return]  # JSON


def test_a_record_survives_the_round_trip_through_json() -> None:
    assert parse_experiments_document(_document()) == [RECORD]


def test_the_file_carries_the_schedule_with_the_answers() -> None:
    nights = _document()["experiments"][0]["schedule"]
    assert len(nights) == 4 * 2 * 7
    assert [n.get("followed") for n in nights[:3]] == [None, True, False]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(format="nightcramp-diary"), "format"),
        (lambda d: d.update(version=2), "version"),
        (lambda d: d.update(experiments={}), "experiments"),
        (lambda d: d["experiments"].append(3), "experiments[1]"),
        (lambda d: d["experiments"][0].update(start="4 Jan"), "experiments[0].start"),
        (lambda d: d["experiments"][0].update(start="1850-01-01"), "experiments[0].start"),
        (lambda d: d["experiments"][0].update(start="9999-12-25"), "experiments[0].start"),
        (lambda d: d["experiments"][0].update(pairs=9), "experiments[0].pairs"),
        (lambda d: d["experiments"][0].update(seed=True), "experiments[0].seed"),
        (lambda d: d["experiments"][0].update(washout_nights=7), "experiments[0].washout_nights"),
        (lambda d: d["experiments"][0].update(status="over"), "experiments[0].status"),
        (lambda d: d["experiments"][0].update(status_why=3), "experiments[0].status_why"),
        (lambda d: d["experiments"][0].update(reason="x" * 501), "experiments[0].reason"),
        (lambda d: d["experiments"][0].update(doctor_agreed="yes"), "experiments[0].doctor_agreed"),
        (lambda d: d["experiments"][0].update(status_at="2027-01-20 08:30"), "status_at"),
        (lambda d: d["experiments"][0].update(status_at="soon"), "experiments[0].status_at"),
        (lambda d: d["experiments"][0].update(schedule={}), "experiments[0].schedule"),
        (lambda d: d["experiments"][0].update(seed=10), "experiments[0].schedule[0]"),
        (lambda d: d["experiments"][0]["schedule"][1].update(followed="y"), "schedule[1].followed"),
        (
            lambda d: d["experiments"][0]["schedule"][0].update(date="2026-01-01"),
            "schedule[0].date",
        ),
        (lambda d: d["experiments"][0]["schedule"].append([]), "schedule[56]"),
    ],
)
def test_a_wrong_value_is_refused_naming_the_field(change: Any, field: str) -> None:
    document = _document()
    change(document)
    with pytest.raises(InputError) as raised:
        parse_experiments_document(document, file="mine.json")
    assert raised.value.field is not None
    assert field in raised.value.field
    assert raised.value.file == "mine.json"


def test_a_file_without_its_schedule_keeps_no_answers_and_defaults_apply() -> None:
    document = _document()
    item = document["experiments"][0]
    for key in ("schedule", "status_why", "reason", "doctor_agreed", "washout_nights"):
        del item[key]
    (record,) = parse_experiments_document(document)
    assert (record.followed, record.status_why, record.reason) == ({}, StatusWhy.PERSON, "")
    assert record.schedule().first == RECORD.start


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(notes="x"), "notes"),
        (lambda d: d["experiments"][0].update(zzz=1), "experiments[0].zzz"),
        (
            lambda d: d["experiments"][0]["schedule"][0].update(zzz=1),
            "experiments[0].schedule[0].zzz",
        ),
        (
            lambda d: d["experiments"][0]["schedule"].append(
                {**d["experiments"][0]["schedule"][1], "followed": False}
            ),
            "experiments[0].schedule[56].date",
        ),
    ],
)
def test_unknown_keys_and_a_night_listed_twice_are_refused(change: Any, field: str) -> None:
    document = _document()
    change(document)
    with pytest.raises(InputError) as raised:
        parse_experiments_document(document, file="e.json")
    assert raised.value.field == field


def test_an_answer_for_a_night_still_to_come_is_refused_as_experiment_followed_does() -> None:
    with pytest.raises(InputError) as raised:
        parse_experiments_document(_document(), today=dt.date(2027, 1, 5))
    assert raised.value.field == "experiments[0].schedule[2].followed"
    assert "future" in raised.value.reason
    assert parse_experiments_document(_document(), today=dt.date(2027, 1, 6)) == [RECORD]


def test_the_keys_read_are_the_keys_written() -> None:
    from nightcramp.core.experiments import records

    assert set(RECORD.to_json()) == records._KEYS
