"""One diary, the same numbers everywhere: home, insights, plan, history, the report and the CLI.

The diary has a cramp on a night with no check-in (logged, with cramps) and gaps (missing), the
cases where screens used to disagree.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.conftest import make_person

from nightcramp.cli.entry import main
from nightcramp.core import diary as core
from nightcramp.core.diary_summary import summarize
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.nights import SaveMode, save_night

pytestmark = pytest.mark.django_db(transaction=True)

NUMBERS = ("nights-logged", "cramp-nights", "cramps", "nights-missing")


def _diary(user: User) -> tuple[list[dt.date], list[dt.date]]:
    """Store 40 evenings (with 3 gaps), cramps on 9 of them, and one cramp with no check-in.

    Return the nights checked in and the night of each cramp.
    """
    today = dt.date.today()
    first = today - dt.timedelta(days=45)
    nights: list[dt.date] = []
    cramps: list[dt.date] = []
    for i in range(43):
        day = first + dt.timedelta(days=i)
        if i in (5, 17, 30):
            continue
        save_night(
            user, day, {"water_glasses": i % 7, "alcohol_drinks": i % 3}, mode=SaveMode.REPLACE
        )
        nights.append(day)
        if i % 5 == 0:
            for hour in (1, 3) if i % 10 == 0 else (2,):
                start = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(hour))
                log_episode(user, core.Episode(started_at=start, severity=5))
                cramps.append(day)
    lonely = first + dt.timedelta(days=17)  # no check-in that night, but a cramp
    log_episode(user, core.Episode(started_at=dt.datetime.combine(lonely, dt.time(23))))
    cramps.append(lonely)
    return nights, cramps


def _numbers(nights: list[dt.date], cramps: list[dt.date], **period: dt.date) -> tuple[int, ...]:
    summary = summarize(nights, cramps, today=dt.date.today(), **period)
    return summary.nights_logged, summary.cramp_nights, summary.cramps, summary.nights_missing


def _shown(page: str) -> tuple[int, ...]:
    found = re.search(r"<p[^>]*data-diary-summary[^>]*>", page)
    assert found, "the page shows no diary summary"
    tag = found.group(0)
    return tuple(int(re.search(rf'data-{n}="(\d+)"', tag).group(1)) for n in NUMBERS)  # type: ignore[union-attr]  # asserted present


def test_every_screen_and_command_shows_the_same_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alice = make_person("alice")
    nights, cramp_dates = _diary(alice)
    expected = _numbers(nights, cramp_dates)
    assert expected[0] == 41 and expected[3] > 0
    logged, cramp_nights, cramps, _missing = expected
    client = Client()
    client.force_login(alice)
    for url in ("/", "/insights/", "/plan/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _shown(response.content.decode()) == expected, url

    capsys.readouterr()
    out = tmp_path / "report.html"
    assert main(["report", "--html", "--out", str(out), "--user", "alice", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["nights_logged"], report["cramp_nights"], report["episodes"]) == (
        logged,
        cramp_nights,
        cramps,
    )
    assert report["nights_missing"] == expected[3]

    assert main(["analyze", "--user", "alice", "--json"]) == 0
    analysis = json.loads(capsys.readouterr().out)
    assert (analysis["nights"], analysis["cramp_nights"]) == (logged, cramp_nights)

    assert main(["analyze", "--user", "alice"]) == 0
    text = capsys.readouterr().out
    assert f"{logged} nights logged" in " ".join(text.split())
    assert f"{cramp_nights} nights with cramps ({cramps} cramps)" in " ".join(text.split())


def test_history_shows_the_numbers_of_its_period_as_every_screen_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    alice = make_person("alice")
    nights, cramp_dates = _diary(alice)
    today = dt.date.today()
    client = Client()
    client.force_login(alice)
    this_month = today.replace(day=1)
    for month_start in (this_month, (this_month - dt.timedelta(days=1)).replace(day=1)):
        month_end = (month_start + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        response = client.get(f"/history?month={month_start:%Y-%m}")
        assert response.status_code == 200
        shown = _shown(response.content.decode())
        assert shown == _numbers(
            nights, cramp_dates, since=month_start, until=min(month_end, today)
        ), month_start

    first = min(nights + cramp_dates)
    capsys.readouterr()
    flags = ["--since", first.isoformat(), "--until", today.isoformat(), "--user", "alice"]
    assert main(["history", *flags, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    numbers = tuple(summary[n.replace("-", "_")] for n in NUMBERS)
    assert numbers == _numbers(nights, cramp_dates)
    logged, cramp_nights, cramps, missing = numbers
    assert main(["history", *flags]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert f"{logged} nights logged" in text
    assert f"{cramp_nights} nights with cramps ({cramps} cramps), {missing} nights missing" in text
