"""CONTRACT.md "Web app and JSON API" and "Accounts": `nightcramp serve` run as a subprocess.

Two servers per module: one in local mode (loopback, no account, a data directory that does
not exist yet) and one on 0.0.0.0 after `user add`. Every wait is bounded.
"""

from __future__ import annotations

import json
import os
import selectors
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("nightcramp")
START_TIMEOUT = 90.0
REQUEST_TIMEOUT = 15.0
PASSWORD = "calf-stretch-at-night-42"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIGHTCRAMP_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["NIGHTCRAMP_HOME"] = str(home)
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _cli(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(home),
        timeout=120,
        check=False,
    )


@dataclass
class Server:
    base: str
    home: Path
    first_line: str
    proc: subprocess.Popen[str]
    tokens: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        body: object | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> tuple[int, object]:
        data = None if body is None else json.dumps(body).encode("utf-8")
        sent = {"Content-Type": "application/json", **(headers or {})}
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=sent)
        try:
            with urllib.request.urlopen(req, timeout=REQUEST_TIMEOUT) as response:
                status, raw = response.status, response.read()
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
            kind = error.headers.get("Content-Type", "")
        if kind.startswith("application/json"):
            return status, json.loads(raw)
        return status, raw.decode("utf-8", "replace")

    def bearer(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[name]}"}


def _read_first_line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    try:
        if not selector.select(timeout=START_TIMEOUT):
            raise AssertionError("serve printed nothing in time")
        return proc.stdout.readline()
    finally:
        selector.close()


def _wait_healthy(base: str, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise AssertionError("the server did not answer /healthz in time")


def _start(home: Path, host: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    port = _free_port()
    proc = subprocess.Popen(
        [str(SCRIPT), "serve", "--host", host, "--port", str(port), "--workers", "1"],
        env=env or _env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = _read_first_line(proc)
        base = f"http://127.0.0.1:{port}"
        _wait_healthy(base, proc)
        yield Server(base=base, home=home, first_line=first, proc=proc)
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate(timeout=20)
    # Bad requests (a wrong Host header, bad JSON) are answered, never logged as crashes.
    assert "Traceback" not in err, err[-3000:]


@pytest.fixture(scope="module")
def local_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Loopback, no account, and a nested data directory that does not exist yet."""
    home = tmp_path_factory.mktemp("serve-local") / "not" / "yet"
    yield from _start(home, "127.0.0.1")


@pytest.fixture(scope="module")
def account_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """0.0.0.0 with two accounts, alice and bob, each with a token."""
    home = tmp_path_factory.mktemp("serve-accounts") / "data"
    refused = _cli(home, "serve", "--host", "0.0.0.0", "--port", str(_free_port()))
    assert refused.returncode == 1, refused.stderr
    assert "nightcramp user add" in refused.stderr and "Traceback" not in refused.stderr
    tokens = {}
    for name in ("alice", "bob"):
        added = _cli(home, "user", "add", name, "--password-stdin", stdin=PASSWORD + "\n")
        assert added.returncode == 0, added.stderr
        created = _cli(home, "token", "create", name, "--json")
        assert created.returncode == 0, created.stderr
        tokens[name] = json.loads(created.stdout)["token"]
    for server in _start(home, "0.0.0.0"):
        server.tokens.update(tokens)
        yield server


# ---- local mode --------------------------------------------------------------------------------


def test_serve_prints_its_url_and_creates_the_data_directory(local_server: Server) -> None:
    assert local_server.base + "/" in local_server.first_line
    assert (local_server.home / "nightcramp.sqlite3").is_file()


def test_healthz_answers_200_status_ok(local_server: Server) -> None:
    assert local_server.request("GET", "/healthz") == (200, {"status": "ok"})


def test_a_host_header_of_another_site_answers_400(local_server: Server) -> None:
    status, _ = local_server.request("GET", "/healthz", headers={"Host": "evil.example"})
    assert status == 400


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/v1/episodes", {"started_at": "2026-01-01T03:00"}),
        ("PUT", "/api/v1/nights/2026-01-01", {"water_glasses": 3}),
        ("DELETE", "/api/v1/nights/2026-01-01", None),
    ],
)
def test_a_write_from_another_origin_is_refused_in_local_mode(
    local_server: Server, method: str, path: str, body: object
) -> None:
    status, document = local_server.request(
        method, path, body, headers={"Origin": "http://evil.example"}
    )
    assert status == 403
    assert isinstance(document, dict) and "detail" in document
    assert local_server.request("GET", "/api/v1/nights")[1]["count"] == 0  # type: ignore[index]


def test_local_mode_serves_pages_and_the_api_without_login(local_server: Server) -> None:
    assert local_server.request("GET", "/")[0] == 200
    status, now_page = local_server.request("GET", "/now")
    assert status == 200 and isinstance(now_page, str) and "data-safety" in now_page
    status, created = local_server.request(
        "POST",
        "/api/v1/episodes",
        {"started_at": "2026-01-05T02:10", "muscle": "foot", "relief": ["stretch"]},
        headers={"Origin": local_server.base},
    )
    assert status == 201
    assert isinstance(created, dict) and created["muscle"] == "foot" and "id" in created
    status, listed = local_server.request("GET", "/api/v1/episodes?since=2026-01-04")
    assert status == 200 and listed["count"] == 1  # type: ignore[index]


def test_bad_api_input_is_4xx_json_never_5xx(local_server: Server) -> None:
    cases: list[tuple[str, str, object]] = [
        ("POST", "/api/v1/episodes", {"started_at": "not a time"}),
        ("POST", "/api/v1/episodes", {"started_at": "2026-01-01T03:00", "severity": 10**40}),
        ("POST", "/api/v1/episodes", [1, 2, 3]),
        ("PUT", "/api/v1/nights/2026-02-30", {}),
        ("PUT", "/api/v1/nights/2026-01-01", {"water_glasses": 10**40}),
        ("GET", "/api/v1/episodes?limit=-1", None),
        ("GET", "/api/v1/episodes/99999999999999999999999", None),
    ]
    for method, path, body in cases:
        status, document = local_server.request(method, path, body)
        assert 400 <= status < 500, (method, path, status, document)
        assert isinstance(document, dict), (method, path, document)


# ---- accounts ----------------------------------------------------------------------------------


def test_with_an_account_the_api_needs_a_token(account_server: Server) -> None:
    status, document = account_server.request("GET", "/api/v1/episodes")
    assert status == 401 and isinstance(document, dict)
    status, document = account_server.request(
        "GET", "/api/v1/episodes", headers={"Authorization": "Bearer nc_wrong"}
    )
    assert status == 401 and isinstance(document, dict)
    status, _ = account_server.request(
        "GET", "/api/v1/episodes", headers=account_server.bearer("alice")
    )
    assert status == 200


def test_another_users_record_answers_404_like_a_missing_one(account_server: Server) -> None:
    status, created = account_server.request(
        "POST",
        "/api/v1/episodes",
        {"started_at": "2026-02-01T03:00", "notes": "bob's"},
        headers=account_server.bearer("bob"),
    )
    assert status == 201 and isinstance(created, dict)
    alice = account_server.bearer("alice")
    missing = account_server.request("GET", "/api/v1/episodes/987654321", headers=alice)
    for method in ("GET", "DELETE"):
        answer = account_server.request(method, f"/api/v1/episodes/{created['id']}", headers=alice)
        assert answer == missing
    assert missing[0] == 404
    listed = account_server.request("GET", "/api/v1/episodes", headers=alice)[1]
    assert isinstance(listed, dict) and listed["count"] == 0
    still = account_server.request(
        "GET", f"/api/v1/episodes/{created['id']}", headers=account_server.bearer("bob")
    )
    assert still[0] == 200


def test_a_revoked_token_answers_401(account_server: Server) -> None:
    fresh = _cli(account_server.home, "token", "create", "alice", "--json")
    token = json.loads(fresh.stdout)["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert account_server.request("GET", "/api/v1/nights", headers=headers)[0] == 200
    assert _cli(account_server.home, "token", "revoke", token).returncode == 0
    status, document = account_server.request("GET", "/api/v1/nights", headers=headers)
    assert status == 401 and isinstance(document, dict)


def test_a_write_from_another_origin_is_refused_even_with_a_token(
    account_server: Server,
) -> None:
    headers = {**account_server.bearer("alice"), "Origin": "https://evil.example"}
    status, _ = account_server.request(
        "PUT", "/api/v1/nights/2026-03-01", {"water_glasses": 2}, headers=headers
    )
    assert status == 403


def test_pages_need_a_login_once_an_account_exists(account_server: Server) -> None:
    req = urllib.request.Request(account_server.base + "/", method="GET")
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(req, timeout=REQUEST_TIMEOUT) as response:
            status, location = response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        status, location = error.code, error.headers.get("Location", "")
    assert status in {302, 303}
    assert "/account/login/" in location


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_servers_leave_no_control_socket_in_the_home_folder(tmp_path: Path) -> None:
    # Two servers on one machine under one user would share the default socket path.
    user_home = tmp_path / "user"
    user_home.mkdir()
    env = {**_env(tmp_path / "data"), "HOME": str(user_home)}
    env.pop("XDG_RUNTIME_DIR", None)
    for server in _start(tmp_path / "data", "127.0.0.1", env):
        assert server.proc.poll() is None
        assert not (user_home / ".gunicorn").exists()
