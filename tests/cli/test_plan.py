"""`nightcramp plan`: from a profile file (no database) or from the stored diary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app
from nightcramp.store.account.local import local_user
from nightcramp.store.diary import models


def _me() -> User:
    user = local_user()
    assert isinstance(user, User)
    return user


def run(*args: str) -> Result:
    return CliRunner().invoke(build_app(), list(args))


def _profile(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_plan_from_a_profile_prints_the_triage_result_before_the_items(tmp_path: Path) -> None:
    path = _profile(tmp_path, {"medications": ["atorvastatin"],
                               "answers": {"muscle_weakness_after_cramp": True}})  # fmt: skip
    result = run("plan", "--profile", str(path))
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.index("Book an appointment") < text.index("Recommended")
    assert "Some evidence (grade B)" in text


def test_an_unanswered_safety_screen_leads_with_its_own_headline(tmp_path: Path) -> None:
    result = run("plan", "--profile", str(_profile(tmp_path, {})))
    assert result.exit_code == 0, result.stderr
    first = result.stdout.split("\n", 1)[0]
    assert first.startswith("First: Some safety questions were not answered")
    assert "next check-up" not in " ".join(result.stdout.split()[:40])


def test_a_self_care_result_with_something_to_check_leads_the_text_not_the_json(
    tmp_path: Path,
) -> None:
    from nightcramp.core.triage import load_vocabulary

    screen_no = {key: False for key in load_vocabulary().core_safety_screen}
    answers = {**screen_no, "recent_vomiting_or_diarrhoea": True}
    path = _profile(tmp_path, {"answers": answers})
    text = run("plan", "--profile", str(path))
    assert text.exit_code == 0, text.stderr
    assert text.stdout.startswith("First: Check one thing first.")
    assert text.stdout.index("If you take lithium") < text.stdout.index("Recommended")
    document = json.loads(run("plan", "--profile", str(path), "--json").stdout)
    assert set(document) == {"items"}  # the contract: `triage` only above self-care
    # The profile's medicines fill the gap: the lithium line goes, kidney disease stays.
    meds = _profile(tmp_path, {"medications": ["paracetamol"], "answers": answers})
    lead = " ".join(run("plan", "--profile", str(meds)).stdout.split("Recommended")[0].split())
    assert lead.startswith("First:") and "lithium" not in lead and "kidney disease" in lead
    # Nothing left to check: nothing leads.
    kidneys = {"kidney_disease": False, "on_dialysis": False}
    known = _profile(tmp_path, {"medications": [], "answers": {**answers, **kidneys}})
    assert not run("plan", "--profile", str(known)).stdout.startswith("First:")


def test_a_result_the_profile_makes_more_urgent_leads_the_text(tmp_path: Path) -> None:
    path = _profile(tmp_path, {"medications": ["lithium"],
                               "answers": {"recent_vomiting_or_diarrhoea": True}})  # fmt: skip
    result = run("plan", "--profile", str(path))
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert text.startswith("With what your profile says")
    assert text.index("lithium blood test") < text.index("Recommended")


def test_plan_json_is_one_document_with_every_item(tmp_path: Path) -> None:
    result = run("plan", "--profile", str(_profile(tmp_path, {"conditions": ["heart_failure"]})),
                 "--json")  # fmt: skip
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    items = {item["id"]: item for item in document["items"]}
    assert items["hydration"]["status"] == "caution"
    assert items["quinine"]["status"] == "not_advised"


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ('{"birth_year": "old"}', "birth_year"),
        ('{"conditions": ["gout"]}', "conditions"),
        ('{"answers": {"leg_red": "maybe"}}', "answers.leg_red"),
        ("[1, 2]", "JSON object"),
        ("{oops", "not valid JSON"),
    ],
)
def test_an_invalid_profile_exits_1_naming_the_file_and_key(
    tmp_path: Path, content: str, where: str
) -> None:
    path = tmp_path / "me.json"
    path.write_text(content, encoding="utf-8")
    result = run("plan", "--profile", str(path), "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert str(path) in result.stderr
    assert where in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_profile_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run("plan", "--profile", str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_an_unknown_profile_key_is_a_warning_on_stderr(tmp_path: Path) -> None:
    result = run("plan", "--profile", str(_profile(tmp_path, {"shoe_size": 9})), "--json")
    assert result.exit_code == 0
    json.loads(result.stdout)
    assert "shoe_size" in result.stderr


@pytest.mark.django_db
def test_plan_without_a_profile_uses_the_stored_profile_and_medicines() -> None:
    user = _me()
    models.Profile.objects.create(user=user, conditions=["kidney_disease"])
    models.Medication.objects.create(user=user, name="Aldactone")
    result = run("plan", "--json")
    assert result.exit_code == 0, result.stderr
    items = {item["id"]: item for item in json.loads(result.stdout)["items"]}
    assert items["potassium_foods"]["status"] == "caution"
    assert items["magnesium_supplement"]["status"] == "not_advised"
    assert items["medication_review"]["why"].startswith("You take Aldactone (spironolactone)")


@pytest.mark.django_db
def test_a_stopped_medicine_no_longer_counts() -> None:
    import datetime as dt

    user = _me()
    models.Medication.objects.create(user=user, name="ramipril", stopped_on=dt.date(2020, 1, 1))
    result = run("plan", "--json")
    items = {item["id"]: item for item in json.loads(result.stdout)["items"]}
    assert items["potassium_foods"]["status"] == "optional"


@pytest.mark.django_db
def test_plan_for_an_unknown_account_is_a_usage_error() -> None:
    result = run("plan", "--user", "nobody")
    assert result.exit_code == 2
    assert "nobody" in result.stderr


def test_sources_are_numbered_and_their_citations_listed_once_at_the_end(tmp_path: Path) -> None:
    from nightcramp.core.knowledge.sources import load_sources

    profile = tmp_path / "profile.json"
    profile.write_text("{}")
    result = run("plan", "--profile", str(profile), "--json")
    cited = list(dict.fromkeys(s for i in json.loads(result.stdout)["items"] for s in i["sources"]))
    text = run("plan", "--profile", str(profile)).stdout
    body, _, listed = text.partition("\nSources\n")
    assert "; sources [1]" in body
    assert not any(source_id in body for source_id in cited)  # no bare ids in the items
    known = load_sources()
    flat = " ".join(listed.split())
    for number, source_id in enumerate(cited, 1):
        assert f"[{number}] {' '.join(known[source_id].citation.split())}" in flat
