"""Reading a nightcramp FHIR bundle back: its nights and cramp episodes, and nothing else."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from nightcramp.core.diary import Episode, Muscle, Night, Relief, Side
from nightcramp.core.errors import InputError
from nightcramp.core.interop.fhir import FhirExport, build_bundle
from nightcramp.core.interop.fhir_codes import CRAMP_CODE, EPISODE_SYSTEM, FACTOR_SYSTEM
from nightcramp.core.interop.fhir_reader import read_bundle

TZ = ZoneInfo("Europe/London")
EPISODES = [
    Episode(
        started_at=dt.datetime(2026, 7, 2, 2, 30),
        muscle=Muscle.CALF,
        side=Side.LEFT,
        duration_min=3.0,
        severity=7,
        relief=(Relief.STRETCH, Relief.MASSAGE),
        relief_worked=Relief.STRETCH,
        woke_from_sleep=True,
        notes="=after a long walk",
    ),
    Episode(started_at=dt.datetime(2026, 7, 4, 1, 0), muscle=Muscle.FOOT),
]
NIGHTS = [
    Night(dt.date(2026, 7, 3), {"standing_hours": 6.5, "pickle_juice": True}),
    Night(dt.date(2026, 7, 1), {"alcohol_drinks": 2, "bedtime_stretch": False}),
    Night(dt.date(2026, 7, 2), {}),
]


def _bundle() -> dict[str, Any]:
    return build_bundle(
        FhirExport(
            nights=NIGHTS,
            episodes=EPISODES,
            tz=TZ,
            generated_at=dt.datetime(2026, 8, 1, 9, 0, tzinfo=TZ),
            profile={"birth_year": 1950, "sex": "female"},
            medications=[{"name": "Lipitor", "started_on": dt.date(2020, 1, 1)}],
            triage_answers={"one_leg_swollen": False},
            triage_result={"disposition": "routine"},
        )
    )


def _cramp(**fields: Any) -> dict[str, Any]:
    resource = {"resourceType": "Observation", "code": {"coding": [CRAMP_CODE]}, **fields}
    return {"resourceType": "Bundle", "entry": [{"resource": resource}]}


def test_nights_come_back_in_date_order_with_their_typed_factors() -> None:
    nights, _ = read_bundle(_bundle())
    assert nights == sorted(NIGHTS, key=lambda n: n.date)
    assert type(nights[0].factors["alcohol_drinks"]) is int
    assert nights[1] == Night(dt.date(2026, 7, 2), {})


def test_episodes_come_back_with_every_field() -> None:
    _, episodes = read_bundle(_bundle())
    back, original = episodes[0], EPISODES[0]
    assert back.started_at == original.started_at.replace(tzinfo=TZ)
    assert (back.muscle, back.side, back.duration_min, back.severity) == (
        Muscle.CALF,
        Side.LEFT,
        3.0,
        7,
    )
    assert back.relief == original.relief and back.relief_worked is Relief.STRETCH
    assert back.woke_from_sleep is True and back.notes == original.notes
    assert episodes[1].muscle is Muscle.FOOT and episodes[1].duration_min is None
    assert episodes[1].severity is None and episodes[1].relief == ()


def test_resources_that_are_not_nights_or_cramps_are_left_out() -> None:
    bundle = {
        "resourceType": "Bundle",
        "entry": [
            {"resource": {"resourceType": "Patient"}},
            {"resource": {"resourceType": "Observation", "code": {"coding": [{"code": "x"}]}}},
        ],
    }
    assert read_bundle(bundle) == ([], [])


def test_a_factor_given_as_a_quantity_is_a_number() -> None:
    factor = {
        "resourceType": "Observation",
        "code": {"coding": [{"system": FACTOR_SYSTEM, "code": "sitting_hours"}]},
        "effectiveDateTime": "2026-07-01",
        "valueQuantity": {"value": 3},
    }
    nights, _ = read_bundle({"resourceType": "Bundle", "entry": [{"resource": factor}]})
    assert nights == [Night(dt.date(2026, 7, 1), {"sitting_hours": 3.0})]
    assert type(nights[0].factors["sitting_hours"]) is float


def test_something_that_is_not_a_bundle_is_refused() -> None:
    with pytest.raises(InputError, match=r"^x\.json:resourceType: not a FHIR Bundle"):
        read_bundle({"resourceType": "Patient"}, file="x.json")


def test_a_cramp_without_a_time_is_refused_naming_the_entry() -> None:
    with pytest.raises(InputError) as caught:
        read_bundle(_cramp(effectiveDateTime="soon"), file="b.json")
    assert str(caught.value) == "b.json:entry[0]:effectiveDateTime: missing or invalid date-time"


def test_a_cramp_with_an_unknown_muscle_is_refused_naming_the_entry() -> None:
    site = {"coding": [{"system": EPISODE_SYSTEM + ":muscle", "code": "neck"}]}
    with pytest.raises(InputError) as caught:
        read_bundle(_cramp(effectiveDateTime="2026-07-02T02:30:00", bodySite=site), file="b.json")
    assert caught.value.file == "b.json:entry[0]"
    assert caught.value.field == "bodySite"
