"""`nightcramp analyze`: files or database, Rich report or one JSON document, exit codes."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app
from nightcramp.core.insights.simulate import TrueEffect, simulate_diary
from nightcramp.core.interop.csv_diary import write_episodes_csv, write_nights_csv
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.nights import SaveMode, save_night


def run(*args: str) -> Result:
    return CliRunner().invoke(build_app(), list(args))


@pytest.fixture
def diary_files(tmp_path: Path) -> tuple[Path, Path]:
    sim = simulate_diary(4, 200, truth=(TrueEffect("alcohol_drinks", 3.0, unit=1),), base_rate=0.4)
    nights, episodes = tmp_path / "nights.csv", tmp_path / "episodes.csv"
    write_nights_csv(sim.nights, nights)
    write_episodes_csv(sim.episodes, episodes)
    return nights, episodes


def test_files_give_one_json_document(diary_files: tuple[Path, Path]) -> None:
    nights, episodes = diary_files
    result = run("analyze", "--nights", str(nights), "--episodes", str(episodes), "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["nights"] > 150 and doc["cramp_nights"] > 10
    alcohol = next(f for f in doc["factors"] if f["factor"] == "alcohol_drinks")
    assert alcohol["verdict"] == "likely_trigger"


def test_report_names_findings_and_relief(diary_files: tuple[Path, Path]) -> None:
    nights, episodes = diary_files
    result = run("analyze", "--nights", str(nights), "--episodes", str(episodes))
    assert result.exit_code == 0, result.stderr
    assert "Why am I cramping?" in result.stdout
    assert "more cramps" in result.stdout
    assert "What relief worked" in result.stdout


def test_suspect_and_since_are_applied(diary_files: tuple[Path, Path]) -> None:
    nights, episodes = diary_files
    result = run(
        "analyze", "--nights", str(nights), "--episodes", str(episodes), "--json",
        "--suspect", "alcohol_drinks", "--since", "2024-03-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["suspects"] == ["alcohol_drinks"]
    assert doc["data_quality"]["first_night"] >= "2024-03-01"


def test_invalid_file_exits_1_naming_file_row_and_field(tmp_path: Path) -> None:
    nights = tmp_path / "nights.csv"
    nights.write_text("date,alcohol_drinks\n2026-01-01,1.5\n", encoding="utf-8")
    episodes = tmp_path / "episodes.csv"
    episodes.write_text("started_at\n", encoding="utf-8")
    result = run("analyze", "--nights", str(nights), "--episodes", str(episodes), "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "nights.csv" in result.stderr and "alcohol_drinks" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "extra",
    [
        ["--suspect", "moon_phase"],
        ["--suspect", "alcohol_drinks", "--suspect", "cold_room", "--suspect", "warm_bath",
         "--suspect", "feet_pointed"],
        ["--since", "last tuesday"],
    ],
)  # fmt: skip
def test_usage_errors_exit_2(diary_files: tuple[Path, Path], extra: list[str]) -> None:
    nights, episodes = diary_files
    result = run("analyze", "--nights", str(nights), "--episodes", str(episodes), *extra)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_nights_without_episodes_is_a_usage_error(diary_files: tuple[Path, Path]) -> None:
    result = run("analyze", "--nights", str(diary_files[0]))
    assert result.exit_code == 2


@pytest.mark.django_db
def test_database_mode_analyses_the_stored_diary() -> None:
    user = User.objects.create_user(username="alice")
    sim = simulate_diary(2, 60, base_rate=0.3)
    for night in sim.nights:
        save_night(user, night.date, night.factors, mode=SaveMode.REPLACE)
    for episode in sim.episodes:
        log_episode(user, episode)
    result = run("analyze", "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["nights"] == len(sim.nights)
    assert doc["cramps"] == len(sim.episodes)


@pytest.mark.django_db
def test_database_mode_with_an_unknown_user_is_a_usage_error() -> None:
    result = run("analyze", "--user", "nobody")
    assert result.exit_code == 2
    assert "nobody" in result.stderr


def test_help_is_fast_to_import() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from nightcramp.cli.app import build_app; build_app(); "
        "print(any(m in sys.modules for m in ('numpy', 'statsmodels', 'scipy', 'matplotlib')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_report_uses_names_not_ids_and_agrees_with_the_json(
    diary_files: tuple[Path, Path],
) -> None:
    from nightcramp.core.insights.wording import label

    nights, episodes = diary_files
    args = ("analyze", "--nights", str(nights), "--episodes", str(episodes))
    text = CliRunner().invoke(build_app(), list(args), terminal_width=200).stdout
    doc = json.loads(run(*args, "--json").stdout)
    assert "alcohol_drinks" not in text and "lunge_stretch" not in text
    assert "things we checked at once" in text  # why the ranges are wider than one test's
    for factor in doc["factors"]:
        if factor["verdict"] == "likely_trigger":
            row = next(
                line for line in text.splitlines() if label(factor["factor"]).capitalize() in line
            )
            assert "More cramps" in row
    offered = [f for f in doc["factors"] if "experiment" in f]
    assert offered and all(f["experiment"]["weeks"] > 0 for f in offered)


def test_the_report_says_how_many_more_nights_rounded_and_how_long(
    diary_files: tuple[Path, Path],
) -> None:
    nights, episodes = diary_files
    result = run("analyze", "--nights", str(nights), "--episodes", str(episodes))
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    said = re.findall(r"logging for about (.*?) more could show whether", text)
    assert said
    for phrase in said:
        assert re.fullmatch(r"[\d,]+ nights?( \(\d+(\.5)? (weeks|months|years)\))?", phrase), phrase
        number = int(phrase.split()[0].replace(",", ""))
        assert number < 100 or number % 10 == 0, phrase


def test_a_custom_column_never_answered_still_appears_in_factors(tmp_path: Path) -> None:
    # CONTRACT: "Every column of the diary appears once in factors".
    start = dt.date(2025, 1, 1)
    rows = "".join(f"{start + dt.timedelta(days=i)},{i % 3},\n" for i in range(40))
    nights = tmp_path / "nights.csv"
    nights.write_text("date,alcohol_drinks,leg_swelling\n" + rows, encoding="utf-8")
    episodes = tmp_path / "episodes.csv"
    episodes.write_text("started_at\n", encoding="utf-8")
    result = run("analyze", "--nights", str(nights), "--episodes", str(episodes), "--json")
    assert result.exit_code == 0, result.stderr
    factors = json.loads(result.stdout)["factors"]
    (swelling,) = [f for f in factors if f["factor"] == "leg_swelling"]
    assert swelling["verdict"] == "not_enough_data"


def test_starts_with_and_without_an_offset_in_one_file_are_read_together(tmp_path: Path) -> None:
    # Nine rated cramps, one written with an offset (as an export writes it), the rest without
    # (as a hand-written row): the severity trend compares them all.
    nights = tmp_path / "nights.csv"
    nights.write_text(
        "date,water_glasses\n"
        + "".join(f"2026-{m:02d}-{d:02d},5\n" for m in (3, 4) for d in range(1, 29)),
        encoding="utf-8",
    )
    episodes = tmp_path / "episodes.csv"
    rows = [f"2026-03-{d:02d}T23:30:00,{d % 10}\n" for d in range(2, 26, 3)]
    rows.append("2026-04-20T23:30:00+02:00,6\n")
    episodes.write_text("started_at,severity\n" + "".join(rows), encoding="utf-8")
    result = run("analyze", "--nights", str(nights), "--episodes", str(episodes), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["cramps"] == 9


def test_a_files_diary_ends_at_its_last_entry_not_today(tmp_path: Path) -> None:
    nights = tmp_path / "nights.csv"
    nights.write_text(
        "date,water_glasses\n" + "".join(f"2025-01-{d:02d},5\n" for d in range(1, 11)),
        encoding="utf-8",
    )
    episodes = tmp_path / "episodes.csv"
    episodes.write_text("started_at\n2025-01-04T02:00:00\n", encoding="utf-8")
    result = run("analyze", "--nights", str(nights), "--episodes", str(episodes))
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "10 nights logged from 1 Jan 2025 to 10 Jan 2025" in text
    assert "missing" not in text.split("Why am I cramping?")[1].split(".")[0]


@pytest.mark.parametrize(
    ("nights", "episodes", "where"),
    [
        ("date\n2026-01-01\n9999-12-31\n", "started_at\n", "nights.csv:3:date"),  # year 9000 on
        ("date,standing_hours,sitting_hours\n2026-01-01,14,11\n", "started_at\n", "nights.csv:2"),
        ("date\n2026-01-01\n", "started_at\n1850-06-01T03:00\n", "episodes.csv:2:started_at"),
        ("date\n2026-01-01\n", "started_at\n0001-01-01T03:00\n", "episodes.csv:2:started_at"),
    ],
)
def test_files_break_no_rule_of_entry_that_import_keeps(
    tmp_path: Path, nights: str, episodes: str, where: str
) -> None:
    # What `import` refuses is not analysed from files either (nights to come excepted: a
    # simulated or planned diary may be analysed).
    (tmp_path / "nights.csv").write_text(nights, encoding="utf-8")
    (tmp_path / "episodes.csv").write_text(episodes, encoding="utf-8")
    result = run(
        "analyze",
        "--nights",
        str(tmp_path / "nights.csv"),
        "--episodes",
        str(tmp_path / "episodes.csv"),
        "--json",
    )
    assert result.exit_code == 1 and result.stdout == ""
    assert where in result.stderr and "Traceback" not in result.stderr


def test_a_diary_of_nights_to_come_is_analysed_from_files(tmp_path: Path) -> None:
    # A simulated or planned diary: files are not the person's record, so no "in the future".
    (tmp_path / "nights.csv").write_text("date\n2031-01-01\n2031-01-02\n", encoding="utf-8")
    (tmp_path / "episodes.csv").write_text("started_at\n2031-01-01T23:00\n", encoding="utf-8")
    nights, episodes = tmp_path / "nights.csv", tmp_path / "episodes.csv"
    result = run("analyze", "--nights", str(nights), "--episodes", str(episodes), "--json")
    assert result.exit_code == 0, result.stderr


# A custom factor of 1e-300 beside +/-1e15, which `import` accepts: once "could not finish:
# LinAlgError" from analyze, plan and report alike.
_FAR_APART_NIGHTS = """date,cf1
2023-03-19,0
2023-03-20,
2023-03-22,1e-300
2023-03-24,0
2023-03-25,1e-300
2023-03-27,7
2023-03-30,1e-300
2023-04-01,1e-300
2023-04-03,0.5
2023-04-07,0
2023-04-10,-1000000000000000.0
2023-04-12,0
2023-04-13,1e-300
2023-04-14,7
2023-04-18,-1000000000000000.0
2023-04-22,0
2023-04-23,1e-300
2023-04-28,1000000000000000.0
2023-05-02,1e-300
2023-05-08,1e-300
2023-05-14,1000000000000000.0
2023-05-15,-1000000000000000.0
"""
_FAR_APART_EPISODES = """started_at,muscle,side,duration_min,severity,relief,relief_worked,\
woke_from_sleep,notes
2023-03-19T12:38:00,calf,left,24.273965884821838,5,massage;walk;lunge_stretch,lunge_stretch,,
2023-03-20T18:22:00,calf,left,0.11654716625377919,10,,,no,
2023-03-21T00:34:00,,both,1440,0,,,yes,
2023-03-22T18:17:00,calf,left,0.01,,walk,walk,no,
2023-03-23T00:08:00,,left,1440,,lunge_stretch;other;heat,other,,
2023-03-25T23:59:00,other,left,0.14255803727410676,0,,,no,
2023-03-29T11:21:00,foot,left,5.8244441051767115,,,,no,
2023-04-02T11:53:00,other,left,0.01,0,heat,heat,,
2023-04-03T23:02:00,other,both,1440,10,other;lunge_stretch;massage,lunge_stretch,,
2023-04-04T11:05:00,other,left,0.01,0,other,other,no,
2023-04-05T12:45:00,foot,right,29.811751818343012,5,lunge_stretch;stretch,stretch,no,
2023-04-08T00:17:00,foot,right,13.493933542521534,,stretch;walk;stand_on_toes,,yes,
2023-04-13T23:04:00,calf,both,0.01,5,stand_on_toes;heat,stand_on_toes,yes,
2023-04-18T12:56:00,calf,both,,5,,,yes,
2023-04-22T23:11:00,other,,1440,5,heat;stretch;lunge_stretch,heat,,
2023-04-26T03:05:00,calf,,26.01562860690145,0,heat;massage,heat,yes,
2023-05-06T18:15:00,,both,,10,,,yes,
2023-05-16T23:04:00,,right,1440,5,stand_on_toes;heat;lunge_stretch,lunge_stretch,no,
"""


def test_numbers_too_far_apart_to_compare_do_not_stop_the_analysis(tmp_path: Path) -> None:
    (tmp_path / "nights.csv").write_text(_FAR_APART_NIGHTS, encoding="utf-8")
    (tmp_path / "episodes.csv").write_text(_FAR_APART_EPISODES, encoding="utf-8")
    nights, episodes = tmp_path / "nights.csv", tmp_path / "episodes.csv"
    result = run("analyze", "--nights", str(nights), "--episodes", str(episodes), "--json")
    assert result.exit_code == 0, result.stderr
    assert "Warning" not in result.stderr and "Error" not in result.stderr
    assert json.loads(result.stdout)["nights"] >= 22  # and the nights of cramps alone


def test_a_relief_the_evidence_rules_out_is_never_ranked_and_always_warned(
    tmp_path: Path,
) -> None:
    nights, episodes = tmp_path / "nights.csv", tmp_path / "episodes.csv"
    days = [dt.date(2026, 9, 1) + dt.timedelta(days=i) for i in range(12)]
    nights.write_text("date\n" + "".join(f"{d}\n" for d in days), encoding="utf-8")
    tries = [("stand_on_toes", "stand_on_toes")] * 3 + [("stretch", "stretch"), ("stretch", "")]
    rows = [
        f"{days[i + 1]}T02:00:00,{relief},{worked},2\n" for i, (relief, worked) in enumerate(tries)
    ]
    episodes.write_text(
        "started_at,relief,relief_worked,duration_min\n" + "".join(rows), encoding="utf-8"
    )
    result = run("analyze", "--nights", str(nights), "--episodes", str(episodes))
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    table = text[text.index("What relief worked") : text.index("Best first.")]
    assert "Stretch" in table
    assert "Stand on your toes" not in table
    assert "Stand on your toes: worked 3 of 3. Not advised, even when it seemed to work." in text
