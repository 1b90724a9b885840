from __future__ import annotations

from pathlib import Path

import pytest

from nightcramp.config import ConfigError, load_config, secret_key


def test_home_comes_from_nightcramp_home(tmp_path: Path) -> None:
    config = load_config({"NIGHTCRAMP_HOME": str(tmp_path)})
    assert config.home == tmp_path
    assert config.sqlite_path == tmp_path / "nightcramp.sqlite3"
    assert config.database_url is None


def test_a_database_url_with_an_unknown_scheme_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="NIGHTCRAMP_DATABASE_URL"):
        load_config({"NIGHTCRAMP_HOME": str(tmp_path), "NIGHTCRAMP_DATABASE_URL": "mysql://x"})


def test_a_bad_boolean_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="NIGHTCRAMP_DEBUG"):
        load_config({"NIGHTCRAMP_HOME": str(tmp_path), "NIGHTCRAMP_DEBUG": "maybe"})


def test_secret_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    config = load_config({"NIGHTCRAMP_HOME": str(tmp_path / "home")})
    first = secret_key(config)
    assert len(first) >= 50
    assert secret_key(config) == first
    mode = (tmp_path / "home" / "secret_key").stat().st_mode & 0o777
    assert mode == 0o600
