from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from tests.conftest import make_person

from nightcramp.store.sharing.audit import (
    PER_PAGE,
    access_log,
    access_log_page,
    link_log,
    log_clinician_view,
    log_link_view,
)
from nightcramp.store.sharing.clinicians import mark_clinician
from nightcramp.store.sharing.grants import grant_access
from nightcramp.store.sharing.links import create_link

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def test_each_look_is_logged_for_the_person_only(alice: User, bob: User) -> None:
    made = create_link(alice, now=NOW)
    log_link_view(made.link, page="summary", address="203.0.113.9", now=NOW)
    log_link_view(
        made.link, page="report", address="203.0.113.9", now=NOW + dt.timedelta(minutes=1)
    )
    entries = access_log(alice)
    assert [(e.page, e.via, e.address) for e in entries] == [
        ("report", "link", "203.0.113.9"),
        ("summary", "link", "203.0.113.9"),
    ]
    assert entries[0].to_json()["link"] == made.link.pk
    assert entries[0].to_json()["at"] == "2026-12-01T12:01:00+00:00"
    assert access_log(bob) == []


def test_a_clinician_look_keeps_their_name_if_the_account_goes(
    alice: User, fast_passwords: None
) -> None:
    doctor = make_person("dr_lee")
    mark_clinician(doctor)
    grant = grant_access(alice, "dr_lee", ends_on=NOW.date(), now=NOW)
    log_clinician_view(grant, page="summary", address="198.51.100.4", now=NOW)
    doctor.delete()
    (entry,) = access_log(alice)
    assert (entry.who, entry.via, entry.page) == ("dr_lee", "clinician", "summary")


def test_link_log_holds_one_links_looks_and_only_for_its_owner(alice: User, bob: User) -> None:
    first = create_link(alice, now=NOW)
    second = create_link(alice, now=NOW)
    log_link_view(first.link, page="summary", address="192.0.2.1", now=NOW)
    log_link_view(second.link, page="summary", address="192.0.2.2", now=NOW)
    assert [e.address for e in link_log(alice, first.link.pk) or []] == ["192.0.2.1"]
    assert link_log(bob, first.link.pk) is None


def test_no_look_drops_out_of_the_log_however_many_there_are(alice: User) -> None:
    made = create_link(alice, now=NOW)
    for minute in range(PER_PAGE * 5 + 7):  # more than any page, and more than 500
        log_link_view(
            made.link, page="summary", address="203.0.113.9", now=NOW + dt.timedelta(minutes=minute)
        )
    assert len(access_log(alice)) == PER_PAGE * 5 + 7
    last = access_log_page(alice, "6")
    assert (last.number, last.pages, last.total, len(last.entries)) == (6, 6, 507, 7)
    assert last.entries[-1].at == NOW and last.has_newer and not last.has_older
    first = access_log_page(alice, "not a number")
    assert first.number == 1 and first.entries[0].at == NOW + dt.timedelta(minutes=506)
    assert access_log_page(alice, "99").number == 6
