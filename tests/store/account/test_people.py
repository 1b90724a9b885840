"""Who a CLI command acts for, creating accounts, and deleting them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from tests.conftest import make_person

from nightcramp.core.errors import InputError
from nightcramp.store.account.local import LOCAL_USERNAME
from nightcramp.store.account.people import (
    DELETED_KINDS,
    create_account,
    existing_cli_user,
    resolve_cli_user,
)

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


def test_a_look_that_writes_nothing_never_creates_the_local_user() -> None:
    assert existing_cli_user(None) is None
    assert not User.objects.exists()
    local = resolve_cli_user(None)
    assert existing_cli_user(None) == local


def test_a_look_refuses_an_unknown_or_missing_name(alice: User, bob: User) -> None:
    assert existing_cli_user("bob") == bob
    with pytest.raises(InputError, match="--user"):
        existing_cli_user(None)  # several accounts: whose is not guessed
    with pytest.raises(InputError, match="carol"):
        existing_cli_user("carol")
    bob.delete()
    assert existing_cli_user(None) == alice


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


# ---- deleting an account ----------------------------------------------------------------------


def _log_in(user: User) -> None:
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session.create()


def _login_records(name: str) -> None:
    from axes.models import AccessAttempt, AccessFailureLog  # type: ignore[import-untyped]
    from axes.models import AccessLog as LoginLog

    seen = {"username": name, "ip_address": "192.0.2.7", "user_agent": "phone"}
    where = {"http_accept": "*/*", "path_info": "/account/login/"}
    AccessAttempt.objects.create(**seen, **where, get_data="", post_data="", failures_since_start=2)
    AccessFailureLog.objects.create(**seen, **where)
    LoginLog.objects.create(**seen, **where)


def fill_records(person: User, clinician: User) -> None:
    """Give `person` a row in every table that holds a person's records, a grant to
    `clinician` (who looks once), a share link (opened once), and mark `person` a clinician."""
    import datetime as dt

    from django.utils import timezone

    from nightcramp.store.account.tokens import issue_token
    from nightcramp.store.diary.models import (
        CustomFactor,
        Episode,
        IdempotencyKey,
        Medication,
        Night,
        Profile,
    )
    from nightcramp.store.experiments.models import Experiment, ExperimentNight
    from nightcramp.store.insights.models import CachedAnalysis
    from nightcramp.store.plan.models import CalendarToken, PlanFeedback
    from nightcramp.store.sharing.audit import log_clinician_view, log_link_view
    from nightcramp.store.sharing.models import Clinician, ClinicianGrant, ShareLink
    from nightcramp.store.triage.models import TriageRecord

    now = timezone.now()
    day = dt.date(2026, 3, 1)
    tag = f"{person.username}-{clinician.username}"
    for offset in range(2):
        Night.objects.create(user=person, date=day + dt.timedelta(days=offset), water_glasses=4)
    Episode.objects.create(user=person, started_at=now, night=day, muscle="calf")
    CustomFactor.objects.create(user=person, name="tea", kind="bool")
    Medication.objects.create(user=person, name="amlodipine")
    Profile.objects.create(user=person, birth_year=1950)
    IdempotencyKey.objects.create(user=person, key="k1", request_hash="h", status=201, response={})
    TriageRecord.objects.create(user=person, disposition="routine")
    PlanFeedback.objects.create(user=person, item_id="stretch", helped=True)
    CalendarToken.objects.create(user=person, token_hash=f"cal-{tag}")
    experiment = Experiment.objects.create(
        user=person, change_id="stretch", start=day, seed=7, period_nights=3, pairs=2, status_at=now
    )
    ExperimentNight.objects.create(experiment=experiment, date=day, followed=True)
    CachedAnalysis.objects.create(user=person, key="v1", document={})
    Clinician.objects.get_or_create(user=clinician)
    Clinician.objects.create(user=person)
    link = ShareLink.objects.create(
        user=person, token_hash=f"link-{tag}", created_at=now, expires_at=now
    )
    log_link_view(link, page="summary", address="192.0.2.1", now=now)
    grant = ClinicianGrant.objects.create(
        person=person, clinician=clinician, starts_on=day, ends_on=day, created_at=now
    )
    log_clinician_view(grant, page="report", address="192.0.2.2", now=now)
    issue_token(person, label="phone")
    _log_in(person)
    _login_records(person.username)


def _row_counts() -> dict[str, int]:
    from django.apps import apps

    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_delete_account_removes_every_record_of_the_person_and_nothing_else(
    alice: User, bob: User
) -> None:
    from django.apps import apps
    from django.db import models
    from django.utils import timezone

    from nightcramp.store.account.people import delete_account
    from nightcramp.store.sharing.audit import access_log, log_clinician_view
    from nightcramp.store.sharing.clinicians import mark_clinician
    from nightcramp.store.sharing.models import ClinicianGrant

    carol, dave = make_person("carol"), make_person("dave")
    mark_clinician(carol)
    fill_records(bob, dave)
    before = _row_counts()
    fill_records(alice, carol)
    # alice is also a clinician: bob lets her read his diary, and she looks once.
    now = timezone.now()
    to_alice = ClinicianGrant.objects.create(
        person=bob, clinician=alice, starts_on=now.date(), ends_on=now.date(), created_at=now
    )
    log_clinician_view(to_alice, page="summary", address="192.0.2.3", now=now)
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not (field.concrete and field.is_relation and field.related_model is User):
                continue
            assert isinstance(field, models.ForeignKey)
            assert field.remote_field.on_delete in (models.CASCADE, models.SET_NULL), field
            assert model._default_manager.filter(**{field.name: alice}).exists(), field

    deleted = delete_account("alice")

    # Everything as before alice had records, but her account gone and bob's log of her look.
    assert _row_counts() == {
        **before,
        "auth.User": before["auth.User"] - 1,
        "sharing.AccessLog": before["sharing.AccessLog"] + 1,
    }
    assert "alice" in [entry.who for entry in access_log(bob)]
    assert deleted == {
        "account": 1,
        "profile": 1,
        "nights": 2,
        "cramps": 1,
        "custom_factors": 1,
        "medicines": 1,
        "idempotency_records": 1,
        "triage_results": 1,
        "plan_feedback": 1,
        "calendar_feeds": 1,
        "experiments": 1,
        "experiment_nights": 1,
        "saved_analyses": 1,
        "share_links": 1,
        "access_log": 2,
        "clinician_grants": 2,
        "clinician_role": 1,
        "api_tokens": 1,
        "sessions": 1,
        "login_records": 3,
    }
    assert list(deleted) == list(DELETED_KINDS)
    assert not User.objects.filter(username="alice").exists()
    assert User.objects.filter(username__in=["bob", "carol", "dave"]).count() == 3


def test_deleting_a_clinician_ends_grants_to_them_but_keeps_the_access_log(
    alice: User, bob: User
) -> None:
    from nightcramp.store.account.people import delete_account
    from nightcramp.store.sharing.audit import access_log
    from nightcramp.store.sharing.models import ClinicianGrant

    fill_records(alice, bob)
    deleted = delete_account("bob")
    assert deleted["clinician_grants"] == 1
    assert deleted["clinician_role"] == 1
    assert deleted["access_log"] == 0
    assert not ClinicianGrant.objects.exists()
    looks = access_log(alice)
    assert [(entry.via, entry.who) for entry in looks if entry.via == "clinician"] == [
        ("clinician", "bob")
    ]
    assert len(looks) == 2


def test_delete_account_of_an_unknown_name_changes_nothing(alice: User, bob: User) -> None:
    from nightcramp.store.account.people import delete_account

    fill_records(alice, bob)
    before = _row_counts()
    for name in ("carol", LOCAL_USERNAME, ""):
        with pytest.raises(InputError) as error:
            delete_account(name)
        assert error.value.field == "name"
    assert _row_counts() == before


def test_a_failure_while_deleting_removes_nothing(
    alice: User, bob: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import DatabaseError

    from nightcramp.store.account.lockout import failed_logins
    from nightcramp.store.account.people import delete_account

    fill_records(alice, bob)
    before = _row_counts()

    def broken(self: User, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise DatabaseError("disk full")

    monkeypatch.setattr(User, "delete", broken)
    with pytest.raises(DatabaseError):
        delete_account("alice")
    monkeypatch.undo()
    assert _row_counts() == before
    assert failed_logins("alice") == 2
