"""No look uses later nights: a look at the end of pair k is computed only from the nights whose
date (the evening's date: a cramp after midnight belongs to the night before) is up to that
look's date. Cutting the diary after that date, or writing anything else after it, leaves the
look, every earlier look and a verdict reached by then exactly as they were."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nightcramp.core.diary import Episode, Night
from nightcramp.core.experiments.analysis import Verdict, analyze_experiment
from nightcramp.core.experiments.document import experiment_document
from nightcramp.core.experiments.schedule import Arm, Schedule, ScheduledNight, design_schedule

START = dt.date(2027, 1, 4)
# When a cramp starts, relative to its night's evening: evening, after midnight (the same
# night), and just before noon the next day (still the same night).
_CRAMP_TIMES = (dt.timedelta(hours=22), dt.timedelta(hours=25, minutes=30), dt.timedelta(hours=35))


@dataclass(frozen=True)
class Case:
    schedule: Schedule
    nights: list[Night]
    episodes: list[Episode]
    washout: int


def _episodes(date: dt.date, count: int, when: int) -> list[Episode]:
    evening = dt.datetime.combine(date, dt.time(0))
    return [
        Episode(evening + _CRAMP_TIMES[(when + j) % 3] + dt.timedelta(minutes=j))
        for j in range(count)
    ]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    period = draw(st.integers(2, 5))
    pairs = draw(st.integers(4, 6))
    plan = design_schedule(START, period, pairs, draw(st.integers(0, 10**6)))
    followed = draw(
        st.lists(st.sampled_from((None, True, False)), min_size=len(plan.nights),
                 max_size=len(plan.nights))
    )  # fmt: skip
    schedule = Schedule(
        tuple(
            ScheduledNight(n.date, n.arm, n.period, f)
            for n, f in zip(plan.nights, followed, strict=True)
        )
    )
    # Each night: checked in or not, cramps (a night with a cramp is logged even without a
    # check-in), and when the cramps started. The change helps a little, so that verdicts vary.
    nights: list[Night] = []
    episodes: list[Episode] = []
    span = [
        START - dt.timedelta(days=3) + dt.timedelta(days=i) for i in range(len(plan.nights) + 8)
    ]
    arm_of = {n.date: n.arm for n in plan.nights}
    for date in span:
        checked_in = draw(st.booleans())
        high = 3 if arm_of.get(date) is not Arm.ON else 1
        count = draw(st.integers(0, high))
        if checked_in:
            nights.append(Night(date))
        if checked_in or draw(st.booleans()):
            episodes += _episodes(date, count, draw(st.integers(0, 2)))
    return Case(schedule, nights, episodes, draw(st.integers(0, period - 1)))


def _upto(case: Case, date: dt.date) -> tuple[list[Night], list[Episode]]:
    return (
        [n for n in case.nights if n.date <= date],
        [e for e in case.episodes if e.night <= date],
    )


_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(case=cases(), tail=st.lists(st.integers(0, 4), min_size=1, max_size=40))
def test_a_look_is_the_same_whatever_comes_after_its_date(case: Case, tail: list[int]) -> None:
    full = analyze_experiment(case.schedule, case.nights, case.episodes, washout=case.washout)
    for look in full.looks:
        nights, episodes = _upto(case, look.date)
        # Anything else after the look's date: other nights, other cramps (some after midnight).
        after = [look.date + dt.timedelta(days=1 + i) for i in range(len(tail))]
        other_nights = [Night(d) for d, c in zip(after, tail, strict=True) if c % 2 == 0]
        other_episodes = [e for d, c in zip(after, tail, strict=True) for e in _episodes(d, c, c)]
        other = analyze_experiment(
            case.schedule,
            [*nights, *other_nights],
            [*episodes, *other_episodes],
            washout=case.washout,
        )
        assert [lk.to_json() for lk in other.looks[: look.pair]] == [
            lk.to_json() for lk in full.looks[: look.pair]
        ]
        assert other.looks[look.pair - 1].itt == look.itt
        assert other.looks[look.pair - 1].per_protocol == look.per_protocol


@_SETTINGS
@given(case=cases())
def test_cutting_the_diary_after_a_logged_look_date_keeps_that_look(case: Case) -> None:
    full = analyze_experiment(case.schedule, case.nights, case.episodes, washout=case.washout)
    for look in full.looks:
        nights, episodes = _upto(case, look.date)
        if look.date not in {n.date for n in nights} | {e.night for e in episodes}:
            continue  # the cut diary has not reached the pair's end: the look must wait
        cut = analyze_experiment(case.schedule, nights, episodes, washout=case.washout)
        assert [lk.to_json() for lk in cut.looks] == [
            lk.to_json() for lk in full.looks[: look.pair]
        ]


@_SETTINGS
@given(case=cases())
def test_a_verdict_once_reached_does_not_change_with_later_nights(case: Case) -> None:
    full = analyze_experiment(case.schedule, case.nights, case.episodes, washout=case.washout)
    deciding = full.deciding
    if deciding is None or not deciding.final:
        return
    nights, episodes = _upto(case, deciding.date)
    marker = Night(case.schedule.last + dt.timedelta(days=1))  # the diary goes on, empty
    cut = analyze_experiment(case.schedule, [*nights, marker], episodes, washout=case.washout)
    whole, part = experiment_document(full), experiment_document(cut)
    for key in ("looks", "pairs_done", "after_answer"):  # these are about the later nights
        whole.pop(key), part.pop(key)
    assert part == whole


def _diary(schedule: Schedule, on: int, off: int) -> tuple[list[Night], list[Episode]]:
    nights = [Night(n.date) for n in schedule.nights]
    episodes = [
        e for n in schedule.nights for e in _episodes(n.date, on if n.arm is Arm.ON else off, 0)
    ]
    return nights, episodes


SCHEDULE = design_schedule(START, 7, 4, 11)


def test_a_cramp_after_midnight_counts_in_the_look_of_its_night() -> None:
    end = SCHEDULE.pair_end(1)
    nights = [Night(n.date) for n in SCHEDULE.nights if n.date <= end]
    arm = next(n.arm for n in SCHEDULE.nights if n.date == end)
    after_midnight = Episode(dt.datetime.combine(end + dt.timedelta(days=1), dt.time(1, 30)))
    at_noon = Episode(dt.datetime.combine(end + dt.timedelta(days=1), dt.time(12, 0)))
    look = analyze_experiment(SCHEDULE, nights, [after_midnight, at_noon]).looks[0]
    cramps = look.itt.cramps_on if arm is Arm.ON else look.itt.cramps_off
    assert cramps == 1  # the 01:30 cramp is the last night's; the noon one the next night's


def test_a_look_is_dated_the_pairs_last_night_even_when_it_was_not_logged() -> None:
    end = SCHEDULE.pair_end(1)
    nights = [Night(n.date) for n in SCHEDULE.nights if n.date <= end + dt.timedelta(days=1)]
    nights = [n for n in nights if n.date != end]
    result = analyze_experiment(SCHEDULE, nights, [])
    assert [lk.date for lk in result.looks] == [end]
    assert result.looks[0].nights == 2 * 7 - 1


def test_a_pair_the_diary_has_not_reached_has_no_look() -> None:
    nights, episodes = _diary(SCHEDULE, 0, 2)
    stop = SCHEDULE.pair_end(2) - dt.timedelta(days=3)  # the diary stops inside pair 2
    cut = analyze_experiment(
        SCHEDULE, [n for n in nights if n.date <= stop], [e for e in episodes if e.night <= stop]
    )
    assert [lk.pair for lk in cut.looks] == [1]
    assert cut.verdict in (Verdict.CONTINUE, Verdict.HELPS)


def test_a_schedule_that_starts_later_has_no_look_and_no_counts() -> None:
    later = design_schedule(START + dt.timedelta(days=60), 7, 4, 1)
    nights, episodes = _diary(SCHEDULE, 1, 2)  # every night before the schedule starts
    result = analyze_experiment(later, nights, episodes)
    assert result.looks == () and result.verdict is Verdict.CONTINUE and not result.final
    assert result.current.nights_on + result.current.nights_off == 0


def test_washout_nights_count_for_reaching_a_look_but_not_in_it() -> None:
    nights, episodes = _diary(SCHEDULE, 0, 2)
    plain = analyze_experiment(SCHEDULE, nights, episodes, washout=3)
    heavy = [
        *episodes,
        *(
            e
            for i, n in enumerate(SCHEDULE.nights)
            if i % 7 < 3  # the washout nights of each period
            for e in _episodes(n.date, 3, 1)
        ),
    ]
    more = analyze_experiment(SCHEDULE, nights, heavy, washout=3)
    assert [lk.to_json() for lk in more.looks] == [lk.to_json() for lk in plain.looks]
