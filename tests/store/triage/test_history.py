"""The triage history: saved results, "seen to", and which result leads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from nightcramp.core.triage import Disposition
from nightcramp.store.triage.history import (
    OPEN_DAYS,
    Source,
    TriageEntry,
    leading_entry,
    leading_result,
    resolve_result,
    save_assessment,
    triage_history,
    urgent_results,
)
from nightcramp.store.triage.models import TriageRecord

NOW = dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC)
URGENT: dict[str, object] = {
    "pregnant": True,
    "one_leg_swollen": True,
}  # pregnant, swollen calf: see a doctor today
EMERGENCY: dict[str, object] = {"short_of_breath": True}


def _entry(id_: int, disposition: str, days_ago: float, *, resolved: bool = False) -> TriageEntry:
    at = NOW - dt.timedelta(days=days_ago)
    return TriageEntry(
        id=id_,
        at=at,
        disposition=Disposition(disposition),
        reasons=(),
        resolved_at=at + dt.timedelta(hours=1) if resolved else None,
    )


def _saved(user: User, answers: dict[str, object], days_ago: float) -> TriageRecord:
    """Save a result as if it had been answered `days_ago` days before NOW."""
    record = save_assessment(user, answers)
    record.created_at = NOW - dt.timedelta(days=days_ago)
    record.save(update_fields=["created_at"])
    return record


# ---- the rule, value in, value out -----------------------------------------------------------


def test_a_later_milder_result_never_overrides_an_open_urgent_one() -> None:
    urgent, all_clear = _entry(1, "urgent", 3), _entry(2, "self_care", 1)
    assert leading_entry([all_clear, urgent], now=NOW) == urgent


def test_the_most_urgent_open_result_leads_even_when_older() -> None:
    emergency, urgent = _entry(1, "emergency", 5), _entry(2, "urgent", 2)
    assert leading_entry([urgent, emergency], now=NOW) == emergency


def test_of_two_equally_urgent_open_results_the_later_leads() -> None:
    older, newer = _entry(1, "urgent", 5), _entry(2, "urgent", 2)
    assert leading_entry([older, newer], now=NOW) == newer


def test_a_result_seen_to_no_longer_leads_and_the_latest_milder_one_does() -> None:
    urgent, routine = _entry(1, "urgent", 3, resolved=True), _entry(2, "routine", 1)
    assert leading_entry([urgent, routine], now=NOW) == routine


def test_an_open_result_older_than_the_window_stops_leading() -> None:
    old = _entry(1, "urgent", OPEN_DAYS + 1)
    soon = _entry(2, "soon", OPEN_DAYS + 2)
    assert leading_entry([old], now=NOW) is None
    assert leading_entry([old, soon], now=NOW) is None  # the latest is the old urgent one
    assert leading_entry([_entry(1, "urgent", OPEN_DAYS - 0.5)], now=NOW) is not None


def test_the_latest_urgent_result_seen_to_leads_nothing() -> None:
    assert (
        leading_entry([_entry(1, "soon", 9), _entry(2, "urgent", 2, resolved=True)], now=NOW)
        is None
    )


def test_a_milder_latest_result_marked_seen_to_leads_nothing() -> None:
    assert leading_entry([_entry(1, "soon", 2, resolved=True)], now=NOW) is None


def test_with_nothing_open_the_latest_result_leads() -> None:
    soon, routine = _entry(1, "soon", 9), _entry(2, "routine", 2)
    assert leading_entry([soon, routine], now=NOW) == routine
    assert leading_entry([], now=NOW) is None


def test_only_urgent_and_emergency_results_are_open() -> None:
    opened = {d: _entry(1, d, 1).open for d in ("emergency", "urgent", "soon", "routine")}
    assert opened == {"emergency": True, "urgent": True, "soon": False, "routine": False}
    assert not _entry(1, "urgent", 1, resolved=True).open


# ---- the records -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_saved_result_keeps_its_answers_headline_and_where_it_came_from(alice: User) -> None:
    record = save_assessment(alice, URGENT, source=Source.TERMINAL)
    entry = triage_history(alice)[0]
    assert record.answers == URGENT
    assert entry.disposition is Disposition.URGENT and entry.open
    assert entry.headline and entry.headline in entry.advice
    assert entry.source == "terminal"
    item = entry.to_json()
    assert {k: item[k] for k in ("id", "disposition", "resolved", "open")} == {
        "id": record.pk,
        "disposition": "urgent",
        "resolved": False,
        "open": True,
    }
    assert dt.datetime.fromisoformat(str(item["at"])) == record.created_at.replace(microsecond=0)
    reasons = item["reasons"]
    assert isinstance(reasons, list) and reasons and all(isinstance(r, str) for r in reasons)


@pytest.mark.django_db
def test_history_is_newest_first_and_private(alice: User, bob: User) -> None:
    first = _saved(alice, URGENT, 3)
    second = _saved(alice, {}, 1)
    _saved(bob, EMERGENCY, 2)
    assert [e.id for e in triage_history(alice)] == [second.pk, first.pk]


@pytest.mark.django_db
def test_resolving_marks_it_seen_once_and_only_for_its_owner(alice: User, bob: User) -> None:
    record = _saved(alice, URGENT, 2)
    assert resolve_result(bob, record.pk, now=NOW) is None
    assert triage_history(alice)[0].open
    seen = resolve_result(alice, record.pk, now=NOW)
    assert seen is not None and seen.resolved and not seen.open
    again = resolve_result(alice, record.pk, now=NOW + dt.timedelta(days=1))
    assert again is not None and again.resolved_at == NOW
    assert resolve_result(alice, record.pk + 1000, now=NOW) is None


@pytest.mark.django_db
def test_the_bug_of_issue_11_a_later_all_clear_leaves_the_urgent_result_leading(
    alice: User,
) -> None:
    urgent = _saved(alice, URGENT, 3)
    _saved(alice, {"cramps_per_week": 1}, 1)
    leading = leading_result(alice, now=NOW)
    assert leading is not None and leading.id == urgent.pk
    resolve_result(alice, urgent.pk, now=NOW)
    after = leading_result(alice, now=NOW)
    assert after is None or after.id != urgent.pk


@pytest.mark.django_db
def test_leading_result_is_per_person(alice: User, bob: User) -> None:
    _saved(bob, EMERGENCY, 1)
    assert leading_result(alice, now=NOW) is None


@pytest.mark.django_db
def test_the_window_is_counted_from_now(alice: User) -> None:
    urgent = _saved(alice, URGENT, OPEN_DAYS - 1)
    _saved(alice, {}, OPEN_DAYS - 2)
    leading = leading_result(alice, now=NOW)
    assert leading is not None and leading.id == urgent.pk
    later = leading_result(alice, now=NOW + dt.timedelta(days=2))
    assert later is None or later.id != urgent.pk


@pytest.mark.django_db
def test_urgent_results_lists_urgent_and_emergency_of_the_period_oldest_first(
    alice: User, bob: User
) -> None:
    before = _saved(alice, EMERGENCY, 40)
    emergency = _saved(alice, EMERGENCY, 20)
    _saved(alice, {}, 15)
    urgent = _saved(alice, URGENT, 10)
    _saved(bob, URGENT, 10)
    since = (NOW - dt.timedelta(days=30)).date()
    listed = urgent_results(alice, since=since, until=NOW.date())
    assert [e.id for e in listed] == [emergency.pk, urgent.pk]
    everything = urgent_results(alice, since=None, until=NOW.date())
    assert [e.id for e in everything] == [before.pk, emergency.pk, urgent.pk]
    assert urgent_results(alice, since=None, until=(NOW - dt.timedelta(days=50)).date()) == []


@pytest.mark.django_db
def test_a_result_saved_before_headlines_were_kept_shows_its_dispositions_headline(
    alice: User,
) -> None:
    record = save_assessment(alice, URGENT)
    TriageRecord.objects.filter(pk=record.pk).update(headline="")
    assert triage_history(alice)[0].headline  # the rule book's headline for "urgent"


def test_the_reminder_title_names_the_local_day_of_the_result() -> None:
    import zoneinfo

    from nightcramp.store.triage.history import reminder_title

    late = dt.datetime(2026, 12, 3, 23, 30, tzinfo=dt.UTC)
    local = late.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE))
    title = reminder_title(late, "See a doctor today")
    assert title.endswith(": See a doctor today")
    assert f"{local.day} Dec 2026" in title
    assert reminder_title(dt.datetime(2026, 12, 3, 9, 0), "x").startswith(
        "Your symptom check on 3 Dec 2026"
    )


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        ({"one_leg_swollen": True}, True),  # a possible clot: do not massage, stretch or heat
        ({"leg_cold_or_pale": True}, True),  # no blood supply: do not rub or heat
        ({"cramp_now_over_10_min_not_easing": True}, True),
        ({"heart_racing_now_and_faint": True}, False),  # nothing about the leg
        ({"chest_pain": True}, False),
    ],
)
def test_cramp_now_turns_its_steps_away_only_from_a_leg_the_result_says_to_leave_alone(
    alice: User, answers: dict[str, object], said: bool
) -> None:
    from nightcramp.store.triage.history import entry_of, steps_elsewhere

    entry = entry_of(save_assessment(alice, answers))
    assert bool(steps_elsewhere(entry)) is said
    if said:
        assert "not even in step 1" in steps_elsewhere(entry)
