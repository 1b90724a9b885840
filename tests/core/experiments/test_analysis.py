"""Analysis of an experiment: looks at each pair's end, only earlier nights, and the verdicts."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nightcramp.core.diary import Episode, Night
from nightcramp.core.experiments.analysis import Verdict, analyze_experiment
from nightcramp.core.experiments.schedule import Arm, Schedule, ScheduledNight, design_schedule
from nightcramp.core.experiments.simulate import Person, simulate_experiment

START = dt.date(2027, 1, 4)
SCHEDULE = design_schedule(START, 7, 4, 11)


def diary(
    schedule: Schedule,
    counts: dict[Arm, int],
    skip: set[int] = frozenset(),  # type: ignore[assignment]
) -> tuple[list[Night], list[Episode]]:
    """Every night logged except `skip` (indexes); `counts[arm]` cramps on each night."""
    nights, episodes = [], []
    for i, n in enumerate(schedule.nights):
        if i in skip:
            continue
        nights.append(Night(n.date))
        at = dt.datetime.combine(n.date, dt.time(23, 30))
        episodes += [Episode(at + dt.timedelta(minutes=m)) for m in range(counts[n.arm])]
    return nights, episodes


def test_no_pair_finished_means_continue_and_not_final() -> None:
    nights, episodes = diary(SCHEDULE, {Arm.ON: 0, Arm.OFF: 1})
    result = analyze_experiment(
        SCHEDULE, nights[:10], [e for e in episodes if e.night < nights[10].date]
    )
    assert result.looks == ()
    assert result.current.nights_on + result.current.nights_off == 10
    assert result.verdict is Verdict.CONTINUE and not result.final


def test_a_clear_effect_stops_early_and_later_looks_stay_final() -> None:
    nights, episodes = diary(SCHEDULE, {Arm.ON: 0, Arm.OFF: 2})
    result = analyze_experiment(SCHEDULE, nights, episodes)
    assert [lk.date for lk in result.looks] == [SCHEDULE.pair_end(k) for k in range(1, 5)]
    first_final = next(i for i, lk in enumerate(result.looks) if lk.final)
    assert first_final < 3
    assert all(lk.final for lk in result.looks[first_final:])
    assert [lk.after_answer for lk in result.looks] == [i > first_final for i in range(4)]
    assert result.verdict is Verdict.HELPS and result.final
    ci = result.looks[first_final].interval()
    assert ci is not None and ci[1] < 1


def test_a_look_after_the_answer_makes_its_own_call_and_the_answer_stays() -> None:
    """Here `helps` comes at look 6 of 8; by look 8 the interval (0.13 to 1.9) includes 1."""
    schedule = design_schedule(dt.date(2025, 1, 6), 7, 8, 16)
    sim = simulate_experiment(schedule, Person(2, 0.5, 0.9, 0.1), 30016)
    result = analyze_experiment(sim.schedule, sim.nights, sim.episodes)
    answer = result.deciding
    assert answer is not None and answer.pair == 6 and answer.verdict is Verdict.HELPS
    assert not answer.after_answer
    later = result.looks[answer.pair :]
    assert [lk.pair for lk in later] == [7, 8]
    assert all(lk.final and lk.after_answer for lk in later)
    assert [lk.verdict for lk in later] == [Verdict.HELPS, Verdict.NO_CLEAR_EFFECT]
    ci = later[-1].interval()
    assert ci is not None and ci[0] < 1 < ci[1]
    assert result.verdict is Verdict.HELPS and result.final
    assert result.current == answer.itt


def test_a_look_after_the_answer_never_says_continue() -> None:
    nights, episodes = diary(SCHEDULE, {Arm.ON: 0, Arm.OFF: 2})
    answer = analyze_experiment(SCHEDULE, nights, episodes).deciding
    assert answer is not None and answer.pair < SCHEDULE.pairs
    # After the answer, the nights run even: the later looks' own numbers no longer cross.
    keep = [n for n in nights if n.date <= answer.date]
    kept = [e for e in episodes if e.night <= answer.date]
    even = [
        Episode(dt.datetime.combine(n.date, dt.time(23, 30)) + dt.timedelta(minutes=m))
        for n in SCHEDULE.nights
        if n.date > answer.date
        for m in range(3)
    ]
    later_nights = [Night(n.date) for n in SCHEDULE.nights if n.date > answer.date]
    result = analyze_experiment(SCHEDULE, [*keep, *later_nights], [*kept, *even])
    after = [lk for lk in result.looks if lk.after_answer]
    assert after and all(lk.final for lk in after)
    assert all(lk.verdict is not Verdict.CONTINUE for lk in after)
    for look in after:
        ci = look.interval()
        assert ci is not None
        crosses = ci[1] < 1 or ci[0] > 1
        assert crosses == (look.verdict is not Verdict.NO_CLEAR_EFFECT)
    assert result.verdict is Verdict.HELPS


def test_more_cramps_on_is_makes_worse() -> None:
    nights, episodes = diary(SCHEDULE, {Arm.ON: 3, Arm.OFF: 0})
    assert analyze_experiment(SCHEDULE, nights, episodes).verdict is Verdict.MAKES_WORSE


def test_the_end_of_the_schedule_is_always_final() -> None:
    nights, episodes = diary(SCHEDULE, {Arm.ON: 1, Arm.OFF: 1})
    result = analyze_experiment(SCHEDULE, nights, episodes)
    assert [lk.final for lk in result.looks] == [False, False, False, True]
    assert result.verdict is Verdict.NO_CLEAR_EFFECT


def test_too_few_logged_nights_is_not_enough_data() -> None:
    skip = {i for i, n in enumerate(SCHEDULE.nights) if n.arm is Arm.ON and i % 7 != 6}
    nights, episodes = diary(SCHEDULE, {Arm.ON: 1, Arm.OFF: 1}, skip)
    result = analyze_experiment(SCHEDULE, nights, episodes)
    assert result.verdict is Verdict.NOT_ENOUGH_DATA and result.final


def test_a_night_not_logged_is_missing_never_cramp_free() -> None:
    full = analyze_experiment(SCHEDULE, *diary(SCHEDULE, {Arm.ON: 0, Arm.OFF: 1}))
    gaps = analyze_experiment(SCHEDULE, *diary(SCHEDULE, {Arm.ON: 0, Arm.OFF: 1}, {20, 21}))
    assert full.looks[-1].nights - gaps.looks[-1].nights == 2
    assert full.looks[-1].itt.cramps_off - gaps.looks[-1].itt.cramps_off in (0, 1, 2)


def test_washout_nights_are_left_out() -> None:
    nights, episodes = diary(SCHEDULE, {Arm.ON: 0, Arm.OFF: 1})
    result = analyze_experiment(SCHEDULE, nights, episodes, washout=2)
    assert result.looks[-1].nights == 4 * 2 * 5


def test_nights_outside_the_schedule_are_ignored() -> None:
    nights, episodes = diary(SCHEDULE, {Arm.ON: 1, Arm.OFF: 1})
    before = SCHEDULE.first - dt.timedelta(days=3)
    extra_at = dt.datetime.combine(before, dt.time(23))
    more = analyze_experiment(
        SCHEDULE, [Night(before), *nights], [*episodes, Episode(extra_at), Episode(extra_at)]
    )
    assert more.looks == analyze_experiment(SCHEDULE, nights, episodes).looks


def test_per_protocol_leaves_out_nights_not_followed() -> None:
    marked = Schedule(
        tuple(
            ScheduledNight(n.date, n.arm, n.period, False if n.arm is Arm.ON and i % 2 else None)
            for i, n in enumerate(SCHEDULE.nights)
        )
    )
    nights, episodes = diary(SCHEDULE, {Arm.ON: 1, Arm.OFF: 1})
    look = analyze_experiment(marked, nights, episodes).looks[-1]
    assert look.per_protocol.nights_on < look.itt.nights_on
    assert look.per_protocol.nights_off == look.itt.nights_off


night_flags = st.lists(
    st.tuples(st.booleans(), st.integers(0, 3)), min_size=len(SCHEDULE.nights),
    max_size=len(SCHEDULE.nights),
)  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flags=night_flags)
def test_a_look_never_uses_later_nights(flags: list[tuple[bool, int]]) -> None:
    nights: list[Night] = []
    episodes: list[Episode] = []
    for n, (logged, count) in zip(SCHEDULE.nights, flags, strict=True):
        if logged:
            nights.append(Night(n.date))
            at = dt.datetime.combine(n.date, dt.time(22))
            episodes += [Episode(at + dt.timedelta(minutes=m)) for m in range(count)]
    later = Night(SCHEDULE.last + dt.timedelta(days=30))
    full = analyze_experiment(SCHEDULE, [*nights, later], episodes)
    for look in full.looks:
        cut = analyze_experiment(
            SCHEDULE,
            [*(n for n in nights if n.date <= look.date), later],
            [e for e in episodes if e.night <= look.date],
        )
        assert cut.looks[look.pair - 1].to_json() == look.to_json()


def test_false_calls_stay_rare_when_the_change_does_nothing() -> None:
    schedule = design_schedule(START, 7, 8, 3)
    runs = 150
    false_calls = 0
    for seed in range(runs):
        sim = simulate_experiment(schedule, Person(2, 1.0, adherence=0.9, unlogged=0.1), seed)
        verdict = analyze_experiment(sim.schedule, sim.nights, sim.episodes).verdict
        false_calls += verdict in (Verdict.HELPS, Verdict.MAKES_WORSE)
    # 5 % expected at most; 150 runs put 10 % beyond any plausible sampling error.
    assert false_calls / runs <= 0.10


def test_the_analysis_loads_neither_numpy_nor_scipy() -> None:
    # `nightcramp experiment analyze` must answer in under a second; these two cost a third.
    code = (
        "import sys\n"
        "import nightcramp.core.experiments.analysis as a\n"
        "from nightcramp.core.experiments.schedule import design_schedule\n"
        "import datetime as dt\n"
        "s = design_schedule(dt.date(2027, 1, 4), 7, 8, 3)\n"
        "a.analyze_experiment(s, [], [])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('numpy', 'scipy')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert out.strip() == "[]"


def test_from_files_a_pair_whose_last_night_is_not_logged_waits_for_a_later_night() -> None:
    last = len(SCHEDULE.nights) - 1
    nights, episodes = diary(SCHEDULE, {Arm.ON: 1, Arm.OFF: 1}, skip={last})
    result = analyze_experiment(SCHEDULE, nights, episodes)
    assert len(result.looks) == SCHEDULE.pairs - 1 and not result.final


def test_in_the_app_a_pair_that_is_over_gets_its_look_though_its_last_night_is_not_logged() -> None:
    last = len(SCHEDULE.nights) - 1
    nights, episodes = diary(SCHEDULE, {Arm.ON: 1, Arm.OFF: 1}, skip={last})
    before = analyze_experiment(SCHEDULE, nights, episodes, through=SCHEDULE.last - dt.timedelta(1))
    assert len(before.looks) == SCHEDULE.pairs - 1
    after = analyze_experiment(SCHEDULE, nights, episodes, through=SCHEDULE.last)
    assert len(after.looks) == SCHEDULE.pairs and after.final
    assert after.looks[-1].date == SCHEDULE.last


def test_in_the_app_the_night_still_going_on_is_left_out() -> None:
    nights, episodes = diary(SCHEDULE, {Arm.ON: 0, Arm.OFF: 0})
    tonight = SCHEDULE.pair_end(1)  # its check-in is in, its cramps may be still to come
    early = analyze_experiment(SCHEDULE, nights, episodes, through=tonight - dt.timedelta(1))
    assert early.looks == ()
    cramp = Episode(dt.datetime.combine(tonight, dt.time(23, 30)))
    later = analyze_experiment(SCHEDULE, nights, [*episodes, cramp], through=tonight)
    assert (
        later.looks[0].date == tonight
        and later.looks[0].itt.cramps_on + (later.looks[0].itt.cramps_off) == 1
    )
    assert early.current.cramps_on + early.current.cramps_off == 0
