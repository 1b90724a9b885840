"""Simulated diaries stored for a person, for report tests."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from nightcramp.core.diary import Episode, Muscle, Relief, Side
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.nights import SaveMode, save_night

TZ = ZoneInfo("Europe/London")


def store_diary(user: User, *, nights: int, end: dt.date, seed: int = 7) -> tuple[int, int]:
    """Store `nights` nights ending at `end` (10% unlogged); return (logged, episodes).

    `end` must be at least two days ago: a cramp after midnight must not be in the future.
    """
    rnd = random.Random(seed)
    logged = episodes = 0
    for offset in range(nights):
        day = end - dt.timedelta(days=nights - 1 - offset)
        if rnd.random() < 0.1:
            continue
        save_night(
            user,
            day,
            {
                "alcohol_drinks": rnd.randint(0, 3),
                "bedtime_stretch": rnd.random() < 0.5,
                "water_glasses": rnd.randint(3, 9),
            },
            mode=SaveMode.REPLACE,
        )
        logged += 1
        if rnd.random() < 0.35:
            start = dt.datetime.combine(
                day + dt.timedelta(days=1), dt.time(rnd.randint(0, 5), rnd.randint(0, 59))
            )
            log_episode(
                user,
                Episode(
                    started_at=start.replace(tzinfo=TZ),
                    muscle=rnd.choice([Muscle.CALF, Muscle.CALF, Muscle.FOOT]),
                    side=rnd.choice(list(Side)),
                    duration_min=round(rnd.uniform(0.5, 8), 1),
                    severity=rnd.randint(2, 9),
                    relief=(Relief.STRETCH,),
                    relief_worked=Relief.STRETCH if rnd.random() < 0.7 else None,
                    woke_from_sleep=True,
                ),
            )
            episodes += 1
    return logged, episodes


# The reviewer's symptom check: a medicine worth mentioning, sleep broken 3 nights a week.
ROUTINE_ANSWERS: dict[str, object] = {
    "age": 71,
    "sex": "female",
    "high_blood_pressure": True,
    "medications": ["indapamide"],
    "new_medication_last_weeks": True,
    "started_statin_or_diuretic_recently": True,
    "cramps_per_week": 6,
    "nights_sleep_disrupted_per_week": 3,
    "typical_duration_min": 3,
    "one_leg_swollen": False,
    "leg_red": False,
    "leg_warm": False,
    "calf_pain_or_tenderness_between_cramps": False,
    "short_of_breath": False,
    "chest_pain": False,
    "leg_cold_or_pale": False,
    "leg_numb_and_weak_suddenly": False,
    "saddle_numbness": False,
    "bladder_or_bowel_change": False,
    "dark_urine_after_cramp": False,
}
_RELIEF_TRIED = [
    (Relief.STRETCH,),
    (Relief.STRETCH, Relief.MASSAGE),
    (Relief.WALK,),
    (Relief.STAND_ON_TOES,),
    (Relief.HEAT,),
]


def store_realistic_diary(user: User, *, end: dt.date, seed: int = 7) -> int:
    """Store a diary like the one a reviewer took to the report: 64 days ending at `end` with
    62 nights logged, about 22 cramps (two in the afternoon), five relief methods, four
    medicines and a symptom check with four reasons. Return the number of cramps stored.

    `end` must be at least two days ago. A running experiment is the caller's to add.
    """
    from nightcramp.core.triage.vocabulary import QuestionType, load_vocabulary
    from nightcramp.store.diary.models import Medication
    from nightcramp.store.triage.history import save_assessment

    rnd = random.Random(seed)
    days = [end - dt.timedelta(days=63 - i) for i in range(64)]
    missing = {days[5], days[41]}
    cramps = 0
    for index, day in enumerate(days):
        if day in missing:
            continue
        alcohol = rnd.choice([0, 0, 0, 1, 2, 3])
        stretch = rnd.random() < 0.5
        save_night(
            user,
            day,
            {
                "water_glasses": rnd.randint(3, 9),
                "alcohol_drinks": alcohol,
                "caffeine_drinks": rnd.randint(0, 4),
                "exercise_minutes": rnd.choice([0, 20, 30, 45, 60]),
                "standing_hours": rnd.choice([1, 2, 4, 6, 8]),
                "bedtime_stretch": stretch,
            },
            mode=SaveMode.REPLACE,
        )
        afternoon = index in {20, 47}  # a cramp at 15:xx belongs to that day's night
        if not afternoon and rnd.random() >= 0.22 + 0.1 * alcohol - (0.1 if stretch else 0):
            continue
        start = (
            dt.datetime.combine(day, dt.time(15, rnd.randint(0, 59)))
            if afternoon
            else dt.datetime.combine(
                day + dt.timedelta(days=1), dt.time(rnd.randint(1, 5), rnd.randint(0, 59))
            )
        )
        tried = rnd.choice(_RELIEF_TRIED)
        log_episode(
            user,
            Episode(
                started_at=start.replace(tzinfo=TZ),
                muscle=rnd.choice([Muscle.CALF] * 4 + [Muscle.FOOT, Muscle.THIGH_BACK]),
                side=rnd.choice(list(Side)),
                duration_min=rnd.choice([1, 2, 3, 5, 8]),
                severity=rnd.randint(4, 9),
                relief=tried,
                relief_worked=tried[0],
                woke_from_sleep=not afternoon,
            ),
        )
        cramps += 1
    for name, dose, started in (
        ("indapamide", "2.5 mg each morning", end - dt.timedelta(days=47)),
        ("atorvastatin", "40 mg at night", dt.date(2024, 3, 1)),
        ("Lasix", "", None),
        ("magnesium", "300 mg", end - dt.timedelta(days=35)),
    ):
        Medication.objects.create(user=user, name=name, dose=dose, started_on=started)
    # Every yes/no question answered "no" but the reviewer's: a complete safety screen.
    vocabulary = load_vocabulary().questions
    answers = {k: False for k, q in vocabulary.items() if q.type is QuestionType.BOOL}
    save_assessment(user, {**answers, **ROUTINE_ANSWERS})
    return cramps
