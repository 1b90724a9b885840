"""Reading a nightcramp FHIR bundle back: the nights (factor observations) and the cramp
episodes it carries. Other resources (patient, medicines, triage) are not imported.

The bundle is turned into the JSON diary document it carries, each value as written in the
bundle, and read by the JSON diary reader: the same field rules, with the same reasons, as every
other way in. A problem names the bundle entry it comes from (`entry[3].severity`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from nightcramp.core.diary import Episode, Night
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
from nightcramp.core.interop.json_writer import FORMAT, VERSION

__all__ = ["FhirDiary", "bundle_diary", "document_from_fhir", "read_bundle"]


@dataclass(frozen=True, slots=True)
class FhirDiary:
    """What a bundle carries as JSON diary items, and the entry each item was read from."""

    nights: list[dict[str, Any]]
    episodes: list[dict[str, Any]]
    night_places: list[str]
    episode_places: list[str]


def bundle_diary(document: Mapping[str, Any], *, file: str = "bundle") -> FhirDiary:
    """Return the nights and cramps of a nightcramp FHIR bundle as JSON diary items.

    Values are as written in the bundle, not checked: the JSON diary reader checks them. Raises
    InputError when `document` is not a Bundle; other shapes that cannot be read raise
    TypeError, KeyError or AttributeError.
    """
    if document.get("resourceType") != "Bundle":
        raise InputError("not a FHIR Bundle", file=file, field="resourceType")
    nights: dict[str, dict[str, Any]] = {}
    night_places: dict[str, str] = {}
    episodes: list[dict[str, Any]] = []
    episode_places: list[str] = []
    for index, entry in enumerate(document.get("entry") or []):
        resource = entry.get("resource") or {}
        if resource.get("resourceType") != "Observation":
            continue
        code = resource.get("code")
        if _coding_code(code, ICD10CM) == CRAMP_CODE["code"]:
            episodes.append(_episode_item(resource))
            episode_places.append(f"entry[{index}]")
            continue
        name = _coding_code(code, FACTOR_SYSTEM)
        if name is None:
            continue
        when = resource.get("effectiveDateTime")
        day = when[:10] if isinstance(when, str) else when
        key = str(day)
        night = nights.setdefault(key, {"date": day})
        night_places.setdefault(key, f"entry[{index}]")
        if name != NIGHT_LOGGED:
            night[name] = _factor_value(resource)
    order = sorted(nights)
    return FhirDiary(
        nights=[nights[k] for k in order],
        episodes=episodes,
        night_places=[night_places[k] for k in order],
        episode_places=episode_places,
    )


def read_bundle(
    document: Mapping[str, Any], *, file: str = "bundle", tz: dt.tzinfo | None = None
) -> tuple[list[Night], list[Episode]]:
    """Return the nights (by date) and cramps a nightcramp FHIR bundle carries.

    Raises InputError when `document` is not a Bundle, InputErrors naming the entry and field
    of each value the diary's rules refuse.
    """
    from nightcramp.core.interop.json_diary import parse_document

    diary = bundle_diary(document, file=file)
    parsed = parse_document(
        document_from_fhir(diary),
        label=file,
        tz=tz,
        night_places=diary.night_places,
        episode_places=diary.episode_places,
    )
    return list(parsed.nights), list(parsed.episodes)


def document_from_fhir(diary: FhirDiary) -> dict[str, object]:
    """The JSON diary document (nights and episodes only) that `diary` holds."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "nights": diary.nights,
        "episodes": diary.episodes,
    }


def _factor_value(resource: Mapping[str, Any]) -> object:
    if "valueBoolean" in resource:
        return resource["valueBoolean"]
    if "valueInteger" in resource:
        return resource["valueInteger"]
    quantity = resource.get("valueQuantity")
    return quantity.get("value") if isinstance(quantity, Mapping) else None


def _coding_code(concept: Mapping[str, Any] | None, system: str) -> Any:
    for coding in (concept or {}).get("coding") or []:
        if coding.get("system") == system:
            return coding.get("code")
    return None


def _episode_item(resource: Mapping[str, Any]) -> dict[str, Any]:
    site = resource.get("bodySite")
    quantity = resource.get("valueQuantity") or {}
    item: dict[str, Any] = {
        "started_at": resource.get("effectiveDateTime"),
        "muscle": _coding_code(site, EPISODE_SYSTEM + ":muscle"),
        "side": _coding_code(site, EPISODE_SYSTEM + ":side"),
        "duration_min": quantity.get("value"),
        "severity": None,
        "relief": [],
        "relief_worked": None,
        "woke_from_sleep": None,
    }
    for comp in resource.get("component") or []:
        code = comp.get("code")
        if _coding_code(code, LOINC) == SEVERITY_LOINC:
            item["severity"] = comp.get("valueInteger")
        kind = _coding_code(code, EPISODE_SYSTEM)
        value = _coding_code(comp.get("valueCodeableConcept"), EPISODE_SYSTEM + ":relief")
        if kind == "relief_tried" and value is not None:
            item["relief"].append(value)
        elif kind == "relief_worked" and value is not None:
            item["relief_worked"] = value
        elif kind == "woke_from_sleep":
            item["woke_from_sleep"] = comp.get("valueBoolean")
    notes = resource.get("note") or []
    if notes:
        item["notes"] = notes[0].get("text")
    return item
