"""Medication review: names to classes, their link to cramps, cautions and advice."""

from nightcramp.core.meds.check import (
    MAX_NAMES,
    Hint,
    MedCheck,
    MedicationInfo,
    check_name_list,
    check_names,
    might_cause_cramps,
    resolve,
    started_before_cramps,
)
from nightcramp.core.meds.interactions import Interaction, InteractionKind, find_interactions
from nightcramp.core.meds.names import CrampLink, MedClass, load_dictionary
from nightcramp.core.meds.wording import load_meds_wording, prescriber_sentence

__all__ = [
    "MAX_NAMES",
    "CrampLink",
    "Hint",
    "Interaction",
    "InteractionKind",
    "MedCheck",
    "MedClass",
    "MedicationInfo",
    "check_name_list",
    "check_names",
    "find_interactions",
    "load_dictionary",
    "load_meds_wording",
    "might_cause_cramps",
    "prescriber_sentence",
    "resolve",
    "started_before_cramps",
]
