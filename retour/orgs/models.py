"""Organisations, memberships and the tenant base class.

Multi-tenancy is structural: every tenant-owned model inherits
:class:`OrgOwned`, which carries a non-null organisation and a manager whose
``for_org`` is the only sanctioned way views reach tenant rows.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    GOVERNMENT = "government", _("Government authority")
    INTERNATIONAL = "international", _("International organisation")
    NGO = "ngo", _("NGO")
    MUNICIPALITY = "municipality", _("Municipality")
    LEGAL_AID = "legal_aid", _("Legal aid")
    FAITH_BASED = "faith_based", _("Faith-based organisation")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    EDITOR = "editor", _("Editor")
    REVIEWER = "reviewer", _("Reviewer")
    CASEWORKER = "caseworker", _("Caseworker")
    ANALYST = "analyst", _("Analyst")


class Organisation(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    type = models.CharField(max_length=20, choices=OrganisationType.choices)
    # ISO 3166-1 alpha-2 and ISO 639-1 codes, validated in services.
    countries = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    public_email = models.EmailField(blank=True)
    public_phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    is_sample = models.BooleanField(
        default=False, help_text=_("Demo organisation: everything it owns is sample data.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(type__in=OrganisationType.values), name="org_type_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's role in one organisation. A person may hold several roles."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.organisation}"


class OrgGroup(models.Model):
    """The Django/Wagtail group that holds the permissions of one role in one org.

    Permissions live on ordinary groups, so Wagtail's group editor, page and
    collection permissions all keep working. The policy only adds the org scope.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="org_groups"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="org_group")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "role"], name="orggroup_unique_role"),
        ]

    def __str__(self) -> str:
        return self.group.name


class OrgOwnedQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation | None):
        if organisation is None:
            return self.none()
        return self.filter(organisation=organisation)

    def for_orgs(self, organisations):
        return self.filter(organisation__in=organisations)


class OrgOwned(models.Model):
    """Base for every tenant-owned model."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", db_index=True
    )

    objects = OrgOwnedQuerySet.as_manager()

    class Meta:
        abstract = True
