"""Maps a user's stored records to the plan's inputs, and ticks the bedtime stretch.

No advice is decided here: the core builds the plan; this module only gathers what is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Q

from nightcramp.core.errors import InputError
from nightcramp.core.plan import Plan, Profile, build_plan, parse_profile

__all__ = [
    "AdherenceNight",
    "adherence",
    "forget_tried",
    "latest_answers",
    "mark_bedtime_stretch",
    "plan_for_user",
    "save_tried",
    "stored_insights",
    "stored_profile",
    "stretch_hold",
    "tried_items",
]


def latest_answers(user: User, *, now: dt.datetime | None = None) -> Mapping[str, object]:
    """The answers the plan goes by: those of the user's latest saved triage, with every yes
    of an urgent or emergency result that still leads (open, not seen to) kept, whatever came
    later: the plan shows that result first ("do not stretch that leg"), and its items must
    not say otherwise. {} when nothing is saved."""
    from django.utils import timezone

    from nightcramp.store.triage.history import (
        latest_record,
        leading_result,
        medicines_named_in_check,
    )

    record = latest_record(user)
    answers = record.answers if record is not None and isinstance(record.answers, dict) else {}
    if not isinstance(answers.get("medications"), list):
        # The latest check did not ask: the medicines an earlier one named still count.
        named, day = medicines_named_in_check(user)
        if day is not None:
            answers = {**answers, "medications": named}
    leading = leading_result(user, now=now or timezone.now()) if record is not None else None
    if leading is None or not leading.open:
        return answers
    return {**answers, **{k: v for k, v in leading.answers.items() if v is True}}


def stored_profile(user: User, *, today: dt.date, now: dt.datetime | None = None) -> Profile:
    """The user's profile, current medicines and latest triage answers as a core Profile."""
    from nightcramp.store.diary.convert import profile_to_core
    from nightcramp.store.diary.models import Medication
    from nightcramp.store.diary.models import Profile as ProfileRow

    row = ProfileRow.objects.filter(user=user).first()
    medicines = (
        Medication.objects.filter(user=user)
        .filter(Q(stopped_on__isnull=True) | Q(stopped_on__gt=today))
        .order_by("name")
        .values_list("name", flat=True)
    )
    # Nothing stored is unknown, not "none": the keys are given only when something is listed.
    data: dict[str, object] = {"answers": latest_answers(user, now=now)}
    if medicines:
        data["medications"] = list(medicines)
    if row is not None:
        profile = profile_to_core(row)
        data.update(
            birth_year=profile.birth_year,
            sex=profile.sex,
            pregnant=profile.pregnant,
            pregnancy_weeks=profile.pregnancy_weeks,
            conditions=list(profile.conditions) or None,
        )
    try:
        return parse_profile(data)
    except InputError:
        # Stored values were checked when saved; if the triage answers no longer validate,
        # the plan is still built from the rest rather than failing.
        data["answers"] = {}
        return parse_profile(data)


def stretch_hold(user: User, *, today: dt.date, now: dt.datetime | None = None) -> tuple[str, ...]:
    """Why the bedtime stretch is ruled out for now (a leg that may have a clot, a cramp that
    does not ease: the plan's rules that make it not advised), or () when it is not. Every
    page that offers the stretch asks this, as the plan does."""
    from nightcramp.core.plan.build import rules_for
    from nightcramp.core.plan.content import Status

    profile = stored_profile(user, today=today, now=now)
    return tuple(
        r.caution
        for r in rules_for(profile, "bedtime_calf_stretch", today=today)
        if r.status is Status.NOT_ADVISED and r.caution
    )


def stored_insights(user: User) -> dict[str, object] | None:
    """The `analyze --json` document for the user's diary, or None with nothing logged."""
    from nightcramp.core.insights.analyze import analyze
    from nightcramp.store.diary.convert import load_diary

    nights, episodes = load_diary(user)
    if not nights:
        return None
    try:
        return analyze(nights, episodes).to_json()
    except InputError:
        return None


def tried_items(user: User) -> dict[str, bool | None]:
    """Item id -> what the person said after trying it (True helped, False did not, None unsure)."""
    from nightcramp.store.plan.models import PlanFeedback

    rows = PlanFeedback.objects.filter(user=user).values_list("item_id", "helped")
    return dict(rows)


def save_tried(user: User, item_id: str, helped: bool | None) -> None:
    """Store what the person said about an item they tried."""
    from nightcramp.store.plan.models import PlanFeedback

    PlanFeedback.objects.update_or_create(user=user, item_id=item_id, defaults={"helped": helped})


def forget_tried(user: User, item_id: str) -> None:
    """Remove what the person said about an item."""
    from nightcramp.store.plan.models import PlanFeedback

    PlanFeedback.objects.filter(user=user, item_id=item_id).delete()


def plan_for_user(
    user: User, *, today: dt.date, with_insights: bool = True, now: dt.datetime | None = None
) -> Plan:
    """The plan from everything stored for `user`: profile, diary, triage, what was tried.

    Its `triage` is the saved result that leads at `now` (default: the current time): the
    most urgent open one of the last 14 days, never a later, milder one (see
    `nightcramp.store.triage.history.leading_result`); absent when none leads or the one that
    leads is self-care. `triage_with_profile` is the latest answers completed by the stored
    profile, when that is more urgent; `check_first` a self-care result with something still
    to check. With no saved result it is the triage of no answers.
    """
    from django.utils import timezone

    from nightcramp.core.plan.build import above_self_care
    from nightcramp.store.triage.history import latest_record, leading_result
    from nightcramp.store.triage.services import assess_here

    insights = stored_insights(user) if with_insights else None
    plan = build_plan(
        stored_profile(user, today=today, now=now),
        insights=insights,
        tried=tried_items(user),
        today=today,
        assess=assess_here,
    )
    if latest_record(user) is None:
        return plan  # nothing saved: the triage of no answers asks for the safety questions
    leading = leading_result(user, now=now or timezone.now())
    saved = leading.result_json() if leading is not None else None
    # The profile may know what the saved answers left out (lithium, with vomiting in the
    # answers): that more urgent result leads too, as for `plan --profile`. Else a self-care
    # result with something still to check, as the profile completes it.
    return plan.leading(above_self_care(saved), plan.triage_with_profile, plan.check_first)


def mark_bedtime_stretch(user: User, night: dt.date) -> None:
    """Record bedtime_stretch = true on `night`, keeping every other factor of that night."""
    from nightcramp.store.diary.models import Night

    Night.objects.update_or_create(user=user, date=night, defaults={"bedtime_stretch": True})


@dataclass(frozen=True)
class AdherenceNight:
    """One night: did the stretch (None: not recorded) and had a cramp (None: not logged)."""

    date: dt.date
    stretched: bool | None
    cramp: bool | None


def adherence(user: User, *, today: dt.date, days: int = 28) -> list[AdherenceNight]:
    """The last `days` nights up to `today`, oldest first. A night not logged is unknown."""
    from nightcramp.store.diary.models import Episode, Night

    first = today - dt.timedelta(days=days - 1)
    logged = {
        row.date: row.bedtime_stretch
        for row in Night.objects.filter(user=user, date__gte=first, date__lte=today)
    }
    cramp_nights = set(
        Episode.objects.filter(user=user, night__gte=first, night__lte=today).values_list(
            "night", flat=True
        )
    )
    out = []
    for offset in range(days):
        night = first + dt.timedelta(days=offset)
        cramp = True if night in cramp_nights else (False if night in logged else None)
        out.append(AdherenceNight(night, logged.get(night), cramp))
    return out
