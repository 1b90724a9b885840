"""The password-change form: the old password is checked like a log-in, so guesses count."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from nightcramp.store.account.lockout import LoginBusy, one_try_at_a_time

__all__ = ["BUSY", "CheckedPasswordChangeForm", "OneAtATimeLoginForm"]

_NAME_MAX = User._meta.get_field("username").max_length or 150
BUSY = "Too many tries for this name at once. Wait a minute, then try again."


class OneAtATimeLoginForm(AuthenticationForm):
    """Django's log-in form, its tries for one name checked one after another (the lockout
    check, the password, the failure count), so that a burst of simultaneous guesses cannot
    slip past the limits before any of them is counted."""

    def clean(self) -> dict[str, Any]:
        name = str(self.cleaned_data.get("username") or "")
        if len(name) > _NAME_MAX:  # no account has it; the failure log could not hold it
            raise self.get_invalid_login_error()
        try:
            with one_try_at_a_time(name):
                return super().clean()
        except LoginBusy:
            raise ValidationError(BUSY, code="busy") from None


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
        try:
            with one_try_at_a_time(name):
                found = authenticate(self.request, username=name, password=old)
        except LoginBusy:
            raise ValidationError(BUSY, code="busy") from None
        if found is None or found.pk != self.user.pk:
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old
