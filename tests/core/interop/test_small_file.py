"""Small input files are read only when they are regular files of a sensible size."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nightcramp.core.interop.small_file import read_small_bytes, read_small_text


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text('{"chest_pain": false}', encoding="utf-8")
    assert read_small_text(path) == '{"chest_pain": false}'


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "answers.json"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match="a pipe or a device, not a file"):
        read_small_bytes(pipe)


def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="a pipe or a device"):
        read_small_bytes(Path("/dev/zero"))
    with pytest.raises(OSError, match="a folder, not a file"):
        read_small_bytes(tmp_path)


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 2_000_001)
    with pytest.raises(OSError, match="larger than 2 MB"):
        read_small_bytes(path, limit=2_000_000)
    assert len(read_small_bytes(path, limit=3_000_000)) == 2_000_001


def test_a_missing_file_is_a_file_not_found_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_small_bytes(tmp_path / "nothing.json")
