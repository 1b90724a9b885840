"""`nightcramp meds check` from the terminal."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from nightcramp.cli.app import build_app
from nightcramp.core.meds import check_names, prescriber_sentence


def test_meds_check_shows_each_medicine_and_names_the_unknown() -> None:
    result = CliRunner().invoke(build_app(), ["meds", "check", "Lasix", "xyzzy"])
    assert result.exit_code == 0
    assert "furosemide" in result.stdout
    assert "xyzzy" in result.stdout
    assert prescriber_sentence() in result.stdout


def test_meds_check_needs_a_name() -> None:
    assert CliRunner().invoke(build_app(), ["meds", "check"]).exit_code == 2


def test_meds_check_json_is_one_document_with_hints_and_interactions() -> None:
    names = ["Zocor", "Klacid", "water tablet", "Pregnacare", "xyzzy"]
    result = CliRunner().invoke(build_app(), ["meds", "check", *names, "--json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document == check_names(names).to_json()
    assert document["unknown"] == ["water tablet", "xyzzy"]
    assert [h["query"] for h in document["hints"]] == ["water tablet"]
    assert [i["kind"] for i in document["interactions"]] == ["statin_muscle"]
    kinds = {m["query"]: m["kind"] for m in document["medications"]}
    assert kinds == {"Zocor": "medicine", "Klacid": "medicine", "Pregnacare": "supplement"}


def test_meds_check_text_shows_cautions_hints_supplements_and_sources() -> None:
    names = ["Zocor", "Klacid", "water tablet", "magnesium citrate"]
    result = CliRunner().invoke(build_app(), ["meds", "check", *names])
    checked = check_names(names)
    out = " ".join(result.stdout.split())
    assert " ".join(checked.interactions[0].text.split()) in out
    assert "furosemide" in out  # the hint for "water tablet"
    assert "350 mg" in out  # the magnesium supplement's own advice
    assert "[1]" in out and "Garrison" in out
    assert "Commonly advised, not proven" not in out


def test_a_name_that_is_not_text_is_a_usage_error_and_never_echoed() -> None:
    result = CliRunner().invoke(build_app(), ["meds", "check", "\udcff\udcfe", "--json"])
    assert result.exit_code == 2
    assert "name 1 must be valid Unicode text" in result.output
    assert "\udcff" not in result.output
