"""A person's triage history: save a result, list them, mark one seen to, and which one leads.

An `urgent` or `emergency` result stays open until the person says it was seen to. While a
result of the last `OPEN_DAYS` days is open, the most urgent open result leads (the plan, the
home page, the report and `nightcramp triage`), never a later, milder one: `leading_entry`
is the one place that decides it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.utils import timezone

from nightcramp.core.triage import Disposition, label_of
from nightcramp.store.triage.models import TriageRecord
from nightcramp.store.triage.services import assess_here

__all__ = [
    "OPEN_DAYS",
    "OPEN_DISPOSITIONS",
    "Source",
    "TriageEntry",
    "entry_of",
    "latest_record",
    "leading_entry",
    "leading_result",
    "medicines_named_in_check",
    "open_leading_result",
    "reminder_title",
    "resolve_result",
    "results_to_share",
    "save_assessment",
    "steps_elsewhere",
    "triage_history",
    "urgent_results",
]

OPEN_DAYS = 14
"""How long an open urgent or emergency result keeps leading (CONTRACT, "Triage answers")."""
OPEN_DISPOSITIONS = frozenset({Disposition.EMERGENCY, Disposition.URGENT})
"""Results that stay open until the person says they were seen to."""

Source = TriageRecord.Source


def reminder_title(at: dt.datetime, label: str) -> str:
    """The reminder's title of a result saved at `at` ("Your symptom check on 3 Dec 2026: See a
    doctor today"), its day in the site's time zone: one wording for every page and command."""
    from nightcramp.core.diary import date_text
    from nightcramp.core.triage.history_wording import load_history_wording

    local = timezone.localtime(at) if timezone.is_aware(at) else at
    title = load_history_wording().reminder.title
    return title.format(date=date_text(local.date()), label=label)


@dataclass(frozen=True)
class TriageEntry:
    """One saved result as the screens and commands show it."""

    id: int
    at: dt.datetime
    disposition: Disposition
    reasons: tuple[str, ...]
    consider: tuple[str, ...] = ()
    advice: str = ""
    headline: str = ""
    label: str = ""
    unanswered: tuple[str, ...] = ()
    resolved_at: dt.datetime | None = None
    source: str = Source.WEB
    answers: Mapping[str, object] = field(default_factory=dict)
    """The answers the result was given (vocabulary keys)."""

    @property
    def resolved(self) -> bool:
        """True once the person said it was seen to."""
        return self.resolved_at is not None

    @property
    def open(self) -> bool:
        """True for an urgent or emergency result not yet seen to."""
        return self.disposition in OPEN_DISPOSITIONS and not self.resolved

    def to_json(self) -> dict[str, object]:
        """The `nightcramp triage history --json` item."""
        return {
            "id": self.id,
            "at": _iso(self.at),
            "disposition": self.disposition.value,
            "reasons": list(self.reasons),
            "resolved": self.resolved,
            "open": self.open,
            "resolved_at": _iso(self.resolved_at) if self.resolved_at else None,
            "source": str(self.source),
        }

    def result_json(self) -> dict[str, object]:
        """The result as `nightcramp triage --json` gave it, with its `id`, `at` and state."""
        out: dict[str, object] = {
            "disposition": self.disposition.value,
            "reasons": list(self.reasons),
            "consider": list(self.consider),
            "advice": self.advice,
        }
        if self.unanswered:
            out["unanswered"] = list(self.unanswered)
        out.update(
            id=self.id,
            at=_iso(self.at),
            headline=self.headline,
            resolved=self.resolved,
            open=self.open,
        )
        return out


def _iso(moment: dt.datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _texts(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def entry_of(record: TriageRecord) -> TriageEntry:
    """The stored row as a TriageEntry (a headline saved before 0.2 is the disposition's)."""
    from nightcramp.core.triage import load_rules

    result: Mapping[str, object] = record.result if isinstance(record.result, dict) else {}
    disposition = Disposition(record.disposition)
    return TriageEntry(
        id=record.pk,
        at=record.created_at,
        disposition=disposition,
        reasons=_texts(result.get("reasons")),
        consider=_texts(result.get("consider")),
        advice=str(result.get("advice", "")),
        headline=record.headline or load_rules().headlines[disposition],
        label=str(result.get("label") or label_of({**result, "disposition": disposition.value})),
        unanswered=_texts(result.get("unanswered")),
        resolved_at=record.resolved_at,
        source=record.source,
        answers=dict(record.answers) if isinstance(record.answers, dict) else {},
    )


def save_assessment(
    user: User, answers: Mapping[str, object], *, source: str = Source.WEB
) -> TriageRecord:
    """Assess clean answers and save them with the result; return the saved record."""
    result = assess_here(answers)
    stored = {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}
    return TriageRecord.objects.create(
        user=user,
        answers=stored,
        disposition=result.disposition.value,
        # The contract's document, and this result's own label (an incomplete safety screen
        # has its own, never "mention it at your next check-up").
        result={**result.to_json(), "label": result.label},
        headline=result.headline,
        source=Source(source),
    )


def latest_record(user: User) -> TriageRecord | None:
    """The user's latest saved triage result, or None (its answers feed the plan)."""
    return TriageRecord.objects.filter(user=user).first()


def medicines_named_in_check(user: User) -> tuple[list[str], dt.date | None]:
    """The medicines named by the latest symptom check that answered the medicines question,
    each once ("none" and the like left out), and that check's day; ([], None) when no check
    answered it. A later check that did not ask leaves them standing: unknown is not "none"."""
    from django.utils import timezone

    from nightcramp.core.meds.names import means_no_medicine

    for record in TriageRecord.objects.filter(user=user).only("answers", "created_at"):
        given = record.answers.get("medications") if isinstance(record.answers, dict) else None
        if isinstance(given, list):
            names = [n.strip() for n in given if isinstance(n, str) and n.strip()]
            kept = list(dict.fromkeys(n for n in names if not means_no_medicine(n)))
            return kept, timezone.localdate(record.created_at)
    return [], None


def triage_history(user: User) -> list[TriageEntry]:
    """Every saved result of `user`, newest first."""
    return [entry_of(r) for r in TriageRecord.objects.filter(user=user)]


def resolve_result(user: User, result_id: int, *, now: dt.datetime) -> TriageEntry | None:
    """Mark `user`'s result `result_id` seen to at `now` (kept if already marked).

    Returns the entry, or None when `user` has no result with that id.
    """
    record = TriageRecord.objects.filter(user=user, pk=result_id).first()
    if record is None:
        return None
    if record.resolved_at is None:
        record.resolved_at = now
        record.save(update_fields=["resolved_at"])
    return entry_of(record)


def leading_entry(entries: Iterable[TriageEntry], *, now: dt.datetime) -> TriageEntry | None:
    """The result that leads: the most urgent open one of the last OPEN_DAYS days (the later
    of two equally urgent); with none open, the latest result unless it is an urgent or
    emergency one (seen to, or older than OPEN_DAYS days) or was marked seen to; else None.
    """
    known = list(entries)
    since = now - dt.timedelta(days=OPEN_DAYS)
    recent_open = [e for e in known if e.open and e.at >= since]
    if recent_open:
        return max(recent_open, key=lambda e: (e.disposition.urgency, e.at, e.id))
    latest = max(known, key=lambda e: (e.at, e.id), default=None)
    if latest is None or latest.resolved or latest.disposition in OPEN_DISPOSITIONS:
        return None
    return latest


def results_to_share(user: User, *, now: dt.datetime) -> list[TriageRecord]:
    """`user`'s open urgent and emergency results of the last OPEN_DAYS days and the latest
    result, each once, oldest first: the results that can lead (`leading_result`), and those
    an export carries."""
    since = now - dt.timedelta(days=OPEN_DAYS)
    rows = TriageRecord.objects.filter(user=user)
    found = {
        r.pk: r
        for r in rows.filter(
            created_at__gte=since,
            resolved_at__isnull=True,
            disposition__in=[d.value for d in OPEN_DISPOSITIONS],
        )
    }
    latest = rows.first()
    if latest is not None:
        found[latest.pk] = latest
    return sorted(found.values(), key=lambda r: (r.created_at, r.pk))


def leading_result(user: User, *, now: dt.datetime) -> TriageEntry | None:
    """`leading_entry` over `user`'s saved results."""
    return leading_entry([entry_of(r) for r in results_to_share(user, now=now)], now=now)


def open_leading_result(user: User, *, now: dt.datetime) -> TriageEntry | None:
    """`leading_result` when it is open (urgent or emergency, not seen to), else None."""
    leading = leading_result(user, now=now)
    return leading if leading is not None and leading.open else None


def urgent_results(user: User, *, since: dt.date | None, until: dt.date) -> list[TriageEntry]:
    """`user`'s urgent and emergency results from `since` (or the first) to `until`, local
    dates inclusive, oldest first (for the report)."""
    rows = TriageRecord.objects.filter(
        user=user, disposition__in=[d.value for d in OPEN_DISPOSITIONS]
    )
    entries = [entry_of(r) for r in rows.order_by("created_at", "id")]
    return [e for e in entries if _within(timezone.localdate(e.at), since, until)]


def _within(day: dt.date, since: dt.date | None, until: dt.date) -> bool:
    return (since is None or day >= since) and day <= until


def steps_elsewhere(entry: TriageEntry) -> str:
    """On Cramp now, after the open result `entry`: "If this cramp is in the leg your symptom
    check was about, do not stretch, rub or warm it ..." when a rule behind it rules that out
    (`hands_off_leg`), else "". Decided from the result's own answers, so the line always
    speaks of the result shown beside it."""
    from nightcramp.core.triage import assess
    from nightcramp.core.triage.history_wording import load_history_wording

    if not assess(dict(entry.answers)).hands_off_leg:
        return ""
    return load_history_wording().reminder.steps_elsewhere
