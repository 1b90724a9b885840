"""The bedtime routine: the wall calf stretch is 30 s x 3 per leg, then gentle foot moves."""

from __future__ import annotations

from nightcramp.core.plan.routine import load_routine


def test_the_routine_starts_with_30_second_calf_stretches_three_times_per_leg() -> None:
    steps = load_routine().steps
    assert [(s.id, s.hold_seconds, s.repeats) for s in steps[:2]] == [
        ("calf_left", 30, 3),
        ("calf_right", 30, 3),
    ]


def test_ankle_circles_and_toes_up_are_included_and_gentle() -> None:
    steps = {s.id: s for s in load_routine().steps}
    assert "ankle_circles" in steps
    assert "10 to 15 times" in steps["toes_up"].text
    assert "Stop if a cramp starts" in steps["toes_up"].text


def test_the_safety_line_comes_with_the_routine() -> None:
    assert "swollen, red or warm" in load_routine().safety


def test_total_time_counts_holds_and_rests() -> None:
    step = load_routine().steps[0]
    assert step.total_seconds == 3 * 30 + 2 * 10
