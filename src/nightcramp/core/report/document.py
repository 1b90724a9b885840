"""What goes on the doctor report: a plain value built from the diary and earlier results.

Drawing (HTML, PDF, charts) happens elsewhere; this module only decides the content.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from nightcramp.core.diary import Episode, Muscle, Night, Relief, Side, date_text
from nightcramp.core.diary_summary import summarize
from nightcramp.core.insights.relief import minutes_text
from nightcramp.core.insights.relief_evidence import relief_evidence
from nightcramp.core.insights.wording import label as factor_label
from nightcramp.core.insights.wording import relief_label
from nightcramp.core.knowledge.schema import Sentence
from nightcramp.core.knowledge.sources import load_sources
from nightcramp.core.meds.names import CrampLink
from nightcramp.core.report.wording import load_report_wording
from nightcramp.core.triage.unanswered import split_reasons
from nightcramp.core.triage.vocabulary import load_vocabulary

__all__ = [
    "MedicationLine",
    "ReportDocument",
    "ReportInput",
    "TriageSummary",
    "build_report",
    "clinician_reasons",
    "weekly_cramp_nights",
]

_LINKED = {"established", "reported", "indirect", "treatment"}
LONG_CRAMP_MINUTES = 10
"""A cramp lasting longer needs a doctor the same day when it does not ease (NHS; EVIDENCE.md
§4): the report counts them for the clinician."""
_CONDITIONS_SHOWN = 3
"""Conditions a symptom check could not rule out, named in the report; the rest are counted."""
_NEEDS_A_DOCTOR = {"emergency", "urgent", "soon"}
_MUSCLE_WORDS = {
    Muscle.CALF: "calf",
    Muscle.FOOT: "foot",
    Muscle.THIGH_BACK: "back of thigh",
    Muscle.THIGH_FRONT: "front of thigh",
    Muscle.OTHER: "other",
}


@dataclass(frozen=True)
class MedicationLine:
    """One medicine as the report shows it."""

    name: str
    generic: str | None = None
    drug_class: str | None = None
    cramp_link: str | None = None
    dose: str = ""
    started_on: dt.date | None = None
    stopped_on: dt.date | None = None
    named_on: dt.date | None = None
    """Not in the medicines list: the day of the symptom check whose answers named it."""

    @property
    def linked(self) -> bool:
        return self.cramp_link in _LINKED


@dataclass(frozen=True)
class TriageSummary:
    """A saved triage result: when, the disposition, its reasons, and when it was seen to."""

    answered_at: dt.datetime
    disposition: str
    reasons: Sequence[str] = ()
    consider: Sequence[str] = ()
    resolved_at: dt.datetime | None = None
    answers: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportInput:
    """Everything the report draws on; `analysis` is the `analyze --json` document."""

    nights: Sequence[Night]
    episodes: Sequence[Episode]
    today: dt.date
    since: dt.date | None = None
    person: str = ""
    birth_year: int | None = None
    sex: str | None = None
    pregnant: bool | None = None
    pregnancy_weeks: int | None = None
    conditions: Sequence[str] = ()
    medications: Sequence[MedicationLine] = ()
    triage: TriageSummary | None = None
    analysis: Mapping[str, object] | None = None
    urgent_triage: Sequence[TriageSummary] = ()  # every urgent or emergency result of the period
    experiment: Mapping[str, object] | None = None  # a self-experiment's result page, if any


@dataclass(frozen=True)
class ReportDocument:
    """The report's content, section by section."""

    title: str
    person: str
    about: list[str]
    period_start: dt.date | None
    period_end: dt.date
    days_in_period: int
    nights_logged: int
    nights_missing: int
    cramp_nights: int
    episodes: int
    cramp_nights_per_week: float | None
    weekly: list[tuple[dt.date, int, int]]
    hours: list[int]
    muscles: list[tuple[str, int]]
    sides: list[tuple[str, int]]
    severity_median: float | None
    duration_median: float | None
    woke_share: float | None
    triggers: list[Mapping[str, object]]
    relief: list[Mapping[str, object]]
    medications: list[dict[str, str]]
    triage: TriageSummary | None
    tried: list[str]
    questions: list[str]
    notes: list[str] = field(default_factory=list)
    # The leading result's reasons the answers gave (red flags), and one line for the safety
    # questions left unanswered; the patient-facing "Please answer: …" list stays in the app.
    triage_reasons: list[str] = field(default_factory=list)
    triage_unanswered: str = ""
    triage_answers: str = ""  # the yes/no answers behind a result that needs a doctor
    urgent_triage: list[TriageSummary] = field(default_factory=list)
    experiment: Mapping[str, object] | None = None
    made_on: dt.date | None = None  # the day the report was made (its footer says so)
    trend: str = ""  # the last 4 weeks against the 4 before, in counts
    long_cramps: int = 0  # cramps logged as lasting more than LONG_CRAMP_MINUTES
    factors_tested: int = 0  # diary factors with enough data to be tested
    moved_together: list[list[str]] = field(default_factory=list)  # factors it cannot tell apart
    question_sources: list[tuple[int, ...]] = field(default_factory=list)  # per question
    sources: list[str] = field(default_factory=list)  # the citations those numbers refer to


def _night_dates(
    nights: Sequence[Night], episodes: Sequence[Episode]
) -> tuple[set[dt.date], set[dt.date]]:
    """The nights with a cramp, and the nights logged (an evening entry or a cramp)."""
    cramp_dates = {e.night for e in episodes}
    return cramp_dates, {n.date for n in nights} | cramp_dates


def weekly_cramp_nights(
    nights: Sequence[Night], episodes: Sequence[Episode], start: dt.date, end: dt.date
) -> list[tuple[dt.date, int, int]]:
    """Return (week start, cramp nights, logged nights) for each week from `start` to `end`."""
    cramp_dates, logged = _night_dates(nights, episodes)
    weeks: list[tuple[dt.date, int, int]] = []
    week = start - dt.timedelta(days=start.weekday())
    while week <= end:
        days = [week + dt.timedelta(days=i) for i in range(7)]
        days = [d for d in days if start <= d <= end]
        weeks.append((week, sum(d in cramp_dates for d in days), sum(d in logged for d in days)))
        week += dt.timedelta(days=7)
    return weeks


# Each window of the trend line, and the logged nights each needs before it is said.
_TREND_DAYS = 28
_TREND_MIN_LOGGED = 7


def _trend(nights: Sequence[Night], episodes: Sequence[Episode], end: dt.date) -> str:
    """The last 4 weeks against the 4 weeks before, as counts of cramp nights among logged
    nights (a clinician reads the direction; no rate is claimed); "" with too few nights."""
    cramp_dates, logged = _night_dates(nights, episodes)
    windows = []
    for back in (0, 1):
        last = end - dt.timedelta(days=back * _TREND_DAYS)
        days = {last - dt.timedelta(days=i) for i in range(_TREND_DAYS)}
        windows.append((len(days & cramp_dates), len(days & logged)))
    (recent, recent_logged), (before, before_logged) = windows
    if min(recent_logged, before_logged) < _TREND_MIN_LOGGED:
        return ""
    return load_report_wording().trend.format(
        end=date_text(end),
        recent=recent,
        recent_logged=recent_logged,
        before=before,
        before_logged=before_logged,
    )


def _about(data: ReportInput) -> list[str]:
    words = load_report_wording().about
    lines: list[str] = []
    if data.birth_year:
        lines.append(words.age.format(age=data.today.year - data.birth_year))
    if data.sex:
        lines.append(words.sex.format(sex=data.sex))
    if data.pregnant and data.pregnancy_weeks:
        lines.append(words.pregnant_weeks.format(weeks=data.pregnancy_weeks))
    elif data.pregnant:
        lines.append(words.pregnant)
    if data.conditions:
        conditions = ", ".join(c.replace("_", " ") for c in data.conditions)
        lines.append(words.conditions.format(conditions=conditions))
    return lines


def _listed_order(med: MedicationLine) -> tuple[bool, int]:
    """Where a medicine goes in the table (smallest first): those that may cause cramps, by
    the strength of their link, then a treatment for them (quinine), then the rest."""
    try:
        link = CrampLink(med.cramp_link or "")
    except ValueError:
        return True, 0
    return not link.may_cause, -link.rank


def _medication_rows(
    data: ReportInput, first_cramp: dt.date | None, diary_start: dt.date | None
) -> list[dict[str, str]]:
    words = load_report_wording().medicine_timing
    rows: list[dict[str, str]] = []
    # Medicines linked to cramps first, the strongest link first: they are what the
    # clinician needs to see.
    for med in sorted(data.medications, key=lambda m: (not m.linked, *_listed_order(m))):
        when = ""
        # "Started 3 weeks before the first logged cramp" says something only when the diary
        # was kept before the medicine started; otherwise the first logged cramp is merely
        # the diary's first page.
        if med.started_on and first_cramp and diary_start and diary_start < med.started_on:
            gap = (first_cramp - med.started_on).days
            if 0 <= gap <= 84:
                weeks = gap // 7
                when = (
                    words.under_a_week_before
                    if weeks == 0
                    else words.a_week_before
                    if weeks == 1
                    else words.weeks_before.format(weeks=weeks)
                )
            elif gap < 0:
                when = words.after_cramps
            else:
                when = words.started.format(date=date_text(med.started_on))
        elif med.started_on:
            when = words.started.format(date=date_text(med.started_on))
        if med.stopped_on:
            stopped = words.stopped.format(date=date_text(med.stopped_on))
            when = f"{when}; {stopped}" if when else stopped
        if med.named_on:
            when = words.named_in_check.format(date=date_text(med.named_on))
        rows.append(
            {
                "name": med.name,
                "generic": med.generic or "",
                "class": (med.drug_class or "").replace("_", " "),
                "link": med.cramp_link or "unknown",
                "flag": "yes" if med.linked else "",
                "dose": med.dose,
                "when": when,
            }
        )
    return rows


def _triage_lines(triage: TriageSummary | None) -> tuple[list[str], str]:
    return ([], "") if triage is None else clinician_reasons(triage.reasons)


def clinician_reasons(reasons: Sequence[str]) -> tuple[list[str], str]:
    """A result's reasons as the clinician reads them: those the answers gave, and "18 safety
    questions were not answered, so the app could not rule out: …" (each condition once) when
    some were left unanswered, in place of the questions put to the person."""
    split = split_reasons(reasons)
    if not split.not_ruled_out:
        return split.why, ""
    words = load_report_wording().triage
    shown = split.conditions[:_CONDITIONS_SHOWN]
    rest = len(split.conditions) - len(shown)
    conditions = "; ".join(shown + ([words.more.format(count=rest)] if rest else []))
    line = (
        words.unanswered_one.format(conditions=conditions)
        if split.asked == 1
        else words.unanswered.format(count=split.asked, conditions=conditions)
    )
    return split.why, line


def _answers_behind(triage: TriageSummary | None) -> str:
    """For a result that needs a doctor: the yes/no answers of each group of questions in which
    something was answered yes ("one leg swollen: yes; leg red: no; ..."), in the
    questionnaire's order, so the clinician sees what was said, not only what it could mean."""
    if triage is None or triage.disposition not in _NEEDS_A_DOCTOR:
        return ""
    said = triage.answers
    parts: list[str] = []
    for screen in load_vocabulary().screens:
        yes_no = [k for k in screen.keys if isinstance(said.get(k), bool)]
        if any(said[k] is True for k in yes_no):
            parts += [f"{k.replace('_', ' ')}: {'yes' if said[k] else 'no'}" for k in yes_no]
    return "; ".join(parts)


def _factor_docs(analysis: Mapping[str, object] | None) -> list[Mapping[str, object]]:
    """The factor documents of an `analyze --json` document (none when it has none)."""
    factors = analysis.get("factors") if analysis else None
    return [f for f in factors if isinstance(f, Mapping)] if isinstance(factors, list) else []


def _term(doc: Mapping[str, object]) -> tuple[str, int]:
    """A factor document's factor and lag in days."""
    return str(doc.get("factor")), int(str(doc.get("lag_days") or 0))


def _factors_tested(analysis: Mapping[str, object] | None) -> int:
    """How many of the diary's factors had the data to be tested (each once, lags aside)."""
    return len(
        {
            f.get("factor")
            for f in _factor_docs(analysis)
            if f.get("verdict") not in (None, "not_enough_data")
        }
    )


def _moved_together(analysis: Mapping[str, object] | None) -> list[list[str]]:
    """Groups of factors (everyday names) that went up and down together in the diary with no
    clear link for any of them: the diary cannot tell them apart, which "no factor stood out"
    alone would hide. Each group once, its factors in the analysis' order."""
    factors = _factor_docs(analysis)
    groups: list[set[tuple[str, int]]] = []
    for f in factors:
        partners = f.get("moved_with")
        if f.get("verdict") != "no_clear_effect" or not isinstance(partners, list):
            continue
        group = {_term(f)} | {_term(p) for p in partners if isinstance(p, Mapping)}
        if len(group) < 2:
            continue
        for known in [g for g in groups if g & group]:
            group |= known
            groups.remove(known)
        groups.append(group)
    place: dict[tuple[str, int], int] = {}
    for i, f in enumerate(factors):
        place.setdefault(_term(f), i)
    return [
        [factor_label(name, lag) for name, lag in sorted(g, key=lambda k: place.get(k, 0))]
        for g in sorted(groups, key=lambda g: min(place.get(k, 0) for k in g))
    ]


def _factor_findings(analysis: Mapping[str, object] | None) -> list[Mapping[str, object]]:
    return [
        _named_finding(f)
        for f in _factor_docs(analysis)
        if f.get("verdict") in {"likely_trigger", "likely_protective"}
    ]


def _named_finding(finding: Mapping[str, object]) -> Mapping[str, object]:
    """The finding with `name`: the factor's everyday name, as on the analysis page ("alcohol
    the day before" for a lagged one)."""
    name = factor_label(*_term(finding))
    # A factor left out as always going with this one shares the finding: "hard exercise
    # (always together with heavy sweating)", never one of them alone.
    twins = finding.get("moved_with")
    together = [
        factor_label(*_term(t))
        for t in (twins if isinstance(twins, list) else [])
        if isinstance(t, Mapping)
    ]
    if together:
        name += f" (always together with {' and '.join(together)})"
    return {**finding, "name": name}


_RELIEF_IDS = frozenset(r.value for r in Relief)


def _relief(analysis: Mapping[str, object] | None) -> list[Mapping[str, object]]:
    """The four best advised methods, then every method the evidence rules out (graded X),
    each with its warning: a ruled-out method is never listed as a top recommendation.

    Each row keeps its `relief` id and gains `name`, the method's everyday name from the
    content (the same words as the analysis page)."""
    if not analysis:
        return []
    relief = analysis.get("relief")
    if not isinstance(relief, list):
        return []
    graded = relief_evidence()
    advised: list[Mapping[str, object]] = []
    ruled_out: list[Mapping[str, object]] = []
    for row in relief:
        if not isinstance(row, Mapping):
            continue
        name = row.get("relief")
        known = graded.get(Relief(name)) if name in _RELIEF_IDS else None
        minutes = row.get("median_minutes")
        shown = {
            "name": relief_label(str(name)),
            "minutes_text": minutes_text(minutes) if isinstance(minutes, int | float) else None,
        }
        if known is not None and known.warning is not None:
            ruled_out.append({**row, **shown, "warning": known.warning})
        else:
            advised.append({**{k: v for k, v in row.items() if k != "warning"}, **shown})
    return advised[:4] + ruled_out


def _tested(experiment: Mapping[str, object] | None) -> tuple[str | None, str]:
    """The diary factor the report's self-experiment tested, and its verdict in words."""
    if not experiment or not isinstance(experiment.get("diary_factor"), str):
        return None, ""
    return str(experiment["diary_factor"]), str(experiment.get("verdict_words", ""))


def _tried(
    nights: Sequence[Night],
    episodes: Sequence[Episode],
    experiment: Mapping[str, object] | None = None,
) -> list[str]:
    from nightcramp.core.insights.contrast import MIN_LEVEL_NIGHTS  # numpy: only when built

    words = load_report_wording().tried
    tested, verdict = _tested(experiment)
    lines: list[str] = []
    cramp_dates = {e.night for e in episodes}
    for factor, label in (
        ("bedtime_stretch", words.bedtime_stretch),
        ("warm_bath", words.warm_bath),
    ):
        recorded = [n for n in nights if factor in n.factors]
        done = [n for n in recorded if n.factors[factor] is True]
        if not recorded:
            continue
        not_done = [n for n in recorded if n.factors[factor] is False]
        line = words.nights.format(label=label, done=len(done), recorded=len(recorded))
        # Cramp shares are compared only with enough nights on each side, by the rule the
        # analysis uses for a factor (a share of 2 nights in 6 is noise, not a pattern).
        if len(done) >= MIN_LEVEL_NIGHTS and len(not_done) >= MIN_LEVEL_NIGHTS:
            with_rate = sum(n.date in cramp_dates for n in done) / len(done)
            without = sum(n.date in cramp_dates for n in not_done) / len(not_done)
            comparison = words.comparison.format(
                with_rate=f"{with_rate:.0%}", without=f"{without:.0%}"
            )
            line = f"{line} {comparison}"
        if factor == tested and verdict:
            line = f"{line}. {words.self_test.format(verdict=verdict)}"
        lines.append(line)
    magnesium = [n for n in nights if isinstance(n.factors.get("magnesium_mg"), int | float)]
    taking = [n for n in magnesium if float(n.factors["magnesium_mg"]) > 0]
    if taking:
        line = words.magnesium.format(taking=len(taking), recorded=len(magnesium))
        if tested == "magnesium_mg" and verdict:
            line = f"{line}. {words.self_test.format(verdict=verdict)}"
        lines.append(line)
    return lines


def _questions(
    data: ReportInput,
    per_week: float | None,
    meds: list[dict[str, str]],
    findings: list[Mapping[str, object]],
) -> list[Sentence]:
    """The questions for the appointment, each with the sources of what it states."""
    asked = load_report_wording().questions
    questions: list[Sentence] = []
    if data.triage and data.triage.disposition in _NEEDS_A_DOCTOR:
        disposition = data.triage.disposition.replace("_", " ")
        questions.append(_filled(asked.triage, disposition=disposition))
    linked = [m["name"] for m in meds if m["flag"]]
    if linked:
        questions.append(_filled(asked.medicines, names=", ".join(linked)))
    if per_week is not None and per_week >= 3:
        questions.append(asked.blood_tests)
    if data.pregnant:
        questions.append(asked.pregnancy)
    if any(f.get("verdict") == "likely_trigger" for f in findings):
        questions.append(asked.trigger)
    magnesium = any(
        float(n.factors.get("magnesium_mg", 0) or 0) > 0
        for n in data.nights
        if isinstance(n.factors.get("magnesium_mg", 0), int | float)
    )
    if magnesium:
        questions.append(asked.magnesium)
    questions.append(asked.anything_else)
    return questions


def _filled(sentence: Sentence, **values: str) -> Sentence:
    return sentence.model_copy(update={"text": sentence.text.format(**values)})


def _cited(questions: list[Sentence]) -> tuple[list[tuple[int, ...]], list[str]]:
    """Each question's source numbers, and the citations they number (in order of first use)."""
    known = load_sources()
    order: list[str] = []
    numbers: list[tuple[int, ...]] = []
    for q in questions:
        for source in q.sources:
            if source not in order:
                order.append(source)
        numbers.append(tuple(order.index(s) + 1 for s in q.sources))
    return numbers, [known[s].citation for s in order]


def _title(person: str) -> str:
    words = load_report_wording()
    return words.title_for.format(person=person) if person else words.title


def build_report(data: ReportInput) -> ReportDocument:
    """Return the report's content for the period from `since` (or the first entry) to today."""
    nights = [n for n in data.nights if data.since is None or n.date >= data.since]
    episodes = [e for e in data.episodes if data.since is None or e.night >= data.since]
    summary = summarize(
        (n.date for n in data.nights), (e.night for e in data.episodes),
        today=data.today, since=data.since,
    )  # fmt: skip
    start, end = summary.first, summary.last or data.today
    per_week = summary.cramp_nights_per_week
    severities = [e.severity for e in episodes if e.severity is not None]
    durations = [e.duration_min for e in episodes if e.duration_min is not None]
    woke = [e.woke_from_sleep for e in episodes if e.woke_from_sleep is not None]
    first_cramp = min((e.night for e in data.episodes), default=None)
    diary_start = min(
        [d for d in (first_cramp, min((n.date for n in data.nights), default=None)) if d],
        default=None,
    )
    meds = _medication_rows(data, first_cramp, diary_start)
    findings = _factor_findings(data.analysis)
    sides = Counter(e.side.value if e.side else "not recorded" for e in episodes)
    triage_reasons, triage_unanswered = _triage_lines(data.triage)
    asked = _questions(data, per_week, meds, findings)
    numbers, citations = _cited(asked)
    if Side.BOTH.value in sides:
        sides["both legs"] = sides.pop(Side.BOTH.value)
    return ReportDocument(
        title=_title(data.person),
        person=data.person,
        about=_about(data),
        period_start=start,
        period_end=end,
        days_in_period=summary.days,
        nights_logged=summary.nights_logged,
        nights_missing=summary.nights_missing,
        cramp_nights=summary.cramp_nights,
        episodes=summary.cramps,
        cramp_nights_per_week=per_week,
        weekly=weekly_cramp_nights(nights, episodes, start, end) if start else [],
        trend=_trend(nights, episodes, end),
        hours=[sum(1 for e in episodes if e.started_at.hour == h) for h in range(24)],
        muscles=Counter(_MUSCLE_WORDS[e.muscle] for e in episodes).most_common(),
        sides=sides.most_common(),
        severity_median=statistics.median(severities) if severities else None,
        duration_median=statistics.median(durations) if durations else None,
        woke_share=sum(woke) / len(woke) if woke else None,
        long_cramps=sum(1 for d in durations if d > LONG_CRAMP_MINUTES),
        triggers=findings,
        factors_tested=_factors_tested(data.analysis),
        moved_together=_moved_together(data.analysis),
        relief=_relief(data.analysis),
        medications=meds,
        triage=data.triage,
        tried=_tried(nights, episodes, data.experiment),
        questions=[q.text for q in asked],
        question_sources=numbers,
        sources=citations,
        triage_reasons=triage_reasons,
        triage_unanswered=triage_unanswered,
        triage_answers=_answers_behind(data.triage),
        urgent_triage=list(data.urgent_triage),
        experiment=data.experiment,
        made_on=data.today,
    )
