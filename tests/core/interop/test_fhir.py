"""The diary as one FHIR R4B bundle: validated, with the contract's codes, deterministic."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

from fhir.resources.R4B.bundle import Bundle

from nightcramp.core.diary import Episode, Muscle, Night, Relief, Side
from nightcramp.core.interop.fhir import (
    FhirExport,
    TriageResponse,
    build_bundle,
    bundle_json,
    read_bundle,
)

TZ = ZoneInfo("Europe/London")


def _export(**overrides: Any) -> FhirExport:
    base: dict[str, Any] = {
        "nights": [
            Night(dt.date(2026, 7, 1), {"alcohol_drinks": 2, "bedtime_stretch": False}),
            Night(dt.date(2026, 7, 2), {}),
            Night(dt.date(2026, 7, 3), {"standing_hours": 6.5, "pickle_juice": True}),
        ],
        "episodes": [
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
        ],
        "tz": TZ,
        "generated_at": dt.datetime(2026, 8, 1, 9, 0, tzinfo=TZ),
        "profile": {"birth_year": 1950, "sex": "female"},
        "medications": [
            {"name": "Bendroflumethiazide", "dose": "2.5 mg", "started_on": dt.date(2026, 5, 1)},
            {
                "name": "Lipitor",
                "started_on": dt.date(2020, 1, 1),
                "stopped_on": dt.date(2026, 1, 1),
            },
        ],
        "triage": [
            TriageResponse(
                {"one_leg_swollen": False, "age": 76, "medications": ["Lipitor"]},
                "routine",
                dt.datetime(2026, 7, 20, 10, 0, tzinfo=TZ),
            )
        ],
    }
    base.update(overrides)
    return FhirExport(**base)


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_bundle_validates_as_r4b_and_is_a_collection() -> None:
    bundle = build_bundle(_export())
    assert bundle["type"] == "collection"
    Bundle.model_validate_json(json.dumps(bundle))


def test_one_cramp_observation_per_episode_with_the_contract_codes() -> None:
    bundle = build_bundle(_export())
    cramps = [
        r for r in _resources(bundle, "Observation") if r["code"].get("text") == "Night leg cramp"
    ]
    assert len(cramps) == 2
    first = cramps[0]
    assert first["code"]["coding"][0] == {
        "system": "http://hl7.org/fhir/sid/icd-10-cm",
        "code": "G47.62",
        "display": "Sleep related leg cramps",
    }
    assert first["effectiveDateTime"] == "2026-07-02T02:30:00+01:00"
    assert first["valueQuantity"]["code"] == "min"
    assert first["valueQuantity"]["system"] == "http://unitsofmeasure.org"
    assert "left" in first["bodySite"]["text"] and "calf" in first["bodySite"]["text"]
    severity = [c for c in first["component"] if c["code"]["coding"][0]["code"] == "72514-3"]
    assert severity[0]["valueInteger"] == 7


def test_condition_patient_medications_and_triage_are_present() -> None:
    bundle = build_bundle(_export())
    (condition,) = _resources(bundle, "Condition")
    assert condition["code"]["coding"][0]["code"] == "G47.62"
    (patient,) = _resources(bundle, "Patient")
    assert patient["gender"] == "female" and patient["birthDate"] == "1950"
    statements = _resources(bundle, "MedicationStatement")
    assert [s["status"] for s in statements] == ["active", "completed"]
    (response,) = _resources(bundle, "QuestionnaireResponse")
    link_ids = {item["linkId"] for item in response["item"]}
    assert {"one_leg_swollen", "age", "medications", "disposition"} <= link_ids


def test_factors_are_never_cramp_observations() -> None:
    bundle = build_bundle(_export())
    cramp_like = [
        r
        for r in _resources(bundle, "Observation")
        if any(c.get("code") == "G47.62" for c in r["code"].get("coding", []))
    ]
    assert len(cramp_like) == 2


def test_export_is_deterministic() -> None:
    assert bundle_json(_export()) == bundle_json(_export())


def test_triage_answers_keep_their_types_and_unanswered_ones_are_left_out() -> None:
    answers = {"weight_kg": 71.5, "age": 76, "swollen": True, "side": "left", "none": None}
    at = dt.datetime(2026, 7, 20, 10, 0, tzinfo=TZ)
    bundle = build_bundle(_export(triage=[TriageResponse(answers, "", at)]))
    (response,) = _resources(bundle, "QuestionnaireResponse")
    by_id = {item["linkId"]: item["answer"] for item in response["item"]}
    assert by_id == {
        "age": [{"valueInteger": 76}],
        "side": [{"valueString": "left"}],
        "swollen": [{"valueBoolean": True}],
        "weight_kg": [{"valueDecimal": 71.5}],
    }


def test_a_diary_without_cramps_or_medicine_dates_still_validates() -> None:
    bundle = build_bundle(_export(episodes=[], medications=[{"name": "Zinc"}], triage=[]))
    (condition,) = _resources(bundle, "Condition")
    assert "onsetDateTime" not in condition
    (statement,) = _resources(bundle, "MedicationStatement")
    assert statement["status"] == "active" and "effectivePeriod" not in statement
    assert _resources(bundle, "QuestionnaireResponse") == []


def test_each_cramp_keeps_its_own_offset_whatever_the_machines_zone() -> None:
    """A cramp lived at 13:00 in Kathmandu stays 13:00+05:45 (the night of 2025-01-11) when the
    machine is in Berlin: 08:15+01:00 would be the night before."""
    kathmandu = dt.timezone(dt.timedelta(hours=5, minutes=45))
    started = dt.datetime(2025, 1, 11, 13, 0, tzinfo=kathmandu)
    bundle = build_bundle(
        _export(episodes=[Episode(started_at=started)], tz=ZoneInfo("Europe/Berlin"))
    )
    (cramp,) = [
        r for r in _resources(bundle, "Observation") if r["code"].get("text") == "Night leg cramp"
    ]
    assert cramp["effectiveDateTime"] == "2025-01-11T13:00:00+05:45"
    (condition,) = _resources(bundle, "Condition")
    assert condition["onsetDateTime"] == "2025-01-11T13:00:00+05:45"


def test_export_then_import_gives_each_cramp_back_with_its_offset_and_night() -> None:
    kathmandu = dt.timezone(dt.timedelta(hours=5, minutes=45))
    episodes = [
        Episode(started_at=dt.datetime(2025, 1, 11, 13, 0, tzinfo=kathmandu), side=Side.LEFT),
        Episode(started_at=dt.datetime(2025, 1, 12, 2, 0, tzinfo=dt.UTC), muscle=Muscle.FOOT),
    ]
    berlin = ZoneInfo("Europe/Berlin")
    bundle = build_bundle(_export(nights=[], episodes=episodes, tz=berlin))
    _, read = read_bundle(bundle, tz=berlin)
    assert read == episodes
    assert [e.night for e in read] == [dt.date(2025, 1, 11), dt.date(2025, 1, 11)]
