"""Malformed files and options given to `nightcramp experiment analyze` and `plan`: each gives a
clear message naming the file, row and field (or the option), exit 1 for a bad file and 2 for a
usage error, never a traceback, nothing on stdout, and nothing written."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app
from nightcramp.core.experiments.schedule import design_schedule, schedule_csv
from nightcramp.core.experiments.simulate import Person, simulate_experiment
from nightcramp.core.interop.csv_diary import write_episodes_csv, write_nights_csv
from nightcramp.core.interop.json_writer import episode_to_json, night_to_json

# `plan` and `changes` read the stored profile when no --profile is given: with a database
# (NIGHTCRAMP_DATABASE_URL) that is a database read.
pytestmark = pytest.mark.django_db

START = dt.date(2027, 1, 4)
SCHEDULE = design_schedule(START, 7, 4, 4)
HEADER = "date,arm,period"


def run(*args: str) -> Result:
    return CliRunner().invoke(build_app(), ["experiment", *args])


def _tree(root: Path) -> dict[str, int]:
    return {
        str(p.relative_to(root)): p.stat().st_size if p.is_file() else -1
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A schedule of 4 pairs and a diary that logs it (the change helps a lot)."""
    sim = simulate_experiment(SCHEDULE, Person(4, 0.3, 1.0, 0.05), 3)
    (tmp_path / "schedule.csv").write_text(schedule_csv(SCHEDULE), encoding="utf-8")
    write_nights_csv(list(sim.nights), tmp_path / "nights.csv")
    write_episodes_csv(list(sim.episodes), tmp_path / "episodes.csv")
    return tmp_path


def analyze(folder: Path, *extra: str, schedule: str = "schedule.csv",
            nights: str = "nights.csv", episodes: str = "episodes.csv") -> Result:  # fmt: skip
    home = Path(os.environ["NIGHTCRAMP_HOME"])
    before, home_before = _tree(folder), _tree(home) if home.exists() else {}
    result = run(
        "analyze",
        "--schedule", str(folder / schedule),
        "--nights", str(folder / nights),
        "--episodes", str(folder / episodes),
        "--json", *extra,
    )  # fmt: skip
    assert "Traceback" not in result.stderr and "could not finish" not in result.stderr
    if result.exit_code != 0:
        assert result.stdout == ""
        assert _tree(folder) == before  # nothing written
        assert (_tree(home) if home.exists() else {}) == home_before
    return result


def _lines() -> list[str]:
    return schedule_csv(SCHEDULE).splitlines()


def _write(folder: Path, lines: list[str], name: str = "bad.csv") -> str:
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return name


def _pairs(count: int) -> list[str]:
    """A well-formed schedule of `count` pairs of 2-night periods, each pair on then off."""
    rows = [HEADER]
    for i in range(4 * count):
        period = i // 2 + 1
        arm = "on" if period % 2 else "off"
        rows.append(f"{START + dt.timedelta(days=i)},{arm},{period}")
    return rows


def _edit(row: int, old: str, new: str) -> Callable[[list[str]], list[str]]:
    def change(lines: list[str]) -> list[str]:
        lines[row - 1] = lines[row - 1].replace(old, new, 1)
        return lines

    return change


BAD_SCHEDULES: dict[str, tuple[Callable[[list[str]], list[str]], str]] = {
    # name: (how the good schedule is spoiled, what stderr must name as file:row:field)
    "missing column": (
        lambda ls: (
            [HEADER.replace(",arm", "")]
            + [",".join(c for j, c in enumerate(line.split(",")) if j != 1) for line in ls[1:]]
        ),
        "bad.csv:1:arm",
    ),
    "duplicate column": (
        lambda ls: [HEADER + ",date"] + [f"{x},{x[:10]}" for x in ls[1:]],
        "bad.csv:1:date",
    ),
    "arm word": (
        _edit(5, ",on,", ",yes,") if ",on," in _lines()[4] else _edit(5, ",off,", ",no,"),
        "bad.csv:5:arm",
    ),
    "overlapping dates": (
        _edit(4, str(START + dt.timedelta(days=2)), str(START + dt.timedelta(days=1))),
        "bad.csv:4:date",
    ),
    "unordered rows": (lambda ls: [ls[0], *reversed(ls[1:])], "bad.csv:2:period"),
    "date not ISO": (_edit(3, str(START + dt.timedelta(days=1)), "05/01/2027"), "bad.csv:3:date"),
    "basic ISO date": (_edit(3, str(START + dt.timedelta(days=1)), "20270105"), "bad.csv:3:date"),
    "ISO week date": (_edit(2, str(START), "2027-W01-1"), "bad.csv:2:date"),
    "date before 1900": (
        lambda ls: [ls[0], *(x.replace("2027-", "1850-", 1) for x in ls[1:])],
        "bad.csv:2:date",
    ),
    "period not a whole number": (_edit(2, ",1", ",1.0"), "bad.csv:2:period"),
    "period in other digits": (_edit(2, ",1", ",\u0661"), "bad.csv:2:period"),
    "a pair with two on periods": (lambda ls: [x.replace(",off,", ",on,") for x in ls], ":arm"),
    "a pair with one period": (lambda ls: ls[:-7], ":period"),
    "a row with more cells": (_edit(6, ",", ",x,"), "bad.csv:6"),
    "an unterminated quote": (lambda ls: [*ls[:5], '"' + ls[5], *ls[6:]], "bad.csv:6"),
}


VERDICTS = {"helps", "makes_worse", "no_clear_effect", "continue", "not_enough_data"}


def test_a_schedule_of_three_pairs_is_refused_and_of_nine_made_elsewhere_analysed(
    folder: Path,
) -> None:
    refused = analyze(folder, schedule=_write(folder, _pairs(3), "pairs3.csv"))
    assert refused.exit_code == 1 and "pairs3.csv:13:period" in refused.stderr
    for count in (4, 9):
        name = _write(folder, _pairs(count), f"pairs{count}.csv")
        result = analyze(folder, schedule=name)
        assert result.exit_code == 0, result.stderr
        document = json.loads(result.stdout)
        assert document["verdict"] in VERDICTS
        assert 1 <= len(document["looks"]) <= count


@pytest.mark.parametrize("name", list(BAD_SCHEDULES))
def test_a_malformed_schedule_exits_1_naming_file_row_and_field(folder: Path, name: str) -> None:
    spoil, where = BAD_SCHEDULES[name]
    result = analyze(folder, schedule=_write(folder, spoil(_lines())))
    assert result.exit_code == 1, (name, result.stdout, result.stderr)
    assert where in result.stderr and "bad.csv" in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (b"", "bad.csv"),
        (b"date,arm,period\n", "bad.csv:2"),
        (b"date,arm,period\n\xff\xfe\n", "bad.csv"),
    ],
)
def test_an_empty_or_unreadable_schedule_exits_1(folder: Path, content: bytes, where: str) -> None:
    (folder / "bad.csv").write_bytes(content)
    result = analyze(folder, schedule="bad.csv")
    assert result.exit_code == 1 and where in result.stderr


def test_a_bom_and_crlf_are_a_valid_schedule(folder: Path) -> None:
    good = json.loads(analyze(folder).stdout)
    text = "\ufeff" + "\r\n".join(_lines()) + "\r\n"
    (folder / "bom.csv").write_bytes(text.encode("utf-8"))
    result = analyze(folder, schedule="bom.csv")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == good


@pytest.mark.parametrize(
    ("nights", "episodes", "where"),
    [
        ("date,water_glasses\n2027-01-04,lots\n", None, "bad_nights.csv:2:water_glasses"),
        ("date,water_glasses\n2027-01-04,1.5\n", None, "bad_nights.csv:2:water_glasses"),
        ("date\n2027-01-04\n2027-01-04\n", None, "bad_nights.csv:3:date"),
        ("date;water_glasses\n2027-01-04;2\n", None, "bad_nights.csv:1"),
        (None, "started_at,severity\nlast night,3\n", "bad_episodes.csv:2:started_at"),
        (None, "started_at,severity\n2027-01-04T23:00,11\n", "bad_episodes.csv:2:severity"),
        (None, "date\n2027-01-04\n", "bad_episodes.csv"),  # a nights file given as episodes
        ("started_at\n2027-01-04T23:00\n", None, "bad_nights.csv"),  # and the other way round
        ("", None, "bad_nights.csv"),
        (
            '{"format": "nightcramp-diary", "version": 1, "nights": [{"date": "4 Jan"}]}',
            None,
            "bad_nights.csv",
        ),
        ("date,arm,period\n2027-01-04,on,1\n", None, "bad_nights.csv:2:arm"),
        # the rules of entry of `import`: 1900 or later, nothing to come, 24 hours in a day
        ("date\n2027-01-04\n9999-12-31\n", None, "bad_nights.csv:3:date"),
        ("date,standing_hours,sitting_hours\n2027-01-04,14,11\n", None, "bad_nights.csv:2"),
        (None, "started_at\n0001-01-01T03:00\n", "bad_episodes.csv:2:started_at"),
        (None, "started_at\n9999-01-01T03:00\n", "bad_episodes.csv:2:started_at"),  # 9000 on
    ],
)
def test_a_bad_diary_file_exits_1_naming_file_row_and_field(
    folder: Path, nights: str | None, episodes: str | None, where: str
) -> None:
    names = {}
    for kind, text in (("nights", nights), ("episodes", episodes)):
        if text is not None:
            names[kind] = f"bad_{kind}.csv"
            (folder / names[kind]).write_text(text, encoding="utf-8")
    result = analyze(folder, **names)
    assert result.exit_code == 1, result.stderr
    assert where in result.stderr


def _json_diary(folder: Path) -> dict[str, object]:
    sim = simulate_experiment(SCHEDULE, Person(4, 0.3, 1.0, 0.05), 3)
    return {
        "format": "nightcramp-diary",
        "version": 1,
        "nights": [night_to_json(n) for n in sim.nights],
        "episodes": [episode_to_json(e) for e in sim.episodes],
    }


def test_a_json_diary_gives_the_same_result_as_the_csv_files(folder: Path) -> None:
    good = json.loads(analyze(folder).stdout)
    (folder / "diary.json").write_text(json.dumps(_json_diary(folder)), encoding="utf-8")
    result = analyze(folder, nights="diary.json", episodes="diary.json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == good


@pytest.mark.parametrize(
    ("spoil", "where"),
    [
        (lambda d: d["nights"].__setitem__(2, {"date": "2027-13-01"}), "diary.json:nights[2].date"),
        (lambda d: d["episodes"][0].__setitem__("severity", 12), "diary.json:episodes[0].severity"),
        (lambda d: d.__setitem__("format", "something"), "diary.json:format"),
        (
            lambda d: d["episodes"][1].__setitem__("started_at", "1850-01-01T03:00:00+00:00"),
            "diary.json:episodes[1].started_at",
        ),
    ],
)
def test_a_bad_json_diary_exits_1_naming_the_field(
    folder: Path, spoil: Callable[[dict[str, list[dict[str, object]]]], None], where: str
) -> None:
    diary = _json_diary(folder)
    spoil(diary)  # type: ignore[arg-type]
    (folder / "diary.json").write_text(json.dumps(diary), encoding="utf-8")
    result = analyze(folder, nights="diary.json", episodes="diary.json")
    assert result.exit_code == 1
    assert where in result.stderr, result.stderr


def test_a_json_diary_that_is_not_json_exits_1(folder: Path) -> None:
    (folder / "diary.json").write_text('{"format": "nightcramp-diary", ', encoding="utf-8")
    result = analyze(folder, nights="diary.json", episodes="diary.json")
    assert result.exit_code == 1 and "diary.json" in result.stderr


@pytest.mark.parametrize("which", ["schedule", "nights", "episodes"])
def test_a_missing_file_or_a_folder_is_a_usage_error_naming_it(folder: Path, which: str) -> None:
    (folder / "a_folder").mkdir()
    for name in ("missing.csv", "a_folder"):
        result = analyze(folder, **{which: name})
        assert result.exit_code == 2, result.stderr
        assert name in result.stderr and f"--{which}" in result.stderr


def test_a_washout_as_long_as_a_period_is_a_usage_error(folder: Path) -> None:
    assert analyze(folder, "--washout", "6").exit_code == 0
    result = analyze(folder, "--washout", "7")
    assert result.exit_code == 2 and "--washout" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("--start", "20270104"),
        ("--start", "2027-W01-1"),
        ("--start", "1850-01-01"),
        ("--start", "9999-12-01"),
        ("--start", "04/01/2027"),
        ("--pairs", "3"),
        ("--pairs", "9"),
        ("--period-nights", "0"),
        ("--period-nights", "57"),
        ("--seed", "-5"),
        ("--seed", str(2**62)),  # start and import refuse it too: one seed rule everywhere
    ],
)
def test_plan_refuses_a_bad_option_with_exit_2_and_writes_nothing(
    tmp_path: Path, args: tuple[str, str]
) -> None:
    out = tmp_path / "schedule.csv"
    seed = () if args[0] == "--seed" else ("--seed", "1")
    result = run("plan", "--change", "warm_bath", *seed, "--out", str(out), *args)
    assert result.exit_code == 2, result.stderr
    assert args[0] in result.stderr
    assert "Traceback" not in result.stderr and "could not finish" not in result.stderr
    assert result.stdout == "" and not out.exists()


def test_plan_cannot_write_into_a_folder_exits_1(tmp_path: Path) -> None:
    result = run("plan", "--change", "warm_bath", "--seed", "1", "--out", str(tmp_path))
    assert result.exit_code == 1 and str(tmp_path) in result.stderr
    assert result.stdout == "" and list(tmp_path.iterdir()) == []


def test_a_planned_schedule_analyses_cleanly_at_the_edges(tmp_path: Path) -> None:
    for pairs in ("4", "8"):
        out = tmp_path / f"s{pairs}.csv"
        made = run("plan", "--change", "warm_bath", "--seed", "2", "--pairs", pairs,
                   "--start", "2027-01-04", "--out", str(out))  # fmt: skip
        assert made.exit_code == 0, made.stderr
        (tmp_path / "n.csv").write_text("date\n", encoding="utf-8")
        (tmp_path / "e.csv").write_text("started_at\n", encoding="utf-8")
        result = run("analyze", "--schedule", str(out), "--nights", str(tmp_path / "n.csv"),
                     "--episodes", str(tmp_path / "e.csv"), "--json")  # fmt: skip
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["verdict"] == "continue"
