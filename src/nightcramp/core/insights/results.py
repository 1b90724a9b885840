"""What `analyze` returns: a verdict for each factor term and the whole analysis, each with the
contract's JSON document (`to_json()`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from nightcramp.core.diary import FactorKind
from nightcramp.core.insights.nights import term_key
from nightcramp.core.insights.patterns import Patterns
from nightcramp.core.insights.relief import ReliefSummary
from nightcramp.core.ratios import ratio_value

__all__ = ["Analysis", "ExperimentOffer", "FactorResult", "Verdict"]


class Verdict(StrEnum):
    LIKELY_TRIGGER = "likely_trigger"
    LIKELY_PROTECTIVE = "likely_protective"
    NO_CLEAR_EFFECT = "no_clear_effect"
    NOT_ENOUGH_DATA = "not_enough_data"


@dataclass(frozen=True)
class ExperimentOffer:
    """A planned experiment that tests a factor: the change's id and name, and its length."""

    change: str
    name: str
    nights: int

    @property
    def weeks(self) -> int:
        """The schedule's length in whole weeks (rounded up)."""
        return -(-self.nights // 7)

    def to_json(self) -> dict[str, object]:
        return {"change": self.change, "name": self.name, "nights": self.nights,
                "weeks": self.weeks}  # fmt: skip


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
    ci_level: float | None = None
    experiment: ExperimentOffer | None = None
    moved_with: tuple[tuple[str, int], ...] = ()
    """Other factors (name, lag days) that went up and down with this one in the diary."""

    @property
    def key(self) -> str:
        return term_key(self.factor, self.lag_days)

    def to_json(self) -> dict[str, object]:
        """The contract's factor document; numbers to 3 significant figures, `lag_days` if set.

        `ci_low`-`ci_high` is the interval that matches the verdict: its level `ci_level`
        allows for the many tests, so it excludes 1 exactly when the factor is called.
        """
        doc: dict[str, object] = {
            "factor": self.factor,
            "verdict": self.verdict.value,
            "rate_ratio": ratio_value(self.rate_ratio),
            "ci_low": ratio_value(self.ci_low),
            "ci_high": ratio_value(self.ci_high),
            "ci_level": _round(self.ci_level, 4),
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
        if self.experiment is not None:
            doc["experiment"] = self.experiment.to_json()
        if self.moved_with:
            doc["moved_with"] = [
                {"factor": name, **({"lag_days": lag} if lag else {})}
                for name, lag in self.moved_with
            ]
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
