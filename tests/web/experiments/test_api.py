"""The experiment routes of the JSON API: start, status, adherence, pause/resume/stop, result,
and that another person's experiment is 404 and no token is 401."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from tests.store.experiments.factories import days, log_nights

from nightcramp.store.diary.models import Profile
from nightcramp.store.experiments.models import Experiment, ExperimentNight

pytestmark = pytest.mark.django_db

TONIGHT = timezone.localdate() - dt.timedelta(days=1)  # a safe past night whatever the hour


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def post(client: Client, token: str, path: str, body: Any) -> Any:
    return client.post(
        f"/api/v1{path}", body, content_type="application/json", headers=_auth(token)
    )


def get(client: Client, token: str, path: str) -> Any:
    return client.get(f"/api/v1{path}", headers=_auth(token))


def _start(client: Client, token: str, **body: Any) -> dict[str, Any]:
    response = post(client, token, "/experiments", {"change": "bedtime_stretch", **body})
    assert response.status_code == 201, response.content
    document = response.json()
    assert isinstance(document, dict)
    return document


def _loc(response: Any) -> list[str]:
    return [str(part) for item in response.json()["detail"] for part in item["loc"]]


def test_start_answers_201_with_the_status(client: Client, alice_token: str) -> None:
    first = (TONIGHT - dt.timedelta(days=2)).isoformat()
    status = _start(client, alice_token, start=first, seed=4, pairs=4)
    assert (status["status"], status["start"], status["seed"], status["pairs"]) == (
        "running", first, 4, 4)  # fmt: skip
    assert status["nights_total"] == 56
    assert status["adherence"]["unknown"] == status["nights_done"]


def test_a_second_start_is_409_saying_one_is_going(client: Client, alice_token: str) -> None:
    _start(client, alice_token)
    response = post(client, alice_token, "/experiments", {"change": "warm_bath"})
    assert response.status_code == 409
    assert "already have an experiment going" in response.json()["detail"]


def test_a_change_ruled_out_by_the_stored_profile_is_409_with_the_reason(
    client: Client, alice: User, alice_token: str
) -> None:
    Profile.objects.create(user=alice, pregnant=True)
    response = post(client, alice_token, "/experiments", {"change": "magnesium_supplement"})
    assert response.status_code == 409
    assert "pregnancy" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"change": "quinine"}, "change"),
        ({"change": "bedtime_stretch", "pairs": 2}, "pairs"),
        ({"change": "bedtime_stretch", "period_nights": 3}, "period_nights"),
        ({"change": "bedtime_stretch", "start": "someday"}, "start"),
        ({"change": "bedtime_stretch", "seed": -3}, "seed"),
        ({}, "change"),
        # JSON's own types, as every other route: no strings for numbers or yes/no.
        ({"change": "bedtime_stretch", "seed": "9"}, "seed"),
        ({"change": "bedtime_stretch", "pairs": "4"}, "pairs"),
        ({"change": "bedtime_stretch", "pairs": 4.0}, "pairs"),
        ({"change": "bedtime_stretch", "doctor_agreed": "yes"}, "doctor_agreed"),
        ({"change": "bedtime_stretch", "doctor_agreed": 1}, "doctor_agreed"),
        ({"change": "bedtime_stretch", "colour": "red"}, "colour"),
        ({"change": "bedtime_stretch", "start": 1767225600}, "start"),
    ],
)
def test_bad_input_is_422_naming_the_field(
    client: Client, alice_token: str, body: dict[str, Any], field: str
) -> None:
    response = post(client, alice_token, "/experiments", body)
    assert response.status_code == 422
    assert field in _loc(response)
    assert not Experiment.objects.exists()


def test_list_get_status_and_result_for_the_owner(client: Client, alice_token: str) -> None:
    started = _start(client, alice_token)
    listed = get(client, alice_token, "/experiments").json()
    assert (listed["count"], listed["next"]) == (1, None)
    assert listed["items"][0]["id"] == started["id"]
    one = get(client, alice_token, f"/experiments/{started['id']}").json()
    assert one["change"] == "bedtime_stretch"
    status = get(client, alice_token, f"/experiments/{started['id']}/status").json()
    assert status["verdict"] == "continue"
    result = get(client, alice_token, f"/experiments/{started['id']}/result").json()
    assert {"nights_on", "nights_off", "rate_ratio", "verdict", "final", "looks"} <= set(result)


def test_adherence_is_put_per_night_and_null_forgets_it(client: Client, alice_token: str) -> None:
    started = _start(client, alice_token, start=TONIGHT.isoformat(), seed=3)
    path = f"/experiments/{started['id']}/adherence/{TONIGHT.isoformat()}"
    response = client.put(f"/api/v1{path}", {"followed": False},
                          content_type="application/json", headers=_auth(alice_token))  # fmt: skip
    assert response.status_code == 200, response.content
    assert response.json() == {"date": TONIGHT.isoformat(), "followed": False}
    assert ExperimentNight.objects.get().followed is False
    client.put(f"/api/v1{path}", {"followed": None}, content_type="application/json",
               headers=_auth(alice_token))  # fmt: skip
    assert not ExperimentNight.objects.exists()


@pytest.mark.parametrize("night", ["2027-02-30", "1999-01-01", "NEXT_YEAR"])
def test_adherence_for_a_bad_night_is_422_naming_the_date(
    client: Client, alice_token: str, night: str
) -> None:
    started = _start(client, alice_token)
    if night == "NEXT_YEAR":
        night = (TONIGHT + dt.timedelta(days=300)).isoformat()
    response = client.put(f"/api/v1/experiments/{started['id']}/adherence/{night}",
                          {"followed": True}, content_type="application/json",
                          headers=_auth(alice_token))  # fmt: skip
    assert response.status_code == 422
    assert "date" in _loc(response)


@pytest.mark.parametrize("body", [{"followed": "yes"}, {"followed": 1}, {"followed": "off"},
                                  {"followed": True, "why": "x"}, {}])  # fmt: skip
def test_adherence_takes_true_false_or_null_only(
    client: Client, alice_token: str, body: dict[str, Any]
) -> None:
    started = _start(client, alice_token, start=TONIGHT.isoformat(), seed=3)
    response = client.put(f"/api/v1/experiments/{started['id']}/adherence/{TONIGHT.isoformat()}",
                          body, content_type="application/json",
                          headers=_auth(alice_token))  # fmt: skip
    assert response.status_code == 422
    assert not ExperimentNight.objects.exists()


def test_pause_resume_and_stop_with_a_reason(client: Client, alice_token: str) -> None:
    started = _start(client, alice_token)
    base = f"/experiments/{started['id']}"
    paused = post(client, alice_token, f"{base}/pause", {"reason": "a cold"})
    assert (paused.status_code, paused.json()["status"]) == (200, "paused")
    assert paused.json()["reason"] == "a cold"
    assert post(client, alice_token, f"{base}/pause", {}).status_code == 409
    assert post(client, alice_token, f"{base}/resume", {}).json()["status"] == "running"
    stopped = post(client, alice_token, f"{base}/stop", {"reason": "done"})
    assert stopped.json()["status"] == "stopped"
    too_long = post(client, alice_token, f"{base}/stop", {"reason": "x" * 501})
    assert too_long.status_code == 422
    assert "reason" in _loc(too_long)


def test_a_doubling_of_cramps_pauses_and_the_status_says_why(
    client: Client, alice: User, alice_token: str
) -> None:
    first = TONIGHT - dt.timedelta(days=9)
    before, period = days(first - dt.timedelta(days=28), 28), days(first, 7)
    log_nights(alice, [*before, *period], [*before[::7], *period, *period])
    started = _start(client, alice_token, start=first.isoformat(), seed=3)
    status = get(client, alice_token, f"/experiments/{started['id']}/status").json()
    assert (status["status"], status["status_why"]) == ("paused", "cramps_doubled")
    assert "twice as many" in status["reason"]


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("get", "", None),
        ("get", "/status", None),
        ("get", "/result", None),
        ("put", "/adherence/DATE", {"followed": True}),
        ("post", "/pause", {}),
        ("post", "/resume", {}),
        ("post", "/stop", {"reason": "not mine"}),
    ],
)
def test_another_persons_experiment_is_404_and_stays_as_it_was(
    client: Client, alice_token: str, bob_token: str, method: str, suffix: str, body: Any
) -> None:
    started = _start(client, alice_token)
    path = f"/api/v1/experiments/{started['id']}{suffix.replace('DATE', started['start'])}"
    call = getattr(client, method)
    extra = {} if body is None else {"data": body, "content_type": "application/json"}
    response = call(path, headers=_auth(bob_token), **extra)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    missing = call(f"/api/v1/experiments/999999{suffix.replace('DATE', started['start'])}",
                   headers=_auth(alice_token), **extra)  # fmt: skip
    assert missing.status_code == 404
    assert Experiment.objects.get().status == "running"
    assert not ExperimentNight.objects.exists()
    assert get(client, bob_token, "/experiments").json()["count"] == 0


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/experiments"),
        ("post", "/api/v1/experiments"),
        ("get", "/api/v1/experiments/1/status"),
    ],
)
def test_no_token_or_a_wrong_one_is_401(
    client: Client, alice: User, method: str, path: str
) -> None:
    for headers in ({}, {"Authorization": "Bearer nc_wrong"}):
        response = getattr(client, method)(path, headers=headers)
        assert response.status_code == 401
        assert "detail" in response.json()
    assert not Experiment.objects.exists()


def test_a_read_token_may_look_but_not_start_or_stop(
    client: Client, alice: User, alice_token: str
) -> None:
    from nightcramp.store.account.tokens import issue_token

    started = _start(client, alice_token)
    reader = issue_token(alice, label="reader", scope="read")
    assert get(client, reader, f"/experiments/{started['id']}/status").status_code == 200
    assert post(client, reader, "/experiments", {"change": "warm_bath"}).status_code == 403
    assert post(client, reader, f"/experiments/{started['id']}/stop", {}).status_code == 403
    assert Experiment.objects.get().status == "running"
