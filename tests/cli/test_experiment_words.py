"""`nightcramp experiment analyze` says what its numbers say: a look after the answer keeps its
own call and reads as coming after it, "no clear effect" is worded by the width of the likely
range, an arm with no logged nights is said in words, and a schedule column with no name is
named by its position. Looks come when a pair is over, whether the schedule is past or future.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app
from nightcramp.core.experiments.schedule import Schedule, design_schedule, schedule_csv
from nightcramp.core.experiments.simulate import Person, simulate_experiment
from nightcramp.core.interop.csv_diary import write_episodes_csv, write_nights_csv

START = dt.date(2025, 1, 6)


def _run(*args: str) -> Result:
    result = CliRunner().invoke(build_app(), ["experiment", *args])
    assert "Traceback" not in result.stderr
    return result


def _files(folder: Path) -> list[str]:
    return [
        arg
        for name in ("schedule", "nights", "episodes")
        for arg in (f"--{name}", str(folder / f"{name}.csv"))
    ]


def _analyze(folder: Path, *extra: str) -> Result:
    return _run("analyze", *_files(folder), "--json", *extra)


def _document(folder: Path) -> dict[str, Any]:
    result = _analyze(folder)
    assert result.exit_code == 0, result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def _write_simulated(folder: Path, schedule_seed: int, person: Person, sim_seed: int) -> None:
    """A simulated 8-pair stretch experiment written as files."""
    schedule = design_schedule(START, 7, 8, schedule_seed)
    sim = simulate_experiment(schedule, person, sim_seed)
    (folder / "schedule.csv").write_text(schedule_csv(sim.schedule), encoding="utf-8")
    write_nights_csv(list(sim.nights), folder / "nights.csv")
    write_episodes_csv(list(sim.episodes), folder / "episodes.csv")


def _simulated(folder: Path, schedule_seed: int, person: Person, sim_seed: int) -> dict[str, Any]:
    _write_simulated(folder, schedule_seed, person, sim_seed)
    return _document(folder)


def _write_diary(
    folder: Path, schedule: Schedule, nights: list[dt.date], cramps: list[dt.date]
) -> None:
    (folder / "schedule.csv").write_text(schedule_csv(schedule), encoding="utf-8")
    (folder / "nights.csv").write_text(
        "date\n" + "".join(f"{d}\n" for d in nights), encoding="utf-8"
    )
    (folder / "episodes.csv").write_text(
        "started_at\n" + "".join(f"{d}T23:00\n" for d in cramps), encoding="utf-8"
    )


def test_a_helps_verdict_never_shows_an_interval_reaching_1(tmp_path: Path) -> None:
    """The repeated interval of a `helps` look is (0.360, 0.99981): it is never shown as
    reaching 1, in the JSON or in the words."""
    doc = _simulated(tmp_path, 1766, Person(4, 0.5, 0.9, 0.1), 31766)
    assert doc["verdict"] == "helps"
    assert doc["ci_high"] < 1, doc["ci_high"]
    shown = re.search(r"likely range is \S+ to ([\d.]+) times", doc["explanation"])
    assert shown is not None
    assert float(shown.group(1)) < 1, shown.group(0)


def test_a_look_labelled_helps_or_worse_has_an_interval_that_excludes_1(tmp_path: Path) -> None:
    """Here `helps` comes at look 6; the last look's own interval (0.13 to 1.9) includes 1."""
    doc = _simulated(tmp_path, 16, Person(2, 0.5, 0.9, 0.1), 30016)
    assert doc["verdict"] == "helps"
    for look in doc["looks"]:
        if look["verdict"] == "helps":
            assert look["ci_high"] < 1, look
        if look["verdict"] == "makes_worse":
            assert look["ci_low"] > 1, look


def test_looks_after_the_answer_stay_final_and_make_their_own_call(tmp_path: Path) -> None:
    doc = _simulated(tmp_path, 16, Person(2, 0.5, 0.9, 0.1), 30016)
    looks = doc["looks"]
    answer = next(i for i, look in enumerate(looks) if look["final"])
    assert looks[answer]["verdict"] == doc["verdict"] == "helps" and doc["final"] is True
    assert looks[answer]["after_answer"] is False
    assert doc["ci_high"] == looks[answer]["ci_high"]  # the answer's numbers, not the latest's
    later = looks[answer + 1 :]
    assert later, "this diary goes on after the answer"
    for look in later:
        assert look["final"] is True and look["after_answer"] is True
        assert look["verdict"] in ("helps", "makes_worse", "no_clear_effect")
        crosses = look["ci_high"] < 1 or look["ci_low"] > 1
        assert crosses == (look["verdict"] != "no_clear_effect"), look
    assert later[-1]["verdict"] == "no_clear_effect"
    after = doc["after_answer"]
    assert after.startswith("Nights after the answer:")
    assert "the difference is not clear" in after and "0.13 to 1.9" in after
    assert "it helps you" in doc["explanation"]


def test_the_terminal_says_the_verdict_once_and_marks_looks_after_the_answer(
    tmp_path: Path,
) -> None:
    _write_simulated(tmp_path, 16, Person(2, 0.5, 0.9, 0.1), 30016)
    result = _run("analyze", *_files(tmp_path))
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert text.count("it helps you.") == 1, result.stdout
    assert "Nights after the answer:" in text
    assert "helps (the answer)" in text
    assert "later: helps" in text and "later: no clear effect" in text
    assert "Later looks come after the answer and do not change it." in text


def test_no_clear_effect_with_a_wide_range_says_the_nights_cannot_tell(tmp_path: Path) -> None:
    """Rate ratio 0.14, likely range 0.018 to 1.07: never "too alike" or "probably small"."""
    doc = _simulated(tmp_path, 7, Person(2, 0.3, 0.9, 0.1), 30007)
    assert doc["verdict"] == "no_clear_effect"
    assert doc["ci_low"] < 0.5  # a halving or more is still in the likely range
    text = doc["explanation"]
    assert "probably small" not in text
    assert "too alike" not in text
    assert "cannot tell whether the change helps, does nothing or makes your cramps worse" in text
    assert "likely range is 0.018 to 1.1 times" in text


def test_an_arm_with_no_logged_nights_is_said_in_words_never_a_dash(tmp_path: Path) -> None:
    """The first pair's `on` nights were not logged (a schedule still under way)."""
    schedule = design_schedule(dt.date.today() + dt.timedelta(days=30), 7, 4, 3)
    first = [n for n in schedule.nights if n.pair == 1]
    off = [n.date for n in first if n.arm.value == "off"]
    after = first[-1].date + dt.timedelta(days=1)
    _write_diary(tmp_path, schedule, [*off, after], off)
    doc = _document(tmp_path)
    assert doc["verdict"] == "continue"
    text = doc["explanation"]
    assert "No nights with the change were logged yet" in text
    assert "Without it you had about 7.0 cramps a week" in text
    assert " - " not in text and "None" not in text, text


def test_a_schedule_column_with_no_name_is_named_by_its_position(tmp_path: Path) -> None:
    """A spreadsheet's trailing comma: `date,arm,period,`, as the diary reader says it."""
    text = schedule_csv(design_schedule(START, 7, 4, 3))
    (tmp_path / "schedule.csv").write_text(
        "".join(f"{line},\n" for line in text.splitlines()), encoding="utf-8"
    )
    (tmp_path / "nights.csv").write_text("date\n2025-01-06\n", encoding="utf-8")
    (tmp_path / "episodes.csv").write_text("started_at\n", encoding="utf-8")
    result = _analyze(tmp_path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "schedule.csv:1: column 4 has no name" in result.stderr, result.stderr


def test_a_past_schedule_gets_its_final_look_though_its_last_night_is_not_logged(
    tmp_path: Path,
) -> None:
    """All 4 pairs are over by the clock; the last night and anything after it are not logged."""
    schedule = design_schedule(START, 7, 4, 3)
    logged = [n.date for n in schedule.nights][:-1]
    cramps = [n.date for n in schedule.nights if n.arm.value == "off"][::2]
    _write_diary(tmp_path, schedule, logged, [d for d in cramps if d in logged])
    doc = _document(tmp_path)
    assert [look["date"] for look in doc["looks"]] == [
        schedule.pair_end(k).isoformat() for k in range(1, 5)
    ]
    assert doc["looks"][-1]["final"] is True and doc["final"] is True
    assert doc["verdict"] != "continue"


def test_a_past_schedule_gives_no_look_to_pairs_the_diary_never_reached(tmp_path: Path) -> None:
    """The diary stopped after pair 2 of 4: the clock alone does not make it reach pairs 3
    and 4 (the contract: a look for every pair the diary has reached the end of)."""
    schedule = design_schedule(START, 7, 4, 3)
    logged = [n.date for n in schedule.nights if n.pair <= 2]
    _write_diary(tmp_path, schedule, logged, [])
    doc = _document(tmp_path)
    assert [look["pair"] for look in doc["looks"]] == [1, 2]
    assert doc["final"] is False and doc["verdict"] == doc["looks"][-1]["verdict"]


def test_a_future_schedule_is_analysed_by_its_logged_nights(tmp_path: Path) -> None:
    """Analysis of files applies no clock rule: a diary logged through a schedule that starts
    in the future gets a look for every pair it has reached."""
    schedule = design_schedule(dt.date.today() + dt.timedelta(days=60), 7, 4, 3)
    logged = [n.date for n in schedule.nights]
    cramps = [n.date for n in schedule.nights if n.arm.value == "off"]
    _write_diary(tmp_path, schedule, logged[:28], [d for d in cramps if d in logged[:28]])
    part = _document(tmp_path)
    assert [look["pair"] for look in part["looks"]] == [1, 2]
    assert part["nights_on"] + part["nights_off"] == 28
    _write_diary(tmp_path, schedule, logged, cramps)
    whole = _document(tmp_path)
    assert [look["pair"] for look in whole["looks"]] == [1, 2, 3, 4]
    assert whole["final"] is True and whole["verdict"] == "helps"
    assert whole["cramps_on"] == 0 and whole["cramps_off"] == whole["nights_off"]


def test_in_pregnancy_a_supplement_is_refused_and_the_words_offer_no_way_round(
    tmp_path: Path,
) -> None:
    profile = tmp_path / "profile.json"
    profile.write_text('{"pregnant": true}', encoding="utf-8")
    listed = _run("changes", "--profile", str(profile), "--json")
    changes = {c["id"]: c for c in json.loads(listed.stdout)["changes"]}
    first = changes["magnesium_supplement"]["reasons"][0]
    assert "only changes in what you do" in first and "unless" not in first
    refused = _run(
        "plan", "--change", "magnesium_supplement", "--profile", str(profile), "--doctor-agreed"
    )
    assert refused.exit_code == 1
    assert "only changes in what you do" in refused.stderr
    assert "--doctor-agreed" not in refused.stderr


def test_a_helps_from_files_without_the_change_still_speaks_of_supplement_cautions(
    tmp_path: Path,
) -> None:
    # The schedule file does not say what was tested: it may have been a supplement.
    doc = _simulated(tmp_path, 16, Person(2, 0.5, 0.9, 0.1), 30016)
    assert doc["verdict"] == "helps" and doc["change"] is None
    assert "If the change is a supplement" in doc["explanation"]
    named = _analyze(tmp_path, "--change", "bedtime_stretch")
    assert "supplement" not in json.loads(named.stdout)["explanation"]
