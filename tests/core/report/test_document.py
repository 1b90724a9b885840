from __future__ import annotations

import datetime as dt

from nightcramp.core.diary import Episode, Muscle, Night, Relief, Side
from nightcramp.core.insights.relief_evidence import relief_evidence
from nightcramp.core.insights.wording import label, load_insight_wording
from nightcramp.core.report import (
    MedicationLine,
    Paper,
    ReportInput,
    TriageSummary,
    build_report,
    paper_for_locale,
    weekly_cramp_nights,
)
from nightcramp.core.triage import load_rules

TODAY = dt.date(2026, 3, 31)


def _cramp(day: dt.date, hour: int = 2, **kw: object) -> Episode:
    return Episode(started_at=dt.datetime.combine(day + dt.timedelta(days=1), dt.time(hour)), **kw)  # type: ignore[arg-type]


def test_counts_logged_missing_and_cramp_nights() -> None:
    nights = [Night(dt.date(2026, 3, d)) for d in range(1, 11)]  # 10 logged of 30 nights over
    episodes = [
        _cramp(dt.date(2026, 3, 2)),
        _cramp(dt.date(2026, 3, 2), hour=4),
        _cramp(dt.date(2026, 3, 5)),
    ]
    doc = build_report(ReportInput(nights, episodes, TODAY))
    assert doc.period_start == dt.date(2026, 3, 1)
    assert doc.nights_logged == 10
    assert doc.nights_missing == 30 - 10  # to last night: tonight (31 Mar) is not over
    assert doc.cramp_nights == 2
    assert doc.episodes == 3
    assert doc.cramp_nights_per_week == 7 * 2 / 10
    assert doc.hours[2] == 2 and doc.hours[4] == 1


def test_a_cramp_after_midnight_counts_for_the_evening_before() -> None:
    episodes = [Episode(started_at=dt.datetime(2026, 3, 10, 1, 30))]
    doc = build_report(ReportInput([], episodes, TODAY))
    assert doc.period_start == dt.date(2026, 3, 9)


def test_since_limits_the_period() -> None:
    nights = [Night(dt.date(2026, 1, 1)), Night(dt.date(2026, 3, 20))]
    doc = build_report(ReportInput(nights, [], TODAY, since=dt.date(2026, 3, 1)))
    assert doc.nights_logged == 1
    assert doc.period_start == dt.date(2026, 3, 1)


def test_weekly_rows_count_cramp_and_logged_nights() -> None:
    start = dt.date(2026, 3, 2)  # a Monday
    nights = [Night(start + dt.timedelta(days=i)) for i in range(9)]
    weeks = weekly_cramp_nights(
        nights,
        [_cramp(start), _cramp(start + dt.timedelta(days=8))],
        start,
        start + dt.timedelta(days=8),
    )
    assert weeks == [(start, 1, 7), (start + dt.timedelta(days=7), 1, 2)]


def test_a_linked_medicine_started_before_cramps_is_pointed_out_and_asked_about() -> None:
    med = MedicationLine(
        "Bendroflumethiazide",
        "bendroflumethiazide",
        "thiazide_diuretic",
        "established",
        started_on=dt.date(2026, 2, 1),
    )
    plain = MedicationLine("Paracetamol", "paracetamol", "none", "none")
    kept = [Night(dt.date(2026, 1, 5), {})]  # the diary was kept before the medicine started
    doc = build_report(
        ReportInput(kept, [_cramp(dt.date(2026, 3, 1))], TODAY, medications=[med, plain])
    )
    rows = {row["name"]: row for row in doc.medications}
    assert rows["Bendroflumethiazide"]["flag"] == "yes"
    assert "4 weeks before the first logged cramp" in rows["Bendroflumethiazide"]["when"]
    assert rows["Paracetamol"]["flag"] == ""
    asked = " ".join(doc.questions)
    assert "Bendroflumethiazide" in asked
    assert "stop" not in asked.lower()


def test_a_medicine_named_only_in_a_symptom_check_says_so() -> None:
    med = MedicationLine(
        "Atorvastatin", "atorvastatin", "statin", "reported", named_on=dt.date(2026, 3, 2)
    )
    doc = build_report(ReportInput([], [], TODAY, medications=[med]))
    (row,) = doc.medications
    assert row["when"] == "named in the symptom check of 2 Mar 2026" and row["flag"] == "yes"


def test_medicines_are_listed_by_how_strongly_they_are_linked() -> None:
    meds = [
        MedicationLine("Omeprazole", "omeprazole", "proton_pump_inhibitor", "indirect"),
        MedicationLine("Paracetamol", "paracetamol", "none", "none"),
        MedicationLine("Atorvastatin", "atorvastatin", "statin", "reported"),
        MedicationLine(
            "Bendroflumethiazide", "bendroflumethiazide", "thiazide_diuretic", "established"
        ),
        MedicationLine("Mystery", None, None, None),
        MedicationLine("Quinine", "quinine", "quinine", "treatment"),
    ]
    doc = build_report(ReportInput([], [], TODAY, medications=meds))
    assert [row["name"] for row in doc.medications] == [
        "Bendroflumethiazide",
        "Atorvastatin",
        "Omeprazole",
        "Quinine",  # a treatment for cramps, not a cause: after the causes
        "Paracetamol",
        "Mystery",
    ]


def test_long_cramps_are_counted_and_factors_without_data_are_not_called_tested() -> None:
    cramps = [
        Episode(dt.datetime(2026, 3, d, 2, 0), duration_min=m)
        for d, m in ((1, 15), (2, 10), (3, 3), (4, None))
    ]
    analysis = {
        "factors": [
            {"factor": "alcohol_drinks", "verdict": "no_clear_effect"},
            {"factor": "alcohol_drinks", "verdict": "no_clear_effect", "lag_days": 1},
            {"factor": "magnesium_mg", "verdict": "not_enough_data"},
            {"factor": "warm_bath", "verdict": "no_clear_effect"},
        ]
    }
    doc = build_report(ReportInput([], cramps, TODAY, analysis=analysis))
    assert doc.long_cramps == 1  # more than 10 minutes
    assert doc.factors_tested == 2


def test_triage_that_needs_a_doctor_becomes_the_first_question() -> None:
    triage = TriageSummary(dt.datetime(2026, 3, 30, 9), "soon", ["Weakness getting worse"])
    doc = build_report(ReportInput([], [], TODAY, triage=triage))
    assert "soon" in doc.questions[0]


def test_unanswered_safety_questions_make_one_line_naming_each_condition_once() -> None:
    template = load_rules().could_not_rule_out
    dvt = "a blood clot in a leg (deep vein thrombosis)"
    reasons = [
        "One leg is swollen.",
        template.format(rule_out=dvt, questions="\u201cIs it red?\u201d \u201cIs it warm?\u201d"),
        template.format(rule_out="tetanus", questions="\u201cA stiff jaw?\u201d"),
        template.format(rule_out=dvt, questions="\u201cDoes it hurt?\u201d"),
    ]
    triage = TriageSummary(dt.datetime(2026, 3, 30, 9), "soon", reasons)
    doc = build_report(ReportInput([], [], TODAY, triage=triage))
    assert doc.triage_reasons == ["One leg is swollen."]
    assert doc.triage_unanswered == (
        "4 questions that could change the result were not answered, so the app could not "
        f"rule out: {dvt}; tetanus."
    )


def test_one_unanswered_safety_question_is_said_in_the_singular() -> None:
    reason = load_rules().could_not_rule_out.format(
        rule_out="tetanus", questions="\u201cA stiff jaw?\u201d"
    )
    triage = TriageSummary(dt.datetime(2026, 3, 30, 9), "routine", [reason])
    doc = build_report(ReportInput([], [], TODAY, triage=triage))
    assert doc.triage_reasons == []
    assert doc.triage_unanswered.startswith(
        "1 question that could change the result was not answered"
    )


def test_a_complete_symptom_check_keeps_its_reasons_and_has_no_unanswered_line() -> None:
    triage = TriageSummary(dt.datetime(2026, 3, 30, 9), "soon", ["Weakness getting worse"])
    doc = build_report(ReportInput([], [], TODAY, triage=triage))
    assert doc.triage_reasons == ["Weakness getting worse"] and doc.triage_unanswered == ""


def test_only_verdicts_that_survived_error_control_are_listed_as_triggers() -> None:
    analysis = {
        "factors": [
            {"factor": "alcohol_drinks", "verdict": "likely_trigger", "rate_ratio": 2.0},
            {"factor": "caffeine_drinks", "verdict": "no_clear_effect", "rate_ratio": 1.4},
            {"factor": "bedtime_stretch", "verdict": "likely_protective", "rate_ratio": 0.5},
        ],
        "relief": [{"relief": "stretch", "times_tried": 5, "times_worked": 4}],
    }
    doc = build_report(ReportInput([], [], TODAY, analysis=analysis))
    assert [f["factor"] for f in doc.triggers] == ["alcohol_drinks", "bedtime_stretch"]
    assert doc.relief[0]["relief"] == "stretch"


def test_what_was_tried_compares_nights_with_and_without_stretching() -> None:
    nights = [Night(dt.date(2026, 3, d), {"bedtime_stretch": d % 2 == 0}) for d in range(1, 21)]
    episodes = [_cramp(dt.date(2026, 3, d)) for d in range(1, 21, 2)]  # cramps on odd nights
    doc = build_report(ReportInput(nights, episodes, TODAY))
    line = doc.tried[0]
    assert "10 of 20" in line
    assert "0% of those nights vs 100% without" in line
    assert "not proof" in line


def test_what_was_tried_on_too_few_nights_gives_counts_but_no_comparison() -> None:
    # A warm bath on 4 nights: "cramps on 25% of those nights" would be noise, not a pattern.
    nights = [Night(dt.date(2026, 3, d), {"warm_bath": d <= 4}) for d in range(1, 21)]
    episodes = [_cramp(dt.date(2026, 3, d)) for d in range(1, 21, 2)]
    doc = build_report(ReportInput(nights, episodes, TODAY))
    (line,) = doc.tried
    assert "4 of 20" in line
    assert "%" not in line


def test_what_was_tried_points_to_the_self_test_of_the_same_change() -> None:
    nights = [Night(dt.date(2026, 3, d), {"bedtime_stretch": d % 2 == 0}) for d in range(1, 21)]
    episodes = [_cramp(dt.date(2026, 3, d)) for d in range(1, 21, 2)]
    tested = {"diary_factor": "bedtime_stretch", "verdict_words": "no clear effect"}
    doc = build_report(ReportInput(nights, episodes, TODAY, experiment=tested))
    assert doc.tried[0].endswith("Randomised self-test of it (page 2): no clear effect.")
    other = {"diary_factor": "warm_bath", "verdict_words": "helps"}
    assert (
        "self-test"
        not in build_report(ReportInput(nights, episodes, TODAY, experiment=other)).tried[0]
    )


def test_a_magnesium_self_test_is_pointed_to_from_the_magnesium_line() -> None:
    nights = [Night(dt.date(2026, 3, d), {"magnesium_mg": 300 * (d % 2)}) for d in range(1, 21)]
    tested = {"diary_factor": "magnesium_mg", "verdict_words": "no clear effect"}
    (line,) = build_report(ReportInput(nights, [], TODAY, experiment=tested)).tried
    assert line.startswith("Magnesium supplement: taken on 10 of 20 nights")
    assert line.endswith("Randomised self-test of it (page 2): no clear effect.")


def test_the_trend_line_counts_the_last_4_weeks_against_the_4_before() -> None:
    end = dt.date(2026, 3, 31)
    nights = [Night(end - dt.timedelta(days=i), {}) for i in range(56)]
    # cramps on every 2nd night of the older window, every 4th of the recent one
    episodes = [_cramp(end - dt.timedelta(days=i)) for i in range(0, 28, 4)]
    episodes += [_cramp(end - dt.timedelta(days=i)) for i in range(28, 56, 2)]
    doc = build_report(ReportInput(nights, episodes, end))
    assert doc.trend == (
        "Last 4 weeks of the diary (to 31 Mar 2026): cramps on 7 of 28 logged nights. "
        "The 4 weeks before: 14 of 28."
    )
    short = build_report(ReportInput(nights[:30], episodes[:7], end))
    assert short.trend == ""  # 2 nights logged in the 4 weeks before: nothing to compare


def test_sides_and_muscles_are_counted_in_words() -> None:
    episodes = [
        _cramp(dt.date(2026, 3, 1), muscle=Muscle.FOOT, side=Side.BOTH),
        _cramp(dt.date(2026, 3, 2), side=Side.LEFT),
    ]
    doc = build_report(ReportInput([], episodes, TODAY))
    assert dict(doc.muscles) == {"foot": 1, "calf": 1}
    assert dict(doc.sides) == {"both legs": 1, "left": 1}


def test_paper_follows_the_locale() -> None:
    assert paper_for_locale({"LANG": "en_US.UTF-8"}) is Paper.LETTER
    assert paper_for_locale({"LANG": "en_GB.UTF-8"}) is Paper.A4
    assert paper_for_locale({"LC_PAPER": "fr_CA.UTF-8", "LANG": "en_GB.UTF-8"}) is Paper.LETTER
    assert paper_for_locale({"LANG": "C.UTF-8"}) is Paper.A4
    assert paper_for_locale({}) is Paper.A4


def test_an_early_since_starts_the_period_at_the_first_entry() -> None:
    nights = [Night(dt.date(2026, 3, 1))]
    doc = build_report(ReportInput(nights, [], TODAY, since=dt.date(1901, 1, 1)))
    assert doc.period_start == dt.date(2026, 3, 1)
    assert len(doc.weekly) <= 6


def test_a_ruled_out_relief_method_is_listed_last_with_its_warning_never_on_top() -> None:
    analysis = {
        "relief": [
            {"relief": "stand_on_toes", "times_tried": 9, "times_worked": 9, "rank": 1},
            {"relief": "massage", "times_tried": 4, "times_worked": 1, "rank": 2},
            {"relief": "stretch", "times_tried": 3, "times_worked": 1, "warning": "stale"},
        ]
    }
    doc = build_report(ReportInput([], [], TODAY, analysis=analysis))
    assert [r["relief"] for r in doc.relief] == ["massage", "stretch", "stand_on_toes"]
    assert doc.relief[-1]["warning"] == relief_evidence()[Relief.STAND_ON_TOES].warning
    assert all("warning" not in r for r in doc.relief[:-1])


def test_the_report_lists_four_advised_methods_at_most_but_every_warning() -> None:
    rows = [{"relief": r.value, "times_tried": 2, "times_worked": 1} for r in Relief]
    doc = build_report(ReportInput([], [], TODAY, analysis={"relief": rows}))
    assert len([r for r in doc.relief if "warning" not in r]) == 4
    assert doc.relief[-1]["relief"] == "stand_on_toes" and doc.relief[-1]["warning"]


def test_relief_rows_that_are_not_records_are_skipped_and_unknown_methods_kept() -> None:
    rows = ["stretch", {"relief": "hot_water_bottle", "times_tried": 2, "times_worked": 2}]
    doc = build_report(ReportInput([], [], TODAY, analysis={"relief": rows}))
    assert [r["relief"] for r in doc.relief] == ["hot_water_bottle"]
    assert build_report(ReportInput([], [], TODAY, analysis={"relief": "x"})).relief == []


def test_every_relief_method_is_named_in_everyday_words_from_the_content() -> None:
    names = load_insight_wording().relief_labels
    for relief in Relief:
        row = {"relief": relief.value, "times_tried": 2, "times_worked": 1}
        doc = build_report(ReportInput([], [], TODAY, analysis={"relief": [row]}))
        assert doc.relief[0]["relief"] == relief.value
        assert doc.relief[0]["name"] == names[relief.value] != relief.value


def test_a_finding_is_named_in_everyday_words_the_day_before_included() -> None:
    analysis = {
        "factors": [
            {"factor": "alcohol_drinks", "verdict": "likely_trigger", "lag_days": 1},
            {"factor": "bedtime_stretch", "verdict": "likely_protective"},
        ]
    }
    doc = build_report(ReportInput([], [], TODAY, analysis=analysis))
    assert [f["name"] for f in doc.triggers] == [
        label("alcohol_drinks", 1),
        label("bedtime_stretch"),
    ]
    assert "alcohol_drinks" not in str(doc.triggers[0]["name"])


def test_every_cramp_has_its_hour_an_afternoon_one_too() -> None:
    day = dt.date(2026, 3, 10)
    episodes = [
        _cramp(day, hour=2),
        Episode(started_at=dt.datetime.combine(day, dt.time(15, 20))),  # that day's night
        Episode(started_at=dt.datetime.combine(day, dt.time(12, 0))),
    ]
    doc = build_report(ReportInput([Night(day)], episodes, TODAY))
    assert len(doc.hours) == 24
    assert sum(doc.hours) == doc.episodes == 3
    assert doc.hours[15] == doc.hours[12] == doc.hours[2] == 1


def test_a_result_that_needs_a_doctor_shows_the_answers_behind_it() -> None:
    answers = {
        "one_leg_swollen": True,
        "leg_red": False,
        "leg_warm": False,
        "long_travel_last_4_weeks": True,
        "short_of_breath": False,  # a group with no yes: left out
        "age": 70,
    }
    triage = TriageSummary(dt.datetime(2026, 3, 30, 9), "urgent", ["A clot"], answers=answers)
    doc = build_report(ReportInput([], [], TODAY, triage=triage))
    assert doc.triage_answers == (
        "one leg swollen: yes; leg red: no; leg warm: no; long travel last 4 weeks: yes"
    )
    routine = TriageSummary(dt.datetime(2026, 3, 30, 9), "routine", [], answers=answers)
    assert build_report(ReportInput([], [], TODAY, triage=routine)).triage_answers == ""


def test_factors_that_went_together_are_named_as_one_group_in_the_analysis_order() -> None:
    analysis = {
        "factors": [
            {"factor": "alcohol_drinks", "verdict": "no_clear_effect"},
            {
                "factor": "exercise_minutes",
                "verdict": "no_clear_effect",
                "moved_with": [{"factor": "new_or_harder_exercise"}],
            },
            {
                "factor": "new_or_harder_exercise",
                "verdict": "no_clear_effect",
                "moved_with": [{"factor": "heavy_sweating"}, {"factor": "exercise_minutes"}],
            },
            {"factor": "heavy_sweating", "verdict": "no_clear_effect"},
            {
                "factor": "exercise_minutes",
                "lag_days": 1,
                "verdict": "likely_trigger",  # called: it stands on its own
                "moved_with": [{"factor": "alcohol_drinks"}],
            },
        ]
    }
    doc = build_report(ReportInput([], [], TODAY, analysis=analysis))
    assert doc.moved_together == [
        [label("exercise_minutes"), label("new_or_harder_exercise"), label("heavy_sweating")]
    ]


def test_a_question_that_states_a_finding_is_numbered_to_its_sources() -> None:
    nights = [Night(dt.date(2026, 3, d), {"magnesium_mg": 300}) for d in range(1, 8)]
    doc = build_report(ReportInput(nights, [], TODAY))
    asked = dict(zip(doc.questions, doc.question_sources, strict=True))
    magnesium = next(q for q in asked if "magnesium" in q)
    assert asked[magnesium] and all(1 <= n <= len(doc.sources) for n in asked[magnesium])
    assert any("Cochrane" in doc.sources[n - 1] for n in asked[magnesium])
    assert asked[doc.questions[-1]] == ()  # "anything else" states nothing


def test_a_finding_shared_by_twins_is_named_with_both() -> None:
    analysis = {
        "factors": [
            {
                "factor": "new_or_harder_exercise",
                "verdict": "likely_trigger",
                "rate_ratio": 5.0,
                "ci_low": 2.6,
                "ci_high": 9.5,
                "moved_with": [{"factor": "heavy_sweating"}],
            },
            {"factor": "heavy_sweating", "verdict": "not_enough_data"},
        ]
    }
    doc = build_report(ReportInput([], [], TODAY, analysis=analysis))
    names = [f["name"] for f in doc.triggers]
    assert names == [
        f"{label('new_or_harder_exercise')} (always together with {label('heavy_sweating')})"
    ]


def test_relief_minutes_are_written_as_on_every_other_screen() -> None:
    rows = [
        {"relief": "stretch", "times_tried": 4, "times_worked": 3, "median_minutes": 3.0},
        {"relief": "massage", "times_tried": 4, "times_worked": 2, "median_minutes": 6.5},
        {"relief": "walk", "times_tried": 2, "times_worked": 1, "median_minutes": None},
    ]
    doc = build_report(ReportInput([], [], TODAY, analysis={"relief": rows}))
    assert [r["minutes_text"] for r in doc.relief] == ["3", "6.5", None]
