from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader
from tests.conftest import make_person

from nightcramp.cli.entry import main
from nightcramp.store.sharing.clinicians import is_clinician, mark_clinician
from nightcramp.store.sharing.models import ClinicianGrant, ShareLink

pytestmark = pytest.mark.django_db(transaction=True)


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    capsys.readouterr()
    assert main([*args, "--json"]) == 0
    out = capsys.readouterr().out
    document = json.loads(out)
    assert isinstance(document, dict)
    return document


def test_create_prints_a_working_link_using_the_base_url(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fast_passwords: None
) -> None:
    make_person("alice")
    monkeypatch.setenv("NIGHTCRAMP_BASE_URL", "https://cramps.example.org")
    made = _json(capsys, "share", "create", "--days", "3", "--user", "alice")
    url = str(made["url"])
    assert url.startswith("https://cramps.example.org/s/")
    assert made["days"] == 3
    assert url.endswith(f"/s/{made['token']}/")
    path = url.removeprefix("https://cramps.example.org")
    assert Client().get(path).status_code == 200
    link = ShareLink.objects.get()
    assert link.expires_at - link.created_at == dt.timedelta(days=3)
    assert path.split("/")[2] not in link.token_hash


def test_without_a_base_url_the_link_is_on_this_computer_and_says_so(
    capsys: pytest.CaptureFixture[str], fast_passwords: None
) -> None:
    make_person("alice")
    capsys.readouterr()
    assert main(["share", "create"]) == 0
    captured = capsys.readouterr()
    assert re.fullmatch(r"http://127\.0\.0\.1:8000/s/[\w-]+/\n", captured.out)
    err = " ".join(captured.err.split())
    assert "NIGHTCRAMP_BASE_URL is not set" in err
    assert "(http://127.0.0.1:8000) is a guess" in err
    assert "only works on this computer" in err
    assert "export NIGHTCRAMP_BASE_URL=https://" in err  # how to set it
    assert "Sharing from home" in err


def test_without_a_base_url_json_stays_one_document_and_the_guess_goes_to_stderr(
    capsys: pytest.CaptureFixture[str], fast_passwords: None
) -> None:
    make_person("alice")
    capsys.readouterr()
    assert main(["share", "create", "--json"]) == 0
    captured = capsys.readouterr()
    assert str(json.loads(captured.out)["url"]).startswith("http://127.0.0.1:8000/s/")
    assert "is a guess" in captured.err and "NIGHTCRAMP_BASE_URL" in captured.err


@pytest.mark.parametrize(
    "base", ["http://localhost:8765", "http://127.0.0.1:8765", "http://[::1]:8765/nc"]
)
def test_a_base_url_on_this_computer_is_not_a_guess_but_is_still_warned_about(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fast_passwords: None,
    base: str,
) -> None:
    make_person("alice")
    monkeypatch.setenv("NIGHTCRAMP_BASE_URL", base)
    capsys.readouterr()
    assert main(["share", "create"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(base + "/s/")
    err = " ".join(captured.err.split())
    assert f"This link starts with {base}, which only works on this computer." in err
    assert "guess" not in err and "NIGHTCRAMP_BASE_URL" in err


def test_a_reachable_base_url_needs_no_warning(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fast_passwords: None
) -> None:
    make_person("alice")
    monkeypatch.setenv("NIGHTCRAMP_BASE_URL", "https://cramps.example.org")
    capsys.readouterr()
    assert main(["share", "create"]) == 0
    err = capsys.readouterr().err
    assert "this computer" not in err and "NIGHTCRAMP_BASE_URL" not in err


def test_list_revoke_and_log(capsys: pytest.CaptureFixture[str], fast_passwords: None) -> None:
    make_person("alice")
    made = _json(capsys, "share", "create")
    link_id = int(str(made["id"]))
    path = "/s/" + str(made["url"]).split("/s/")[1]
    Client().get(path, REMOTE_ADDR="203.0.113.5")
    listed = _json(capsys, "share", "list")
    assert listed["links"] == [
        {
            "id": link_id,
            "label": "",
            "created_at": listed["links"][0]["created_at"],  # type: ignore[index]
            "expires_at": made["expires_at"],
            "revoked_at": None,
            "state": "live",
            "views": 1,
        }
    ]
    log = _json(capsys, "share", "log", str(link_id))
    assert [(e["address"], e["page"]) for e in log["access"]] == [("203.0.113.5", "summary")]  # type: ignore[attr-defined]
    assert _json(capsys, "share", "revoke", str(link_id))["revoked"] is True
    assert Client().get(path).status_code == 404
    assert _json(capsys, "share", "list")["links"][0]["state"] == "revoked"  # type: ignore[index]


def test_another_persons_link_cannot_be_revoked_or_read(
    capsys: pytest.CaptureFixture[str], fast_passwords: None
) -> None:
    make_person("alice")
    make_person("bob")
    made = _json(capsys, "share", "create", "--user", "alice")
    link_id = str(made["id"])
    assert main(["share", "revoke", link_id, "--user", "bob"]) == 1
    assert main(["share", "log", link_id, "--user", "bob"]) == 1
    assert ShareLink.objects.get().revoked_at is None


@pytest.mark.parametrize("days", ["0", "366"])
def test_a_bad_number_of_days_is_a_usage_error(days: str, fast_passwords: None) -> None:
    make_person("alice")
    assert main(["share", "create", "--days", days]) == 2
    assert not ShareLink.objects.exists()


def test_several_accounts_need_user(fast_passwords: None) -> None:
    make_person("alice")
    make_person("bob")
    assert main(["share", "create"]) == 2


def test_create_with_pdf_writes_the_report_with_the_link(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fast_passwords: None
) -> None:
    make_person("alice")
    out = tmp_path / "report.pdf"
    made = _json(capsys, "share", "create", "--pdf", str(out))
    text = " ".join(p.extract_text() for p in PdfReader(out).pages).replace("\n", "")
    assert "Live summary" in text
    assert str(made["url"]).split("/s/")[1][:12] in text


def test_clinician_grant_list_log_and_revoke(
    capsys: pytest.CaptureFixture[str], fast_passwords: None
) -> None:
    alice = make_person("alice")
    doctor = make_person("dr_lee")
    assert main(["clinician", "mark", "dr_lee"]) == 0
    assert is_clinician(doctor)
    assert _json(capsys, "clinician", "list") == {"clinicians": ["dr_lee"]}
    until = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    grant = _json(capsys, "access", "grant", "dr_lee", "--until", until, "--user", "alice")
    assert (grant["clinician"], grant["until"], grant["state"]) == ("dr_lee", until, "live")
    client = Client()
    client.force_login(doctor)
    assert client.get(f"/clinician/{alice.pk}/").status_code == 200
    log = _json(capsys, "access", "log", "--user", "alice")
    assert [e["who"] for e in log["access"]] == ["dr_lee"]  # type: ignore[attr-defined]
    listed = _json(capsys, "access", "list", "--user", "alice")
    assert [g["id"] for g in listed["grants"]] == [grant["id"]]  # type: ignore[attr-defined]
    revoked = _json(capsys, "access", "revoke", str(grant["id"]), "--user", "alice")
    assert revoked["state"] == "revoked"
    assert client.get(f"/clinician/{alice.pk}/").status_code == 404


def test_grant_refusals(fast_passwords: None) -> None:
    make_person("alice")
    mark_clinician(make_person("dr_lee"))
    assert main(["access", "grant", "dr_lee", "--until", "soon", "--user", "alice"]) == 2
    assert main(["access", "grant", "dr_lee", "--until", "2027-01-01", "--from", "x"]) == 2
    assert main(["access", "grant", "nobody", "--until", "2099-01-01", "--user", "alice"]) == 1
    assert main(["access", "grant", "dr_lee", "--until", "2001-01-01", "--user", "alice"]) == 1
    assert main(["access", "revoke", "99", "--user", "alice"]) == 1
    assert main(["clinician", "mark", "nobody"]) == 1
    assert not ClinicianGrant.objects.exists()


def test_user_add_clinician_makes_a_clinician_account(fast_passwords: None) -> None:
    from typer.testing import CliRunner

    from nightcramp.cli.app import build_app

    make_person("alice")
    args = ["user", "add", "dr_kim", "--clinician", "--password-stdin"]
    result = CliRunner().invoke(build_app(), args, input="a-long-clinic-password-7\n")
    assert result.exit_code == 0, result.output
    from django.contrib.auth.models import User

    assert is_clinician(User.objects.get(username="dr_kim"))
    plain = CliRunner().invoke(
        build_app(), ["user", "add", "carol", "--password-stdin"], input="another-long-pass-8\n"
    )
    assert plain.exit_code == 0
    assert not is_clinician(User.objects.get(username="carol"))


def test_with_several_accounts_the_stop_hints_name_the_account(
    capsys: pytest.CaptureFixture[str], fast_passwords: None
) -> None:
    make_person("alice")
    make_person("bob")
    make_person("dr_lee")
    assert main(["clinician", "mark", "dr_lee"]) == 0
    capsys.readouterr()
    assert main(["share", "create", "--user", "alice"]) == 0
    hint = capsys.readouterr().err
    link_id = re.search(r"share revoke (\d+) --user alice", hint)
    assert link_id is not None, hint
    until = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    assert main(["access", "grant", "dr_lee", "--until", until, "--user", "alice"]) == 0
    grant_hint = capsys.readouterr().out
    grant_id = re.search(r"access revoke (\d+) --user alice", grant_hint)
    assert grant_id is not None, grant_hint
    # The hints work as printed.
    assert main(["share", "revoke", link_id.group(1), "--user", "alice"]) == 0
    assert main(["access", "revoke", grant_id.group(1), "--user", "alice"]) == 0
