"""Two app servers on one PostgreSQL database behind Caddy (docs/clinic.md), as real processes.

A log-in made on one server is honoured by the other (sessions live in the database); writes go
through both; one server killed with SIGKILL mid-load loses no acknowledged write, and a retry
with the same Idempotency-Key never stores a second copy.

`Fleet` also serves bench/load_api.py.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.server

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"
PASSWORD = "calf-stretch-at-night-42"
NAME = "nurse"
START_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def postgres_server() -> str | None:
    """The PostgreSQL server URL for tests, or None when none answers."""
    url = os.environ.get("NIGHTCRAMP_TEST_POSTGRES_URL") or PG_DEFAULT
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3):
            return url
    except Exception:
        return None


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _healthy(port: int) -> bool:
    with Client(port, timeout=2) as client:
        return client.request("GET", "/healthz")[0] == 200


class Client:
    """Plain HTTP/1.1 with keep-alive to 127.0.0.1:`port`, and a cookie jar of its own."""

    def __init__(self, port: int, timeout: float = 30) -> None:
        self.port, self.timeout = port, timeout
        self.cookies: dict[str, str] = {}
        self._conn: http.client.HTTPConnection | None = None

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(
        self,
        method: str,
        path: str,
        body: object = None,
        headers: Mapping[str, str] | None = None,
        form: Mapping[str, str] | None = None,
    ) -> tuple[int, bytes, http.client.HTTPResponse]:
        """One request; a broken connection raises OSError (http.client errors included)."""
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        data: bytes | None = None
        if body is not None:
            data, sent["Content-Type"] = json.dumps(body).encode(), "application/json"
        if form is not None:
            from urllib.parse import urlencode

            data = urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self._conn is None:
            self._conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            self._conn.request(method, path, body=data, headers=sent)
            answer = self._conn.getresponse()
            raw = answer.read()
        except (OSError, http.client.HTTPException) as error:
            self.close()
            raise OSError(f"{method} {path}: {error!r}") from error
        for value in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if answer.getheader("Connection", "").lower() == "close":
            self.close()
        return answer.status, raw, answer

    def log_in(self, name: str, password: str) -> None:
        status, page, _ = self.request("GET", "/account/login/")
        assert status == 200, status
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert found is not None, "the log-in form has no CSRF token"
        form = {"csrfmiddlewaretoken": found.group(1).decode(), "username": name}
        status, _, answer = self.request(
            "POST", "/account/login/", form=form | {"password": password}
        )
        assert status == 302, status
        assert "/account/login/" not in (answer.getheader("Location") or "")


class Fleet:
    """Two `nightcramp serve` processes (own data directories, one secret key, one PostgreSQL
    database) behind Caddy load-balancing round robin, all on 127.0.0.1."""

    def __init__(self, root: Path, database_url: str, workers: int = 2) -> None:
        self.root, self.database_url, self.workers = root, database_url, workers
        self.homes = [root / "server-a", root / "server-b"]
        self.ports = [free_port(), free_port()]
        self.proxy_port = free_port()
        self.servers: list[subprocess.Popen[bytes] | None] = [None, None]
        self.caddy: subprocess.Popen[bytes] | None = None
        self.token = ""

    def env(self, home: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NIGHTCRAMP_")}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        env |= {
            "NIGHTCRAMP_HOME": str(home),
            "NIGHTCRAMP_DATABASE_URL": self.database_url,
            "NIGHTCRAMP_TIME_ZONE": "Europe/London",
        }
        return env

    def cli(self, *args: str, stdin: str = "") -> str:
        done = subprocess.run(
            [sys.executable, "-m", "nightcramp", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env(self.homes[0]),
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def start(self) -> None:
        # The first command migrates and writes server A's secret key; server B gets a copy,
        # as docs/clinic.md tells a clinic to do.
        self.cli("user", "add", NAME, "--password-stdin", stdin=PASSWORD + "\n")
        self.token = json.loads(self.cli("token", "create", NAME, "--json"))["token"]
        self.homes[1].mkdir(parents=True)
        shutil.copy2(self.homes[0] / "secret_key", self.homes[1] / "secret_key")
        for which in (0, 1):
            self._spawn(which)
        for which in (0, 1):
            self._wait_healthy(which)
        self.start_caddy()

    def start_server(self, which: int) -> None:
        self._spawn(which)
        self._wait_healthy(which)

    def _wait_healthy(self, which: int) -> None:
        process = self.servers[which]
        assert process is not None
        self._wait(lambda: _healthy(self.ports[which]), process, f"server {which}")

    def _spawn(self, which: int) -> None:
        log = (self.root / f"server-{which}.log").open("ab")
        self.servers[which] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "nightcramp",
                "serve",
                "--port",
                str(self.ports[which]),
                "--workers",
                str(self.workers),
            ],
            env=self.env(self.homes[which]),
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )
        log.close()

    def start_caddy(self) -> None:
        caddy = shutil.which("caddy")
        assert caddy is not None
        folder = self.root / "caddy"
        folder.mkdir()
        upstreams = " ".join(f"127.0.0.1:{port}" for port in self.ports)
        (folder / "Caddyfile").write_text(
            "{\n admin off\n auto_https off\n"
            f" http_port {self.proxy_port}\n https_port {free_port()}\n"
            f" storage file_system {folder / 'data'}\n}}\n"
            f"http://127.0.0.1:{self.proxy_port} {{\n bind 127.0.0.1\n"
            f" reverse_proxy {upstreams} {{\n  lb_policy round_robin\n"
            "  lb_try_duration 5s\n  lb_try_interval 100ms\n  fail_duration 30s\n }\n}\n",
            encoding="utf-8",
        )
        log = (self.root / "caddy.log").open("ab")
        self.caddy = subprocess.Popen(
            [caddy, "run", "--config", str(folder / "Caddyfile"), "--adapter", "caddyfile"],
            stdout=log,
            stderr=log,
            start_new_session=True,
            env={**os.environ, "HOME": str(folder), "XDG_DATA_HOME": str(folder / "data")},
        )
        log.close()
        self._wait(lambda: _listening(self.proxy_port), self.caddy, "caddy")

    def _wait(self, ready: Any, process: subprocess.Popen[bytes], what: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError(f"{what} exited early (logs in {self.root})")
            try:
                if ready():
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"{what} did not start in {START_TIMEOUT:.0f} s")

    def kill_9(self, which: int) -> None:
        process = self.servers[which]
        assert process is not None
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def stop(self) -> None:
        running = [p for p in (*self.servers, self.caddy) if p is not None and p.poll() is None]
        for process in running:
            os.killpg(process.pid, signal.SIGTERM)
        for process in running:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=15)

    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture(scope="module")
def fresh_database() -> Iterator[str]:
    """A throw-away PostgreSQL database, dropped afterwards."""
    base = postgres_server()
    if base is None:
        pytest.skip("PostgreSQL is not reachable (set NIGHTCRAMP_TEST_POSTGRES_URL)")
    if shutil.which("caddy") is None:
        pytest.skip("caddy is not installed (apt-get install caddy): load-balancing is untested")
    import psycopg

    name = f"nightcramp_scale_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def fleet(fresh_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fleet]:
    running = Fleet(tmp_path_factory.mktemp("fleet"), fresh_database)
    try:
        running.start()
        yield running
    finally:
        running.stop()


def _episode(number: int) -> dict[str, object]:
    at = dt.datetime(2025, 1, 1, 22, 0) + dt.timedelta(minutes=7 * number)
    return {"started_at": at.isoformat(timespec="minutes"), "muscle": "calf", "severity": 4}


def _stored_ids(client: Client, headers: Mapping[str, str]) -> list[int]:
    ids: list[int] = []
    path: str | None = "/api/v1/episodes?limit=1000"
    while path:
        status, raw, _ = client.request("GET", path, headers=headers)
        assert status == 200, raw[:200]
        page = json.loads(raw)
        ids += [item["id"] for item in page["items"]]
        path = page["next"] and "/api/v1/" + page["next"].split("/api/v1/", 1)[1]
    return ids


def test_a_log_in_on_one_server_is_honoured_by_the_other(fleet: Fleet) -> None:
    with (
        Client(fleet.ports[0]) as on_a,
        Client(fleet.ports[1]) as on_b,
        Client(fleet.proxy_port) as proxied,
    ):
        on_a.log_in(NAME, PASSWORD)
        assert on_a.request("GET", "/report/")[0] == 200
        assert on_b.request("GET", "/report/")[0] == 302, "no cookie: server B asks for a log-in"
        on_b.cookies = dict(on_a.cookies)
        status, page, _ = on_b.request("GET", "/account/")
        assert status == 200
        assert NAME.encode() in page
        # Through the proxy, every request (whichever server answers it) is logged in.
        proxied.cookies = dict(on_a.cookies)
        assert {proxied.request("GET", "/report/")[0] for _ in range(6)} == {200}


def _write_until_acknowledged(client: Client, number: int, headers: Mapping[str, str]) -> int:
    """POST one cramp, retrying with the same Idempotency-Key until it is answered 201 (as the
    phone's outbox does); return its id."""
    key = {**headers, "Idempotency-Key": f"scale-out-{number}"}
    # A liveness bound, not a speed figure: once in a CI run a write in flight when its server
    # was killed went unanswered for 30 s (two client timeouts of 15 s through Caddy).
    deadline = time.monotonic() + 90
    while True:
        try:
            status, raw, _ = client.request("POST", "/api/v1/episodes", _episode(number), key)
        except OSError:
            status, raw = 0, b""
        if status == 201:
            return int(json.loads(raw)["id"])
        assert status in {0, 502, 503, 504}, (status, raw[:200])
        assert time.monotonic() < deadline, f"cramp {number} was never acknowledged"
        time.sleep(0.1)


def test_killing_a_server_mid_load_loses_no_acknowledged_write(fleet: Fleet) -> None:
    headers = fleet.bearer()
    # A write straight to each server first: both write to the same diary.
    for which, port in enumerate(fleet.ports):
        with Client(port) as client:
            status, raw, _ = client.request("POST", "/api/v1/episodes", _episode(which), headers)
        assert status == 201, raw[:200]
    acknowledged: dict[int, int] = {}
    lock, killed = threading.Lock(), threading.Event()
    writers, each = 6, 25

    def write(writer: int) -> None:
        with Client(fleet.proxy_port, timeout=15) as client:
            for i in range(each):
                number = 2 + writer * each + i
                new_id = _write_until_acknowledged(client, number, headers)
                with lock:
                    acknowledged[number] = new_id
                    if len(acknowledged) == 40 and not killed.is_set():
                        killed.set()
                        fleet.kill_9(0)

    with ThreadPoolExecutor(max_workers=writers) as pool:
        list(pool.map(write, range(writers)))
    assert killed.is_set()

    with Client(fleet.proxy_port) as survivor:
        stored = _stored_ids(survivor, headers)
        assert len(stored) == len(set(stored)) == writers * each + 2
        assert set(acknowledged.values()) <= set(stored)
        # An acknowledged write sent again answers the first result and stores nothing new.
        for number in list(acknowledged)[:10]:
            assert _write_until_acknowledged(survivor, number, headers) == acknowledged[number]
        assert len(_stored_ids(survivor, headers)) == writers * each + 2
    # The killed server comes back and sees the same diary.
    fleet.start_server(0)
    with Client(fleet.ports[0]) as back:
        assert sorted(_stored_ids(back, headers)) == sorted(stored)
