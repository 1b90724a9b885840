"""Runs the WSGI app under gunicorn (threads; keep-alive friendly)."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

__all__ = ["run_server"]


class _Server(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    def __init__(self, options: dict[str, Any]) -> None:
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            if key in self.cfg.settings:  # a setting this gunicorn does not know is left out
                self.cfg.set(key, value)

    def load(self) -> Any:
        from nightcramp.web.wsgi import application

        return application


def run_server(*, host: str, port: int, workers: int) -> None:
    """Serve until interrupted."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    _Server(
        {
            "bind": bind,
            "workers": workers,
            "worker_class": "gthread",
            "threads": 4,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "graceful_timeout": 5,
            "timeout": 120,
            # Idle keep-alive connections stay open longer than a proxy keeps its own (Caddy:
            # 2 minutes), so a proxy never sends a request down a connection this end is
            # closing: that race answers 502 to a POST, which a proxy may not retry.
            "keepalive": 130,
            # No control socket: every server on a machine would share its one default path
            # ($XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn), and nothing here uses it.
            "control_socket_disable": True,
        }
    ).run()
