from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User
from tests.conftest import PERSONA_PASSWORD, make_person

from nightcramp.core.errors import InputError
from nightcramp.store.sharing.clinicians import (
    clinician_named,
    clinicians,
    create_clinician,
    is_clinician,
    mark_clinician,
)

pytestmark = pytest.mark.django_db


def test_a_marked_account_is_a_clinician(alice: User, bob: User) -> None:
    assert mark_clinician(bob) is True
    assert mark_clinician(bob) is False
    assert is_clinician(bob) and not is_clinician(alice)
    assert clinician_named("bob") == bob and clinician_named("alice") is None
    assert clinicians() == [bob]


def test_nobody_signed_out_or_deactivated_is_a_clinician(bob: User) -> None:
    mark_clinician(bob)
    assert not is_clinician(AnonymousUser())
    bob.is_active = False
    bob.save()
    assert not is_clinician(bob)
    assert clinician_named("bob") is None


def test_create_clinician_makes_a_marked_account(fast_passwords: None) -> None:
    make_person("alice")
    user = create_clinician("dr_lee", PERSONA_PASSWORD)
    assert is_clinician(user) and user.check_password(PERSONA_PASSWORD)


def test_create_clinician_refuses_a_bad_password_and_keeps_nothing(fast_passwords: None) -> None:
    with pytest.raises(InputError):
        create_clinician("dr_lee", "short")
    assert not User.objects.filter(username="dr_lee").exists()
