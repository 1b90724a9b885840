"""The access log: every look at a person's shared pages, which the person can read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.utils import timezone

from nightcramp.store.sharing.models import AccessLog, ClinicianGrant, ShareLink

__all__ = [
    "PER_PAGE",
    "AccessEntry",
    "LogPage",
    "access_log",
    "access_log_page",
    "link_log",
    "log_clinician_view",
    "log_link_view",
]

Page = AccessLog.Page


@dataclass(frozen=True)
class AccessEntry:
    """One line of "who has seen my diary"."""

    at: dt.datetime
    who: str
    via: str
    page: str
    address: str
    link_id: int | None

    def to_json(self) -> dict[str, object]:
        """The entry as `nightcramp access log --json` prints it."""
        return {
            "at": timezone.localtime(self.at).isoformat(timespec="seconds"),
            "who": self.who,
            "via": self.via,
            "page": self.page,
            "address": self.address,
            "link": self.link_id,
        }


def log_link_view(link: ShareLink, *, page: str, address: str, now: dt.datetime) -> AccessLog:
    """Note that someone opened `page` through `link` from `address` at `now`."""
    return AccessLog.objects.create(
        person_id=link.user_id,
        at=now,
        address=address[:64],
        via=AccessLog.Via.LINK,
        page=Page(page),
        link=link,
    )


def log_clinician_view(
    grant: ClinicianGrant, *, page: str, address: str, now: dt.datetime
) -> AccessLog:
    """Note that the grant's clinician opened `page` of the grant's person."""
    return AccessLog.objects.create(
        person_id=grant.person_id,
        at=now,
        address=address[:64],
        via=AccessLog.Via.CLINICIAN,
        page=Page(page),
        clinician_id=grant.clinician_id,
        who=grant.clinician.username,
    )


def _entry(row: AccessLog) -> AccessEntry:
    who = row.who if row.via == AccessLog.Via.CLINICIAN else f"share link {row.link_id}"
    return AccessEntry(
        at=row.at,
        who=who,
        via=row.via,
        page=row.page,
        address=row.address,
        link_id=row.link_id,
    )


def access_log(person: User) -> list[AccessEntry]:
    """Every look at `person`'s shared pages, the newest first."""
    return [_entry(r) for r in AccessLog.objects.filter(person=person).iterator()]


PER_PAGE = 100
"""Looks on one page of the web's access log."""


@dataclass(frozen=True)
class LogPage:
    """One page of the access log, newest first; `number` counts from 1 (the newest)."""

    entries: list[AccessEntry]
    number: int
    pages: int
    total: int

    @property
    def has_older(self) -> bool:
        return self.number < self.pages

    @property
    def has_newer(self) -> bool:
        return self.number > 1


def access_log_page(person: User, number: str | int | None) -> LogPage:
    """Page `number` of `person`'s access log (the first for a number that is not one, the
    last for one past the end): no look is out of reach, however many there are."""
    paginator = Paginator(AccessLog.objects.filter(person=person), PER_PAGE)
    page = paginator.get_page(number)
    return LogPage(
        [_entry(r) for r in page.object_list],
        page.number,
        paginator.num_pages,
        paginator.count,
    )


def link_log(person: User, link_id: int) -> list[AccessEntry] | None:
    """Every look through `person`'s link `link_id`, newest first; None if not their link."""
    if not ShareLink.objects.filter(user=person, pk=link_id).exists():
        return None
    rows = AccessLog.objects.filter(person=person, link_id=link_id)
    return [_entry(r) for r in rows]
