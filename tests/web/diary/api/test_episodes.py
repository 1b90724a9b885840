"""The episode endpoints of the JSON API (CONTRACT.md "Web app and JSON API")."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nightcramp.core.diary_limits import IN_THE_FUTURE
from nightcramp.core.diary_rules import TOO_EARLY, TOO_LONG
from nightcramp.store.diary.episodes import CONFLICT
from nightcramp.store.diary.models import Episode, IdempotencyKey

pytestmark = pytest.mark.django_db

URL = "/api/v1/episodes"


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def post(client: Client, token: str, body: Any, **headers: str) -> Any:
    return client.post(URL, body, content_type="application/json", headers=_auth(token) | headers)


def _field_named(response: Any, field: str) -> bool:
    detail = response.json()["detail"]
    return any(field in [str(p) for p in item["loc"]] for item in detail)


FULL = {
    "started_at": "2026-03-04T02:30:00+01:00",
    "muscle": "foot",
    "side": "left",
    "duration_min": 2.5,
    "severity": 7,
    "relief": ["stretch", "walk"],
    "relief_worked": "walk",
    "woke_from_sleep": True,
    "notes": '=SUM(A1) after a long shift, "quoted"\nsecond line',
}


def test_post_answers_201_with_the_episode_and_its_id(client: Client, alice_token: str) -> None:
    response = post(client, alice_token, FULL)
    assert response.status_code == 201
    body = response.json()
    assert isinstance(body["id"], int)
    assert {k: body[k] for k in FULL} == FULL
    assert body["night"] == "2026-03-03"


def test_a_cramp_after_midnight_belongs_to_the_previous_evening(
    client: Client, alice_token: str
) -> None:
    body = post(client, alice_token, {"started_at": "2026-03-04T11:59:00"}).json()
    assert body["night"] == "2026-03-03"
    body = post(client, alice_token, {"started_at": "2026-03-04T12:00:00"}).json()
    assert body["night"] == "2026-03-04"


def test_defaults_are_calf_and_unknown_for_everything_else(
    client: Client, alice_token: str
) -> None:
    body = post(client, alice_token, {"started_at": "2026-03-04T03:00"}).json()
    assert body["muscle"] == "calf"
    assert body["side"] is None
    assert body["severity"] is None
    assert body["woke_from_sleep"] is None
    assert body["relief"] == []
    assert body["relief_worked"] is None
    assert body["notes"] == ""


def test_local_offset_is_kept_as_given(client: Client, alice_token: str) -> None:
    body = post(client, alice_token, {"started_at": "2026-07-01T23:10:00-04:00"}).json()
    assert body["started_at"] == "2026-07-01T23:10:00-04:00"
    got = client.get(f"{URL}/{body['id']}", headers=_auth(alice_token)).json()
    assert got["started_at"] == "2026-07-01T23:10:00-04:00"


def test_get_put_delete_one_episode(client: Client, alice_token: str) -> None:
    created = post(client, alice_token, FULL).json()
    one = f"{URL}/{created['id']}"
    assert client.get(one, headers=_auth(alice_token)).json() == created
    changed = {**FULL, "severity": 3, "notes": ""}
    response = client.put(one, changed, content_type="application/json", headers=_auth(alice_token))
    assert response.status_code == 200
    assert response.json()["severity"] == 3
    assert client.get(one, headers=_auth(alice_token)).json()["severity"] == 3
    assert client.delete(one, headers=_auth(alice_token)).status_code == 204
    assert client.get(one, headers=_auth(alice_token)).status_code == 404
    assert client.delete(one, headers=_auth(alice_token)).status_code == 404


def test_bob_gets_404_for_alices_episode_exactly_like_a_missing_one(
    client: Client, alice_token: str, bob_token: str
) -> None:
    created = post(client, alice_token, FULL).json()
    one = f"{URL}/{created['id']}"
    missing = f"{URL}/{created['id'] + 1000}"
    for path in (one, missing):
        got = client.get(path, headers=_auth(bob_token))
        assert (got.status_code, got.json()) == (404, {"detail": "Not found."})
        put = client.put(path, FULL, content_type="application/json", headers=_auth(bob_token))
        assert (put.status_code, put.json()) == (404, {"detail": "Not found."})
        assert client.delete(path, headers=_auth(bob_token)).status_code == 404
    assert client.get(URL, headers=_auth(bob_token)).json()["count"] == 0
    assert Episode.objects.filter(pk=created["id"], severity=7).exists()


def test_list_filters_by_night_inclusive_and_pages(client: Client, alice_token: str) -> None:
    for day in range(1, 6):
        post(client, alice_token, {"started_at": f"2026-05-0{day}T22:00"})
    query: dict[str, str | int] = {"since": "2026-05-02", "until": "2026-05-04", "limit": 2}
    response = client.get(URL, query, headers=_auth(alice_token))
    body = response.json()
    assert body["count"] == 3
    assert [i["night"] for i in body["items"]] == ["2026-05-02", "2026-05-03"]
    assert body["next"] is not None
    assert "offset=2" in body["next"]
    rest = client.get(body["next"], headers=_auth(alice_token)).json()
    assert [i["night"] for i in rest["items"]] == ["2026-05-04"]
    assert rest["next"] is None


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"offset": -1}, "offset"),
        ({"since": "2026-13-01"}, "since"),
        ({"until": "yesterday"}, "until"),
        ({"since": "1700000000"}, "since"),
    ],
)
def test_bad_list_query_answers_422_naming_it(
    client: Client, alice_token: str, query: dict[str, Any], field: str
) -> None:
    response = client.get(URL, query, headers=_auth(alice_token))
    assert response.status_code == 422
    assert _field_named(response, field)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("started_at", None),
        ("started_at", "2026-03-04"),
        ("started_at", "not a time"),
        ("started_at", 1767225600),
        ("started_at", "2026-02-30T01:00"),
        ("muscle", "shin"),
        ("side", "middle"),
        ("duration_min", 0),
        ("duration_min", -1),
        ("duration_min", True),
        ("duration_min", "2"),
        ("severity", 11),
        ("severity", -1),
        ("severity", 1.5),
        ("severity", True),
        ("severity", "5"),
        ("relief", ["yoga"]),
        ("relief", "stretch"),
        ("relief_worked", "yoga"),
        ("woke_from_sleep", "yes"),
        ("woke_from_sleep", 1),
        ("notes", "nul \x00 byte"),
        ("notes", 5),
        ("colour", "red"),
    ],
)
def test_each_bad_field_answers_422_naming_it_and_stores_nothing(
    client: Client, alice_token: str, field: str, value: object
) -> None:
    body = {"started_at": "2026-03-04T02:30", field: value}
    response = post(client, alice_token, body)
    assert response.status_code == 422, response.content
    assert _field_named(response, field)
    assert Episode.objects.count() == 0


def test_whole_number_written_as_4_point_0_is_refused_as_in_a_file(
    client: Client, alice_token: str
) -> None:
    response = post(client, alice_token, {"started_at": "2026-03-04T02:30", "severity": 4.0})
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert (item["loc"][-1], item["msg"]) == (
        "severity",
        "must be a whole number from 0 to 10, not 4.0 (write it as 4)",
    )
    assert Episode.objects.count() == 0


def test_body_that_is_not_json_answers_400(client: Client, alice_token: str) -> None:
    response = client.post(
        URL, "{oops", content_type="application/json", headers=_auth(alice_token)
    )
    assert response.status_code == 400
    assert "detail" in response.json()


def test_same_start_muscle_and_side_is_a_conflict_also_without_side(
    client: Client, alice_token: str
) -> None:
    first = post(client, alice_token, {"started_at": "2026-03-04T02:30", "side": "left"})
    assert first.status_code == 201
    again = post(client, alice_token, {"started_at": "2026-03-04T02:30", "side": "left"})
    assert again.status_code == 409
    other_side = post(client, alice_token, {"started_at": "2026-03-04T02:30", "side": "right"})
    assert other_side.status_code == 201
    no_side = post(client, alice_token, {"started_at": "2026-03-04T02:30"})
    assert no_side.status_code == 201
    no_side_again = post(client, alice_token, {"started_at": "2026-03-04T02:30"})
    assert no_side_again.status_code == 409
    assert Episode.objects.count() == 3


def test_same_instant_written_in_another_offset_is_the_same_episode(
    client: Client, alice_token: str
) -> None:
    assert post(client, alice_token, {"started_at": "2026-03-04T02:30+01:00"}).status_code == 201
    assert post(client, alice_token, {"started_at": "2026-03-04T01:30+00:00"}).status_code == 409


def test_put_onto_another_episodes_key_is_a_conflict(client: Client, alice_token: str) -> None:
    post(client, alice_token, {"started_at": "2026-03-04T02:30"})
    second = post(client, alice_token, {"started_at": "2026-03-05T02:30"}).json()
    response = client.put(
        f"{URL}/{second['id']}",
        {"started_at": "2026-03-04T02:30"},
        content_type="application/json",
        headers=_auth(alice_token),
    )
    assert response.status_code == 409


def test_idempotency_key_repeats_the_first_answer_and_creates_nothing_new(
    client: Client, alice_token: str
) -> None:
    first = post(client, alice_token, FULL, **{"Idempotency-Key": "abc"})
    second = post(client, alice_token, FULL, **{"Idempotency-Key": "abc"})
    third = post(client, alice_token, FULL, **{"Idempotency-Key": "abc"})
    assert first.status_code == 201
    assert (second.status_code, second.json()) == (201, first.json())
    assert third.json() == first.json()
    assert Episode.objects.count() == 1


def test_idempotency_key_reused_with_another_body_is_refused(
    client: Client, alice_token: str
) -> None:
    post(client, alice_token, FULL, **{"Idempotency-Key": "k"})
    other = post(client, alice_token, {**FULL, "severity": 2}, **{"Idempotency-Key": "k"})
    assert other.status_code == 422
    assert _field_named(other, "Idempotency-Key")
    assert Episode.objects.count() == 1


def test_idempotency_keys_are_per_person(client: Client, alice_token: str, bob_token: str) -> None:
    a = post(client, alice_token, FULL, **{"Idempotency-Key": "same"})
    b = post(client, bob_token, FULL, **{"Idempotency-Key": "same"})
    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"]
    assert IdempotencyKey.objects.count() == 2


def test_episode_is_stored_for_the_token_owner(
    client: Client, alice: User, alice_token: str
) -> None:
    post(client, alice_token, FULL)
    assert Episode.objects.get().user == alice


# ---- the diary's record rules and the conflict, in the store's words --------------------------


def test_a_cramp_in_the_future_is_refused_with_the_rules_words(
    client: Client, alice_token: str
) -> None:
    response = post(client, alice_token, {"started_at": "2999-01-01T03:00"})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "started_at"], "msg": IN_THE_FUTURE, "type": "value_error"}
    ]
    assert Episode.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("severity", 11, "must be a whole number from 0 to 10, not 11"),
        ("duration_min", 1441, TOO_LONG),
        ("started_at", "1899-12-31T23:00", TOO_EARLY),
    ],
)
def test_a_field_rule_answers_the_rules_own_reason(
    client: Client, alice_token: str, field: str, value: object, reason: str
) -> None:
    response = post(client, alice_token, {"started_at": "2026-03-04T02:30", field: value})
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert (item["loc"][-1], item["msg"]) == (field, reason)


def test_a_refused_cramp_with_a_key_can_be_sent_again_once_it_is_right(
    client: Client, alice_token: str
) -> None:
    late = post(client, alice_token, {"started_at": "2999-01-01T03:00"}, **{"Idempotency-Key": "k"})
    assert late.status_code == 422
    assert not IdempotencyKey.objects.exists()
    fixed = post(
        client, alice_token, {"started_at": "2026-01-01T03:00"}, **{"Idempotency-Key": "k"}
    )
    assert fixed.status_code == 201


def test_a_conflict_answers_the_stores_message(client: Client, alice_token: str) -> None:
    post(client, alice_token, {"started_at": "2026-03-04T02:30"})
    again = post(client, alice_token, {"started_at": "2026-03-04T02:30"})
    assert again.json() == {"detail": CONFLICT}


def test_put_into_the_future_is_refused_and_keeps_the_episode(
    client: Client, alice_token: str
) -> None:
    created = post(client, alice_token, {"started_at": "2026-03-04T02:30", "severity": 4}).json()
    response = client.put(
        f"{URL}/{created['id']}",
        {"started_at": "2999-03-04T02:30"},
        content_type="application/json",
        headers=_auth(alice_token),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0] == {
        "loc": ["body", "started_at"],
        "msg": IN_THE_FUTURE,
        "type": "value_error",
    }
    assert Episode.objects.get().severity == 4


def test_a_null_muscle_is_a_calf_and_a_relief_listed_twice_is_kept_once_as_in_a_file(
    client: Client, alice_token: str
) -> None:
    response = post(
        client,
        alice_token,
        {"started_at": "2026-03-04T02:30", "muscle": None, "relief": ["walk", "stretch", "walk"]},
    )
    assert response.status_code == 201
    assert (response.json()["muscle"], response.json()["relief"]) == ("calf", ["walk", "stretch"])
