"""CONTRACT.md "Medication check": black-box checks through the CLI entry point."""

from __future__ import annotations

import json

import pytest

from nightcramp.cli.entry import main

LINKS = {"established", "reported", "indirect", "treatment", "none"}


def test_meds_check_json_has_the_contract_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["meds", "check", "Lasix", "xyz", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {"medications", "unknown"}
    med = document["medications"][0]
    assert med["query"] == "Lasix"
    assert med["generic"] == "furosemide"
    assert med["class"] == "loop_diuretic"
    assert med["cramp_link"] in LINKS
    assert isinstance(med["evidence"], str) and isinstance(med["advice"], str)
    assert isinstance(med["cautions"], list)
    assert document["unknown"] == ["xyz"]


def test_combination_generic_joins_components_alphabetically(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["meds", "check", "symbicort", "--json"]) == 0
    med = json.loads(capsys.readouterr().out)["medications"][0]
    assert med["generic"] == "budesonide/formoterol"
    assert med["class"] == "long_acting_beta2_agonist"


def test_all_unknown_still_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["meds", "check", "qqqq", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"medications": [], "unknown": ["qqqq"]}


def test_no_name_is_a_usage_error() -> None:
    assert main(["meds", "check"]) == 2
