"""`nightcramp triage` saves every result; `triage history` lists them, `triage resolve` closes
one; `plan` and `report` lead with the most urgent open result."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app
from nightcramp.store.triage.models import TriageRecord

pytestmark = pytest.mark.django_db

URGENT: dict[str, object] = {"pregnant": True, "one_leg_swollen": True}  # pregnant, swollen calf
ALL_CLEAR: dict[str, object] = {"cramps_per_week": 1}


def run(*args: str) -> Result:
    return CliRunner().invoke(build_app(), list(args))


def _answers(tmp_path: Path, answers: dict[str, object], name: str = "a.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)


def _triage(tmp_path: Path, answers: dict[str, object], *extra: str) -> dict[str, Any]:
    result = run("triage", "--answers", _answers(tmp_path, answers), "--json", *extra)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def _history(*extra: str) -> list[dict[str, Any]]:
    result = run("triage", "history", "--json", *extra)
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)
    assert isinstance(items, list)
    return items


def _days_ago(record_id: int, days: float) -> None:
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    TriageRecord.objects.filter(pk=record_id).update(created_at=moment)


def test_a_result_from_the_terminal_is_saved_and_listed(tmp_path: Path) -> None:
    document = _triage(tmp_path, URGENT)
    items = _history()
    assert len(items) == 1
    item = items[0]
    assert item["disposition"] == document["disposition"] == "urgent"
    assert item["reasons"] == document["reasons"]
    assert item["resolved"] is False and item["open"] is True
    assert isinstance(item["id"], int)
    assert dt.datetime.fromisoformat(str(item["at"])).tzinfo is not None
    record = TriageRecord.objects.get(pk=item["id"])
    assert record.answers == URGENT and record.source == "terminal"


def test_saving_does_not_change_what_is_printed(tmp_path: Path) -> None:
    saved = run("triage", "--answers", _answers(tmp_path, URGENT), "--json")
    unsaved = run("triage", "--answers", _answers(tmp_path, URGENT), "--json", "--no-save")
    assert saved.stdout == unsaved.stdout
    json.loads(saved.stdout)


def test_no_save_saves_nothing(tmp_path: Path) -> None:
    _triage(tmp_path, URGENT, "--no-save")
    result = run("triage", "--answers", _answers(tmp_path, ALL_CLEAR), "--no-save")
    assert result.exit_code == 0
    assert TriageRecord.objects.count() == 0
    assert _history() == []


def test_an_invalid_answers_file_saves_nothing(tmp_path: Path) -> None:
    result = run("triage", "--answers", _answers(tmp_path, {"age": "old"}), "--json")
    assert result.exit_code == 1 and result.stdout == ""
    assert TriageRecord.objects.count() == 0


def test_history_is_newest_first(tmp_path: Path) -> None:
    _triage(tmp_path, URGENT)
    _triage(tmp_path, ALL_CLEAR)
    items = _history()
    assert [i["disposition"] for i in items][1] == "urgent"
    assert int(str(items[0]["id"])) > int(str(items[1]["id"]))


def test_history_in_words_marks_the_open_result(tmp_path: Path) -> None:
    _triage(tmp_path, URGENT)
    result = run("triage", "history")
    assert result.exit_code == 0
    # The result's own label (pregnant with a swollen leg: now, not "today").
    assert "Get help now" in result.stdout and "Not seen yet" in result.stdout
    empty = run("triage", "history", "--user", "nobody")
    assert empty.exit_code == 2


def test_resolve_closes_the_result(tmp_path: Path) -> None:
    _triage(tmp_path, URGENT)
    result_id = _history()[0]["id"]
    result = run("triage", "resolve", str(result_id), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["resolved"] is True
    item = _history()[0]
    assert item["resolved"] is True and item["open"] is False
    words = run("triage", "resolve", str(result_id))
    assert words.exit_code == 0 and "seen" in words.stdout


def test_resolving_an_unknown_result_exits_1(tmp_path: Path) -> None:
    result = run("triage", "resolve", "999999")
    assert result.exit_code == 1
    assert "999999" in result.stderr and "Traceback" not in result.stderr
    assert run("triage", "resolve", "abc").exit_code == 2


def test_nobody_resolves_or_lists_another_persons_result(
    tmp_path: Path, alice: User, bob: User
) -> None:
    result = run("triage", "--answers", _answers(tmp_path, URGENT), "--user", "alice")
    assert result.exit_code == 0, result.stderr
    record = TriageRecord.objects.get(user=alice)
    assert run("triage", "resolve", str(record.pk), "--user", "bob").exit_code == 1
    assert _history("--user", "bob") == []
    assert _history("--user", "alice")[0]["resolved"] is False


def test_with_several_accounts_saving_needs_a_name(tmp_path: Path, alice: User, bob: User) -> None:
    result = run("triage", "--answers", _answers(tmp_path, URGENT), "--json")
    assert result.exit_code == 2
    assert "--user" in result.stderr and result.stdout == ""
    assert TriageRecord.objects.count() == 0


def test_a_later_all_clear_tells_you_the_open_result_still_stands(tmp_path: Path) -> None:
    _triage(tmp_path, URGENT)
    result = run("triage", "--answers", _answers(tmp_path, ALL_CLEAR))
    assert result.exit_code == 0
    urgent_id = _history()[1]["id"]
    assert f"nightcramp triage resolve {urgent_id}" in result.stdout
    assert "Get help now" in result.stdout


def test_with_several_accounts_the_resolve_hint_names_the_account(
    tmp_path: Path, alice: User, bob: User
) -> None:
    assert run("triage", "--answers", _answers(tmp_path, URGENT), "--user", "bob").exit_code == 0
    result = run("triage", "--answers", _answers(tmp_path, ALL_CLEAR), "--user", "bob")
    assert result.exit_code == 0
    urgent = TriageRecord.objects.get(user=bob, disposition="urgent")
    assert f"nightcramp triage resolve {urgent.pk} --user bob" in result.stdout
    plan = run("plan", "--user", "bob")
    assert f"nightcramp triage resolve {urgent.pk} --user bob" in plan.stdout


def _plan() -> dict[str, Any]:
    result = run("plan", "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def test_the_plan_leads_with_the_open_urgent_result_not_a_later_milder_one(
    tmp_path: Path,
) -> None:
    urgent = _triage(tmp_path, URGENT)
    _triage(tmp_path, ALL_CLEAR)
    document = _plan()
    triage = document["triage"]
    assert isinstance(triage, dict)
    assert next(iter(document)) == "triage"
    assert triage["disposition"] == "urgent"
    assert triage["reasons"] == urgent["reasons"]
    item = _history()[1]
    assert triage["at"] == item["at"]
    text = run("plan")
    flat = " ".join(text.stdout.split())
    # It leads with the saved result's own headline (here the maternity unit), its date first.
    headline = str(urgent["advice"]).split(". ")[0]
    assert headline.startswith("Contact your maternity unit")
    assert flat.index(headline) < flat.index("Recommended")
    assert f"nightcramp triage resolve {item['id']}" in text.stdout


def test_the_plan_stops_leading_with_it_once_seen_to_or_after_14_days(tmp_path: Path) -> None:
    _triage(tmp_path, URGENT)
    _triage(tmp_path, ALL_CLEAR)
    urgent_id = _history()[1]["id"]
    _days_ago(urgent_id, 15)
    assert _plan().get("triage", {}).get("disposition") != "urgent"
    _days_ago(urgent_id, 13)
    assert _plan()["triage"]["disposition"] == "urgent"
    assert run("triage", "resolve", str(urgent_id)).exit_code == 0
    assert _plan().get("triage", {}).get("disposition") != "urgent"


def test_the_plan_leads_with_the_most_urgent_open_result(tmp_path: Path) -> None:
    _triage(tmp_path, {"short_of_breath": True})
    _triage(tmp_path, URGENT)
    assert _plan()["triage"]["disposition"] == "emergency"


def test_the_report_lists_urgent_and_emergency_results_of_its_period(tmp_path: Path) -> None:
    _triage(tmp_path, {"short_of_breath": True})
    _triage(tmp_path, URGENT)
    _triage(tmp_path, ALL_CLEAR)
    emergency_id, urgent_id = _history()[2]["id"], _history()[1]["id"]
    _days_ago(emergency_id, 60)
    assert run("triage", "resolve", str(emergency_id)).exit_code == 0
    since = (dt.date.today() - dt.timedelta(days=30)).isoformat()
    out = tmp_path / "r.html"
    result = run("report", "--html", "--out", str(out), "--json", "--since", since)
    assert result.exit_code == 0, result.stderr
    listed = json.loads(result.stdout)["triage"]
    assert [(t["disposition"], t["resolved"]) for t in listed] == [("urgent", False)]
    assert set(listed[0]) == {"at", "disposition", "reasons", "resolved"}
    html = out.read_text(encoding="utf-8")
    assert "Urgent symptom checks in this period" in html and "not seen yet" in html
    whole = run("report", "--html", "--out", str(out), "--json")
    everything = json.loads(whole.stdout)["triage"]
    assert [(t["disposition"], t["resolved"]) for t in everything] == [
        ("emergency", True),
        ("urgent", False),
    ]
    assert urgent_id != emergency_id


def test_a_new_data_directory_is_created_on_first_use(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NIGHTCRAMP_DATABASE_URL"}
    env["NIGHTCRAMP_HOME"] = str(tmp_path / "home")
    command = [sys.executable, "-m", "nightcramp"]
    answers = _answers(tmp_path, URGENT)
    first = subprocess.run(
        [*command, "triage", "--answers", answers, "--json"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    listed = subprocess.run(
        [*command, "triage", "history", "--json"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    items = json.loads(listed.stdout)
    assert [i["disposition"] for i in items] == [json.loads(first.stdout)["disposition"]]


def test_a_year_of_diary_with_urgent_checks_still_fits_on_two_pages(tmp_path: Path) -> None:
    from pypdf import PdfReader
    from tests.web.report.diaries import store_diary

    from nightcramp.store.account.local import local_user

    user = local_user()
    assert isinstance(user, User)
    store_diary(user, nights=365, end=dt.date.today() - dt.timedelta(days=2))
    for _ in range(6):
        _triage(tmp_path, URGENT)
    _triage(tmp_path, {"short_of_breath": True})
    out = tmp_path / "report.pdf"
    result = run("report", "--out", str(out), "--paper", "a4", "--json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["triage"]) == 7
    assert len(PdfReader(out).pages) <= 2
