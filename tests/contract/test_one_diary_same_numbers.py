"""One diary, the same numbers everywhere: home, insights, plan, the report and the CLI.

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


def _diary(user: User) -> tuple[int, int, int, int]:
    """Store 40 evenings (with 3 gaps), cramps on 9 of them, and one cramp with no check-in."""
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
    summary = summarize(nights, cramps, today=today)
    assert summary.nights_logged == 41 and summary.nights_missing > 0
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
    expected = _diary(alice)
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
