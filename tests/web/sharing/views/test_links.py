"""The person's /share/ page: make a link (shown once, with its QR code), stop it, grant a
clinician access and stop that."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader
from tests.conftest import make_person
from tests.web.report.diaries import store_diary

from nightcramp.store.diary.models import Medication
from nightcramp.store.sharing.clinicians import mark_clinician
from nightcramp.store.sharing.links import create_link, find_link
from nightcramp.store.sharing.models import ClinicianGrant, ShareLink

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _token(body: str) -> str:
    found = re.search(r"/s/([A-Za-z0-9_-]+)/", body)
    assert found is not None
    return found.group(1)


def test_making_a_link_shows_its_address_and_qr_code_once(alice: User) -> None:
    client = _client(alice)
    response = client.post("/share/", {"days": "7", "label": "Dr Shah"})
    assert response.status_code == 200
    body = response.content.decode()
    token = _token(body)
    assert "http://testserver/s/" in body
    assert "<svg" in body and "data-share-qr" in body
    link = ShareLink.objects.get()
    assert (link.user, link.label) == (alice, "Dr Shah")
    assert link.expires_at - link.created_at == dt.timedelta(days=7)
    assert find_link(token, now=timezone.now()) == link
    later = client.get("/share/").content.decode()
    assert token not in later and "Dr Shah" in later


def test_the_link_uses_the_base_url_when_set(alice: User, settings: object) -> None:
    from nightcramp.config import Config

    settings.CONFIG = Config(base_url="https://cramps.example.org")  # type: ignore[attr-defined]
    body = _client(alice).post("/share/", {"days": "14"}).content.decode()
    assert "https://cramps.example.org/s/" in body


@pytest.mark.parametrize("days", ["0", "366", "many"])
def test_a_bad_number_of_days_makes_no_link(alice: User, days: str) -> None:
    response = _client(alice).post("/share/", {"days": days})
    assert response.status_code == 400
    assert not ShareLink.objects.exists()


def test_stopping_a_link_works_at_once_and_only_for_its_owner(alice: User, bob: User) -> None:
    made = create_link(alice, now=timezone.now())
    assert _client(bob).post(f"/share/{made.link.pk}/revoke").status_code == 404
    assert Client().get(made.path).status_code == 200
    response = _client(alice).post(f"/share/{made.link.pk}/revoke")
    assert response.status_code == 302
    assert Client().get(made.path).status_code == 404


def test_the_report_with_the_qr_code_needs_the_owners_live_token(alice: User, bob: User) -> None:
    made = create_link(alice, now=timezone.now())
    response = _client(alice).post("/share/report.pdf", {"token": made.token})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert _client(bob).post("/share/report.pdf", {"token": made.token}).status_code == 404
    assert _client(alice).post("/share/report.pdf", {"token": "x" * 43}).status_code == 404


def test_the_pages_ask_for_a_log_in(alice: User) -> None:
    for path in ("/share/", "/access-log/"):
        response = Client().get(path)
        assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert Client().post("/share/", {"days": "14"}).status_code == 302
    assert not ShareLink.objects.exists()


def test_granting_and_stopping_clinician_access(alice: User, bob: User) -> None:
    doctor = make_person("dr_lee")
    mark_clinician(doctor)
    until = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    client = _client(alice)
    assert (
        client.post("/share/grants", {"clinician": "dr_lee", "ends_on": until}).status_code == 302
    )
    grant = ClinicianGrant.objects.get()
    assert (grant.person, grant.clinician, grant.starts_on) == (alice, doctor, timezone.localdate())
    assert "dr_lee" in client.get("/share/").content.decode()
    assert _client(bob).post(f"/share/grants/{grant.pk}/revoke").status_code == 404
    assert client.post(f"/share/grants/{grant.pk}/revoke").status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None


@pytest.mark.parametrize("name", ["nobody", "bob"])
def test_granting_to_someone_who_is_not_a_clinician_is_refused(
    alice: User, bob: User, name: str
) -> None:
    until = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    response = _client(alice).post("/share/grants", {"clinician": name, "ends_on": until})
    assert response.status_code == 400
    assert "no clinician account named" in response.content.decode()
    assert not ClinicianGrant.objects.exists()


def test_the_menu_reaches_the_share_page(alice: User) -> None:
    html = _client(alice).get("/").content.decode()
    nav = html.split('<nav id="site-nav"')[1].split("</nav>")[0]
    assert '<a href="/share/">Share</a>' in nav


def test_the_page_is_never_cached_and_keeps_the_sites_referrer_policy(alice: User) -> None:
    response = _client(alice).post("/share/", {"days": "14"})
    assert "no-store" in response["Cache-Control"]
    # With "no-referrer" a browser posts the page's forms with "Origin: null", which is refused.
    assert response["Referrer-Policy"] == "same-origin"


def test_a_full_year_report_with_the_qr_code_stays_on_two_pages(alice: User) -> None:
    store_diary(alice, nights=365, end=timezone.localdate() - dt.timedelta(days=2))
    for name in ("Bendroflumethiazide", "Atorvastatin", "Amlodipine", "Ramipril"):
        Medication.objects.create(user=alice, name=name, started_on=dt.date(2020, 1, 1))
    made = create_link(alice, now=timezone.now())
    response = _client(alice).post("/share/report.pdf", {"token": made.token})
    reader = PdfReader(io.BytesIO(response.content))
    assert 1 <= len(reader.pages) <= 2
    assert "Live summary, read-only" in reader.pages[0].extract_text()
    assert made.token in reader.pages[0].extract_text().replace("\n", "")
