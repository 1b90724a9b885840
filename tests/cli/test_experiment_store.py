"""`nightcramp experiment start|status|followed|pause|resume|stop|result|list` on the stored
diary: JSON documents, exit codes, and whose experiment it is."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from tests.store.experiments.factories import days, log_nights
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app
from nightcramp.core.experiments.schedule import schedule_csv
from nightcramp.store.diary.models import Profile
from nightcramp.store.experiments.convert import schedule_of
from nightcramp.store.experiments.models import Experiment

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def run(*args: str) -> Result:
    return CliRunner().invoke(build_app(), ["experiment", *args])


def _start(user: str, *options: str) -> dict[str, object]:
    result = run("start", "--change", "bedtime_stretch", "--user", user, "--json", *options)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def test_start_prints_the_status_with_tonights_arm(alice: User) -> None:
    first = (TODAY - dt.timedelta(days=3)).isoformat()
    status = _start("alice", "--start", first, "--seed", "5", "--pairs", "4")
    assert (status["status"], status["start"], status["seed"], status["pairs"]) == (
        "running", first, 5, 4)  # fmt: skip
    assert status["tonight"] is None or status["tonight"]["arm"] in ("on", "off")  # type: ignore[index]  # a dict here
    assert Experiment.objects.get(user=alice).seed == 5


def test_a_second_start_exits_1_saying_one_is_going(alice: User) -> None:
    _start("alice")
    result = run("start", "--change", "warm_bath", "--user", "alice", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "already have an experiment going" in result.stderr
    assert Experiment.objects.filter(user=alice).count() == 1


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (("--pairs", "3"), "--pairs"),
        (("--period-nights", "2"), "--period-nights"),
        (("--start", "soon"), "--start"),
        (("--change", "quinine"), "--change"),
    ],
)
def test_a_bad_option_exits_2_naming_it_and_stores_nothing(
    alice: User, options: tuple[str, ...], named: str
) -> None:
    args = ["start", "--user", "alice", "--json"]
    result = run(
        *args, *(options if "--change" in options else ("--change", "warm_bath", *options))
    )
    assert result.exit_code == 2, result.stderr
    assert named in result.stderr
    assert "Traceback" not in result.stderr
    assert not Experiment.objects.exists()


def test_a_change_the_stored_profile_rules_out_exits_1_with_the_reason(alice: User) -> None:
    Profile.objects.create(user=alice, pregnant=True)
    result = run("start", "--change", "magnesium_supplement", "--user", "alice")
    assert result.exit_code == 1
    assert "pregnancy" in result.stderr


def test_followed_stores_the_answer_and_status_counts_it(alice: User) -> None:
    first = TODAY - dt.timedelta(days=5)
    _start("alice", "--start", first.isoformat(), "--seed", "3")
    result = run("followed", first.isoformat(), "no", "--user", "alice", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["followed"] is False
    status = json.loads(run("status", "--user", "alice", "--json").stdout)
    assert status["adherence"]["not_followed"] == 1


@pytest.mark.parametrize(
    ("night", "answer", "says"),
    [
        ("yesterday", "yes", "DATE"),
        ("TODAY-5", "maybe", "yes, no or unknown"),
        ("TODAY+9", "yes", "future"),
    ],
)
def test_followed_refuses_a_bad_date_or_answer_with_exit_2(
    alice: User, night: str, answer: str, says: str
) -> None:
    first = TODAY - dt.timedelta(days=5)
    _start("alice", "--start", first.isoformat(), "--seed", "3")
    if night.startswith("TODAY"):
        night = (TODAY + dt.timedelta(days=int(night[5:]))).isoformat()
    result = run("followed", night, answer, "--user", "alice")
    assert result.exit_code == 2
    assert says in result.stderr


def test_pause_resume_and_stop_keep_the_reason(alice: User) -> None:
    _start("alice")
    paused = json.loads(run("pause", "--reason", "a cold", "--user", "alice", "--json").stdout)
    assert (paused["status"], paused["reason"]) == ("paused", "a cold")
    again = run("pause", "--user", "alice")
    assert again.exit_code == 1
    assert "nothing to pause" in again.stderr
    assert run("resume", "--user", "alice").exit_code == 0
    stopped = json.loads(run("stop", "--reason", "moving", "--user", "alice", "--json").stdout)
    assert (stopped["status"], stopped["reason"]) == ("stopped", "moving")
    listed = json.loads(run("list", "--user", "alice", "--json").stdout)
    assert [item["status"] for item in listed["items"]] == ["stopped"]


def test_result_is_the_same_document_as_analyze_on_the_exported_files(
    alice: User, tmp_path: Path
) -> None:
    first = TODAY - dt.timedelta(days=30)
    _start("alice", "--start", first.isoformat(), "--pairs", "4", "--seed", "8")
    row = Experiment.objects.get(user=alice)
    nights = days(first, 28)
    log_nights(alice, nights, [*nights[::3], *nights[::5]])
    run("followed", nights[2].isoformat(), "no", "--user", "alice")
    stored = run("result", "--user", "alice", "--json")
    assert stored.exit_code == 0, stored.stderr
    exported = CliRunner().invoke(
        build_app(), ["export", "--format", "csv", "--out", str(tmp_path), "--user", "alice"]
    )
    assert exported.exit_code == 0, exported.stderr
    schedule = tmp_path / "schedule.csv"
    schedule.write_text(schedule_csv(schedule_of(row)), encoding="utf-8")
    from_files = run("analyze", "--schedule", str(schedule), "--nights",
                     str(tmp_path / "nights.csv"), "--episodes", str(tmp_path / "episodes.csv"),
                     "--change", "bedtime_stretch", "--json")  # fmt: skip
    assert from_files.exit_code == 0, from_files.stderr
    document = json.loads(stored.stdout)
    assert document == json.loads(from_files.stdout)
    assert len(document["looks"]) == 2


def test_without_an_experiment_status_exits_1_saying_how_to_start(alice: User) -> None:
    result = run("status", "--user", "alice")
    assert result.exit_code == 1
    assert "nightcramp experiment start" in result.stderr


def test_bob_never_sees_or_changes_alices_experiment(alice: User, bob: User) -> None:
    mine = _start("alice")
    assert run("status", "--user", "bob").exit_code == 1
    result = run("stop", "--id", str(mine["id"]), "--user", "bob")
    assert result.exit_code == 1
    assert f"no experiment {mine['id']}" in result.stderr
    assert Experiment.objects.get(user=alice).status == "running"
    assert json.loads(run("list", "--user", "bob", "--json").stdout)["count"] == 0


def test_plan_with_a_stored_person_uses_the_stored_profile_and_prints_cautions(
    alice: User,
) -> None:
    Profile.objects.create(user=alice, conditions=["kidney_disease"])
    refused = run("plan", "--change", "magnesium_supplement", "--user", "alice")
    assert refused.exit_code == 1 and "--doctor-agreed" in refused.stderr
    agreed = run(
        "plan", "--change", "magnesium_supplement", "--user", "alice", "--doctor-agreed",
        "--seed", "1",
    )  # fmt: skip
    assert agreed.exit_code == 0, agreed.stderr
    assert "Take care:" in agreed.stderr and "350 mg" in agreed.stderr
    listed = run("changes", "--user", "alice")
    assert "Take care:" in listed.stdout


def test_changes_with_a_stored_person_uses_the_stored_profile(alice: User) -> None:
    Profile.objects.create(user=alice, conditions=["kidney_disease"])
    result = run("changes", "--user", "alice", "--json")
    assert result.exit_code == 0, result.stderr
    changes = {c["id"]: c for c in json.loads(result.stdout)["changes"]}
    assert changes["magnesium_supplement"]["may_run"] != "yes"
    assert changes["bedtime_stretch"]["may_run"] == "yes"
    assert "no --profile given" not in result.stderr


def test_human_status_reads_as_sentences(alice: User) -> None:
    _start("alice")
    result = run("status", "--user", "alice")
    assert result.exit_code == 0
    assert "The bedtime calf stretch routine" in result.stdout
    assert "Nights done: 0 of 112." in result.stdout
    # The look comes once the last night of the first pair is over.
    assert re.search(
        r"Next look: after the night of \d{4}-\d\d-\d\d \(14 nights to go\)\.", result.stdout
    )


def test_export_then_import_for_another_person_all_or_nothing(
    alice: User, bob: User, tmp_path: Path
) -> None:
    first = TODAY - dt.timedelta(days=5)
    _start("alice", "--start", first.isoformat(), "--seed", "3")
    run("followed", first.isoformat(), "yes", "--user", "alice")
    out = tmp_path / "experiments.json"
    assert run("export", "--out", str(out), "--user", "alice").exit_code == 0
    imported = run("import", str(out), "--user", "bob", "--json")
    assert imported.exit_code == 0, imported.stderr
    assert json.loads(imported.stdout) == {"imported": 1}
    again = run("import", str(out), "--user", "bob")
    assert again.exit_code == 1
    assert "nothing imported" in again.stderr
    assert "--replace" in again.stderr
    printed = json.loads(run("export", "--user", "bob").stdout)
    assert printed == json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("content", "code", "says"),
    [
        ("{oops", 1, "is not valid JSON"),
        ('{"format": "nightcramp-diary"}', 1, "format"),
        (None, 2, "no such file"),
    ],
)
def test_a_bad_import_file_stores_nothing(
    alice: User, tmp_path: Path, content: str | None, code: int, says: str
) -> None:
    path = tmp_path / "in.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run("import", str(path), "--user", "alice")
    assert result.exit_code == code
    assert says in result.stderr
    assert "Traceback" not in result.stderr
    assert not Experiment.objects.exists()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[" * 50_000 + "]" * 50_000, "is nested too deeply to be a file of experiments"),
        ('{"format": "nightcramp-experiments", "format": "x"}', "format: appears more than once"),
    ],
)
def test_import_reads_json_as_strictly_as_every_other_reader(
    alice: User, tmp_path: Path, text: str, says: str
) -> None:
    path = tmp_path / "experiments.json"
    path.write_text(text, encoding="utf-8")
    result = run("import", str(path), "--user", "alice")
    assert result.exit_code == 1
    assert str(path) in result.stderr and says in result.stderr
    assert "Traceback" not in result.stderr and not Experiment.objects.exists()


def test_a_start_in_the_past_warns_that_those_nights_were_not_lived_by_the_plan(
    alice: User, bob: User
) -> None:
    first = (TODAY - dt.timedelta(days=10)).isoformat()
    result = run("start", "--change", "bedtime_stretch", "--user", "alice", "--start", first)
    assert result.exit_code == 2  # a new random order for past nights: never lived by
    assert "--start" in result.stderr and "seed" in result.stderr
    result = run(
        "start", "--change", "bedtime_stretch", "--user", "alice", "--start", first, "--seed", "7"
    )  # a schedule made earlier with `experiment plan --seed 7`
    assert result.exit_code == 0, result.stderr
    assert f"the first night, {first}, has passed" in result.stderr
    tonight = run("start", "--change", "warm_bath", "--user", "bob")
    assert "has passed" not in tonight.stderr


def test_a_stopped_experiment_never_says_keep_going(alice: User) -> None:
    first = TODAY - dt.timedelta(days=20)
    _start("alice", "--start", first.isoformat(), "--pairs", "4", "--seed", "3")
    nights = days(first, 14)
    log_nights(alice, nights, nights[::4])
    going = json.loads(run("result", "--user", "alice", "--json").stdout)
    assert going["verdict"] == "continue" and "Keep going" in going["explanation"]
    assert run("stop", "--reason", "moving house", "--user", "alice").exit_code == 0
    stopped = json.loads(run("result", "--user", "alice", "--json").stdout)
    assert stopped["verdict"] == "continue"
    assert "Keep going" not in stopped["explanation"]
    assert "stopped before it had an answer" in stopped["explanation"]
    assert "keep going" not in run("status", "--user", "alice").stdout.lower()
