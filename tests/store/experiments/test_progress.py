"""Where a stored experiment stands, and the pauses and ends the app makes by itself."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from tests.store.experiments.factories import NOW, days, experiment, log_nights

from nightcramp.core.experiments.schedule import Arm
from nightcramp.store.experiments.convert import schedule_of
from nightcramp.store.experiments.lifecycle import resume_experiment, stop_experiment
from nightcramp.store.experiments.models import Experiment, ExperimentNight
from nightcramp.store.experiments.progress import experiment_outlook, experiment_result
from nightcramp.store.triage.history import resolve_result, save_assessment

TONIGHT = dt.date(2027, 3, 1)
URGENT: dict[str, object] = {"pregnant": True, "one_leg_swollen": True}


def _started(user: User, nights_ago: int, **options: object) -> Experiment:
    return experiment(user, start=TONIGHT - dt.timedelta(days=nights_ago), **options)  # type: ignore[arg-type]  # factory options


def test_status_gives_tonights_arm_in_words_and_the_progress(alice: User) -> None:
    row = _started(alice, 10)
    schedule = schedule_of(row)
    ExperimentNight.objects.create(experiment=row, date=row.start, followed=True)
    ExperimentNight.objects.create(experiment=row, date=schedule.nights[1].date, followed=False)
    status = experiment_outlook(row, now=NOW).status_json()
    tonight = next(n for n in schedule.nights if n.date == TONIGHT)
    assert status["tonight"]["arm"] == tonight.arm.value  # type: ignore[index]  # a dict here
    assert status["tonight"]["period"] == 2  # type: ignore[index]  # night 11 of 7-night periods
    change_text = "Do the calf stretch" if tonight.arm is Arm.ON else "Skip the stretch"
    assert change_text in str(status["tonight"]["words"])  # type: ignore[index]  # a dict here
    assert status["nights_done"] == 10
    assert status["adherence"] == {"followed": 1, "not_followed": 1, "unknown": 8}
    # The first look is after the first pair: nights 11 to 14, tonight included.
    assert status["next_look"] == {"date": schedule.pair_end(1).isoformat(), "nights_to_go": 4}
    assert status["latest_look"] is None
    assert status["verdict"] == "continue"


def test_before_the_first_night_nothing_is_done_and_tonight_is_not_scheduled(
    alice: User,
) -> None:
    row = experiment(alice, start=TONIGHT + dt.timedelta(days=3))
    status = experiment_outlook(row, now=NOW).status_json()
    assert (status["tonight"], status["nights_done"]) == (None, 0)
    assert status["next_look"] == {"date": schedule_of(row).pair_end(1).isoformat(),
                                   "nights_to_go": 14}  # fmt: skip


def test_a_paused_experiment_says_so_tonight_and_has_no_arm(alice: User) -> None:
    row = _started(alice, 3, status=Experiment.Status.PAUSED)
    tonight = experiment_outlook(row, now=NOW).status_json()["tonight"]
    assert tonight == {"date": TONIGHT.isoformat(), "arm": None,
                       "words": "Your experiment is paused tonight."}  # fmt: skip


def test_a_stopped_experiment_has_no_tonight_and_no_next_look(alice: User) -> None:
    row = _started(alice, 3)
    stop_experiment(row, "", now=NOW)
    status = experiment_outlook(row, now=NOW).status_json()
    assert (status["tonight"], status["next_look"], status["status"]) == (None, None, "stopped")


def test_an_open_urgent_triage_result_pauses_and_says_why(alice: User) -> None:
    record = save_assessment(alice, URGENT)
    now = record.created_at
    row = experiment(alice, start=now.date() - dt.timedelta(days=3))
    status = experiment_outlook(row, now=now).status_json()
    assert (status["status"], status["status_why"]) == ("paused", "triage_open")
    assert "says a doctor should see you" in str(status["reason"])
    resolve_result(alice, record.pk, now=now)
    row.refresh_from_db()
    assert experiment_outlook(row, now=now).row.status == "paused"  # until the person goes on
    resume_experiment(row, "seen by my GP", now=now)
    assert experiment_outlook(row, now=now).row.status == "running"


def test_a_look_that_may_only_read_shows_the_pause_and_stores_nothing(alice: User) -> None:
    record = save_assessment(alice, URGENT)
    now = record.created_at
    row = experiment(alice, start=now.date() - dt.timedelta(days=3))
    started_at = row.status_at
    seen = experiment_outlook(row, now=now, record=False).status_json()
    assert (seen["status"], seen["status_why"]) == ("paused", "triage_open")
    stored = Experiment.objects.get(pk=row.pk)
    assert (stored.status, stored.status_at) == ("running", started_at)
    assert stored.status_why != "triage_open"
    assert experiment_outlook(stored, now=now).row.status == "paused"  # the person's own look
    assert Experiment.objects.get(pk=row.pk).status == "paused"


def _doubled_first_period(user: User, row: Experiment) -> None:
    before = days(row.start - dt.timedelta(days=28), 28)
    first = days(row.start, 7)
    # Before: 4 cramps in 28 nights (1 a week). First period: 7 cramps in 7 nights (7 a week).
    log_nights(user, [*before, *first], [*before[::7], *first])


def test_a_period_with_double_the_cramps_pauses_once_and_says_the_numbers(alice: User) -> None:
    row = _started(alice, 9)
    _doubled_first_period(alice, row)
    status = experiment_outlook(row, now=NOW).status_json()
    assert (status["status"], status["status_why"]) == ("paused", "cramps_doubled")
    assert "about 7.0 cramps a week" in str(status["reason"])
    assert "about 1.0 a week" in str(status["reason"])
    resume_experiment(row, "", now=NOW)
    assert experiment_outlook(row, now=NOW).row.status == "running"  # that period was seen


def test_cramps_after_none_before_say_none_not_twice_zero(alice: User) -> None:
    row = _started(alice, 9)
    before = days(row.start - dt.timedelta(days=28), 28)
    first = days(row.start, 7)
    log_nights(alice, [*before, *first], first[::2])
    status = experiment_outlook(row, now=NOW).status_json()
    assert (status["status"], status["status_why"]) == ("paused", "cramps_doubled")
    assert "none in the weeks before the experiment" in str(status["reason"])
    assert "0.0" not in str(status["reason"])


def test_bobs_cramps_never_pause_alices_experiment(alice: User, bob: User) -> None:
    row = _started(alice, 9)
    _doubled_first_period(bob, row)
    assert experiment_outlook(row, now=NOW).row.status == "running"


def test_the_last_night_passed_finishes_the_experiment(alice: User) -> None:
    row = _started(alice, 60)  # 4 pairs of 7-night periods: 56 nights
    status = experiment_outlook(row, now=NOW).status_json()
    assert (status["status"], status["status_why"]) == ("finished", "schedule_ended")
    # Nothing logged: every pair is over all the same, so the last look is in, and it says so.
    assert status["verdict"] == "not_enough_data" and status["final"] is True


def test_a_clear_answer_finishes_the_experiment_early(alice: User) -> None:
    row = _started(alice, 30)
    schedule = schedule_of(row)
    nights = [n for n in schedule.nights if n.date < TONIGHT]
    off = [n.date for n in nights if n.arm is Arm.OFF]
    log_nights(alice, [n.date for n in nights], off * 3)
    result = experiment_result(row, now=NOW)
    assert result["verdict"] == "helps"
    assert result["final"] is True
    row.refresh_from_db()
    assert (row.status, row.status_why) == ("finished", "answered")


def test_the_result_is_the_contract_document_and_counts_only_scheduled_nights(
    alice: User,
) -> None:
    row = _started(alice, 20)
    schedule = schedule_of(row)
    before = days(row.start - dt.timedelta(days=5), 5)
    logged = [n.date for n in schedule.nights if n.date < TONIGHT]
    log_nights(alice, [*before, *logged], [*before, logged[0]])
    result = experiment_result(row, now=NOW)
    assert {"change", "nights_on", "nights_off", "cramps_on", "cramps_off", "rate_ratio",
            "ci_low", "ci_high", "probability_helps", "verdict", "final", "looks",
            "explanation"} <= set(result)  # fmt: skip
    assert result["change"] == "bedtime_stretch"
    assert result["nights_on"] + result["nights_off"] == 14  # type: ignore[operator]  # ints
    assert result["cramps_on"] + result["cramps_off"] == 1  # type: ignore[operator]  # ints
    looks = result["looks"]
    assert isinstance(looks, list)
    assert [look["date"] for look in looks] == [schedule.pair_end(1).isoformat()]


def test_a_look_waits_until_its_last_night_is_over(alice: User) -> None:
    row = _started(alice, 13)  # tonight is the last night of the first pair
    schedule = schedule_of(row)
    log_nights(alice, days(row.start, 14))  # tonight's check-in is in; its cramps may follow
    assert experiment_outlook(row, now=NOW).status_json()["latest_look"] is None
    tomorrow = experiment_outlook(row, now=NOW + dt.timedelta(days=1)).status_json()
    assert tomorrow["latest_look"]["date"] == schedule.pair_end(1).isoformat()  # type: ignore[index]  # a dict here


def test_a_pair_whose_last_night_was_not_logged_gets_its_look_once_it_is_over(
    alice: User,
) -> None:
    row = _started(alice, 20)
    schedule = schedule_of(row)
    log_nights(alice, days(row.start, 13))  # the pair's last night (the 14th) never logged
    status = experiment_outlook(row, now=NOW).status_json()
    assert status["latest_look"]["date"] == schedule.pair_end(1).isoformat()  # type: ignore[index]  # a dict here
