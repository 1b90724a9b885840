"""Setting a password: checked by the password rules, then every other session is ended.

The rules themselves are Django's `AUTH_PASSWORD_VALIDATORS` (web settings): at least 12
characters, at most 128, not a common password, not close to the name; no rules about which
kinds of characters to use.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from nightcramp.core.errors import InputError
from nightcramp.store.account.lockout import unlock
from nightcramp.store.account.sessions import end_sessions_of

__all__ = ["MaximumLengthValidator", "check_password_rules", "set_password"]


class MaximumLengthValidator:
    """Refuse passwords longer than `max_length` characters (long pass phrases are welcome)."""

    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: object = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                f"This password is too long. Use at most {self.max_length} characters.",
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return f"Your password can be up to {self.max_length} characters long."


def check_password_rules(password: str, user: User) -> None:
    """Raise InputError (field `password`) when `password` breaks a password rule."""
    from django.contrib.auth.password_validation import validate_password

    try:
        validate_password(password, user)
    except ValidationError as error:
        raise InputError(" ".join(error.messages), field="password") from error


def set_password(user: User, password: str, *, keep_session: str | None = None) -> int:
    """Give `user` a new password after checking the rules; end every session of theirs but
    `keep_session` and lift any login lockout on their name. Returns how many sessions ended.
    """
    check_password_rules(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        ended = end_sessions_of(user, keep=keep_session)
        unlock(user.get_username())
    return ended
