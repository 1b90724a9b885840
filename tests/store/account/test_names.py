"""The local user's name is one constant, shared by local mode and the backup checks."""

from __future__ import annotations

from nightcramp.store.account import local, names


def test_local_mode_uses_the_one_local_username() -> None:
    assert local.LOCAL_USERNAME is names.LOCAL_USERNAME == "local"
