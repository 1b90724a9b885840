"""Patterns: weekly counts, time of night, severity trend and honest before/after wording."""

from __future__ import annotations

import datetime as dt

from nightcramp.core.diary import Episode, Muscle, Night, Side, date_text
from nightcramp.core.insights.nights import build_table
from nightcramp.core.insights.patterns import find_patterns

START = dt.date(2026, 3, 2)  # a Monday


def _nights(n: int, stretch_from: int | None = None) -> list[Night]:
    return [
        Night(START + dt.timedelta(days=i),
              {} if stretch_from is None else {"bedtime_stretch": i >= stretch_from})
        for i in range(n)
    ]  # fmt: skip


def _cramp(day: int, hour: int = 2, severity: int | None = None) -> Episode:
    at = dt.datetime.combine(START + dt.timedelta(days=day + 1), dt.time(hour, 0))
    return Episode(started_at=at, severity=severity, muscle=Muscle.CALF, side=Side.LEFT)


def test_weekly_rows_count_logged_and_cramp_nights() -> None:
    episodes = [_cramp(0), _cramp(0, hour=3), _cramp(8)]
    patterns = find_patterns(build_table(_nights(10), episodes), episodes)
    assert patterns.weekly == [
        {"week_start": "2026-03-02", "nights_logged": 7, "cramp_nights": 1},
        {"week_start": "2026-03-09", "nights_logged": 3, "cramp_nights": 1},
    ]
    assert patterns.hours == {2: 2, 3: 1}
    assert patterns.muscles == {"calf": 3} and patterns.sides == {"left": 3}


def test_fewer_cramps_since_stretching_says_it_does_not_prove_cause() -> None:
    episodes = [_cramp(d) for d in range(0, 30, 2)] + [_cramp(d) for d in range(30, 60, 6)]
    patterns = find_patterns(build_table(_nights(60, stretch_from=30), episodes), episodes)
    assert patterns.stretching is not None
    text = str(patterns.stretching["text"])
    assert text.startswith("Fewer cramp nights since you started the bedtime stretch")
    assert "does not prove" in text
    assert any("does not show what changed them" in f for f in patterns.findings)
    started = dt.date.fromisoformat(str(patterns.stretching["started"]))  # the JSON keeps ISO
    assert f"since {date_text(started)}," in text and str(started) not in text


def test_severity_getting_milder_is_reported_with_a_monthly_change() -> None:
    episodes = [_cramp(d, severity=9 - d // 10) for d in range(0, 60, 3)]
    patterns = find_patterns(build_table(_nights(60), episodes), episodes)
    assert patterns.severity is not None
    assert float(str(patterns.severity["change_per_month"])) < 0
    assert "milder" in str(patterns.severity["text"])


def test_day_before_and_day_of_each_cramp_are_listed() -> None:
    nights = [Night(START, {"alcohol_drinks": 3}), Night(START + dt.timedelta(days=1), {})]
    episodes = [_cramp(1)]
    rows = find_patterns(build_table(nights, episodes), episodes).cramp_days
    assert rows == [
        {"night": "2026-03-03", "cramps": 1, "day_of": {}, "day_before": {"alcohol_drinks": 3}}
    ]
