"""The open symptom check `nightcramp now` shows: found only when urgent or emergency and not
seen to, looked up without writing, and never on a database it should not wait for."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from nightcramp.cli import now_open
from nightcramp.cli.now_open import OpenResult, Unchosen, find_open_result, open_result
from nightcramp.config import load_config
from nightcramp.store.triage.history import resolve_result, save_assessment

CLOT = {"one_leg_swollen": True, "calf_pain_or_tenderness_between_cramps": True}


@pytest.mark.django_db
def test_an_urgent_result_not_seen_to_is_found_with_its_own_advice(alice: User) -> None:
    saved = save_assessment(alice, CLOT)
    found = find_open_result(None)
    assert isinstance(found, OpenResult)
    assert found.id == saved.pk
    assert found.disposition == "urgent"
    assert "do not massage, stretch or heat that leg" in found.advice
    assert found.title.startswith("Your symptom check on ")
    assert found.title.endswith("See a doctor today")
    assert "nightcramp triage resolve" in found.text()
    assert found.to_json()["advice"] == found.advice
    assert found.to_json()["disposition"] == "urgent"
    # The steps stretch and rub: they are said to be for a cramp anywhere but that leg.
    assert found.elsewhere.startswith("If this cramp is in the leg your symptom check was about")
    assert "below" not in found.elsewhere  # in the terminal, step 1 comes first
    assert found.elsewhere in found.text() and found.to_json()["steps_elsewhere"]


@pytest.mark.django_db
def test_a_result_that_leaves_the_legs_alone_keeps_the_steps(alice: User) -> None:
    save_assessment(alice, {"heart_racing_now_and_faint": True})
    found = find_open_result(None)
    assert isinstance(found, OpenResult) and found.disposition == "emergency"
    assert found.elsewhere == "" and found.to_json()["steps_elsewhere"] is None


@pytest.mark.django_db
def test_a_result_seen_to_or_not_urgent_is_not_shown(alice: User) -> None:
    saved = save_assessment(alice, CLOT)
    resolve_result(alice, saved.pk, now=timezone.now())
    assert find_open_result(None) is None
    save_assessment(alice, {"typical_duration_min": 2})
    assert find_open_result(None) is None


@pytest.mark.django_db
def test_the_person_is_the_one_named_and_nobody_is_guessed(alice: User, bob: User) -> None:
    save_assessment(bob, CLOT)
    assert find_open_result("alice") is None
    found = find_open_result("bob")
    assert isinstance(found, OpenResult)
    assert found.text().rstrip().endswith("--user bob")
    several = find_open_result(None)  # two accounts, no name: nobody is guessed, and it is said
    assert isinstance(several, Unchosen) and "--user NAME" in several.text()
    unknown = find_open_result("carol")
    assert isinstance(unknown, Unchosen) and "carol" in unknown.text()


@pytest.mark.django_db
def test_without_any_account_the_look_creates_nothing() -> None:
    assert find_open_result(None) is None
    assert not User.objects.exists()


def test_only_the_embedded_database_that_exists_is_looked_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NIGHTCRAMP_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("NIGHTCRAMP_DATABASE_URL", raising=False)
    assert open_result(load_config(), None) is None
    assert not (tmp_path / "home").exists()  # nothing created
    # A server database is never waited for: no connection is tried (this one does not exist).
    monkeypatch.setenv("NIGHTCRAMP_DATABASE_URL", "postgresql://nobody@127.0.0.1:9/none")
    assert open_result(load_config(), None) is None


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NIGHTCRAMP_DATABASE_URL"}
    env["NIGHTCRAMP_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "nightcramp", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_now_shows_an_open_result_after_step_1_until_it_is_seen_to(tmp_path: Path) -> None:
    home = tmp_path / "home"
    answers = tmp_path / "clot.json"
    answers.write_text(json.dumps(CLOT), encoding="utf-8")
    assert _cli(home, "triage", "--answers", str(answers)).returncode == 0
    database = home / "nightcramp.sqlite3"
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    shown = _cli(home, "now", "--plain")
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before  # the look wrote nothing
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    advice = text.index("do not massage, stretch or heat that leg")
    assert text.index("Step 1 of 5") < text.index("Careful: Stay sitting or lying")
    assert text.index("Careful: Stay sitting or lying") < text.index("Your symptom check on")
    assert text.index("Your symptom check on") < advice
    assert advice < text.index("Step 2 of 5")
    as_json = json.loads(_cli(home, "now", "--json").stdout)
    assert as_json["open_result"]["disposition"] == "urgent"
    assert as_json["open_result"]["id"] == 1
    assert _cli(home, "triage", "resolve", "1").returncode == 0
    after = _cli(home, "now", "--plain")
    assert "Your symptom check on" not in after.stdout
    assert json.loads(_cli(home, "now", "--json").stdout)["open_result"] is None


def test_a_look_that_takes_too_long_is_given_up(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(config: object, user_name: object) -> object:
        time.sleep(2)
        return "found too late"

    monkeypatch.setattr(now_open, "open_result", slow)
    assert now_open.Lookup(load_config(), None).wait(0.2) is None  # given up, not waited for
