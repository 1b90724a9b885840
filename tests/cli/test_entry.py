"""The console script's last line of defence: no traceback for anything a command missed."""

from __future__ import annotations

import pytest

from nightcramp.cli import entry


def _explode(args: list[str]) -> int:
    raise RecursionError("maximum recursion depth exceeded while decoding a JSON array")


def test_an_unforeseen_error_is_one_plain_message_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("NIGHTCRAMP_DEBUG", raising=False)
    monkeypatch.setattr(entry, "_dispatch", _explode)
    assert entry.main(["plan"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "RecursionError" in captured.err and "NIGHTCRAMP_DEBUG" in captured.err
    assert "Traceback" not in captured.err


def test_debug_mode_shows_the_real_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIGHTCRAMP_DEBUG", "1")
    monkeypatch.setattr(entry, "_dispatch", _explode)
    with pytest.raises(RecursionError):
        entry.main(["plan"])


def test_ctrl_c_exits_130_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(args: list[str]) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(entry, "_dispatch", interrupted)
    assert entry.main(["log"]) == 130
    assert "Traceback" not in capsys.readouterr().err
