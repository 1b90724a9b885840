"""`nightcramp learn`: topics, one topic, search, JSON and usage errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nightcramp.cli.app import build_app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(build_app(), ["learn", *args])
    return result.exit_code, result.stdout, result.stderr


def test_learn_without_a_topic_lists_every_topic_and_the_grade_legend() -> None:
    code, out, _ = _run()
    assert code == 0
    for topic in ("red_flags", "causes", "relief", "prevention", "remedies", "myths", "foods"):
        assert topic in out
    assert "WHEN TO SEE A DOCTOR" in out
    assert "[X] Does not work or is unsafe" in out
    assert out.index("red_flags") < out.index("remedies")


def test_learn_topic_prints_each_entry_with_grade_in_words_and_sources() -> None:
    code, out, _ = _run("remedies")
    assert code == 0
    assert "Magnesium tablets" in out
    assert "Evidence: [X] Does not work or is unsafe" in out
    assert "Sources:" in out
    assert "Cochrane Database Syst Rev 2020;9:CD009402" in out
    assert "https://doi.org/10.1002/14651858.CD009402.pub3" in out
    assert "\x1b[" not in out, "plain text when stdout is not a terminal"


def test_learn_topic_shows_red_flags_before_other_entries() -> None:
    _, out, _ = _run("relief")
    assert out.index("WARNING: First, a quick safety check") < out.index("Stretch the muscle")


def test_learn_topic_shows_what_the_article_said_and_the_evidence() -> None:
    _, out, _ = _run("myths")
    assert "Popular advice says:" in out
    assert "The evidence says:" in out


def test_learn_unknown_topic_is_a_usage_error_listing_valid_topics() -> None:
    code, out, err = _run("bogus")
    assert code == 2
    assert out == ""
    assert "Unknown topic 'bogus'" in err
    assert "red_flags" in err and "remedies" in err
    assert "Traceback" not in err


def test_learn_json_lists_topics_as_one_document() -> None:
    code, out, _ = _run("--json")
    assert code == 0
    document = json.loads(out)
    ids = [t["id"] for t in document["topics"]]
    assert ids[0] == "red_flags"
    assert {"causes", "relief", "remedies", "myths", "foods"} <= set(ids)
    assert all(t["entries"] > 0 for t in document["topics"])


@pytest.mark.parametrize("topic", ["red_flags", "remedies", "causes", "foods"])
def test_learn_topic_json_prints_entries_with_grades_and_sources(topic: str) -> None:
    code, out, _ = _run(topic, "--json")
    assert code == 0
    document = json.loads(out)
    assert document["topic"]["id"] == topic
    assert document["entries"]
    for entry in document["entries"]:
        if entry["kind"] == "safety":
            assert entry["grade"] is None
        else:
            assert entry["grade"] in {"A", "B", "C", "D", "X"}
        assert entry["grade_words"]
        assert entry["sources"] and all(s["citation"] for s in entry["sources"])


def test_learn_json_of_quinine_says_x() -> None:
    _, out, _ = _run("remedies", "--json")
    entries = {e["id"]: e for e in json.loads(out)["entries"]}
    assert entries["remedy_quinine"]["grade"] == "X"


def test_learn_search_finds_entries_by_words() -> None:
    code, out, _ = _run("--search", "pickle juice")
    assert code == 0
    assert "Pickle juice" in out
    code, out, _ = _run("--search", "pickle juice", "--json")
    assert code == 0
    assert [e["id"] for e in json.loads(out)["entries"]] == ["remedy_pickle_juice"]


def test_learn_search_with_no_match_says_so() -> None:
    code, out, _ = _run("--search", "zzzqqq")
    assert code == 0
    assert "Nothing found" in out
