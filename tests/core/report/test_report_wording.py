"""The report's words come from content; timings read as plain English."""

from __future__ import annotations

import datetime as dt

import pytest

from nightcramp.core.diary import Episode, Night
from nightcramp.core.report import MedicationLine, ReportInput, build_report
from nightcramp.core.report.wording import load_report_wording

FIRST_CRAMP = dt.date(2026, 3, 10)


DIARY_START = dt.date(2025, 6, 1)  # kept long before the medicine started


def _when(started_on: dt.date, diary_start: dt.date = DIARY_START) -> str:
    data = ReportInput(
        nights=[Night(diary_start, {})],
        episodes=[Episode(started_at=dt.datetime(2026, 3, 11, 2, 0))],
        today=dt.date(2026, 3, 20),
        medications=[MedicationLine(name="Lasix", started_on=started_on)],
    )
    return build_report(data).medications[0]["when"]


@pytest.mark.parametrize(
    ("days_before", "when"),
    [
        (3, "started less than a week before the first logged cramp"),
        (8, "started 1 week before the first logged cramp"),
        (30, "started 4 weeks before the first logged cramp"),
        (100, "started 30 Nov 2025"),
        (-2, "started after cramps began"),
    ],
)
def test_a_medicine_start_is_said_in_weeks_before_the_first_cramp(
    days_before: int, when: str
) -> None:
    assert _when(FIRST_CRAMP - dt.timedelta(days=days_before)) == when


def test_a_medicine_started_before_the_diary_began_gives_its_date_not_a_link_in_time() -> None:
    # The first logged cramp was the diary's first page: "3 weeks before the first logged
    # cramp" would suggest a link the diary cannot show.
    started = FIRST_CRAMP - dt.timedelta(days=21)
    assert _when(started, diary_start=FIRST_CRAMP) == "started 17 Feb 2026"
    assert _when(started, diary_start=started) == "started 17 Feb 2026"
    assert _when(started, diary_start=started - dt.timedelta(days=1)) == (
        "started 3 weeks before the first logged cramp"
    )


def test_a_stopped_medicine_gives_its_dates_as_people_read_them() -> None:
    data = ReportInput(
        nights=[],
        episodes=[],
        today=dt.date(2026, 3, 20),
        medications=[
            MedicationLine(
                name="Lasix", started_on=dt.date(2024, 6, 1), stopped_on=dt.date(2026, 1, 5)
            )
        ],
    )
    assert build_report(data).medications[0]["when"] == "started 1 Jun 2024; stopped 5 Jan 2026"


def test_questions_that_state_a_finding_cite_their_sources() -> None:
    questions = load_report_wording().questions
    for name in ("medicines", "blood_tests", "magnesium"):
        sentence = getattr(questions, name)
        assert sentence.grade is not None and sentence.sources, name


def test_the_title_names_the_person_when_given() -> None:
    data = ReportInput(nights=[], episodes=[], today=dt.date(2026, 3, 20), person="Ann")
    assert build_report(data).title == "Night leg cramps: diary summary for Ann"
