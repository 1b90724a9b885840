"""Helpers for plan tests: build a plan from a profile dict, with a triage stub by default."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pytest

from nightcramp.core.plan import Plan, build_plan, parse_profile

TODAY = dt.date(2026, 11, 22)


@dataclass(frozen=True)
class StubAssessment:
    disposition: str
    reasons: tuple[str, ...] = field(default=("stub",))

    def to_json(self) -> Mapping[str, object]:
        return {"disposition": self.disposition, "reasons": list(self.reasons)}


def self_care(answers: Mapping[str, object]) -> StubAssessment:
    return StubAssessment("self_care")


PlanFor = Callable[..., Plan]


@pytest.fixture
def plan_for() -> PlanFor:
    """plan_for({...profile...}, **build_plan kwargs) with triage stubbed as self_care."""

    def make(profile: Mapping[str, object], **kwargs: object) -> Plan:
        kwargs.setdefault("assess", self_care)
        kwargs.setdefault("today", TODAY)
        return build_plan(parse_profile(dict(profile)), **kwargs)  # type: ignore[arg-type]  # test kwargs

    return make
