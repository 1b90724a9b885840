"""What `analyze` returns: a verdict for each factor term and the whole analysis, each with the
contract's JSON document (`to_json()`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from nightcramp.core.diary import FactorKind
from nightcramp.core.insights.patterns import Patterns
from nightcramp.core.insights.relief import ReliefSummary

__all__ = ["Analysis", "FactorResult", "Verdict"]


class Verdict(StrEnum):
    LIKELY_TRIGGER = "likely_trigger"
    LIKELY_PROTECTIVE = "likely_protective"
    NO_CLEAR_EFFECT = "no_clear_effect"
    NOT_ENOUGH_DATA = "not_enough_data"


@dataclass(frozen=True)
class FactorResult:
    """One factor term's result (`lag_days` 1 for the previous day's value)."""

    factor: str
    lag_days: int
    kind: FactorKind
    verdict: Verdict
    rate_ratio: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    adjusted_p: float | None
    family: str
    contrast: str
    nights_with: int
    nights_recorded: int
    nights_needed: int | None
    explanation: str

    def to_json(self) -> dict[str, object]:
        """The contract's factor document; numbers to 3 significant figures, `lag_days` if set."""
        doc: dict[str, object] = {
            "factor": self.factor,
            "verdict": self.verdict.value,
            "rate_ratio": _round(self.rate_ratio, 3),
            "ci_low": _round(self.ci_low, 3),
            "ci_high": _round(self.ci_high, 3),
            "nights_with": self.nights_with,
            "nights_recorded": self.nights_recorded,
            "contrast": self.contrast,
            "family": self.family,
            "p_value": _round(self.p_value, 3),
            "adjusted_p": _round(self.adjusted_p, 3),
            "nights_needed": self.nights_needed,
            "explanation": self.explanation,
        }
        if self.lag_days:
            doc["lag_days"] = self.lag_days
        return doc


@dataclass(frozen=True)
class Analysis:
    """Everything `analyze` found; `to_json()` is the contract's document."""

    nights: int
    cramp_nights: int
    cramps: int
    factors: list[FactorResult]
    relief: list[ReliefSummary]
    patterns: Patterns
    suspects: list[str]
    warnings: list[str]
    data_quality: dict[str, object]
    nights_needed: dict[str, object]
    summary: list[str]
    method: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """The contract's analysis document."""
        return {
            "nights": self.nights,
            "cramp_nights": self.cramp_nights,
            "cramps": self.cramps,
            "factors": [f.to_json() for f in self.factors],
            "relief": [r.to_json() for r in self.relief],
            "suspects": self.suspects,
            "summary": self.summary,
            "warnings": self.warnings,
            "data_quality": self.data_quality,
            "nights_needed": self.nights_needed,
            "patterns": self.patterns.to_json(),
            "method": self.method,
        }


def _round(value: float | None, digits: int) -> float | None:
    """Round to `digits` significant figures (never to 0 for a small positive ratio)."""
    if value is None or not math.isfinite(value):
        return None
    return float(f"{value:.{digits}g}")
