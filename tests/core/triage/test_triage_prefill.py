"""Answers from the profile and the diary: used when present, unknown otherwise."""

from __future__ import annotations

import datetime as dt

from nightcramp.core.triage import DiaryCramp, answers_from_diary, answers_from_profile, assess

TODAY = dt.date(2026, 11, 22)


def test_profile_gives_age_pregnancy_conditions_and_medicines() -> None:
    profile = {
        "birth_year": 1950,
        "sex": "female",
        "pregnant": None,
        "conditions": ["kidney_disease", "unknown_condition"],
        "medications": ["Lasix"],
    }
    answers = answers_from_profile(profile, today=TODAY)
    assert answers == {
        "age": 76,
        "sex": "female",
        "kidney_disease": True,
        "medications": ["Lasix"],
    }
    assert "pregnant" not in answers  # unknown stays unknown


def test_explicit_answers_win_over_the_profile() -> None:
    answers = answers_from_profile(
        {"sex": "female", "answers": {"smoker": True}},
        today=TODAY,
        answers={"sex": "other", "smoker": False},
    )
    assert answers == {"sex": "other", "smoker": False}


def test_a_condition_from_the_profile_changes_the_result() -> None:
    base = dict.fromkeys(
        [
            "one_leg_swollen",
            "leg_red",
            "leg_warm",
            "calf_pain_or_tenderness_between_cramps",
            "short_of_breath",
            "chest_pain",
            "leg_cold_or_pale",
            "leg_numb_and_weak_suddenly",
            "saddle_numbness",
            "bladder_or_bowel_change",
            "dark_urine_after_cramp",
        ],
        False,
    )
    merged = answers_from_profile({"conditions": ["on_dialysis"]}, today=TODAY, answers=base)
    assert assess(merged).disposition.value == "routine"
    assert "chronic_kidney_disease" in assess(merged).consider


def test_diary_gives_frequency_and_broken_nights() -> None:
    cramps = [
        DiaryCramp(dt.date(2026, 11, d), woke_from_sleep=True, duration_min=2.0)
        for d in (2, 5, 9, 12, 15, 16, 19, 21)
    ] + [DiaryCramp(dt.date(2026, 11, 21), woke_from_sleep=False, duration_min=4.0)]
    answers = answers_from_diary(cramps, today=TODAY)
    assert answers == {
        "cramps_per_week": 2.2,
        "nights_sleep_disrupted_per_week": 2,
        "typical_duration_min": 2.0,
    }


def test_an_empty_diary_says_nothing() -> None:
    old = [DiaryCramp(dt.date(2025, 1, 1), woke_from_sleep=True)]
    assert answers_from_diary(old, today=TODAY) == {}
    assert answers_from_diary([], today=TODAY) == {}
