"""CONTRACT.md "Accounts": user add, token create, Bearer tokens, login page, local mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.conftest import PERSONA_PASSWORD
from typer.testing import CliRunner

from nightcramp.cli.app import build_app
from nightcramp.store.account.models import ApiToken

pytestmark = pytest.mark.django_db


runner = CliRunner()


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.usefixtures("fast_passwords")
def test_user_add_reads_the_password_from_stdin_and_creates_the_account() -> None:
    result = runner.invoke(
        build_app(), ["user", "add", "carol", "--password-stdin"], input="night-calf-2026\n"
    )
    assert result.exit_code == 0, result.output
    user = User.objects.get(username="carol")
    assert user.check_password("night-calf-2026")


@pytest.mark.usefixtures("fast_passwords")
def test_user_add_refuses_a_short_password_and_creates_nothing() -> None:
    result = runner.invoke(build_app(), ["user", "add", "dan", "--password-stdin"], input="x\n")
    assert result.exit_code == 1
    assert "password" in result.output
    assert "Traceback" not in result.output
    assert not User.objects.filter(username="dan").exists()


def test_user_add_refuses_a_name_already_taken(alice: User) -> None:
    result = runner.invoke(
        build_app(), ["user", "add", "alice", "--password-stdin"], input="another-pass-99\n"
    )
    assert result.exit_code == 1
    assert "already exists" in result.output


def test_token_create_json_prints_one_token_stored_only_hashed(client: Client, alice: User) -> None:
    result = runner.invoke(build_app(), ["token", "create", "alice", "--json"])
    assert result.exit_code == 0, result.output
    token = json.loads(result.stdout)["token"]
    assert set(json.loads(result.stdout)) == {"token"}
    stored = ApiToken.objects.get(user=alice)
    assert token not in {stored.token_hash, stored.hint, stored.label}
    assert len(stored.token_hash) == 64
    response = client.get("/api/v1/episodes", headers=_auth(token))
    assert response.status_code == 200


def test_token_create_for_an_unknown_account_exits_1(db: None) -> None:
    result = runner.invoke(build_app(), ["token", "create", "nobody"])
    assert result.exit_code == 1
    assert "nobody" in result.output


@pytest.mark.parametrize(
    "header",
    [None, "Bearer nc_wrong", "Bearer ", "Basic YWxpY2U6cHc=", "nc_no_scheme"],
)
def test_missing_or_wrong_token_answers_401_json(
    client: Client, alice: User, header: str | None
) -> None:
    headers = {} if header is None else {"Authorization": header}
    response = client.get("/api/v1/episodes", headers=headers)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_wrong_token_is_refused_also_in_local_mode(client: Client) -> None:
    response = client.get("/api/v1/episodes", headers=_auth("nc_not_a_token"))
    assert response.status_code == 401


def test_revoked_token_answers_401(client: Client, alice: User, alice_token: str) -> None:
    assert client.get("/api/v1/episodes", headers=_auth(alice_token)).status_code == 200
    result = runner.invoke(build_app(), ["token", "revoke", alice_token, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"revoked": 1}
    response = client.get("/api/v1/episodes", headers=_auth(alice_token))
    assert response.status_code == 401
    assert "detail" in response.json()


def test_revoke_by_the_hint_shown_at_the_start_of_the_token(
    client: Client, alice_token: str
) -> None:
    hint = alice_token[:11]  # 'nc_' and 8 more, as `token list` shows it
    result = runner.invoke(build_app(), ["token", "revoke", hint])
    assert result.exit_code == 0
    assert client.get("/api/v1/episodes", headers=_auth(alice_token)).status_code == 401


def test_the_web_app_has_a_login_page_that_logs_in(client: Client, alice: User) -> None:
    page = client.get("/account/login/")
    assert page.status_code == 200
    assert b'name="password"' in page.content
    assert b"csrfmiddlewaretoken" in page.content
    response = client.post("/account/login/", {"username": "alice", "password": PERSONA_PASSWORD})
    assert response.status_code == 302
    assert client.get("/api/v1/episodes").status_code == 200


def test_serving_on_a_public_address_without_an_account_exits_1(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NIGHTCRAMP_DATABASE_URL"}
    env["NIGHTCRAMP_HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "nightcramp", "serve", "--host", "0.0.0.0", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "nightcramp user add" in result.stderr
    assert "Traceback" not in result.stderr


def test_token_list_shows_hints_never_the_tokens(alice: User, alice_token: str) -> None:
    result = runner.invoke(build_app(), ["token", "list", "alice", "--json"])
    assert result.exit_code == 0, result.output
    assert alice_token not in result.stdout
    (listed,) = json.loads(result.stdout)["tokens"]
    assert alice_token.startswith(listed["hint"])
    assert listed["revoked"] is False


@pytest.mark.usefixtures("fast_passwords")
def test_the_first_account_says_it_keeps_the_local_diary(client: Client) -> None:
    client.put("/api/v1/nights/2026-01-01", {"water_glasses": 2}, content_type="application/json")
    result = runner.invoke(
        build_app(), ["user", "add", "ivy", "--password-stdin", "--json"], input="slow-calf-88\n"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["kept_local_diary"] is True
    token = runner.invoke(build_app(), ["token", "create", "ivy", "--json"]).stdout
    response = client.get("/api/v1/nights", headers=_auth(json.loads(token)["token"]))
    assert response.json()["count"] == 1
