"""Boots Django for the commands that need the database, creating and migrating it on first use."""

from __future__ import annotations

import os

from nightcramp.config import Config, ConfigError, ensure_home, load_config

__all__ = ["setup_django"]


def setup_django(*, migrate: bool = True) -> Config:
    """Configure Django, create the data directory and apply migrations; return the settings.

    Exits with code 1 and a message naming the variable when the environment is invalid.
    """
    try:
        config = load_config()
    except ConfigError as error:
        from nightcramp.cli.output import fail

        fail(f"nightcramp: {error}")
    ensure_home(config)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nightcramp.web.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
    return config
