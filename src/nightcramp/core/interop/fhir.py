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

from nightcramp.core.diary import STANDARD_FACTORS, Episode, Muscle, Night, Relief, Side
from nightcramp.core.errors import InputError

__all__ = [
    "CRAMP_CODE",
    "FACTOR_SYSTEM",
    "SEVERITY_LOINC",
    "FhirExport",
    "build_bundle",
    "bundle_json",
    "read_bundle",
]

ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
FACTOR_SYSTEM = "urn:nightcramp:factor"
EPISODE_SYSTEM = "urn:nightcramp:episode"
TRIAGE_SYSTEM = "urn:nightcramp:triage"
CRAMP_CODE = {"system": ICD10CM, "code": "G47.62", "display": "Sleep related leg cramps"}
SEVERITY_LOINC = "72514-3"
SEVERITY_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
NIGHT_LOGGED = "night_logged"
_NAMESPACE = uuid.UUID("6f1c2d0e-8a4b-5c3d-9e2f-0a1b2c3d4e5f")
_MUSCLE_TEXT = {
    Muscle.CALF: "calf",
    Muscle.FOOT: "foot",
    Muscle.THIGH_BACK: "back of thigh (hamstrings)",
    Muscle.THIGH_FRONT: "front of thigh (quadriceps)",
    Muscle.OTHER: "other leg muscle",
}
_CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
_OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"


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
    triage_answers: Mapping[str, object] | None = None
    triage_result: Mapping[str, object] | None = None
    triage_at: dt.datetime | None = None


def _urn(*parts: object) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, '|'.join(str(p) for p in parts))}"


def _aware(moment: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)


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
        "code": {"coding": [CRAMP_CODE], "text": "Night leg cramps"},
        "subject": {"reference": patient_ref},
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


def _questionnaire_response(data: FhirExport, patient_ref: str) -> dict[str, Any]:
    answers = data.triage_answers or {}
    items = [
        {"linkId": key, "text": key.replace("_", " "), "answer": _answer(value)}
        for key, value in sorted(answers.items())
        if value is not None and value != []
    ]
    result = data.triage_result or {}
    if result.get("disposition"):
        items.append(
            {
                "linkId": "disposition",
                "text": "nightcramp triage result",
                "answer": [
                    {
                        "valueCoding": {
                            "system": TRIAGE_SYSTEM,
                            "code": str(result["disposition"]),
                        }
                    }
                ],
            }
        )
    response: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "subject": {"reference": patient_ref},
        "item": items,
    }
    if data.triage_at is not None:
        response["authored"] = _aware(data.triage_at, data.tz).isoformat()
    return response


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
    if data.triage_answers is not None or data.triage_result is not None:
        resources.append(
            (_urn("triage", data.triage_at), _questionnaire_response(data, patient_ref))
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


def _coding_code(concept: Mapping[str, Any] | None, system: str) -> str | None:
    for coding in (concept or {}).get("coding", []):
        if coding.get("system") == system:
            code = coding.get("code")
            return str(code) if code is not None else None
    return None


def _read_episode(resource: Mapping[str, Any], where: str) -> Episode:
    try:
        started = dt.datetime.fromisoformat(str(resource["effectiveDateTime"]))
    except (KeyError, ValueError) as error:
        raise InputError(
            "missing or invalid date-time", file=where, field="effectiveDateTime"
        ) from error
    site = resource.get("bodySite")
    muscle = _coding_code(site, EPISODE_SYSTEM + ":muscle") or Muscle.CALF.value
    side = _coding_code(site, EPISODE_SYSTEM + ":side")
    quantity = resource.get("valueQuantity") or {}
    severity: int | None = None
    relief: list[Relief] = []
    worked: Relief | None = None
    woke: bool | None = None
    for comp in resource.get("component", []):
        code = comp.get("code", {})
        if _coding_code(code, LOINC) == SEVERITY_LOINC:
            severity = int(comp["valueInteger"])
        kind = _coding_code(code, EPISODE_SYSTEM)
        value = _coding_code(comp.get("valueCodeableConcept"), EPISODE_SYSTEM + ":relief")
        if kind == "relief_tried" and value:
            relief.append(Relief(value))
        elif kind == "relief_worked" and value:
            worked = Relief(value)
        elif kind == "woke_from_sleep":
            woke = bool(comp.get("valueBoolean"))
    notes = "".join(str(n.get("text", "")) for n in resource.get("note", [])[:1])
    try:
        return Episode(
            started_at=started,
            muscle=Muscle(muscle),
            side=Side(side) if side else None,
            duration_min=float(quantity["value"]) if "value" in quantity else None,
            severity=severity,
            relief=tuple(relief),
            relief_worked=worked,
            woke_from_sleep=woke,
            notes=notes,
        )
    except ValueError as error:
        raise InputError(str(error), file=where, field="bodySite") from error


def read_bundle(
    document: Mapping[str, Any], *, file: str = "bundle"
) -> tuple[list[Night], list[Episode]]:
    """Return the nights and cramp episodes a nightcramp FHIR bundle carries.

    Raises InputError naming the entry when a resource cannot be read back.
    """
    if document.get("resourceType") != "Bundle":
        raise InputError("not a FHIR Bundle", file=file, field="resourceType")
    factors: dict[dt.date, dict[str, bool | int | float]] = {}
    episodes: list[Episode] = []
    for index, entry in enumerate(document.get("entry", [])):
        resource = entry.get("resource", {})
        where = f"{file}:entry[{index}]"
        if resource.get("resourceType") != "Observation":
            continue
        code = resource.get("code", {})
        if _coding_code(code, ICD10CM) == CRAMP_CODE["code"]:
            episodes.append(_read_episode(resource, where))
            continue
        name = _coding_code(code, FACTOR_SYSTEM)
        if name is None:
            continue
        day = dt.date.fromisoformat(str(resource.get("effectiveDateTime", ""))[:10])
        value: bool | int | float
        if name == NIGHT_LOGGED:
            factors.setdefault(day, {})
            continue
        if "valueBoolean" in resource:
            value = bool(resource["valueBoolean"])
        elif "valueInteger" in resource:
            value = int(resource["valueInteger"])
        else:
            value = float(resource.get("valueQuantity", {}).get("value"))
        factors.setdefault(day, {})[name] = value
    nights = [Night(date=day, factors=values) for day, values in sorted(factors.items())]
    return nights, episodes
