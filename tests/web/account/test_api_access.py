"""Every route of the JSON API, as its OpenAPI document lists them: a read-only token changes
nothing, a missing or revoked token is refused, and another person's record is not found."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from nightcramp.store.account.models import TokenScope
from nightcramp.store.account.tokens import issue_token, revoke_token
from nightcramp.store.experiments.lifecycle import start_experiment
from nightcramp.store.triage.history import save_assessment

pytestmark = pytest.mark.django_db

WRITES = frozenset({"post", "put", "patch", "delete"})
NIGHT = "2026-01-01"
# One valid body per kind of route, so that a refused write is refused for its token alone.
BODIES: dict[str, dict[str, Any]] = {
    "episodes": {"started_at": f"{NIGHT}T23:30", "severity": 3},
    "nights": {"water_glasses": 4},
    "profile": {"birth_year": 1950},
    "medications": {"name": "furosemide"},
    "triage": {"leg_warm": True},
    "experiments": {"change": "bedtime_stretch"},
    # The experiments' own routes take exactly their fields (no other key).
    "experiments/adherence": {"followed": True},
    "experiments/pause": {"reason": ""},
    "experiments/resume": {"reason": ""},
    "experiments/stop": {"reason": ""},
}
# What each list route of a person answers; compared before and after the refused writes.
LISTS = (
    "/api/v1/episodes",
    "/api/v1/nights",
    "/api/v1/profile",
    "/api/v1/medications",
    "/api/v1/triage",
    "/api/v1/experiments",
)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _routes(client: Client) -> list[tuple[str, str]]:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    routes = [(m, p) for p, ops in paths.items() for m in ops if m in WRITES | {"get"}]
    assert len(routes) > 20  # the document lists the diary, triage and experiment routes
    return routes


def _records(person: User, writer: dict[str, str]) -> dict[str, str]:
    """Give `person` one record of each kind; return the value of each path parameter."""
    client = Client()
    episode = client.post(
        "/api/v1/episodes", BODIES["episodes"], "application/json", headers=writer
    )
    night = client.put(
        f"/api/v1/nights/{NIGHT}", BODIES["nights"], "application/json", headers=writer
    )
    medicine = client.post(
        "/api/v1/medications", BODIES["medications"], "application/json", headers=writer
    )
    assert (episode.status_code, night.status_code, medicine.status_code) == (201, 200, 201)
    experiment = start_experiment(person, "bedtime_stretch", now=timezone.now(), seed=3)
    urgent = save_assessment(person, {"pregnant": True, "one_leg_swollen": True})
    return {
        "episode_id": str(episode.json()["id"]),
        "night_date": NIGHT,
        "medication_id": str(medicine.json()["id"]),
        "result_id": str(urgent.pk),
        "experiment_id": str(experiment.pk),
    }


def _fill(path: str, values: dict[str, str]) -> str:
    names = re.findall(r"{(\w+)}", path)
    unknown = [n for n in names if n not in values]
    assert not unknown, f"{path}: give these tests a record for {unknown}"
    return re.sub(r"{(\w+)}", lambda m: values[m.group(1)], path)


def _body(path: str) -> dict[str, Any]:
    kind, *rest = path.removeprefix("/api/v1/").split("/")
    own = next((f"{kind}/{part}" for part in rest if f"{kind}/{part}" in BODIES), kind)
    return BODIES[own]


def _snapshot(client: Client, writer: dict[str, str]) -> list[object]:
    return [client.get(path, headers=writer).json() for path in LISTS]


def _send(client: Client, method: str, path: str, headers: dict[str, str]) -> Any:
    if method == "get":
        return client.get(path, headers=headers)
    body = json.dumps(_body(path))
    return client.generic(method.upper(), path, body, "application/json", headers=headers)


def test_a_read_only_token_is_refused_on_every_write_route_and_nothing_changes(
    alice: User,
) -> None:
    client = Client()
    writer = _bearer(issue_token(alice))
    values = _records(alice, writer)
    reader = _bearer(issue_token(alice, scope=TokenScope.READ))
    before = _snapshot(client, writer)

    writes = [(m, p) for m, p in _routes(client) if m in WRITES]
    for method, template in writes:
        response = _send(client, method, _fill(template, values), reader)
        assert response.status_code == 403, (method, template)
        assert "may only read" in response.json()["detail"], (method, template)

    assert _snapshot(client, writer) == before
    assert {m for m, _ in writes} == WRITES


def test_a_read_only_token_reads_every_route_it_may(alice: User) -> None:
    client = Client()
    values = _records(alice, _bearer(issue_token(alice)))
    reader = _bearer(issue_token(alice, scope=TokenScope.READ))
    for method, template in _routes(client):
        if method == "get" and not template.endswith("openapi.json"):
            response = client.get(_fill(template, values), headers=reader)
            assert response.status_code == 200, template


@pytest.mark.parametrize("token", ["missing", "wrong", "revoked", "not_bearer"])
def test_without_a_live_token_every_route_answers_401_with_a_json_body(
    alice: User, token: str
) -> None:
    client = Client()
    live = issue_token(alice)
    values = _records(alice, _bearer(live))
    before = _snapshot(client, _bearer(live))
    revoked = issue_token(alice)
    revoke_token(revoked)
    headers = {
        "missing": {},
        "wrong": _bearer("nc_" + "A" * 43),
        "revoked": _bearer(revoked),
        "not_bearer": {"Authorization": f"Basic {live}"},
    }[token]
    for method, template in _routes(client):
        if template.endswith("openapi.json"):
            continue
        response = _send(client, method, _fill(template, values), headers)
        assert response.status_code == 401, (method, template)
        assert "detail" in response.json()
    assert _snapshot(client, _bearer(live)) == before


def test_another_persons_record_is_not_found_by_any_route(alice: User, bob: User) -> None:
    client = Client()
    alices = _bearer(issue_token(alice))
    values = _records(alice, alices)
    bobs = _bearer(issue_token(bob))
    _records(bob, bobs)  # bob has records of his own, with other ids
    before = _snapshot(client, alices)

    for method, template in _routes(client):
        if not re.search(r"{\w+_id}", template):
            continue  # a night is found by its date: bob's night of that date is his own
        response = _send(client, method, _fill(template, values), bobs)
        assert response.status_code == 404, (method, template)
        assert response.json() == {"detail": "Not found."}, (method, template)

    assert _snapshot(client, alices) == before


def test_a_night_of_another_person_is_theirs_alone(alice: User, bob: User) -> None:
    client = Client()
    alices = _bearer(issue_token(alice))
    _records(alice, alices)
    bobs = _bearer(issue_token(bob))
    path = f"/api/v1/nights/{NIGHT}"
    assert client.get(path, headers=bobs).status_code == 404
    assert client.delete(path, headers=bobs).status_code == 404
    stored = client.put(path, {"water_glasses": 9}, "application/json", headers=bobs)
    assert stored.status_code == 200
    assert client.get(path, headers=alices).json()["water_glasses"] == 4
    assert dt.date.fromisoformat(NIGHT) < timezone.localdate()
