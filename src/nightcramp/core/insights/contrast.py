"""Per-factor preparation: enough data?, the contrast used, and the model column.

Contrasts: a yes/no factor compares true with false; a number compares nights one
interquartile range (IQR) apart, or, when most nights share one value, the 10th to 90th
percentile gap. Extreme doses are pulled in to the 1st and 99th percentiles; a missing cell
is filled with the mean of the recorded nights (and flagged for the model), never read as 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from nightcramp.core.diary import FactorKind
from nightcramp.core.insights.nights import FactorColumn

__all__ = ["MIN_LEVEL_NIGHTS", "MISSING_SHARE", "UNITS", "PreparedTerm", "prepare_term"]

FloatArray = npt.NDArray[np.float64]

MIN_LEVEL_NIGHTS = 5
# A factor left blank on this share of nights or more gets its own "not recorded" term, in case
# blanks mean something (only ticking a box on the nights it applies); rarer blanks do not.
MISSING_SHARE = 0.2
UNITS: dict[str, str] = {
    "water_glasses": "glasses",
    "alcohol_drinks": "drinks",
    "caffeine_drinks": "drinks",
    "exercise_minutes": "minutes",
    "standing_hours": "hours",
    "sitting_hours": "hours",
    "magnesium_mg": "mg",
    "potassium_servings": "servings",
}


@dataclass(frozen=True)
class PreparedTerm:
    """A factor column ready for the model, or the reason it cannot be tested."""

    column: FactorColumn
    contrast: str
    unit: float | None
    nights_with: int
    nights_recorded: int
    variance: float
    x: FloatArray | None
    missing: FloatArray | None
    reason: str | None


def _nice(value: float, kind: FactorKind) -> float:
    if kind == FactorKind.INT:
        return float(max(1, round(value)))
    digits = max(0, 1 - math.floor(math.log10(value)))
    return round(value, digits)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _minority(values: FloatArray) -> int:
    median = float(np.median(values))
    above = int(np.count_nonzero(values > median))
    if above:
        return min(above, values.size - above)
    below = int(np.count_nonzero(values < median))
    return min(below, values.size - below)


def _units(name: str, unit: float) -> str:
    units = UNITS.get(name, "units")
    if unit == 1 and units != "mg":
        return "glass" if units == "glasses" else units.removesuffix("s")
    return units


def _numeric_unit(values: FloatArray, kind: FactorKind, name: str) -> tuple[float, str]:
    q10, q25, q75, q90 = np.percentile(values, [10, 25, 75, 90])
    if q75 > q25:
        unit = _nice(float(q75 - q25), kind)
        return unit, f"per IQR ({_fmt(unit)} {_units(name, unit)})"
    spread = float(q90 - q10) or float(np.ptp(values))
    unit = _nice(spread, kind)
    return unit, f"per {_fmt(unit)} {_units(name, unit)} (10th to 90th percentile)"


def prepare_term(column: FactorColumn) -> PreparedTerm:
    """Return the model column for `column`, or a plain reason why it cannot be tested yet."""
    values = column.values
    seen = ~np.isnan(values)
    recorded = int(seen.sum())
    observed = values[seen]
    is_bool = column.kind == FactorKind.BOOL
    contrast = "true vs false" if is_bool else "per IQR"
    with_ = int(np.count_nonzero(observed > 0))

    def fail(reason: str) -> PreparedTerm:
        return PreparedTerm(column, contrast, None, with_, recorded, 0.0, None, None, reason)

    if recorded < 2 * MIN_LEVEL_NIGHTS:
        return fail("too_few_recorded")
    if is_bool:
        minority = min(with_, recorded - with_)
    else:
        low, high = np.percentile(observed, [1, 99])
        observed = np.clip(observed, low, high)
        minority = _minority(observed)
    if float(np.ptp(observed)) == 0:
        blanks = values.size - recorded
        only_yes = bool(observed.size) and float(observed[0]) > 0 and blanks >= MIN_LEVEL_NIGHTS
        return fail("only_yes" if only_yes else "constant")
    if minority < MIN_LEVEL_NIGHTS:
        return fail("too_little_variation")
    unit = 1.0
    if not is_bool:
        unit, contrast = _numeric_unit(observed, column.kind, column.name)
    with np.errstate(all="ignore"):
        filled = np.where(seen, np.clip(values, observed.min(), observed.max()), observed.mean())
        x = (filled - observed.mean()) / unit
        variance = float(np.var(observed / unit))
    if not (math.isfinite(unit) and unit > 0 and math.isfinite(variance)) or not np.all(
        np.isfinite(x)
    ):
        return fail("values_out_of_reach")  # 1e-300 beside 1e15: no arithmetic compares them
    missing = None
    if values.size - recorded >= max(MIN_LEVEL_NIGHTS, MISSING_SHARE * values.size):
        missing = (~seen).astype(float)
    return PreparedTerm(column, contrast, unit, with_, recorded, variance, x, missing, None)
