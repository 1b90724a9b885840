"""Durability against real `nightcramp serve` processes, on SQLite and on PostgreSQL.

Every acknowledged write survives a kill -9 of the server; concurrent writers never see an
error ("database is locked" or any other).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.server

_PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pg_base_url() -> str | None:
    url = os.environ.get("NIGHTCRAMP_TEST_POSTGRES_URL") or _PG_DEFAULT
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3):
            return url
    except Exception:
        return None


@pytest.fixture(params=["sqlite", "postgresql"])
def database_env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """Environment for a server on a fresh database: SQLite in a temp home, or a throw-away
    PostgreSQL database that is dropped afterwards."""
    env = {k: v for k, v in os.environ.items() if k != "NIGHTCRAMP_DATABASE_URL"}
    env["NIGHTCRAMP_HOME"] = str(tmp_path / "home")
    env["NIGHTCRAMP_TIME_ZONE"] = "Europe/London"
    if request.param == "sqlite":
        yield env
        return
    base = _pg_base_url()
    if base is None:
        pytest.skip("PostgreSQL is not reachable (set NIGHTCRAMP_TEST_POSTGRES_URL)")
    import psycopg

    name = f"nightcramp_durability_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env["NIGHTCRAMP_DATABASE_URL"] = base.rsplit("/", 1)[0] + "/" + name
    try:
        yield env
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    """A `nightcramp serve` process group on a free loopback port."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.log = Path(env["NIGHTCRAMP_HOME"]).with_name("server.log")

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "nightcramp", "serve", "--port", str(self.port)],
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log_text = self.log.read_text(errors="replace")
                raise AssertionError(f"server exited early: {log_text}")
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("server did not answer /healthz within 60 s")

    def kill_9(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.base}{path}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                raw = answer.read()
                return answer.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            raw = error.read()
            return error.code, json.loads(raw) if raw else None


@pytest.fixture
def server(database_env: dict[str, str]) -> Iterator[Server]:
    running = Server(database_env)
    running.start()
    try:
        yield running
    finally:
        running.stop()


def _all_episodes(server: Server) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    path: str | None = "/api/v1/episodes?limit=1000"
    while path:
        status, page = server.call("GET", path)
        assert status == 200
        items.extend(page["items"])
        path = page["next"] and page["next"].removeprefix(server.base)
    return items


def test_acknowledged_writes_survive_kill_9_of_the_server(server: Server) -> None:
    acknowledged: list[int] = []
    for i in range(40):
        status, body = server.call(
            "POST",
            "/api/v1/episodes",
            {"started_at": f"2026-01-{1 + i % 28:02d}T0{i // 28}:{i % 60:02d}", "severity": 5},
        )
        assert status == 201, body
        acknowledged.append(body["id"])
    status, _ = server.call("PUT", "/api/v1/nights/2026-01-05", {"water_glasses": 3})
    assert status == 200
    server.kill_9()

    server.start()
    stored = {e["id"] for e in _all_episodes(server)}
    assert stored == set(acknowledged)
    status, night = server.call("GET", "/api/v1/nights/2026-01-05")
    assert (status, night["water_glasses"]) == (200, 3)


def test_concurrent_writers_all_succeed_with_no_error(server: Server) -> None:
    writers, each = 8, 15

    def write(writer: int) -> list[int]:
        statuses = []
        for i in range(each):
            minute = writer * each + i
            status, _ = server.call(
                "POST",
                "/api/v1/episodes",
                {"started_at": f"2026-02-01T{minute // 60 + 1:02d}:{minute % 60:02d}"},
            )
            statuses.append(status)
            status, _ = server.call(
                "PUT", f"/api/v1/nights/2026-03-{writer + 1:02d}", {"water_glasses": i}
            )
            statuses.append(status)
        return statuses

    with ThreadPoolExecutor(max_workers=writers) as pool:
        results = [s for batch in pool.map(write, range(writers)) for s in batch]
    assert sorted(set(results)) == [200, 201]
    assert len(_all_episodes(server)) == writers * each
    status, nights = server.call("GET", "/api/v1/nights")
    assert status == 200
    assert nights["count"] == writers
    assert {n["water_glasses"] for n in nights["items"]} == {each - 1}


def _post_with_key(server: Server, key: str, body: dict[str, Any]) -> tuple[int, Any]:
    request = urllib.request.Request(
        f"{server.base}/api/v1/episodes",
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "Idempotency-Key": key},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_simultaneous_retries_with_one_idempotency_key_store_one_episode(server: Server) -> None:
    body = {"started_at": "2026-04-01T03:15:00", "severity": 6, "side": "right"}
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: _post_with_key(server, "retry-1", body), range(8)))
    assert {status for status, _ in answers} == {201}
    assert len({json.dumps(answer, sort_keys=True) for _, answer in answers}) == 1
    assert len(_all_episodes(server)) == 1
