"""Medication review: names to classes, their link to cramps, cautions and advice."""

from nightcramp.core.meds.check import (
    MedCheck,
    MedicationInfo,
    check_names,
    resolve,
    started_before_cramps,
)
from nightcramp.core.meds.names import CrampLink, MedClass, load_dictionary

__all__ = [
    "CrampLink",
    "MedCheck",
    "MedClass",
    "MedicationInfo",
    "check_names",
    "load_dictionary",
    "resolve",
    "started_before_cramps",
]
