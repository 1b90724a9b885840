"""Two people of one household, each with an account: every page that takes a record's id
answers 404 for the other person's record and changes nothing; no page shows it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from tests.conftest import make_person

from nightcramp.core.diary import Episode, Muscle
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.models import Episode as EpisodeRow
from nightcramp.store.diary.models import Medication, Night
from nightcramp.store.diary.nights import SaveMode, save_night
from nightcramp.store.experiments.lifecycle import start_experiment
from nightcramp.store.experiments.models import Experiment
from nightcramp.store.plan.models import CalendarToken, hash_calendar_secret
from nightcramp.store.sharing.clinicians import mark_clinician
from nightcramp.store.sharing.grants import grant_access
from nightcramp.store.sharing.links import create_link
from nightcramp.store.sharing.models import AccessLog, ClinicianGrant, ShareLink
from nightcramp.store.triage.history import save_assessment
from nightcramp.store.triage.models import TriageRecord

pytestmark = pytest.mark.django_db

NOTE = "alice-private-note-7f3a"
NIGHT = dt.date(2026, 1, 1)


def _alices_records(alice: User) -> dict[str, int]:
    now = timezone.now()
    started = dt.datetime.combine(NIGHT, dt.time(23, 30), tzinfo=timezone.get_current_timezone())
    episode = log_episode(alice, Episode(started_at=started, muscle=Muscle.CALF, notes=NOTE))
    save_night(alice, NIGHT, {"water_glasses": 4}, mode=SaveMode.REPLACE)
    medicine = Medication.objects.create(user=alice, name=NOTE, started_on=NIGHT)
    experiment = start_experiment(alice, "bedtime_stretch", now=now, seed=3)
    result = save_assessment(alice, {"pregnant": True, "one_leg_swollen": True})
    link = create_link(alice, now=now).link
    mark_clinician(make_person("dr_lee"))
    grant = grant_access(alice, "dr_lee", ends_on=timezone.localdate(now), now=now)
    calendar = CalendarToken.objects.create(user=alice, token_hash=hash_calendar_secret("s" * 40))
    return {
        "episode": episode.pk,
        "medicine": medicine.pk,
        "experiment": experiment.pk,
        "result": result.pk,
        "link": link.pk,
        "grant": grant.pk,
        "calendar": calendar.pk,
    }


def _state(alice: User) -> list[object]:
    """Everything of alice's that a page could change."""
    return [
        list(EpisodeRow.objects.filter(user=alice).values()),
        list(Night.objects.filter(user=alice).values()),
        list(Medication.objects.filter(user=alice).values()),
        list(Experiment.objects.filter(user=alice).values()),
        list(TriageRecord.objects.filter(user=alice).values()),
        list(ShareLink.objects.filter(user=alice).values()),
        list(ClinicianGrant.objects.filter(person=alice).values()),
        list(CalendarToken.objects.filter(user=alice).values()),
    ]


def test_every_page_with_an_id_answers_404_for_the_other_persons_record(
    alice: User, bob: User
) -> None:
    ids = _alices_records(alice)
    before = _state(alice)
    client = Client()
    client.force_login(bob)

    reads = [
        f"/episodes/{ids['episode']}/edit",
        f"/medicines/{ids['medicine']}/edit",
        f"/experiments/{ids['experiment']}/",
        f"/triage/result/{ids['result']}/",
    ]
    writes = [
        (f"/episodes/{ids['episode']}/edit", {"started_at": "2026-01-01T22:00"}),
        (f"/episodes/{ids['episode']}/delete", {}),
        (f"/nights/{NIGHT.isoformat()}/delete", {}),
        (f"/medicines/{ids['medicine']}/edit", {"name": "changed"}),
        (f"/medicines/{ids['medicine']}/delete", {}),
        (f"/experiments/{ids['experiment']}/stop", {"reason": ""}),
        (f"/experiments/{ids['experiment']}/pause", {"reason": ""}),
        (f"/experiments/{ids['experiment']}/followed", {"date": "2026-01-01", "answer": "yes"}),
        (f"/triage/result/{ids['result']}/seen/", {}),
        (f"/share/{ids['link']}/revoke", {}),
        (f"/share/grants/{ids['grant']}/revoke", {}),
    ]
    for path in reads:
        response = client.get(path)
        assert response.status_code == 404, path
        assert NOTE not in response.content.decode(), path
    for path, data in writes:
        assert client.post(path, data).status_code == 404, path
    client.post(f"/plan/calendar/{ids['calendar']}/revoke")  # answers as for a missing id

    assert _state(alice) == before


def test_the_other_persons_records_appear_on_none_of_ones_own_pages(alice: User, bob: User) -> None:
    _alices_records(alice)
    client = Client()
    client.force_login(bob)
    pages = [
        "/",
        "/history?month=2026-01",
        "/medicines",
        "/experiments/",
        "/triage/history/",
        "/share/",
        "/access-log/",
        "/clinician/",
        "/report/",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code in {200, 403}, page
        body = response.content.decode()
        assert NOTE not in body and "dr_lee" not in body, page
    assert not AccessLog.objects.exists()
