"""One table of field rules serves every way in (CONTRACT.md "Diary files"): the web form, the
API, `nightcramp log`/`night` and `nightcramp import` (CSV, JSON, FHIR) accept and refuse the
same values, with the same reason on the same field, and a refused value stores nothing.

Each case is written once, as a person would type it; each way in sends it in its own shape
(form text, JSON numbers, command flags, a file) and says what it answered, as (field, reason)
pairs: none when the value was stored.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from typer.testing import CliRunner

from nightcramp.cli.app import build_app
from nightcramp.core.diary_limits import IN_THE_FUTURE, TOO_MANY_HOURS
from nightcramp.core.diary_rules import TOO_EARLY, TOO_LONG
from nightcramp.core.interop.fhir_codes import (
    CRAMP_CODE,
    EPISODE_SYSTEM,
    FACTOR_SYSTEM,
    LOINC,
    NIGHT_LOGGED,
    SEVERITY_LOINC,
)
from nightcramp.store.diary import models

pytestmark = pytest.mark.django_db

Values = Mapping[str, str]
Answer = list[tuple[str, str]]

TODAY = dt.date.today()
PAST_NIGHT = (TODAY - dt.timedelta(days=10)).isoformat()
PAST_CRAMP = f"{(TODAY - dt.timedelta(days=9)).isoformat()}T02:30"
FUTURE = TODAY + dt.timedelta(days=3)
MUSCLES = "calf, foot, thigh_back, thigh_front, other"


@dataclass(frozen=True)
class Case:
    """Values for one cramp or one night, as typed, and the answer every way in must give."""

    name: str
    kind: str  # "cramp" or "night"
    values: Values
    answer: Answer

    def __str__(self) -> str:
        return self.name


CASES = [
    Case("cramp_in_the_past", "cramp", {"started_at": PAST_CRAMP, "severity": "10"}, []),
    Case(
        "cramp_in_the_future",
        "cramp",
        {"started_at": f"{FUTURE.isoformat()}T03:00"},
        [("started_at", IN_THE_FUTURE)],
    ),
    Case(
        "cramp_before_1900",
        "cramp",
        {"started_at": "1899-12-31T23:00"},
        [("started_at", TOO_EARLY)],
    ),
    Case(
        "cramp_of_1440_minutes",
        "cramp",
        {"started_at": PAST_CRAMP, "duration_min": "1440"},
        [],
    ),
    Case(
        "cramp_of_1441_minutes",
        "cramp",
        {"started_at": PAST_CRAMP, "duration_min": "1441"},
        [("duration_min", TOO_LONG)],
    ),
    Case(
        "cramp_of_0_minutes",
        "cramp",
        {"started_at": PAST_CRAMP, "duration_min": "0"},
        [("duration_min", "must be a number greater than 0 and at most 1440, not 0")],
    ),
    Case(
        "severity_11",
        "cramp",
        {"started_at": PAST_CRAMP, "severity": "11"},
        [("severity", "must be a whole number from 0 to 10, not 11")],
    ),
    Case(
        "bad_muscle",
        "cramp",
        {"started_at": PAST_CRAMP, "muscle": "knee"},
        [("muscle", f"must be one of {MUSCLES}, not 'knee'")],
    ),
    Case(
        "night_in_the_past",
        "night",
        {"date": PAST_NIGHT, "standing_hours": "14", "sitting_hours": "10"},
        [],
    ),
    Case(
        "night_in_the_future",
        "night",
        {"date": FUTURE.isoformat(), "water_glasses": "3"},
        [("date", IN_THE_FUTURE)],
    ),
    Case("night_before_1900", "night", {"date": "1899-12-31"}, [("date", TOO_EARLY)]),
    Case(
        "standing_and_sitting_over_24_hours",
        "night",
        {"date": PAST_NIGHT, "standing_hours": "14", "sitting_hours": "11"},
        [("sitting_hours", TOO_MANY_HOURS)],
    ),
    Case(
        "water_glasses_101",
        "night",
        {"date": PAST_NIGHT, "water_glasses": "101"},
        [("water_glasses", "must be a whole number from 0 to 100, not 101")],
    ),
]


def _number(text: str) -> int | float:
    return int(text) if re.fullmatch(r"-?\d+", text) else float(text)


def _json_values(values: Values) -> dict[str, Any]:
    """The values with JSON types: numbers as numbers, ids and times as text."""
    return {
        k: v if k in ("started_at", "date", "muscle") else _number(v) for k, v in values.items()
    }


# -- the ways in: each sends the values and returns what it answered ---------------------------
def _web(user: User, case: Case, tmp_path: Path) -> Answer:
    client = Client()
    client.force_login(user)
    url = "/log" if case.kind == "cramp" else "/checkin"
    response = client.post(url, dict(case.values))
    if response.status_code == 302:
        return []
    errors = response.context["form"].errors
    return [(field, reason) for field, reasons in errors.items() for reason in reasons]


def _api(user: User, case: Case, tmp_path: Path) -> Answer:
    from tests.conftest import make_token

    client = Client(headers={"Authorization": f"Bearer {make_token(user)}"})
    body = _json_values(case.values)
    if case.kind == "cramp":
        response = client.post("/api/v1/episodes", body, content_type="application/json")
    else:
        day = body.pop("date")
        response = client.put(f"/api/v1/nights/{day}", body, content_type="application/json")
    if response.status_code in (200, 201):
        return []
    assert response.status_code == 422, response.content
    return [(item["loc"][-1], item["msg"]) for item in response.json()["detail"]]


_CLI_LINE = re.compile(r"^nightcramp: (\w+): (.*)$")


def _cli(user: User, case: Case, tmp_path: Path) -> Answer:
    command = "log" if case.kind == "cramp" else "night"
    flags = [
        f"--{name.replace('_', '-')}={value}"
        for name, value in case.values.items()
        if name != "date"
    ]
    if "date" in case.values:
        flags.append(f"--date={case.values['date']}")
    result = CliRunner().invoke(build_app(), [command, *flags, "--user", user.username])
    if result.exit_code == 0:
        return []
    # 1: a value the diary refuses; 2: an option that is not one of its choices (usage).
    assert result.exit_code in (1, 2), result.output
    return [m.groups() for line in result.stderr.splitlines() if (m := _CLI_LINE.match(line))]  # type: ignore[misc]  # two groups


# A problem as `nightcramp import` lists it: FILE:ROW:FIELD or FILE:PLACE[N].FIELD, then why.
_IMPORT_LINE = re.compile(r"^\s*.+?:(?:\d+:|(?:episodes|nights|entry)\[\d+\]\.)(\w+): (.*)$")


def _import(path: Path, user: User) -> Answer:
    result = CliRunner().invoke(build_app(), ["import", str(path), "--user", user.username])
    if result.exit_code == 0:
        return []
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    return [m.groups() for line in lines if (m := _IMPORT_LINE.match(line))]  # type: ignore[misc]  # two groups


def _csv(user: User, case: Case, tmp_path: Path) -> Answer:
    path = tmp_path / "diary.csv"
    names = list(case.values)
    path.write_text(
        ",".join(names) + "\n" + ",".join(case.values[n] for n in names) + "\n", encoding="utf-8"
    )
    return _import(path, user)


def _json(user: User, case: Case, tmp_path: Path) -> Answer:
    key = "episodes" if case.kind == "cramp" else "nights"
    document = {"format": "nightcramp-diary", "version": 1, key: [_json_values(case.values)]}
    path = tmp_path / "diary.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return _import(path, user)


def _fhir_value(value: int | float) -> dict[str, Any]:
    return (
        {"valueInteger": value} if isinstance(value, int) else {"valueQuantity": {"value": value}}
    )


def _fhir(user: User, case: Case, tmp_path: Path) -> Answer:
    values = _json_values(case.values)
    if case.kind == "cramp":
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "code": {"coding": [CRAMP_CODE]},
            "effectiveDateTime": values["started_at"],
            "bodySite": {
                "coding": [
                    {"system": EPISODE_SYSTEM + ":muscle", "code": values.get("muscle", "calf")}
                ]
            },
        }
        if "duration_min" in values:
            resource["valueQuantity"] = {"value": values["duration_min"], "code": "min"}
        if "severity" in values:
            code = {"coding": [{"system": LOINC, "code": SEVERITY_LOINC}]}
            resource["component"] = [{"code": code, "valueInteger": values["severity"]}]
        resources = [resource]
    else:
        factors = {k: v for k, v in values.items() if k != "date"}
        resources = [
            {
                "resourceType": "Observation",
                "code": {"coding": [{"system": FACTOR_SYSTEM, "code": name}]},
                "effectiveDateTime": values["date"],
                **(_fhir_value(value) if name != NIGHT_LOGGED else {"valueBoolean": True}),
            }
            for name, value in {NIGHT_LOGGED: True, **factors}.items()
        ]
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": r} for r in resources],
    }
    path = tmp_path / "diary.fhir.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    return _import(path, user)


WAYS_IN: dict[str, Callable[[User, Case, Path], Answer]] = {
    "web_form": _web,
    "api": _api,
    "cli": _cli,
    "import_csv": _csv,
    "import_json": _json,
    "import_fhir": _fhir,
}


@pytest.mark.parametrize("way_in", list(WAYS_IN))
@pytest.mark.parametrize("case", CASES, ids=str)
def test_every_way_in_accepts_or_refuses_alike_with_the_same_reason(
    alice: User, case: Case, way_in: str, tmp_path: Path
) -> None:
    answer = WAYS_IN[way_in](alice, case, tmp_path)
    assert [tuple(a) for a in answer] == case.answer
    stored = models.Episode if case.kind == "cramp" else models.Night
    assert stored.objects.filter(user=alice).count() == (0 if case.answer else 1)
