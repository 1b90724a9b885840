"""The password-change form: the old password is checked like a log-in, so guesses count."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from nightcramp.store.account.lockout import one_try_at_a_time

__all__ = ["CheckedPasswordChangeForm", "OneAtATimeLoginForm"]


class OneAtATimeLoginForm(AuthenticationForm):
    """Django's log-in form, its tries for one name checked one after another (the lockout
    check, the password, the failure count), so that a burst of simultaneous guesses cannot
    slip past the limits before any of them is counted."""

    def clean(self) -> dict[str, Any]:
        name = str(self.cleaned_data.get("username") or "")
        refused: ValidationError | None = None
        with one_try_at_a_time(name):
            try:
                cleaned = super().clean()
            except ValidationError as error:
                refused = error  # raised once the failure count is committed, not rolled back
        if refused is not None:
            raise refused
        return cleaned


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
        name = self.user.get_username()
        with one_try_at_a_time(name):
            found = authenticate(self.request, username=name, password=old)
        if found is None or found.pk != self.user.pk:
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old
