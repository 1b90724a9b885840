"""`nightcramp user password|unlock|delete` and `nightcramp token create --scope|list`."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client
from tests.conftest import PERSONA_PASSWORD
from tests.store.account.test_lockout import _failures
from tests.store.account.test_people import _row_counts, fill_records
from typer.testing import CliRunner

from nightcramp.cli.app import build_app
from nightcramp.store.account.lockout import failed_logins
from nightcramp.store.account.models import ApiToken, TokenScope
from nightcramp.store.account.people import DELETED_KINDS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

runner = CliRunner()
NEW = "three calm words tonight"


def _run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(build_app(), list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_user_password_sets_it_and_logs_the_person_out_everywhere(alice: User) -> None:
    phone = Client(REMOTE_ADDR="203.0.113.5")
    phone.force_login(alice)
    code, out, _ = _run("user", "password", "alice", "--password-stdin", "--json", stdin=NEW + "\n")
    assert code == 0
    assert json.loads(out) == {"name": "alice", "changed": True, "sessions_ended": 1}
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    assert not Session.objects.exists()
    assert phone.get("/api/v1/episodes").status_code == 401


def test_user_password_refuses_a_weak_password_and_changes_nothing(alice: User) -> None:
    code, _, err = _run("user", "password", "alice", "--password-stdin", stdin="password1234\n")
    assert code == 1
    assert "password" in err and "common" in err
    alice.refresh_from_db()
    assert alice.check_password(PERSONA_PASSWORD)


def test_user_password_for_an_unknown_account_exits_1(alice: User) -> None:
    code, _, err = _run("user", "password", "nobody", "--password-stdin", stdin=NEW + "\n")
    assert code == 1
    assert "nobody" in err
    code, _, _ = _run("user", "password", "local", "--password-stdin", stdin=NEW + "\n")
    assert code == 1


def test_user_password_also_lifts_a_lockout(alice: User) -> None:
    _failures("alice", "203.0.113.5", 5)
    code, out, _ = _run("user", "password", "alice", "--password-stdin", stdin=NEW + "\n")
    assert code == 0
    assert "alice" in out
    assert failed_logins("alice") == 0


def test_user_unlock_lifts_the_lock_and_says_so(alice: User) -> None:
    _failures("alice", "203.0.113.5", 5)
    code, out, _ = _run("user", "unlock", "alice", "--json")
    assert (code, json.loads(out)) == (0, {"name": "alice", "unlocked": True})
    assert failed_logins("alice") == 0
    code, out, _ = _run("user", "unlock", "alice")
    assert code == 0
    assert "not locked out" in out


def test_user_unlock_works_for_a_made_up_name_that_was_locked(alice: User) -> None:
    _failures("mallory", "203.0.113.5", 5)
    code, out, _ = _run("user", "unlock", "mallory")
    assert code == 0
    assert "can log in again" in out
    code, _, err = _run("user", "unlock", "mallory")
    assert code == 1
    assert "no account named 'mallory'" in err


def test_token_create_scope_read_makes_a_read_only_token(alice: User) -> None:
    code, out, _ = _run("token", "create", "alice", "--scope", "read", "--json")
    assert code == 0
    assert set(json.loads(out)) == {"token"}
    assert ApiToken.objects.get().scope == TokenScope.READ
    code, _, _ = _run("token", "create", "alice")
    assert code == 0
    assert ApiToken.objects.filter(scope=TokenScope.WRITE).count() == 1


def test_token_create_refuses_an_unknown_scope(alice: User) -> None:
    code, _, err = _run("token", "create", "alice", "--scope", "admin")
    assert code == 2
    assert "read, write" in err
    assert not ApiToken.objects.exists()


def test_token_list_shows_each_scope(alice: User) -> None:
    _run("token", "create", "alice", "--label", "watch", "--scope", "read")
    _run("token", "create", "alice", "--label", "phone")
    code, out, _ = _run("token", "list", "alice", "--json")
    assert code == 0
    listed = json.loads(out)["tokens"]
    assert [(t["label"], t["scope"]) for t in listed] == [("watch", "read"), ("phone", "write")]
    code, out, _ = _run("token", "list", "alice")
    assert code == 0
    assert "read" in out.splitlines()[0] and "write" in out.splitlines()[1]


def _as_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    terminal = types.SimpleNamespace(stdin=types.SimpleNamespace(isatty=lambda: True))
    monkeypatch.setattr("nightcramp.cli.accounts.sys", terminal)


def test_user_delete_yes_json_removes_the_account_and_counts_each_kind(
    alice: User, bob: User
) -> None:
    fill_records(alice, bob)
    code, out, _ = _run("user", "delete", "alice", "--yes", "--json")
    assert code == 0
    document = json.loads(out)
    assert set(document) == {"user", "deleted"}
    assert document["user"] == "alice"
    assert list(document["deleted"]) == list(DELETED_KINDS)
    assert document["deleted"]["account"] == 1
    assert document["deleted"]["nights"] == 2
    assert document["deleted"]["api_tokens"] == 1
    assert not User.objects.filter(username="alice").exists()
    assert User.objects.filter(username="bob").exists()


def test_user_delete_of_a_clinician_keeps_the_persons_access_log(alice: User, bob: User) -> None:
    fill_records(alice, bob)
    code, out, _ = _run("user", "delete", "bob", "--yes")
    assert code == 0
    assert "Account 'bob' deleted." in out
    assert "clinician grants: 1" in out
    code, out, _ = _run("access", "log", "--user", "alice", "--json")
    assert code == 0
    assert "bob" in [entry["who"] for entry in json.loads(out)["access"]]


def test_user_delete_of_an_unknown_account_exits_1_and_changes_nothing(
    alice: User, bob: User
) -> None:
    fill_records(alice, bob)
    before = _row_counts()
    for name in ("carol", "local"):
        code, out, err = _run("user", "delete", name, "--yes", "--json")
        assert (code, out) == (1, "")
        assert f"no account named {name!r}" in err
    assert _row_counts() == before


def test_user_delete_without_yes_and_no_terminal_exits_2_and_changes_nothing(
    alice: User, bob: User
) -> None:
    fill_records(alice, bob)
    before = _row_counts()
    code, out, err = _run("user", "delete", "alice", stdin="alice\n")
    assert (code, out) == (2, "")
    assert "--yes" in err
    assert _row_counts() == before


def test_user_delete_at_a_terminal_needs_the_exact_name(
    alice: User, bob: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_records(alice, bob)
    before = _row_counts()
    _as_terminal(monkeypatch)
    code, out, err = _run("user", "delete", "alice", stdin="Alice\n")
    assert code == 1
    assert "Delete account alice and all its records? This cannot be undone." in out
    assert "nothing was deleted" in err
    assert _row_counts() == before
    code, out, _ = _run("user", "delete", "alice", stdin="alice\n")
    assert code == 0
    assert "Account 'alice' deleted." in out
    assert "nights: 2" in out
    assert not User.objects.filter(username="alice").exists()


def test_user_delete_of_the_last_account_warns_that_local_mode_is_back(
    alice: User, bob: User
) -> None:
    code, out, err = _run("user", "delete", "bob", "--yes", "--json")
    assert code == 0 and "last account" not in err
    code, out, err = _run("user", "delete", "alice", "--yes", "--json")
    assert code == 0
    assert json.loads(out)["user"] == "alice"  # the warning goes to stderr, the JSON stays whole
    assert "that was the last account" in err
    assert "nightcramp user add" in err
