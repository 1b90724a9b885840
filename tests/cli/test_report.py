from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.conftest import make_person
from tests.web.report.diaries import store_diary

from nightcramp.cli.entry import main

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_year_of_diary_fits_on_two_pages_with_every_section(tmp_path: Path) -> None:
    store_diary(make_person("alice"), nights=365, end=dt.date.today() - dt.timedelta(days=2))
    out = tmp_path / "report.pdf"
    assert main(["report", "--out", str(out), "--paper", "a4", "--user", "alice"]) == 0
    reader = PdfReader(out)
    assert len(reader.pages) <= 2
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for section in (
        "Summary",
        "Cramp nights per week",
        "Time of night",
        "Relief that worked",
        "Possible triggers",
        "Medicines",
        "What has been tried",
        "Questions for the appointment",
    ):
        assert section in text
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 595  # A4 in points


def test_since_must_be_a_date(tmp_path: Path) -> None:
    assert main(["report", "--since", "yesterday", "--out", str(tmp_path / "r.pdf")]) == 2
    assert not (tmp_path / "r.pdf").exists()


def test_paper_must_be_known(tmp_path: Path) -> None:
    assert main(["report", "--paper", "a5", "--out", str(tmp_path / "r.pdf")]) == 2
