"""A clinician reads the diaries of the people who granted access, while the grant is live,
read-only; everyone else is refused; every look is logged for the person."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from tests.conftest import make_person

from nightcramp.core.diary import Episode, Muscle
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.models import Episode as EpisodeRow
from nightcramp.store.diary.models import Medication
from nightcramp.store.sharing.clinicians import mark_clinician
from nightcramp.store.sharing.grants import grant_access, revoke_grant
from nightcramp.store.sharing.models import AccessLog, Clinician

pytestmark = pytest.mark.django_db


@pytest.fixture
def doctor(db: None, fast_passwords: None) -> User:
    user = make_person("dr_lee")
    mark_clinician(user)
    return user


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _grant(person: User, *, days: int = 10, starts_in: int = 0) -> int:
    today = timezone.localdate()
    grant = grant_access(
        person,
        "dr_lee",
        starts_on=today + dt.timedelta(days=starts_in),
        ends_on=today + dt.timedelta(days=days),
        now=timezone.now(),
    )
    return grant.pk


def test_the_clinician_sees_the_people_who_granted_access(
    alice: User, bob: User, doctor: User
) -> None:
    _grant(alice)
    response = _client(doctor).get("/clinician/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"/clinician/{alice.pk}/" in body and f"/clinician/{bob.pk}/" not in body
    assert response["Cache-Control"] == "no-store"


def test_during_the_grant_the_summary_and_report_are_shown_and_logged(
    alice: User, doctor: User
) -> None:
    Medication.objects.create(user=alice, name="furosemide", started_on=dt.date(2024, 1, 1))
    _grant(alice)
    client = _client(doctor)
    page = client.get(f"/clinician/{alice.pk}/", REMOTE_ADDR="192.0.2.44")
    assert page.status_code == 200 and "furosemide" in page.content.decode()
    assert page["X-Robots-Tag"].startswith("noindex")
    pdf = client.get(f"/clinician/{alice.pk}/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    logged = list(AccessLog.objects.order_by("at", "id").values_list("page", "who", "address"))
    assert logged == [("summary", "dr_lee", "192.0.2.44"), ("report", "dr_lee", "127.0.0.1")]


def test_an_open_urgent_result_comes_first_for_the_clinician(alice: User, doctor: User) -> None:
    from nightcramp.store.triage.history import save_assessment

    save_assessment(alice, {"one_leg_swollen": True})
    _grant(alice)
    body = _client(doctor).get(f"/clinician/{alice.pk}/").content.decode()
    assert body.index("data-open-first") < body.index("data-diary-summary")
    assert "Not yet marked as seen" in body
    first = body[body.index("data-open-first") : body.index("data-diary-summary")]
    # In the report's words for the clinician, not the questions put to the person.
    assert "Please answer" not in first and "could not rule out" in first


def test_the_clinicians_home_page_points_to_the_people_and_nobody_elses_does(
    alice: User, bob: User, doctor: User
) -> None:
    _grant(alice)
    home = _client(doctor).get("/").content.decode()
    assert "data-shared-with-me" in home and "Diaries shared with you: 1 person" in home
    bob_client = Client()
    bob_client.force_login(bob)
    assert "data-shared-with-me" not in bob_client.get("/").content.decode()


def test_before_the_start_date_nothing_is_shown(alice: User, doctor: User) -> None:
    _grant(alice, starts_in=2, days=5)
    client = _client(doctor)
    assert client.get(f"/clinician/{alice.pk}/").status_code == 404
    assert client.get(f"/clinician/{alice.pk}/report.pdf").status_code == 404
    assert f"/clinician/{alice.pk}/" not in client.get("/clinician/").content.decode()
    assert not AccessLog.objects.exists()


def test_after_the_end_date_nothing_is_shown(alice: User, doctor: User) -> None:
    _grant(alice, days=3)
    client = _client(doctor)
    assert client.get(f"/clinician/{alice.pk}/").status_code == 200
    last_day = timezone.localdate() + dt.timedelta(days=3)
    noon = dt.datetime.combine(last_day, dt.time(12), tzinfo=timezone.get_current_timezone())
    with time_machine.travel(noon):
        assert client.get(f"/clinician/{alice.pk}/").status_code == 200  # the last day counts
    with time_machine.travel(noon + dt.timedelta(days=1)):
        assert client.get(f"/clinician/{alice.pk}/").status_code == 404
        assert client.get(f"/clinician/{alice.pk}/report.pdf").status_code == 404
    assert AccessLog.objects.count() == 2


def test_revoking_refuses_the_very_next_request(alice: User, doctor: User) -> None:
    grant_id = _grant(alice)
    client = _client(doctor)
    assert client.get(f"/clinician/{alice.pk}/").status_code == 200
    revoke_grant(alice, grant_id, now=timezone.now())
    assert client.get(f"/clinician/{alice.pk}/").status_code == 404
    assert client.get(f"/clinician/{alice.pk}/report.pdf").status_code == 404
    assert client.get("/clinician/").status_code == 200  # still a clinician, nobody listed


def test_another_persons_data_is_not_shown(alice: User, bob: User, doctor: User) -> None:
    _grant(alice)
    client = _client(doctor)
    for person_id in (bob.pk, doctor.pk, 999_999):
        assert client.get(f"/clinician/{person_id}/").status_code == 404
        assert client.get(f"/clinician/{person_id}/report.pdf").status_code == 404


def test_a_clinician_cannot_write_to_the_persons_diary(alice: User, doctor: User) -> None:
    _grant(alice)
    started = timezone.now() - dt.timedelta(days=1)
    log_episode(alice, Episode(started_at=started, muscle=Muscle.CALF))
    episode = EpisodeRow.objects.get(user=alice)
    client = _client(doctor)
    assert client.post(f"/clinician/{alice.pk}/", {"x": "1"}).status_code == 405
    assert client.post(f"/clinician/{alice.pk}/report.pdf").status_code == 405
    assert client.get(f"/api/v1/episodes/{episode.pk}").status_code in {401, 404}
    assert client.delete(f"/api/v1/episodes/{episode.pk}").status_code in {401, 403, 404}
    assert client.post(f"/episodes/{episode.pk}/delete").status_code in {403, 404, 405}
    assert EpisodeRow.objects.filter(user=alice).count() == 1


def test_someone_who_is_not_a_clinician_is_refused(alice: User, bob: User, doctor: User) -> None:
    _grant(alice)
    client = _client(bob)  # a household member, not a clinician
    assert client.get("/clinician/").status_code == 403
    assert client.get(f"/clinician/{alice.pk}/").status_code == 403
    assert client.get(f"/clinician/{alice.pk}/report.pdf").status_code == 403
    assert not AccessLog.objects.exists()


def test_signed_out_visitors_are_sent_to_log_in(alice: User, doctor: User) -> None:
    _grant(alice)
    response = Client().get(f"/clinician/{alice.pk}/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_a_clinician_account_that_is_unmarked_loses_access(alice: User, doctor: User) -> None:
    _grant(alice)
    client = _client(doctor)
    Clinician.objects.filter(user=doctor).delete()
    assert client.get(f"/clinician/{alice.pk}/").status_code == 403


def test_a_household_member_who_is_a_clinician_sees_only_whoever_granted_them(
    alice: User, bob: User, doctor: User
) -> None:
    _grant(alice)  # to dr_lee, not to bob
    mark_clinician(bob)
    client = _client(bob)
    assert client.get("/clinician/").status_code == 200
    assert f"/clinician/{alice.pk}/" not in client.get("/clinician/").content.decode()
    assert client.get(f"/clinician/{alice.pk}/").status_code == 404
    assert client.get(f"/clinician/{alice.pk}/report.pdf").status_code == 404
    assert not AccessLog.objects.exists()


def test_a_person_id_too_large_for_the_database_is_not_found(doctor: User) -> None:
    client = _client(doctor)
    for path in ("/clinician/99999999999999999999999/", "/clinician/9223372036854775808/"):
        assert client.get(path).status_code == 404
        assert client.get(f"{path}report.pdf").status_code == 404
    assert not AccessLog.objects.exists()
