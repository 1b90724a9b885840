"""Start the questionnaire from what the profile, medicine list and diary already say."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from nightcramp.core.errors import InputError
from nightcramp.core.meds import might_cause_cramps, started_before_cramps
from nightcramp.core.triage import (
    DIARY_DAYS,
    DiaryCramp,
    answers_from_diary,
    answers_from_profile,
    validate_answers,
)
from nightcramp.core.triage.vocabulary import AnswerValue
from nightcramp.store.diary.models import Episode, Medication, Profile


def known_answers(user: User, today: dt.date) -> dict[str, AnswerValue]:
    """Answers taken from the person's records; anything unknown stays out."""
    profile: dict[str, object] = {}
    row = Profile.objects.filter(user=user).first()
    if row is not None:
        profile = {
            "birth_year": row.birth_year,
            "sex": row.sex,
            "pregnant": row.pregnant,
            "pregnancy_weeks": row.pregnancy_weeks,
            "conditions": list(row.conditions or []),
        }
        if row.smoker is not None:
            profile["answers"] = {"smoker": row.smoker}
    names = list(
        Medication.objects.filter(user=user, stopped_on__isnull=True).values_list("name", flat=True)
    )
    if names:
        profile["medications"] = names
    since = today - dt.timedelta(days=DIARY_DAYS)
    cramps = [
        DiaryCramp(night=e.night, woke_from_sleep=e.woke_from_sleep, duration_min=e.duration_min)
        for e in Episode.objects.filter(user=user, night__gt=since, night__lte=today)
    ]
    merged = {
        **answers_from_profile(profile, today=today),
        **answers_from_diary(cramps, today=today),
    }
    try:
        clean, _warnings = validate_answers(merged)
    except InputError:  # a stored value outside the vocabulary: ask instead of guessing
        return {}
    return clean


def medicines_before_cramps(user: User) -> list[str]:
    """Medicines that could play a part in cramps (`core.meds.might_cause_cramps`), started in
    the 12 weeks before the first logged cramp."""
    first = Episode.objects.filter(user=user).order_by("night").values_list("night", flat=True)
    began = first.first()
    if began is None:
        return []
    started = [
        (m.name, m.started_on)
        for m in Medication.objects.filter(user=user, started_on__isnull=False)
        if m.started_on is not None and might_cause_cramps(m.name)
    ]
    return started_before_cramps(started, began)


def medicines_started_lately(user: User, today: dt.date) -> list[tuple[str, dt.date]]:
    """`user`'s medicines started in the weeks before `today` that the symptom check asks about
    (`core.meds.started_before_cramps`), with their start dates, oldest first."""
    dated = Medication.objects.filter(user=user, started_on__isnull=False).order_by("id")
    started = {m.name: m.started_on for m in dated if m.started_on is not None}
    return [(name, started[name]) for name in started_before_cramps(started, today)]
