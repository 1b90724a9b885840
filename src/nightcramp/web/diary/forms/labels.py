"""The words the diary screens use for the contract's ids and factor names."""

from __future__ import annotations

from nightcramp.core.diary import Muscle, Relief, Side
from nightcramp.core.insights.wording import relief_label

MUSCLE_LABELS = {
    Muscle.CALF: "Calf",
    Muscle.FOOT: "Foot",
    Muscle.THIGH_BACK: "Back of thigh",
    Muscle.THIGH_FRONT: "Front of thigh",
    Muscle.OTHER: "Other",
}
SIDE_LABELS = {Side.LEFT: "Left", Side.RIGHT: "Right", Side.BOTH: "Both"}
# A relief method has one name everywhere (the analysis, the report, these screens).
RELIEF_LABELS = {r: relief_label(r.value) for r in Relief}
FACTOR_LABELS: dict[str, str] = {
    "water_glasses": "Glasses of water",
    "alcohol_drinks": "Alcohol drinks",
    "caffeine_drinks": "Coffee, tea or cola",
    "exercise_minutes": "Exercise (minutes)",
    "new_or_harder_exercise": "New or harder exercise",
    "standing_hours": "Hours standing",
    "sitting_hours": "Hours sitting",
    "heavy_sweating": "Heavy sweating",
    "bedtime_stretch": "Bedtime stretch",
    "magnesium_mg": "Magnesium (mg)",
    "potassium_servings": "Potassium-rich foods",
    "tight_bedding": "Tight bedding",
    "feet_pointed": "Feet pointed down",
    "warm_bath": "Warm bath",
    "cold_room": "Cold room",
}
# Stepper sizes for the check-in's + and − buttons.
FACTOR_STEPS: dict[str, str] = {
    "exercise_minutes": "10",
    "standing_hours": "0.5",
    "sitting_hours": "0.5",
    "magnesium_mg": "50",
}
CONDITION_LABELS: dict[str, str] = {
    "kidney_disease": "Kidney disease",
    "on_dialysis": "On dialysis",
    "diabetes": "Diabetes",
    "thyroid_disease": "Thyroid disease",
    "liver_disease": "Liver disease",
    "parkinsons": "Parkinson's disease",
    "high_blood_pressure": "High blood pressure",
    "peripheral_artery_disease": "Narrowed leg arteries (peripheral artery disease)",
    "spinal_stenosis": "Narrowed spine canal (spinal stenosis)",
    "heart_disease": "Heart disease",
    "heart_failure": "Heart failure",
}
