"""Reading a nightcramp FHIR bundle back: the nights (factor observations) and the cramp
episodes it carries. Other resources (patient, medicines, triage) are not imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from nightcramp.core.diary import Episode, Muscle, Night, Relief, Side
from nightcramp.core.errors import InputError
from nightcramp.core.interop.fhir_codes import (
    CRAMP_CODE,
    EPISODE_SYSTEM,
    FACTOR_SYSTEM,
    ICD10CM,
    LOINC,
    NIGHT_LOGGED,
    SEVERITY_LOINC,
)

__all__ = ["read_bundle"]


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
        values = factors.setdefault(day, {})
        if name != NIGHT_LOGGED:
            values[name] = _factor_value(resource)
    nights = [Night(date=day, factors=values) for day, values in sorted(factors.items())]
    return nights, episodes


def _factor_value(resource: Mapping[str, Any]) -> bool | int | float:
    if "valueBoolean" in resource:
        return bool(resource["valueBoolean"])
    if "valueInteger" in resource:
        return int(resource["valueInteger"])
    return float(resource.get("valueQuantity", {}).get("value"))


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
