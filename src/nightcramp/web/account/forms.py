"""The password-change form: the old password is checked like a log-in, so guesses count."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest

__all__ = ["CheckedPasswordChangeForm"]


class CheckedPasswordChangeForm(PasswordChangeForm):
    """Django's form, but the old password goes through `authenticate(request, …)`.

    django-axes then counts a wrong old password as a failed log-in, so someone who found a
    phone left logged in cannot guess the password behind it without being locked out.
    """

    def __init__(self, user: Any, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        old = str(self.cleaned_data["old_password"])
        found = authenticate(self.request, username=self.user.get_username(), password=old)
        if found is None or found.pk != self.user.pk:
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old
