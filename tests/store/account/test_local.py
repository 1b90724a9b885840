"""Local mode's one user, and whether a real account exists yet (local mode ends when one does)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from tests.conftest import make_person

from nightcramp.store.account.local import LOCAL_USERNAME, has_accounts, local_user

pytestmark = pytest.mark.django_db


def test_the_local_user_is_made_once_with_no_usable_password() -> None:
    first = local_user()
    assert first.username == LOCAL_USERNAME
    assert not first.has_usable_password()
    assert local_user().pk == first.pk
    assert User.objects.count() == 1


@pytest.mark.usefixtures("fast_passwords")
def test_only_a_user_other_than_the_local_one_is_an_account() -> None:
    assert not has_accounts()
    local_user()
    assert not has_accounts()
    make_person("alice")
    assert has_accounts()


def test_a_deactivated_account_still_counts_so_local_mode_does_not_come_back(
    alice: User,
) -> None:
    alice.is_active = False
    alice.save()
    assert has_accounts()
