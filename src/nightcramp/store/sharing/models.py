"""Share links, clinician accounts and grants, and the access log.

Only a SHA-256 hash of a share link's token is stored; the token is shown once. Nothing here
decides who may look: `links.py` and `grants.py` do, on every request.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

__all__ = ["AccessLog", "Clinician", "ClinicianGrant", "ShareLink"]


class Clinician(models.Model):
    """Marks an account as a clinician's: people may grant it read access to their diary."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinician"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"clinician {self.user_id}"


class ShareLink(models.Model):
    """A read-only link to one person's summary and report, until `expires_at` or revoked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"share link {self.pk} of user {self.user_id}"


class ClinicianGrant(models.Model):
    """`person` lets `clinician` read their diary from `starts_on` to `ends_on` (inclusive)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants_given"
    )
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants_received"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["clinician", "person"], name="sharing_grant_lookup"),
        ]

    def __str__(self) -> str:
        return f"grant {self.pk}: user {self.person_id} to user {self.clinician_id}"


class AccessLog(models.Model):
    """One look at a person's shared pages: when, from where, through what, which page."""

    class Via(models.TextChoices):
        LINK = "link", "share link"
        CLINICIAN = "clinician", "clinician account"

    class Page(models.TextChoices):
        SUMMARY = "summary", "summary"
        REPORT = "report", "report"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_log"
    )
    at = models.DateTimeField(db_index=True)
    address = models.CharField(max_length=64, blank=True, default="")
    via = models.CharField(max_length=16, choices=Via.choices)
    page = models.CharField(max_length=16, choices=Page.choices)
    link = models.ForeignKey(
        ShareLink, on_delete=models.SET_NULL, null=True, blank=True, related_name="views"
    )
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The clinician's account name when they looked: kept if the account is removed later.
    who = models.CharField(max_length=150, blank=True, default="")

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-id"]

    def __str__(self) -> str:
        return f"access {self.pk} to user {self.person_id}"
