"""Who a CLI command acts for, and creating accounts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from nightcramp.core.errors import InputError
from nightcramp.store.account.local import LOCAL_USERNAME
from nightcramp.store.account.people import create_account, resolve_cli_user

pytestmark = pytest.mark.django_db


def test_without_accounts_the_cli_acts_for_the_local_user() -> None:
    user = resolve_cli_user(None)
    assert user.username == LOCAL_USERNAME
    assert not user.has_usable_password()
    assert resolve_cli_user(None).pk == user.pk


def test_with_one_account_the_cli_acts_for_it(alice: User) -> None:
    resolve_cli_user(None)  # a local user from before does not count as an account
    assert resolve_cli_user(None) == alice


def test_a_named_account_is_chosen_among_several(alice: User, bob: User) -> None:
    assert resolve_cli_user("bob") == bob
    with pytest.raises(InputError) as error:
        resolve_cli_user(None)
    assert error.value.field == "user"
    assert "--user" in str(error.value)


def test_an_unknown_name_is_an_input_error_naming_it(alice: User) -> None:
    with pytest.raises(InputError, match="carol"):
        resolve_cli_user("carol")


@pytest.mark.usefixtures("fast_passwords")
def test_create_account_checks_name_and_password() -> None:
    assert create_account("erin", "slow-stretch-77").check_password("slow-stretch-77")
    for name, password, field in [
        ("erin", "slow-stretch-77", "name"),
        ("", "slow-stretch-77", "name"),
        (LOCAL_USERNAME, "slow-stretch-77", "name"),
        ("fay", "short", "password"),
        ("fay", "password", "password"),
    ]:
        with pytest.raises(InputError) as error:
            create_account(name, password)
        assert error.value.field == field
    assert not User.objects.filter(username="fay").exists()


@pytest.mark.usefixtures("fast_passwords")
def test_the_first_account_keeps_the_diary_written_in_local_mode() -> None:
    import datetime as dt

    from nightcramp.store.diary.models import Night

    local = resolve_cli_user(None)
    Night.objects.create(user=local, date=dt.date(2026, 1, 1), water_glasses=3)
    owner = create_account("gail", "slow-stretch-77")
    assert Night.objects.get().user == owner
    assert not User.objects.filter(username=LOCAL_USERNAME).exists()
    second = create_account("hal", "slow-stretch-78")
    assert Night.objects.get().user == owner
    assert second.pk != owner.pk
