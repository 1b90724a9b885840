"""The experiment pages: choose and start a change, one experiment's page (tonight, calendar,
progress, looks, verdict), pause/resume/stop, adherence; tonight's arm on home and check-in;
another person's experiment is 404 and every POST needs the CSRF token."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from tests.store.experiments.factories import experiment, log_nights

from nightcramp.core.diary import night_of
from nightcramp.core.experiments.content import load_experiment_content
from nightcramp.core.knowledge.sources import load_sources
from nightcramp.store.diary.models import Profile
from nightcramp.store.experiments.convert import schedule_of
from nightcramp.store.experiments.models import Experiment, ExperimentNight
from nightcramp.web.experiments.views import home_context

pytestmark = pytest.mark.django_db


def _tonight() -> dt.date:
    from django.utils import timezone

    return night_of(timezone.localtime())


def _client(user: User, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def _running(user: User, *, weeks_ago: int = 0, change: str = "bedtime_stretch") -> Experiment:
    return experiment(user, start=_tonight() - dt.timedelta(days=7 * weeks_ago), change=change)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_with_no_experiment_the_page_lists_every_change_with_its_evidence(alice: User) -> None:
    html = _client(alice).get("/experiments/").content.decode()
    for change in load_experiment_content().changes.values():
        assert f'data-change="{change.id}"' in html
        assert change.on in html and change.off in html
    assert "<summary>Sources (" in html
    assert "You can run this experiment." in html


def _card(html: str, change: str) -> str:
    return html.split(f'data-change="{change}"')[1].split("\n</li>")[0]


def test_a_supplements_cautions_are_open_above_its_start_button(alice: User) -> None:
    html = _client(alice).get("/experiments/").content.decode()
    card = _card(html, "magnesium_supplement")
    assert "data-cautions-open" in card
    assert card.index("data-cautions-open") < card.index("Start tonight")
    assert "data-cautions-open" not in _card(html, "bedtime_stretch")
    assert "Read its cautions above first." in card
    assert "Read its cautions" not in _card(html, "bedtime_stretch")


def test_with_kidney_disease_magnesium_asks_for_a_doctor_and_says_why(alice: User) -> None:
    Profile.objects.create(user=alice, conditions=["kidney_disease"])
    client = _client(alice)
    html = client.get("/experiments/").content.decode()
    card = _card(html, "magnesium_supplement")
    assert card.startswith(' data-may-run="ask_doctor"')
    assert "With kidney disease" in card and 'name="doctor_agreed"' in card
    assert client.post("/experiments/start", {"change": "magnesium_supplement"}).status_code == 409
    agreed = {"change": "magnesium_supplement", "doctor_agreed": "on"}
    assert client.post("/experiments/start", agreed).status_code == 302
    assert Experiment.objects.get(user=alice).doctor_agreed is True


def test_in_pregnancy_a_supplement_cannot_be_started(alice: User) -> None:
    Profile.objects.create(user=alice, pregnant=True)
    client = _client(alice)
    card = _card(client.get("/experiments/").content.decode(), "vitamin_b_complex")
    assert card.startswith(' data-may-run="no"') and "Start tonight" not in card
    assert client.post("/experiments/start", {"change": "vitamin_b_complex"}).status_code == 409
    assert not Experiment.objects.exists()


@time_machine.travel(dt.datetime(2026, 11, 20, 20, 0, tzinfo=dt.UTC), tick=False)
def test_starting_a_change_shows_its_page_with_tonight_on_it(alice: User) -> None:
    client = _client(alice)
    response = client.post("/experiments/start", {"change": "bedtime_stretch"})
    assert response.status_code == 302
    row = Experiment.objects.get(user=alice)
    html = client.get(response["Location"]).content.decode()
    assert "Your experiment has started" in html
    assert 'data-experiment-arm="' in html
    assert "Tonight:" in html
    assert html.count('class="exp-period ') == 2 * row.pairs
    assert 'aria-current="date"' in html
    assert "the first pair of periods, after the night of" in html


@time_machine.travel(dt.datetime(2026, 11, 21, 0, 30, tzinfo=dt.UTC), tick=False)
def test_started_in_the_small_hours_the_page_shows_its_first_night_to_come(alice: User) -> None:
    client = _client(alice)
    response = client.post("/experiments/start", {"change": "bedtime_stretch"})
    html = client.get(response["Location"]).content.decode()
    assert "Your experiment has started" in html and 'data-experiment-arm="' in html
    assert "Sat 21 Nov: an " in html and "Tonight:" not in html  # the night under way is 20 Nov


def test_the_index_goes_to_the_running_experiment(alice: User) -> None:
    row = _running(alice)
    response = _client(alice).get("/experiments/")
    assert response.status_code == 302
    assert response["Location"] == f"/experiments/{row.pk}/"


def test_while_one_runs_its_card_says_so_and_no_card_offers_a_start(alice: User) -> None:
    row = _running(alice)
    html = _client(alice).get("/experiments/?choose=1").content.decode()
    cards = dict(re.findall(r'data-change="([a-z0-9_]+)"(.*?)</li>\n', html, flags=re.S))
    assert "You are testing this now." in cards[row.change_id]
    others = [c for k, c in cards.items() if k != row.change_id]
    assert others and not any("You are testing this now." in c for c in others)
    assert "Start tonight" not in html


def test_each_period_of_the_plan_says_when_it_starts(alice: User) -> None:
    row = _running(alice, weeks_ago=3)
    html = _client(alice).get(f"/experiments/{row.pk}/").content.decode()
    starts = re.findall(r'class="exp-period-from">([^<]+)<', html)
    schedule = schedule_of(row)
    firsts = [
        next(n.date for n in schedule.nights if n.period == p) for p in range(1, 2 * row.pairs + 1)
    ]
    assert starts == [f"{d.day} {d:%b}" for d in firsts]


def test_a_second_start_is_refused_with_the_reason(alice: User) -> None:
    _running(alice)
    response = _client(alice).post("/experiments/start", {"change": "warm_bath"})
    assert response.status_code == 409
    assert "You already have an experiment going" in response.content.decode()
    assert Experiment.objects.filter(user=alice).count() == 1


def test_an_unknown_change_is_refused(alice: User) -> None:
    response = _client(alice).post("/experiments/start", {"change": "quinine"})
    assert response.status_code == 400
    assert not Experiment.objects.exists()


def test_someone_elses_experiment_is_404_on_every_page(alice: User, bob: User) -> None:
    row = _running(alice)
    client = _client(bob)
    assert client.get(f"/experiments/{row.pk}/").status_code == 404
    for path in ("pause", "stop", "followed"):
        data = {"reason": "x", "date": _tonight().isoformat(), "answer": "yes"}
        assert client.post(f"/experiments/{row.pk}/{path}", data).status_code == 404
    row.refresh_from_db()
    assert row.status == "running"
    assert not ExperimentNight.objects.exists()


def test_posts_need_the_csrf_token(alice: User) -> None:
    row = _running(alice)
    client = _client(alice, csrf=True)
    assert client.post("/experiments/start", {"change": "warm_bath"}).status_code == 403
    assert client.post(f"/experiments/{row.pk}/pause", {"reason": "x"}).status_code == 403
    data = {"date": _tonight().isoformat(), "answer": "yes"}
    assert client.post(f"/experiments/{row.pk}/followed", data).status_code == 403
    row.refresh_from_db()
    assert row.status == "running"


def test_stopping_for_good_is_behind_its_own_opener_and_asks_again(alice: User) -> None:
    row = _running(alice)
    html = _client(alice).get(f"/experiments/{row.pk}/").content.decode()
    pause_form = html.split('id="act-form"')[1].split("</form>")[0]
    assert "/stop" not in pause_form
    stop = html.split('class="exp-stop"')[1].split("</details>")[0]
    assert "<summary>Stop for good…</summary>" in stop
    assert f'action="/experiments/{row.pk}/stop"' in stop and "Yes, stop for good" in stop


def test_go_on_is_offered_only_when_it_would_be_taken(alice: User) -> None:
    from django.utils import timezone

    from nightcramp.store.triage.history import resolve_result, save_assessment

    row = _running(alice)
    client = _client(alice)
    client.post(f"/experiments/{row.pk}/pause", {"reason": ""})
    assert "Go on</button>" in client.get(f"/experiments/{row.pk}/").content.decode()
    urgent = save_assessment(alice, {"one_leg_swollen": True})
    html = client.get(f"/experiments/{row.pk}/").content.decode()
    assert "Go on</button>" not in html and "data-resume-refused" in html
    assert 'id="act-form"' not in html  # no reason box that would send to "pause"
    assert "mark the check as seen to" in html
    resolve_result(alice, urgent.pk, now=timezone.now())
    assert "Go on</button>" in client.get(f"/experiments/{row.pk}/").content.decode()


def test_pause_resume_and_stop_keep_the_reason(alice: User) -> None:
    row = _running(alice)
    client = _client(alice)
    assert client.post(f"/experiments/{row.pk}/pause", {"reason": "a cold"}).status_code == 302
    row.refresh_from_db()
    assert (row.status, row.status_reason) == ("paused", "a cold")
    html = client.get(f"/experiments/{row.pk}/").content.decode()
    assert "a cold" in html and "Your experiment is paused tonight." in html
    assert client.post(f"/experiments/{row.pk}/resume", {"reason": ""}).status_code == 302
    row.refresh_from_db()
    assert row.status == "running"
    client.post(f"/experiments/{row.pk}/stop", {"reason": "moving house"})
    row.refresh_from_db()
    assert (row.status, row.status_reason) == ("stopped", "moving house")
    response = client.post(f"/experiments/{row.pk}/pause", {"reason": ""})
    assert response.status_code == 409
    assert "not going now" in response.content.decode()
    stopped = _text(client.get(f"/experiments/{row.pk}/").content.decode())
    assert "stopped before it had an answer" in stopped
    assert "Keep logging" not in stopped and "The first look comes" not in stopped


def test_adherence_is_recorded_for_a_night_and_can_be_forgotten(alice: User) -> None:
    row = _running(alice, weeks_ago=1)
    client = _client(alice)
    night = _tonight() - dt.timedelta(days=2)
    client.post(f"/experiments/{row.pk}/followed", {"date": night.isoformat(), "answer": "no"})
    assert ExperimentNight.objects.get(experiment=row, date=night).followed is False
    html = client.get(f"/experiments/{row.pk}/").content.decode()
    assert "not followed" in html
    kept = _text(html.split("data-adherence>")[1].split("</p>")[0])
    assert kept.startswith("You kept to the plan on 0 nights and not on 1.")
    client.post(f"/experiments/{row.pk}/followed", {"date": night.isoformat(), "answer": "unknown"})
    assert not ExperimentNight.objects.filter(experiment=row).exists()
    html = client.get(f"/experiments/{row.pk}/").content.decode()
    kept = _text(html.split("data-adherence>")[1].split("</p>")[0])
    assert kept == "You have not said yet whether you kept to the plan on any night."


def test_adherence_for_a_night_outside_the_schedule_says_why(alice: User) -> None:
    row = _running(alice)
    before = (_tonight() - dt.timedelta(days=3)).isoformat()
    response = _client(alice).post(
        f"/experiments/{row.pk}/followed", {"date": before, "answer": "yes"}
    )
    assert response.status_code == 400
    assert "is not a night of this experiment" in response.content.decode()


def test_a_running_experiment_with_looks_shows_the_chart_and_its_table(alice: User) -> None:
    row = _running(alice, weeks_ago=5)
    schedule = schedule_of(row)
    done = [n.date for n in schedule.nights if n.date < _tonight()]
    on = [n.date for n in schedule.nights if n.date < _tonight() and n.arm.value == "on"]
    log_nights(alice, done, cramps=[d for d in done if d not in on] * 2)
    html = _client(alice).get(f"/experiments/{row.pk}/").content.decode()
    assert "<svg" in html and 'role="img"' in html and "<desc" in html
    assert html.count("<circle") >= 1
    assert "exp-looks" in html
    assert "cure" not in _text(html).lower() and "proven" not in _text(html).lower()


def test_a_finished_experiment_shows_the_answer_and_no_actions(alice: User) -> None:
    row = experiment(
        alice, start=_tonight() - dt.timedelta(days=70), status=Experiment.Status.FINISHED
    )
    schedule = schedule_of(row)
    log_nights(alice, [n.date for n in schedule.nights])
    html = _client(alice).get(f"/experiments/{row.pk}/").content.decode()
    assert "The answer" in html and "Finished" in html
    assert "Stop for good" not in html and "exp-tonight" not in html
    listing = _client(alice).get("/experiments/").content.decode()
    assert f"/experiments/{row.pk}/" in listing


def test_looks_after_the_answer_are_shown_as_coming_after_it(alice: User) -> None:
    row = experiment(
        alice, start=_tonight() - dt.timedelta(days=60), seed=5, status=Experiment.Status.FINISHED
    )
    nights = schedule_of(row).nights
    log_nights(
        alice,
        [n.date for n in nights],
        cramps=[n.date for n in nights if n.arm.value == "off"] * 2,
    )
    html = _client(alice).get(f"/experiments/{row.pk}/").content.decode()
    assert 'data-verdict="helps"' in html
    assert html.count('data-look="answer"') == 1
    assert 'data-look="after-answer"' in html
    assert html.index('data-look="answer"') < html.index('data-look="after-answer"')
    assert "data-after-answer-line" in html and "exp-after" in html
    assert "Nights after the answer:" in _text(html)


def test_tonights_arm_is_on_the_home_page_and_the_check_in(alice: User) -> None:
    row = _running(alice, weeks_ago=1)
    arms = {n.date: n.arm.value for n in schedule_of(row).nights}
    change = load_experiment_content().changes["bedtime_stretch"]
    client = _client(alice)
    evening = timezone.localtime().replace(hour=20, minute=0)  # one moment for pages and check
    with time_machine.travel(evening, tick=False):
        html = client.get(f"/checkin?date={_tonight().isoformat()}").content.decode()
        assert f'data-experiment-arm="{arms[_tonight()]}"' in html
        assert getattr(change, arms[_tonight()]) in html
        assert "Did you follow tonight" in html
        home = client.get("/").content.decode()
        shown = home_context(alice, timezone.now())["experiment_night"]
    assert f'data-experiment-arm="{arms[shown.date]}"' in home  # type: ignore[attr-defined]
    # Below the quick log: at 3 a.m. the first thing is logging the cramp.
    assert home.index('id="quick-save"') < home.index("data-experiment-arm")


@pytest.mark.parametrize(
    ("hour", "shows", "asks", "whose"),
    [
        (3, 0, 0, "tonight's"),  # still last evening's night: its plan, and the question
        (8, 1, 0, "last night's"),  # morning: tonight's plan; how did last night go?
        (15, 1, None, None),  # afternoon: tonight's plan, nothing to answer yet
        (20, 1, 1, "tonight's"),  # evening: tonight's plan and its question
    ],
)
def test_home_asks_about_the_night_that_can_be_answered(
    alice: User, hour: int, shows: int, asks: int | None, whose: str | None
) -> None:
    evening = dt.date(2027, 3, 10)
    experiment(alice, start=evening - dt.timedelta(days=3), change="bedtime_stretch")
    zone = timezone.get_current_timezone()
    day = evening if hour >= 12 else evening + dt.timedelta(days=1)
    now = dt.datetime.combine(day, dt.time(hour), tzinfo=zone)
    context = home_context(alice, now)
    assert context["experiment_night"].date == day - dt.timedelta(days=1 - shows)  # type: ignore[attr-defined]
    ask = context["experiment_ask"]
    if asks is None:
        assert ask is None
    else:
        assert ask.date == day - dt.timedelta(days=1 - asks)  # type: ignore[attr-defined]
        assert context["experiment_ask_whose"] == whose


def test_in_the_morning_the_check_in_for_last_night_asks_about_that_night(alice: User) -> None:
    row = _running(alice, weeks_ago=1)
    morning = timezone.localtime().replace(hour=8, minute=40)
    with time_machine.travel(morning, tick=False):
        last = timezone.localdate() - dt.timedelta(days=1)
        arm = next(n.arm.value for n in schedule_of(row).nights if n.date == last)
        html = _client(alice).get(f"/checkin?date={last.isoformat()}").content.decode()
    assert f'data-experiment-arm="{arm}"' in html
    assert "that night" in html and "Did you follow tonight" not in html


def test_the_check_in_answer_goes_back_to_the_check_in(alice: User) -> None:
    row = _running(alice)
    back = f"/checkin?date={_tonight().isoformat()}"
    response = _client(alice).post(
        f"/experiments/{row.pk}/followed",
        {"date": _tonight().isoformat(), "answer": "yes", "next": back},
    )
    assert response["Location"] == back
    assert ExperimentNight.objects.get(experiment=row).followed is True


def test_an_answer_never_goes_back_to_another_site(alice: User) -> None:
    row = _running(alice)
    response = _client(alice).post(
        f"/experiments/{row.pk}/followed",
        {"date": _tonight().isoformat(), "answer": "yes", "next": "https://evil.example/"},
    )
    assert response["Location"].startswith(f"/experiments/{row.pk}/")


def test_home_without_an_experiment_shows_no_arm(alice: User) -> None:
    assert "data-experiment-arm" not in _client(alice).get("/").content.decode()


def test_the_menu_links_to_experiments(alice: User) -> None:
    assert 'href="/experiments/"' in _client(alice).get("/").content.decode()


def _night_of_arm(row: Experiment, arm: str) -> dt.date | None:
    return next(
        (n.date for n in schedule_of(row).nights if n.date >= _tonight() and n.arm.value == arm),
        None,
    )


@pytest.mark.parametrize("arm", ["on", "off"])
def test_the_bedtime_coach_follows_the_stretch_experiment(alice: User, arm: str) -> None:
    import time_machine

    row = _running(alice)
    night = _night_of_arm(row, arm)
    assert night is not None
    evening = dt.datetime.combine(night, dt.time(21, 0)).astimezone()
    client = _client(alice)
    with time_machine.travel(evening, tick=False):
        html = client.get("/plan/routine/").content.decode()
        assert f'data-experiment-arm="{arm}"' in html
        assert ("data-skip-routine" in html) is (arm == "off")
        change = load_experiment_content().changes["bedtime_stretch"]
        assert getattr(change, arm) in html
        client.post("/plan/routine/done")
    answer = ExperimentNight.objects.get(experiment=row, date=night)
    assert answer.followed is (arm == "on")


def test_the_coach_keeps_no_experiment_answer_for_a_night_still_to_come(alice: User) -> None:
    import time_machine

    row = _running(alice)
    night = _night_of_arm(row, "on")
    assert night is not None
    afternoon = dt.datetime.combine(night, dt.time(15, 0)).astimezone()
    with time_machine.travel(afternoon, tick=False):
        _client(alice).post("/plan/routine/done")
    assert not ExperimentNight.objects.filter(experiment=row, date=night).exists()


def test_the_coach_says_nothing_of_an_experiment_without_one(alice: User) -> None:
    html = _client(alice).get("/plan/routine/").content.decode()
    assert "data-experiment-arm" not in html


def test_the_calendar_feed_carries_each_nights_arm(alice: User) -> None:
    from icalendar import Calendar

    row = _running(alice)
    client = _client(alice)
    client.post("/plan/calendar/new")
    html = client.get("/plan/calendar/").content.decode()
    found = re.search(r"data-share-url[^>]*>http://testserver(/plan/calendar/[^<]+\.ics)</p>", html)
    assert found
    body = Client().get(found.group(1)).content.decode()
    notes = {
        e.decoded("dtstart"): str(e["summary"])
        for e in Calendar.from_ical(body).walk("VEVENT")
        if "experiment" in str(e["uid"])
    }
    from django.utils import timezone

    ahead = [n for n in schedule_of(row).nights if n.date >= timezone.localdate()]
    assert len(notes) == len(ahead)
    for night in ahead:
        assert notes[night.date].endswith(": On" if night.arm.value == "on" else ": Off")


def test_a_paused_experiment_puts_no_arm_in_the_calendar(alice: User) -> None:
    from nightcramp.store.experiments.tonight import experiment_notes

    row = _running(alice)
    assert experiment_notes(alice, today=_tonight())
    row.status = Experiment.Status.PAUSED
    row.save()
    assert experiment_notes(alice, today=_tonight()) == ()


def test_the_morning_after_the_last_night_home_asks_about_it(alice: User) -> None:
    row = experiment(alice, start=dt.date(2027, 3, 1), change="bedtime_stretch", pairs=4)
    last = schedule_of(row).last
    zone = timezone.get_current_timezone()
    morning = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(8), tzinfo=zone)
    context = home_context(alice, morning)
    assert context["experiment_ask"].date == last  # type: ignore[attr-defined]
    assert context["experiment_night"].date == last  # type: ignore[attr-defined]
    assert context["experiment_is_tonight"] is False


@pytest.mark.parametrize(("hour", "offered"), [(2, True), (8, False), (14, False), (20, True)])
def test_the_experiment_page_asks_about_tonight_only_once_it_can_be_answered(
    alice: User, hour: int, offered: bool
) -> None:
    row = _running(alice, weeks_ago=1)
    moment = timezone.localtime().replace(hour=hour, minute=40)
    with time_machine.travel(moment, tick=False):
        html = _client(alice).get(f"/experiments/{row.pk}/").content.decode()
    card = html.split('class="card exp-tonight"')[1].split("</section>")[0]
    assert "Tonight:" in card
    assert ("Did you follow tonight" in card) is offered


def test_the_method_every_change_shares_is_cited_once_not_on_each_card(alice: User) -> None:
    html = _client(alice).get("/experiments/").content.decode()
    changes = load_experiment_content().changes.values()
    shared = set.intersection(*(set(c.sources) for c in changes))
    assert shared  # the N-of-1 method paper
    method = load_sources()[next(iter(shared))].citation
    assert html.count(method) == 1
    assert "data-method-sources" in html
    for change in changes:
        assert method not in _card(html, change.id)


def test_the_other_night_form_offers_only_nights_of_the_experiment_that_can_be_answered(
    alice: User,
) -> None:
    row = _running(alice, weeks_ago=1)
    morning = timezone.localtime().replace(hour=8, minute=40)
    with time_machine.travel(morning, tick=False):
        html = _client(alice).get(f"/experiments/{row.pk}/").content.decode()
        last = timezone.localdate() - dt.timedelta(days=1)
    field = re.search(r'<input type="date" name="date" id="id_date"[^>]*>', html)
    assert field is not None
    assert f'value="{last.isoformat()}"' in field.group(0)
    assert f'max="{last.isoformat()}"' in field.group(0)
    assert f'min="{row.start.isoformat()}"' in field.group(0)
