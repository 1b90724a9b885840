"""The gunicorn runner: where it binds, how many workers and threads, and what it serves."""

from __future__ import annotations

from typing import Any

import pytest

from nightcramp.web import server


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Record each server `run_server` would start, instead of serving."""
    found: list[Any] = []
    monkeypatch.setattr(server._Server, "run", lambda self: found.append(self))
    return found


@pytest.mark.parametrize(
    ("host", "bind"),
    [("127.0.0.1", "127.0.0.1:8000"), ("::1", "[::1]:8000"), ("localhost", "localhost:8000")],
)
def test_the_server_binds_the_host_and_port_with_ipv6_in_brackets(
    started: list[Any], host: str, bind: str
) -> None:
    server.run_server(host=host, port=8000, workers=1)
    (app,) = started
    assert app.cfg.bind == [bind]


def test_the_server_runs_threaded_workers_that_outlive_a_proxys_keep_alive(
    started: list[Any],
) -> None:
    server.run_server(host="0.0.0.0", port=9000, workers=3)
    cfg = started[0].cfg
    assert (cfg.workers, cfg.worker_class_str, cfg.threads) == (3, "gthread", 4)
    assert cfg.keepalive > 120  # Caddy keeps idle connections for 2 minutes


def test_the_server_serves_the_wsgi_application(started: list[Any]) -> None:
    from nightcramp.web.wsgi import application

    server.run_server(host="127.0.0.1", port=8000, workers=1)
    assert started[0].load() is application
