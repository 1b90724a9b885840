"""`nightcramp experiment changes|plan|analyze`: JSON keys, files and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app
from nightcramp.core.experiments.schedule import design_schedule, schedule_csv
from nightcramp.core.experiments.simulate import Person, simulate_experiment
from nightcramp.core.interop.csv_diary import write_episodes_csv, write_nights_csv

# `plan` and `changes` read the stored profile when no --profile is given: with a database
# (NIGHTCRAMP_DATABASE_URL) that is a database read.
pytestmark = pytest.mark.django_db

ANALYZE_KEYS = {
    "change", "nights_on", "nights_off", "cramps_on", "cramps_off", "rate_ratio", "ci_low",
    "ci_high", "probability_helps", "verdict", "final", "looks", "explanation",
}  # fmt: skip


def run(*args: str) -> Result:
    return CliRunner().invoke(build_app(), ["experiment", *args])


def files(tmp_path: Path, rate_ratio: float = 0.3) -> list[str]:
    import datetime as dt

    schedule = design_schedule(dt.date(2027, 1, 4), 7, 8, 4)
    sim = simulate_experiment(schedule, Person(4, rate_ratio, 0.95, 0.05), 9)
    paths = {name: tmp_path / f"{name}.csv" for name in ("schedule", "nights", "episodes")}
    paths["schedule"].write_text(schedule_csv(sim.schedule), encoding="utf-8")
    write_nights_csv(list(sim.nights), paths["nights"])
    write_episodes_csv(list(sim.episodes), paths["episodes"])
    return [arg for name, path in paths.items() for arg in (f"--{name}", str(path))]


def test_changes_json_lists_every_change_with_may_run(tmp_path: Path) -> None:
    profile = tmp_path / "p.json"
    profile.write_text('{"pregnant": true}', encoding="utf-8")
    result = run("changes", "--profile", str(profile), "--json")
    assert result.exit_code == 0, result.stderr
    changes = {c["id"]: c for c in json.loads(result.stdout)["changes"]}
    assert changes["magnesium_supplement"]["may_run"] == "no"
    assert changes["bedtime_stretch"]["may_run"] == "yes"
    for change in changes.values():
        assert {"evidence_grade", "sources", "period_nights", "washout_nights"} <= set(change)


def test_changes_without_profile_prints_a_readable_list() -> None:
    result = run("changes")
    assert result.exit_code == 0
    assert "A magnesium tablet" in result.stdout and "Evidence:" in result.stdout


def test_plan_same_seed_same_schedule_and_csv_columns(tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    args = ("plan", "--change", "bedtime_stretch", "--start", "2027-01-04", "--seed", "5")
    first = run(*args, "--out", str(out))
    assert first.exit_code == 0, first.stderr
    second = run(*args)
    assert second.stdout == out.read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8").splitlines()[0] == "date,arm,period"
    doc = json.loads(run(*args, "--pairs", "4", "--json").stdout)
    assert doc["seed"] == 5 and doc["pairs"] == 4 and len(doc["schedule"]) == 56


def test_plan_refuses_what_is_not_safe_and_bad_options(tmp_path: Path) -> None:
    profile = tmp_path / "p.json"
    profile.write_text('{"conditions": ["kidney_disease"]}', encoding="utf-8")
    refused = run("plan", "--change", "magnesium_supplement", "--profile", str(profile))
    assert refused.exit_code == 1 and "--doctor-agreed" in refused.stderr
    agreed = run(
        "plan", "--change", "magnesium_supplement", "--profile", str(profile), "--doctor-agreed",
        "--seed", "1", "--json",
    )  # fmt: skip
    assert agreed.exit_code == 0 and json.loads(agreed.stdout)["washout_nights"] == 7
    assert run("plan", "--change", "quinine").exit_code == 2
    assert run("plan", "--change", "magnesium_supplement", "--period-nights", "7").exit_code == 2
    assert run("plan", "--change", "warm_bath", "--pairs", "9").exit_code == 2
    assert run("plan", "--change", "warm_bath", "--start", "soon").exit_code == 2


def test_analyze_json_has_the_contract_keys(tmp_path: Path) -> None:
    result = run("analyze", *files(tmp_path), "--change", "bedtime_stretch", "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) >= ANALYZE_KEYS
    assert doc["change"] == "bedtime_stretch" and doc["verdict"] == "helps"
    assert all({"date", "nights", "verdict", "final"} <= set(look) for look in doc["looks"])


def test_analyze_prints_the_verdict_in_words(tmp_path: Path) -> None:
    result = run("analyze", *files(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "it helps you" in result.stdout and "Looks" in result.stdout


def test_a_bad_schedule_exits_1_naming_file_row_and_field(tmp_path: Path) -> None:
    args = files(tmp_path)
    schedule = Path(args[1])
    lines = schedule.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",on,", ",maybe,").replace(",off,", ",maybe,")
    schedule.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("analyze", *args, "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "schedule.csv:4:arm" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_diary_file_exits_1_and_a_missing_file_2(tmp_path: Path) -> None:
    args = files(tmp_path)
    Path(args[3]).write_text("date,water_glasses\n2027-01-04,lots\n", encoding="utf-8")
    assert run("analyze", *args).exit_code == 1
    args[1] = str(tmp_path / "missing.csv")
    assert run("analyze", *args).exit_code == 2


def test_changes_names_the_profile_file_and_key_of_a_bad_answer(tmp_path: Path) -> None:
    profile = tmp_path / "p.json"
    profile.write_text('{"answers": {"chest_pain": "yes"}}', encoding="utf-8")
    result = run("changes", "--profile", str(profile))
    assert result.exit_code == 1
    assert f"{profile}:answers.chest_pain: expected true or false" in result.stderr
