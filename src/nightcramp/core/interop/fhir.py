"""The diary as one FHIR R4B Bundle (type `collection`), built and validated with fhir.resources.

The mapping is documented in docs/fhir.md. `read_bundle` takes back what can be imported.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from nightcramp.core.diary import STANDARD_FACTORS, Episode, Muscle, Night, Side
from nightcramp.core.interop.fhir_codes import (
    CRAMP_CODE,
    EPISODE_SYSTEM,
    FACTOR_SYSTEM,
    LOINC,
    NIGHT_LOGGED,
    SEVERITY_DISPLAY,
    SEVERITY_LOINC,
    TRIAGE_SYSTEM,
    UCUM,
)
from nightcramp.core.interop.fhir_reader import read_bundle

__all__ = [
    "CRAMP_CODE",
    "FACTOR_SYSTEM",
    "SEVERITY_LOINC",
    "FhirExport",
    "TriageResponse",
    "build_bundle",
    "bundle_json",
    "read_bundle",
]

_NAMESPACE = uuid.UUID("6f1c2d0e-8a4b-5c3d-9e2f-0a1b2c3d4e5f")
_MUSCLE_TEXT = {
    Muscle.CALF: "calf",
    Muscle.FOOT: "foot",
    Muscle.THIGH_BACK: "back of thigh (hamstrings)",
    Muscle.THIGH_FRONT: "front of thigh (quadriceps)",
    Muscle.OTHER: "other leg muscle",
}
_CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
_CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
_OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"


@dataclass(frozen=True)
class TriageResponse:
    """One saved symptom check: its answers (vocabulary keys), disposition and time; `seen_to`
    for an urgent or emergency result (None for the others)."""

    answers: Mapping[str, object]
    disposition: str
    at: dt.datetime
    seen_to: bool | None = None


@dataclass(frozen=True)
class FhirExport:
    """Everything that goes into the bundle. Mappings use the contract's profile keys."""

    nights: Sequence[Night]
    episodes: Sequence[Episode]
    tz: dt.tzinfo
    generated_at: dt.datetime
    person_id: str = "me"
    profile: Mapping[str, object] = field(default_factory=dict)
    medications: Sequence[Mapping[str, object]] = ()
    triage: Sequence[TriageResponse] = ()
    """The latest symptom check and every urgent or emergency one still open, oldest first."""


def _urn(*parts: object) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, '|'.join(str(p) for p in parts))}"


def _aware(moment: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """`moment` with its own offset (the one it was lived at, as CSV and JSON export write it);
    a time without one is taken in `tz`."""
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


def _patient(data: FhirExport) -> dict[str, Any]:
    patient: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": [{"system": "urn:nightcramp:person", "value": data.person_id}],
    }
    sex = data.profile.get("sex")
    if sex in {"female", "male", "other"}:
        patient["gender"] = sex
    birth_year = data.profile.get("birth_year")
    if isinstance(birth_year, int):
        patient["birthDate"] = f"{birth_year:04d}"
    return patient


def _condition(data: FhirExport, patient_ref: str) -> dict[str, Any]:
    condition: dict[str, Any] = {
        "resourceType": "Condition",
        "clinicalStatus": {"coding": [{"system": _CONDITION_CLINICAL, "code": "active"}]},
        # Kept by the person, not diagnosed by a clinician: unconfirmed, asserted by them.
        "verificationStatus": {
            "coding": [{"system": _CONDITION_VERIFICATION, "code": "unconfirmed"}]
        },
        "code": {"coding": [CRAMP_CODE], "text": "Night leg cramps"},
        "subject": {"reference": patient_ref},
        "asserter": {"reference": patient_ref},
        "recordedDate": data.generated_at.isoformat(),
    }
    if data.episodes:
        first = min(data.episodes, key=lambda e: _aware(e.started_at, data.tz))
        condition["onsetDateTime"] = _aware(first.started_at, data.tz).isoformat()
    return condition


def _episode(episode: Episode, tz: dt.tzinfo, patient_ref: str) -> dict[str, Any]:
    started = _aware(episode.started_at, tz)
    site = _MUSCLE_TEXT[episode.muscle]
    if episode.side is not None:
        site = f"{site}, {'both legs' if episode.side is Side.BOTH else episode.side.value}"
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "identifier": [
            {
                "system": EPISODE_SYSTEM,
                "value": f"{started.isoformat()}|{episode.muscle.value}|"
                f"{episode.side.value if episode.side else ''}",
            }
        ],
        "status": "final",
        "code": {"coding": [CRAMP_CODE], "text": "Night leg cramp"},
        "subject": {"reference": patient_ref},
        "effectiveDateTime": started.isoformat(),
        "bodySite": {
            "coding": [
                {"system": EPISODE_SYSTEM + ":muscle", "code": episode.muscle.value},
                *(
                    [{"system": EPISODE_SYSTEM + ":side", "code": episode.side.value}]
                    if episode.side
                    else []
                ),
            ],
            "text": site,
        },
    }
    if episode.duration_min is not None:
        obs["valueQuantity"] = {
            "value": episode.duration_min,
            "unit": "min",
            "system": UCUM,
            "code": "min",
        }
    else:
        obs["dataAbsentReason"] = {"text": "duration not recorded"}
    components: list[dict[str, Any]] = []
    if episode.severity is not None:
        components.append(
            {
                "code": {
                    "coding": [
                        {
                            "system": LOINC,
                            "code": SEVERITY_LOINC,
                            "display": SEVERITY_DISPLAY,
                        }
                    ],
                    "text": "Severity (0-10)",
                },
                "valueInteger": episode.severity,
            }
        )
    for relief in episode.relief:
        components.append(_text_component("relief_tried", relief.value))
    if episode.relief_worked is not None:
        components.append(_text_component("relief_worked", episode.relief_worked.value))
    if episode.woke_from_sleep is not None:
        components.append(
            {
                "code": {"coding": [{"system": EPISODE_SYSTEM, "code": "woke_from_sleep"}]},
                "valueBoolean": episode.woke_from_sleep,
            }
        )
    if components:
        obs["component"] = components
    if episode.notes:
        obs["note"] = [{"text": episode.notes}]
    return obs


def _text_component(code: str, value: str) -> dict[str, Any]:
    return {
        "code": {"coding": [{"system": EPISODE_SYSTEM, "code": code}]},
        "valueCodeableConcept": {"coding": [{"system": EPISODE_SYSTEM + ":relief", "code": value}]},
    }


def _factor(night: Night, name: str, value: object, patient_ref: str) -> dict[str, Any]:
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": _OBS_CATEGORY, "code": "social-history"}]}],
        "code": {
            "coding": [{"system": FACTOR_SYSTEM, "code": name}],
            "text": name.replace("_", " "),
        },
        "subject": {"reference": patient_ref},
        "effectiveDateTime": night.date.isoformat(),
    }
    if isinstance(value, bool):
        obs["valueBoolean"] = value
    elif isinstance(value, int):
        obs["valueInteger"] = value
    else:
        obs["valueQuantity"] = {"value": value}
    return obs


def _medication(med: Mapping[str, object], patient_ref: str, today: dt.date) -> dict[str, Any]:
    stopped = med.get("stopped_on")
    statement: dict[str, Any] = {
        "resourceType": "MedicationStatement",
        "status": "completed" if isinstance(stopped, dt.date) and stopped <= today else "active",
        "medicationCodeableConcept": {"text": str(med.get("name", ""))},
        "subject": {"reference": patient_ref},
    }
    period: dict[str, str] = {}
    started = med.get("started_on")
    if isinstance(started, dt.date):
        period["start"] = started.isoformat()
    if isinstance(stopped, dt.date):
        period["end"] = stopped.isoformat()
    if period:
        statement["effectivePeriod"] = period
    dose = med.get("dose")
    if dose:
        statement["dosage"] = [{"text": str(dose)}]
    return statement


def _answer(value: object) -> list[dict[str, Any]]:
    if isinstance(value, bool):
        return [{"valueBoolean": value}]
    if isinstance(value, int):
        return [{"valueInteger": value}]
    if isinstance(value, float):
        return [{"valueDecimal": value}]
    if isinstance(value, list):
        return [{"valueString": str(item)} for item in value]
    return [{"valueString": str(value)}]


def _questionnaire_response(
    triage: TriageResponse, tz: dt.tzinfo, patient_ref: str
) -> dict[str, Any]:
    items = [
        {"linkId": key, "text": key.replace("_", " "), "answer": _answer(value)}
        for key, value in sorted(triage.answers.items())
        if value is not None and value != []
    ]
    if triage.disposition:
        items.append(
            {
                "linkId": "disposition",
                "text": "nightcramp triage result",
                "answer": [
                    {"valueCoding": {"system": TRIAGE_SYSTEM, "code": str(triage.disposition)}}
                ],
            }
        )
    if triage.seen_to is not None:
        items.append(
            {
                "linkId": "seen_to",
                "text": "the person said this result was seen to",
                "answer": [{"valueBoolean": triage.seen_to}],
            }
        )
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "subject": {"reference": patient_ref},
        "authored": _aware(triage.at, tz).isoformat(),
        "item": items,
    }


def build_bundle(data: FhirExport) -> dict[str, Any]:
    """Return the bundle as a JSON-ready dict, validated against FHIR R4B."""
    from fhir.resources.R4B.bundle import Bundle

    patient_ref = _urn("patient", data.person_id)
    resources: list[tuple[str, dict[str, Any]]] = [
        (patient_ref, _patient(data)),
        (_urn("condition", data.person_id), _condition(data, patient_ref)),
    ]
    for episode in sorted(data.episodes, key=lambda e: _aware(e.started_at, data.tz)):
        obs = _episode(episode, data.tz, patient_ref)
        resources.append((_urn("episode", obs["identifier"][0]["value"]), obs))
    for night in sorted(data.nights, key=lambda n: n.date):
        # A logged night with no cramp is information: mark every logged night.
        resources.append(
            (_urn("night", night.date), _factor(night, NIGHT_LOGGED, True, patient_ref))
        )
        names = [n for n in STANDARD_FACTORS if n in night.factors]
        names += sorted(n for n in night.factors if n not in STANDARD_FACTORS)
        for name in names:
            resources.append(
                (
                    _urn("factor", night.date, name),
                    _factor(night, name, night.factors[name], patient_ref),
                )
            )
    today = data.generated_at.date()
    for index, med in enumerate(data.medications):
        resources.append(
            (_urn("medication", index, med.get("name")), _medication(med, patient_ref, today))
        )
    for triage in sorted(data.triage, key=lambda t: _aware(t.at, data.tz)):
        resources.append(
            (_urn("triage", triage.at), _questionnaire_response(triage, data.tz, patient_ref))
        )
    document = {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": _aware(data.generated_at, data.tz).isoformat(),
        "entry": [{"fullUrl": url, "resource": res} for url, res in resources],
    }
    validated = Bundle.model_validate(document)
    result: dict[str, Any] = json.loads(validated.model_dump_json(exclude_none=True))
    return result


def bundle_json(data: FhirExport) -> str:
    """Return the bundle as indented JSON text."""
    return json.dumps(build_bundle(data), indent=2, ensure_ascii=False) + "\n"
