"""Reading a nightcramp FHIR bundle back: the nights (factor observations) and the cramp
episodes it carries. Other resources (patient, medicines, triage) are not imported.

The bundle is turned into the JSON diary document it carries, each value as written in the
bundle, and read by the JSON diary reader: the same field rules, with the same reasons, as every
other way in. A problem names the bundle entry it comes from (`entry[3].severity`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from nightcramp.core.diary import STANDARD_FACTORS, Episode, Night
from nightcramp.core.diary_rules import check_factor_name
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
from nightcramp.core.interop.problems import ProblemList

__all__ = ["FhirDiary", "bundle_diary", "document_from_fhir", "read_bundle"]


@dataclass(frozen=True, slots=True)
class FhirDiary:
    """What a bundle carries as JSON diary items, and the entry each item was read from."""

    nights: list[dict[str, Any]]
    episodes: list[dict[str, Any]]
    night_places: list[str]
    episode_places: list[str]
    # "entry[3].water_glasses" (where a night's problems are named) -> the factor's own entry,
    # "entry[4].water_glasses", so that a problem names the entry that holds the value.
    factor_places: dict[str, str] = field(default_factory=dict)


def bundle_diary(document: Mapping[str, Any], *, file: str = "bundle") -> FhirDiary:
    """Return the nights and cramps of a nightcramp FHIR bundle as JSON diary items.

    Values are as written in the bundle, not checked: the JSON diary reader checks them. Raises
    InputError when `document` is not a Bundle, and InputErrors naming the entry and field of
    each part that does not have the shape nightcramp writes (a list, an object, a code).
    """
    if document.get("resourceType") != "Bundle":
        raise InputError("not a FHIR Bundle", file=file, field="resourceType")
    problems = ProblemList(file)
    reader = _BundleReader(problems)
    entries = document.get("entry")
    if entries is not None and not isinstance(entries, list):
        problems.add("must be a list of entries", field="entry")
        entries = None
    for index, entry in enumerate(entries or []):
        reader.read_entry(entry, f"entry[{index}]")
    problems.raise_if_any()
    order = sorted(reader.nights)
    return FhirDiary(
        nights=[reader.nights[k] for k in order],
        episodes=reader.episodes,
        night_places=[reader.night_places[k] for k in order],
        episode_places=reader.episode_places,
        factor_places={
            f"{reader.night_places[key]}.{name}": f"{where}.{name}"
            for (key, name), where in reader.factor_places.items()
            if key in reader.night_places and where != reader.night_places[key]
        },
    )


class _BundleReader:
    """Collects the nights and cramps of a bundle's entries, noting each part of a wrong shape."""

    def __init__(self, problems: ProblemList) -> None:
        self.problems = problems
        self.nights: dict[str, dict[str, Any]] = {}
        self.night_places: dict[str, str] = {}
        # Per night, the entry that gave each factor (to name both when one is given twice).
        self.factor_places: dict[tuple[str, str], str] = {}
        self.episodes: list[dict[str, Any]] = []
        self.episode_places: list[str] = []

    def read_entry(self, entry: object, where: str) -> None:
        if not isinstance(entry, dict):
            self.problems.add("must be an object", field=where)
            return
        resource = entry.get("resource")
        if resource is None:
            self.problems.add("is required", field=f"{where}.resource")
            return
        if not isinstance(resource, dict):
            self.problems.add("must be an object", field=f"{where}.resource")
            return
        if resource.get("resourceType") != "Observation":
            return  # patient, medicines, triage answers: not imported
        codings = _codings(resource.get("code"), f"{where}.code", self.problems)
        if codings is None:
            return
        if _coding_code(codings, ICD10CM) == CRAMP_CODE["code"]:
            item = _episode_item(resource, where, self.problems)
            if item is not None:
                self.episodes.append(item)
                self.episode_places.append(where)
            return
        name = _coding_code(codings, FACTOR_SYSTEM)
        if name is not None:
            self._read_factor(resource, name, where)

    def _read_factor(self, resource: Mapping[str, Any], name: object, where: str) -> None:
        problems = self.problems
        if not isinstance(name, str):
            problems.add("a factor's code must be its name, as text", field=f"{where}.code")
            return
        if name not in STANDARD_FACTORS and name != NIGHT_LOGGED:
            try:
                check_factor_name(name)
            except ValueError as error:
                problems.add(str(error), field=f"{where}.code")
                return
        found = _factor_value(resource, name, where, problems)
        if found is _BAD:
            return
        if name == NIGHT_LOGGED and found is not True:
            return  # "not logged" (or no answer) logs no night
        when = resource.get("effectiveDateTime")
        day = _evening(when) if isinstance(when, str) else when
        key = str(day)
        night = self.nights.setdefault(key, {"date": day})
        self.night_places.setdefault(key, where)
        if name == NIGHT_LOGGED:
            return
        first = self.factor_places.setdefault((key, name), where)
        if first != where:
            problems.add(
                f"is given twice for the night of {key} (first in {first}); keep one",
                field=f"{where}.{name}",
            )
            return
        night[name] = found


# A part whose problem is already noted.
_BAD = object()
_VALUE_KEYS = ("valueBoolean", "valueInteger", "valueQuantity")


def _evening(when: str) -> str:
    """The night's date of a factor's `effectiveDateTime`: a date, or a date and time (its date);
    anything else is kept whole, for the date rule to refuse."""
    if len(when) > 10 and when[10] == "T":
        return when[:10]
    return when


def _number(holder: Mapping[str, Any], where: str, problems: ProblemList) -> object:
    """`valueInteger`, or the value of `valueQuantity` (the diary's rules check either), or
    _BAD after noting a quantity that is not an object."""
    if "valueInteger" in holder:
        return holder["valueInteger"]
    quantity = holder["valueQuantity"]
    if not isinstance(quantity, dict):
        problems.add("must be an object with a value", field=f"{where}.valueQuantity")
        return _BAD
    return quantity.get("value")


def _factor_value(
    resource: Mapping[str, Any], name: str, where: str, problems: ProblemList
) -> object:
    """The value a factor observation holds (None: not recorded), or _BAD after a problem."""
    if "valueBoolean" in resource:
        return resource["valueBoolean"]
    if "valueInteger" in resource or "valueQuantity" in resource:
        return _number(resource, where, problems)
    other = sorted(k for k in resource if k.startswith("value") and k not in _VALUE_KEYS)
    if other:
        problems.add(
            "must be a number or true/false (valueBoolean, valueInteger or valueQuantity), "
            f"not {other[0]}",
            field=f"{where}.{name}",
        )
        return _BAD
    return None


def _severity(comp: Mapping[str, Any], at: str, problems: ProblemList) -> object:
    """A severity component's value (valueInteger, or a valueQuantity's value; the diary's
    rules check it), None when it has none, or _BAD after noting another kind of value."""
    if "valueInteger" in comp or "valueQuantity" in comp:
        return _number(comp, at, problems)
    other = sorted(k for k in comp if k.startswith("value") and k != "valueCodeableConcept")
    if other:
        problems.add(
            f"a severity must be a whole number 0 to 10 (valueInteger), not {other[0]}",
            field=f"{at}.{other[0]}",
        )
        return _BAD
    return None


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


def _codings(concept: object, where: str, problems: ProblemList) -> list[Mapping[str, Any]] | None:
    """The codings of a CodeableConcept (empty when absent), or None after noting a problem."""
    if concept is None:
        return []
    if not isinstance(concept, dict):
        problems.add("must be an object", field=where)
        return None
    codings = concept.get("coding")
    if codings is None:
        return []
    if not isinstance(codings, list):
        problems.add("must be a list", field=f"{where}.coding")
        return None
    for index, coding in enumerate(codings):
        if not isinstance(coding, dict):
            problems.add("must be an object", field=f"{where}.coding[{index}]")
            return None
    return codings


def _coding_code(codings: list[Mapping[str, Any]], system: str) -> Any:
    for coding in codings:
        if coding.get("system") == system:
            return coding.get("code")
    return None


def _list(value: object, where: str, problems: ProblemList) -> list[Mapping[str, Any]] | None:
    """The objects of a list that may be absent (empty), or None after noting a problem."""
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add("must be a list", field=where)
        return None
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            problems.add("must be an object", field=f"{where}[{index}]")
            return None
    return value


def _duration(resource: Mapping[str, Any], where: str, problems: ProblemList) -> object:
    """A cramp's duration in minutes as written (None: not recorded), or _BAD after a problem."""
    quantity = resource.get("valueQuantity")
    if quantity is None:
        return None
    if not isinstance(quantity, dict):
        problems.add(
            "must be an object with the duration in minutes", field=f"{where}.valueQuantity"
        )
        return _BAD
    unit = quantity.get("code", quantity.get("unit"))
    if unit is not None and unit != "min":
        problems.add(
            f"must be given in minutes (unit min), not {unit!r}", field=f"{where}.duration_min"
        )
        return _BAD
    return quantity.get("value")


def _episode_item(
    resource: Mapping[str, Any], where: str, problems: ProblemList
) -> dict[str, Any] | None:
    """The JSON diary item of a cramp observation, or None after noting a problem."""
    site = _codings(resource.get("bodySite"), f"{where}.bodySite", problems)
    duration = _duration(resource, where, problems)
    components = _list(resource.get("component"), f"{where}.component", problems)
    notes = _list(resource.get("note"), f"{where}.note", problems)
    if site is None or duration is _BAD or components is None or notes is None:
        return None
    item: dict[str, Any] = {
        "started_at": resource.get("effectiveDateTime"),
        "muscle": _coding_code(site, EPISODE_SYSTEM + ":muscle"),
        "side": _coding_code(site, EPISODE_SYSTEM + ":side"),
        "duration_min": duration,
        "severity": None,
        "relief": [],
        "relief_worked": None,
        "woke_from_sleep": None,
    }
    for index, comp in enumerate(components):
        at = f"{where}.component[{index}]"
        code = _codings(comp.get("code"), f"{at}.code", problems)
        value = _codings(comp.get("valueCodeableConcept"), f"{at}.valueCodeableConcept", problems)
        if code is None or value is None:
            return None
        if _coding_code(code, LOINC) == SEVERITY_LOINC:
            severity = _severity(comp, at, problems)
            if severity is _BAD:
                return None
            if item["severity"] is not None and severity is not None:
                problems.add(
                    "has two severities; nightcramp keeps one per cramp", field=f"{at}.code"
                )
                return None
            item["severity"] = severity if severity is not None else item["severity"]
        kind = _coding_code(code, EPISODE_SYSTEM)
        relief = _coding_code(value, EPISODE_SYSTEM + ":relief")
        if kind == "relief_tried" and relief is not None:
            item["relief"].append(relief)
        elif kind == "relief_worked" and relief is not None:
            item["relief_worked"] = relief
        elif kind == "woke_from_sleep":
            item["woke_from_sleep"] = comp.get("valueBoolean")
    if len(notes) > 1:
        problems.add(
            f"has {len(notes)} notes; nightcramp keeps one note per cramp", field=f"{where}.note"
        )
        return None
    if notes:
        item["notes"] = notes[0].get("text")
    return item
