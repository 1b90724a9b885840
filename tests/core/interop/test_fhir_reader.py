"""Reading a nightcramp FHIR bundle back: its nights and cramp episodes, and nothing else."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from nightcramp.core.diary import Episode, Muscle, Night, Relief, Side
from nightcramp.core.errors import InputError, InputErrors
from nightcramp.core.interop.fhir import FhirExport, TriageResponse, build_bundle
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
            triage=[
                TriageResponse(
                    {"one_leg_swollen": False}, "routine", dt.datetime(2026, 7, 20, tzinfo=TZ)
                )
            ],
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


def _problems(bundle: dict[str, Any]) -> list[str]:
    with pytest.raises(InputErrors) as caught:
        read_bundle(bundle, file="b.json")
    return [str(e) for e in caught.value.errors]


def test_a_cramp_without_a_time_is_refused_naming_the_entry() -> None:
    assert _problems(_cramp(effectiveDateTime="soon")) == [
        "b.json:entry[0].started_at: must be a date and time like 2026-01-31T23:15, not 'soon'"
    ]


def test_a_cramp_with_an_unknown_muscle_is_refused_naming_the_entry() -> None:
    site = {"coding": [{"system": EPISODE_SYSTEM + ":muscle", "code": "neck"}]}
    (problem,) = _problems(_cramp(effectiveDateTime="2026-07-02T02:30:00", bodySite=site))
    assert problem.startswith("b.json:entry[0].muscle: must be one of calf, foot,")
    assert problem.endswith("not 'neck'")


def _with_component(code: dict[str, Any], **value: Any) -> dict[str, Any]:
    return _cramp(
        effectiveDateTime="2026-07-02T02:30:00", component=[{"code": {"coding": [code]}, **value}]
    )


SEVERITY = {"system": "http://loinc.org", "code": "72514-3"}
WOKE = {"system": EPISODE_SYSTEM, "code": "woke_from_sleep"}


@pytest.mark.parametrize(
    ("bundle", "reason"),
    [
        (
            _with_component(SEVERITY, valueInteger=11),
            "entry[0].severity: must be a whole number from 0 to 10, not 11",
        ),
        (
            _with_component(SEVERITY, valueInteger=4.5),
            "entry[0].severity: must be a whole number from 0 to 10, not 4.5",
        ),
        (
            _with_component(SEVERITY, valueInteger=4.0),
            "entry[0].severity: must be a whole number from 0 to 10, not 4.0 (write it as 4)",
        ),
        (
            _with_component(WOKE, valueBoolean="yes"),
            "entry[0].woke_from_sleep: must be true or false",
        ),
        (
            _with_component(SEVERITY, valueString="7"),
            "entry[0].component[0].valueString: a severity must be a whole number 0 to 10 "
            "(valueInteger), not valueString",
        ),
        (
            _cramp(
                effectiveDateTime="2026-07-02T02:30:00",
                component=[
                    {"code": {"coding": [SEVERITY]}, "valueInteger": 7},
                    {"code": {"coding": [SEVERITY]}, "valueInteger": 2},
                ],
            ),
            "entry[0].component[1].code: has two severities; nightcramp keeps one per cramp",
        ),
        (
            _cramp(effectiveDateTime="2026-07-02T02:30:00", valueQuantity={"value": 0}),
            "entry[0].duration_min: must be a number greater than 0 and at most 1440, not 0",
        ),
    ],
)
def test_a_cramp_value_is_read_by_the_diary_rules_never_rounded_or_guessed(
    bundle: dict[str, Any], reason: str
) -> None:
    assert _problems(bundle) == [f"b.json:{reason}"]


def test_a_factor_value_is_read_by_the_diary_rules() -> None:
    factor = {
        "resourceType": "Observation",
        "code": {"coding": [{"system": FACTOR_SYSTEM, "code": "water_glasses"}]},
        "effectiveDateTime": "2026-07-01",
        "valueInteger": 1000,
    }
    assert _problems({"resourceType": "Bundle", "entry": [{"resource": factor}]}) == [
        "b.json:entry[0].water_glasses: must be a whole number from 0 to 100, not 1000"
    ]


def test_a_severity_given_as_a_quantity_is_kept() -> None:
    _, (episode,) = read_bundle(_with_component(SEVERITY, valueQuantity={"value": 7}))
    assert episode.severity == 7


@pytest.mark.parametrize(("logged", "nights"), [(True, 1), (False, 0)])
def test_a_night_marked_not_logged_logs_no_night(logged: bool, nights: int) -> None:
    marker = {
        "resourceType": "Observation",
        "code": {"coding": [{"system": FACTOR_SYSTEM, "code": "night_logged"}]},
        "effectiveDateTime": "2026-07-01",
        "valueBoolean": logged,
    }
    found, _ = read_bundle({"resourceType": "Bundle", "entry": [{"resource": marker}]})
    assert len(found) == nights
