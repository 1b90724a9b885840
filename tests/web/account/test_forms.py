"""The password-change form: the old password is checked as a log-in, so wrong guesses count."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt  # type: ignore[import-untyped]
from django.contrib.auth.models import User
from django.test import RequestFactory
from tests.conftest import PERSONA_PASSWORD

from nightcramp.web.account.forms import CheckedPasswordChangeForm

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

REMOTE = "203.0.113.5"
NEW = "a quiet walk before bed"


def _form(user: User, old: str) -> CheckedPasswordChangeForm:
    request = RequestFactory().post("/account/password/", REMOTE_ADDR=REMOTE)
    data = {"old_password": old, "new_password1": NEW, "new_password2": NEW}
    return CheckedPasswordChangeForm(user, data, request=request)


def test_the_right_old_password_lets_the_new_one_through_and_counts_no_failure(
    alice: User,
) -> None:
    form = _form(alice, PERSONA_PASSWORD)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["new_password1"] == NEW
    assert not AccessAttempt.objects.exists()


def test_a_wrong_old_password_is_refused_and_counted_as_a_failed_login_from_that_address(
    alice: User,
) -> None:
    form = _form(alice, "a wrong guess here")
    assert not form.is_valid()
    assert form.errors == {
        "old_password": ["Your old password was entered incorrectly. Please enter it again."]
    }
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "alice",
        REMOTE,
        1,
    )


@pytest.mark.parametrize("length", [151, 256, 10_000])
def test_a_log_in_name_longer_than_any_account_is_refused_as_a_wrong_password(
    length: int,
) -> None:
    from django.test import Client

    User.objects.create_user("alice", password=PERSONA_PASSWORD)
    answer = Client(REMOTE_ADDR=REMOTE).post(
        "/account/login/", {"username": "x" * length, "password": "whatever password"}
    )
    wrong = Client(REMOTE_ADDR=REMOTE).post(
        "/account/login/", {"username": "nobody", "password": "whatever password"}
    )
    assert answer.status_code == wrong.status_code == 200  # the same page, never a 500
    assert answer.context["form"].errors == wrong.context["form"].errors
