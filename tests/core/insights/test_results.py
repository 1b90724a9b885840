"""What `analyze` returns, as the contract's JSON: rounding, `lag_days`, the document's keys."""

from __future__ import annotations

import dataclasses
import json
import math
from typing import Any

from nightcramp.core.diary import FactorKind
from nightcramp.core.insights.nights import build_table
from nightcramp.core.insights.patterns import find_patterns
from nightcramp.core.insights.results import Analysis, ExperimentOffer, FactorResult, Verdict

BASE = FactorResult(
    factor="alcohol_drinks",
    lag_days=0,
    kind=FactorKind.INT,
    verdict=Verdict.LIKELY_TRIGGER,
    rate_ratio=2.345678,
    ci_low=1.0004999,
    ci_high=5.4321,
    p_value=0.000123456,
    adjusted_p=0.0123456,
    family="exploratory",
    contrast="per IQR (2 drinks)",
    nights_with=40,
    nights_recorded=90,
    nights_needed=0,
    explanation="text",
)


def _result(**changes: Any) -> FactorResult:
    return dataclasses.replace(BASE, **changes)


def test_numbers_are_rounded_to_three_significant_figures() -> None:
    doc = _result().to_json()
    # More figures where three would put the interval's end on 1 (it leaves 1 out).
    assert (doc["rate_ratio"], doc["ci_low"], doc["ci_high"]) == (2.35, 1.0005, 5.43)
    assert (doc["p_value"], doc["adjusted_p"]) == (0.000123, 0.0123)


def test_a_small_positive_ratio_never_rounds_to_zero() -> None:
    assert _result(ci_low=0.000012345).to_json()["ci_low"] == 0.0000123


def test_missing_or_infinite_numbers_are_null() -> None:
    doc = _result(rate_ratio=None, ci_low=-math.inf, ci_high=math.nan).to_json()
    assert (doc["rate_ratio"], doc["ci_low"], doc["ci_high"]) == (None, None, None)
    json.dumps(doc, allow_nan=False)


def test_lag_days_appear_only_for_a_previous_day_term() -> None:
    assert "lag_days" not in _result().to_json()
    assert _result(lag_days=1).to_json()["lag_days"] == 1


def test_the_factor_document_uses_the_contract_ids() -> None:
    doc = _result(verdict=Verdict.NOT_ENOUGH_DATA).to_json()
    assert doc["verdict"] == "not_enough_data"
    assert list(doc) == [
        "factor",
        "verdict",
        "rate_ratio",
        "ci_low",
        "ci_high",
        "ci_level",
        "nights_with",
        "nights_recorded",
        "contrast",
        "family",
        "p_value",
        "adjusted_p",
        "nights_needed",
        "explanation",
    ]


def test_the_analysis_document_has_every_part_in_contract_order() -> None:
    patterns = find_patterns(build_table([], []), [])
    analysis = Analysis(
        nights=3,
        cramp_nights=1,
        cramps=2,
        factors=[_result()],
        relief=[],
        patterns=patterns,
        suspects=["alcohol_drinks"],
        warnings=["w"],
        data_quality={"span_days": 3},
        nights_needed={"total_nights": 90},
        summary=["s"],
    )
    doc = analysis.to_json()
    assert list(doc) == [
        "nights",
        "cramp_nights",
        "cramps",
        "factors",
        "relief",
        "suspects",
        "summary",
        "warnings",
        "data_quality",
        "nights_needed",
        "patterns",
        "method",
    ]
    assert doc["factors"] == [_result().to_json()]
    assert doc["method"] == {}


def test_an_experiment_offer_appears_with_its_length_in_weeks() -> None:
    offer = ExperimentOffer("no_evening_alcohol", "No alcohol in the evening", 100)
    doc = _result(experiment=offer).to_json()
    assert doc["experiment"] == {
        "change": "no_evening_alcohol",
        "name": "No alcohol in the evening",
        "nights": 100,
        "weeks": 15,  # 100 nights is 14 weeks and 2 nights: rounded up
    }
    assert "experiment" not in _result().to_json()
