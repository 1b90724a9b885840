"""The code systems and codes in nightcramp's FHIR bundle (mapping in docs/fhir.md), shared by
writing the bundle and reading it back.
"""

from __future__ import annotations

__all__ = [
    "CRAMP_CODE",
    "EPISODE_SYSTEM",
    "FACTOR_SYSTEM",
    "ICD10CM",
    "LOINC",
    "NIGHT_LOGGED",
    "SEVERITY_DISPLAY",
    "SEVERITY_LOINC",
    "TRIAGE_SYSTEM",
    "UCUM",
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
# The factor code of the observation that marks a logged night (with or without a cramp).
NIGHT_LOGGED = "night_logged"
