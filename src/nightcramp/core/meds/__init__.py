"""Medication review: names to classes, their link to cramps, cautions and advice."""

from nightcramp.core.meds.check import (
    MedCheck,
    MedicationInfo,
    check_names,
    resolve,
    started_before_cramps,
)
from nightcramp.core.meds.names import CrampLink, MedClass, load_dictionary
from nightcramp.core.meds.wording import load_meds_wording, prescriber_sentence

__all__ = [
    "CrampLink",
    "MedCheck",
    "MedClass",
    "MedicationInfo",
    "check_names",
    "load_dictionary",
    "load_meds_wording",
    "prescriber_sentence",
    "resolve",
    "started_before_cramps",
]
