from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from pypdf import PdfReader

from nightcramp.core.report import Paper
from nightcramp.store.sharing.links import create_link
from nightcramp.store.sharing.report import report_pdf

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_report_with_a_link_prints_its_address_and_end(alice: User) -> None:
    now = timezone.now()
    made = create_link(alice, now=now, days=3)
    url = f"https://cramps.example.org{made.path}"
    text = _text(report_pdf(alice, now=now, paper=Paper.A4, link=made.link, url=url))
    until = timezone.localtime(now + dt.timedelta(days=3))
    assert "Live summary" in text
    assert f"{until.day} {until:%b %Y}" in text
    assert made.token[:10] in text.replace("\n", "")


def test_the_report_without_a_link_has_no_link(alice: User) -> None:
    text = _text(report_pdf(alice, now=timezone.now(), paper=Paper.A4))
    assert "Live summary" not in text and "Summary" in text
