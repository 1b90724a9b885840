"""Each period for the report: counts after the washout, missing nights never cramp-free,
nothing after `through`, and a chart with one bar per period."""

from __future__ import annotations

import datetime as dt

from nightcramp.core.diary import Episode, Night
from nightcramp.core.experiments.periods import period_chart, period_rows
from nightcramp.core.experiments.schedule import Schedule, ScheduledNight, design_schedule

SCHEDULE = design_schedule(dt.date(2027, 1, 4), 7, 4, 3)


def _cramp(night: dt.date) -> Episode:
    return Episode(dt.datetime.combine(night, dt.time(23)))


def test_counts_are_per_period_and_an_unlogged_night_is_missing() -> None:
    first = SCHEDULE.nights[:7]
    nights = [Night(n.date) for n in first[:5]]  # 2 nights of period 1 not logged
    episodes = [_cramp(first[0].date), _cramp(first[0].date), _cramp(first[6].date)]
    rows = period_rows(SCHEDULE, nights, episodes)
    assert len(rows) == 8
    one = rows[0]
    # logged: 5 check-ins + the night of the last cramp (a cramp logs its night) = 6
    assert (one.period, one.nights, one.logged, one.cramps) == (1, 7, 6, 3)
    assert one.rate == 3 / 6
    assert rows[1].logged == 0 and rows[1].rate is None


def test_the_washout_nights_are_left_out() -> None:
    nights = [Night(n.date) for n in SCHEDULE.nights]
    episodes = [_cramp(SCHEDULE.nights[0].date)]  # the first night: inside the washout
    rows = period_rows(SCHEDULE, nights, episodes, washout=3)
    assert rows[0].nights == 4 and rows[0].logged == 4 and rows[0].cramps == 0


def test_nothing_after_through_is_used() -> None:
    through = SCHEDULE.nights[9].date  # the third night of period 2
    nights = [Night(n.date) for n in SCHEDULE.nights]
    rows = period_rows(SCHEDULE, nights, [_cramp(SCHEDULE.nights[12].date)], through=through)
    assert [r.period for r in rows] == [1, 2]
    assert rows[1].nights == 3 and rows[1].cramps == 0


def test_adherence_is_counted_per_period() -> None:
    plan = SCHEDULE.nights
    marked = Schedule(
        tuple(
            ScheduledNight(n.date, n.arm, n.period, {0: True, 1: False}.get(i))
            for i, n in enumerate(plan)
        )
    )
    row = period_rows(marked, [], [])[0]
    assert (row.followed, row.not_followed) == (1, 1)


def test_the_chart_has_a_bar_label_for_every_period() -> None:
    rows = period_rows(SCHEDULE, [Night(n.date) for n in SCHEDULE.nights[:14]], [])
    svg = period_chart(rows)
    assert svg.startswith("<svg")
    for row in rows:
        assert f"{row.arm.value.upper()}" in svg
    assert "not logged" in svg
