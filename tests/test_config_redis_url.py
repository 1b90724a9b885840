"""NIGHTCRAMP_REDIS_URL: the shared cache of several app servers, checked at start-up."""

from __future__ import annotations

import pytest

from nightcramp.config import ConfigError, load_config


@pytest.mark.parametrize(
    "raw",
    [
        "redis://127.0.0.1:6379/0",
        "redis://:s3cret@cache.clinic.internal:6379/1",
        "rediss://cache.clinic.internal:6380/0",
        "unix:///run/redis/redis.sock",
    ],
)
def test_a_redis_url_is_kept_as_given(raw: str) -> None:
    assert load_config({"NIGHTCRAMP_REDIS_URL": f" {raw} "}).redis_url == raw


def test_unset_or_empty_means_no_shared_cache() -> None:
    assert load_config({}).redis_url is None
    assert load_config({"NIGHTCRAMP_REDIS_URL": "  "}).redis_url is None


@pytest.mark.parametrize(
    "raw", ["127.0.0.1:6379", "http://127.0.0.1:6379", "redis://", "memcached://host:11211"]
)
def test_anything_else_stops_start_up_naming_the_variable(raw: str) -> None:
    with pytest.raises(ConfigError, match="NIGHTCRAMP_REDIS_URL must be a redis://"):
        load_config({"NIGHTCRAMP_REDIS_URL": raw})


def test_the_message_never_repeats_a_password() -> None:
    with pytest.raises(ConfigError) as caught:
        load_config({"NIGHTCRAMP_REDIS_URL": "http://:hunter2secret@cache:6379"})
    assert "hunter2secret" not in str(caught.value)
