from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pypdf import PdfReader
from tests.web.report.diaries import store_diary

from nightcramp.store.diary.models import Medication

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_report_page_offers_the_pdf_and_print_view(alice: User) -> None:
    response = _client(alice).get("/report/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Download PDF" in body and "/report/print" in body


def test_pdf_download_is_a_pdf_with_the_sections(alice: User) -> None:
    store_diary(alice, nights=90, end=dt.date.today() - dt.timedelta(days=2))
    Medication.objects.create(
        user=alice, name="Bendroflumethiazide", started_on=dt.date(2020, 1, 1)
    )
    response = _client(alice).get("/report/report.pdf?paper=letter")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert 1 <= len(reader.pages) <= 2
    text = " ".join(page.extract_text() for page in reader.pages)
    for section in (
        "Summary",
        "Cramp nights per week",
        "Possible triggers",
        "Medicines",
        "What has been tried",
        "Questions for the appointment",
    ):
        assert section in text
    assert "Bendroflumethiazide" in text
    assert reader.metadata is not None and "Night leg cramps" in str(reader.metadata.title)


def test_print_view_shows_only_the_persons_own_diary(alice: User, bob: User) -> None:
    store_diary(alice, nights=30, end=dt.date.today() - dt.timedelta(days=2))
    Medication.objects.create(user=alice, name="Ramipril")
    body = _client(bob).get("/report/print").content.decode()
    assert "Ramipril" not in body
    assert "No medicines recorded" in body
    assert "<b>0</b>nights logged" in body


def test_report_needs_a_login_when_accounts_exist(alice: User) -> None:
    response = Client().get("/report/report.pdf")
    assert response.status_code == 302
    assert "/account/login" in response["Location"]


def test_print_view_allows_its_own_styles_by_hash_and_nothing_inline_else(alice: User) -> None:
    import base64
    import hashlib
    import re

    response = _client(alice).get("/report/print")
    body = response.content.decode()
    block = re.search(r"<style>(.*?)</style>", body, re.DOTALL)
    assert block is not None
    digest = base64.b64encode(hashlib.sha256(block.group(1).encode()).digest()).decode()
    policy = response["Content-Security-Policy"]
    style_src = next(part for part in policy.split(";") if part.strip().startswith("style-src"))
    assert f"'sha256-{digest}'" in style_src
    assert "unsafe-inline" not in policy
    assert 'name="viewport"' in body


def test_other_pages_keep_the_plain_style_policy(alice: User) -> None:
    response = _client(alice).get("/report/")
    assert "sha256-" not in response["Content-Security-Policy"]
