"""Pseudonymous case records of people who return.

A :class:`Case` carries no name. Everything that identifies a person lives in
:class:`CaseIdentity` (one-to-one, encrypted at rest, readable only with
``cases.view_identity`` and audited on every read), so no queryset, serializer
or export over cases can pick identifying data up by accident.

Field names of Case are a contract with the surveys and reintegration apps:
keep them stable.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from retour.core.crypto import EncryptedJSONField, EncryptedTextField
from retour.orgs.models import Organisation, OrgOwned

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Stage(models.TextChoices):
    # Values sort in stage order, so ORDER BY stage is stage order too.
    COUNSELLING = "1_counselling", _("1. Counselling and decision")
    PRE_DEPARTURE = "2_pre_departure", _("2. Pre-departure")
    ARRIVAL = "3_arrival", _("3. Arrival")
    PLAN = "4_plan", _("4. Reintegration plan")
    ASSISTANCE = "5_assistance", _("5. Assistance delivered")
    MONITORING = "6_monitoring", _("6. Monitoring")
    CLOSED = "7_closed", _("7. Closure")


STAGE_ORDER = list(Stage.values)

# Where a stage corresponds to one of RIAT's Key Moments, the reporting points
# partners already report on: KM1 the application (made when the person decides
# at counselling), KM2 arrival with a reintegration plan and budget, KM3 the
# final report at closure. Other stages have no Key Moment.
RIAT_KEY_MOMENTS: dict[str, tuple[str, StrOrPromise]] = {
    Stage.COUNSELLING: ("KM1", _("application")),
    Stage.PLAN: ("KM2", _("arrival with plan and budget")),
    Stage.CLOSED: ("KM3", _("final report")),
}


def stage_number(stage: str) -> int:
    return STAGE_ORDER.index(stage) + 1


class Vulnerability(models.TextChoices):
    TRAFFICKING = "trafficking", _("Victim of trafficking")
    UNACCOMPANIED_MINOR = "unaccompanied_minor", _("Unaccompanied minor")
    SERIOUS_HEALTH = "serious_health", _("Serious health condition")
    ELDERLY = "elderly", _("Elderly")
    SINGLE_PARENT = "single_parent", _("Single parent")
    DISABILITY = "disability", _("Disability")
    TORTURE = "torture", _("Victim of torture")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")


class AgeBand(models.TextChoices):
    # Coarse on purpose: minimum data. An exact age would help re-identify.
    UNDER_18 = "0-17", _("Under 18")
    AGE_18_24 = "18-24", "18–24"
    AGE_25_34 = "25-34", "25–34"
    AGE_35_49 = "35-49", "35–49"
    AGE_50_64 = "50-64", "50–64"
    AGE_65_PLUS = "65+", _("65 and over")


class ConsentPurpose(models.TextChoices):
    COUNSELLING = "counselling", _("Return counselling and case management")
    DATA_SHARING = "data_sharing", _("Data sharing with a named partner organisation")
    MONITORING = "monitoring", _("Post-return monitoring surveys")
    RESEARCH = "research", _("Research and statistics")


class SharingScope(models.TextChoices):
    """What a data-sharing consent lets the named partner see (never the identity)."""

    PROFILE = "profile", _("Profile: country, region, arrival, age band, gender")
    VULNERABILITIES = "vulnerabilities", _("Vulnerabilities")
    ASSISTANCE = "assistance", _("Reintegration plan and assistance")
    NEEDS = "needs", _("The referral note describing needs")


# The Case columns each scope discloses, to a referral's receiver and in a
# handover. Anything not listed (identity, notes, final report, departure…)
# never leaves the organisation that recorded it.
SCOPE_CASE_FIELDS: dict[str, tuple[str, ...]] = {
    SharingScope.PROFILE: (
        "case_number",
        "country_of_return",
        "region_of_return",
        "arrival_date",
        "age_band",
        "gender",
    ),
    SharingScope.VULNERABILITIES: (),
    SharingScope.ASSISTANCE: ("plan_budget", "plan_currency", "plan_summary"),
    SharingScope.NEEDS: (),
}


class Case(OrgOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Pseudonymous reference; never derived from the person's name or documents.
    case_number = models.CharField(max_length=40)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.COUNSELLING)
    # ISO 3166-1 alpha-2, upper case (validated with pycountry in services);
    # blank only on a case received without the "profile" scope.
    country_of_return = models.CharField(max_length=2, blank=True)
    region_of_return = models.CharField(max_length=120, blank=True)
    departure_date = models.DateField(null=True, blank=True)
    arrival_date = models.DateField(null=True, blank=True)
    # None = not known yet (before arrival, or the person did not say).
    returned_to_community_of_origin = models.BooleanField(null=True, blank=True)
    gender = models.CharField(max_length=12, choices=Gender.choices, blank=True)
    age_band = models.CharField(max_length=6, choices=AgeBand.choices, blank=True)
    # Stage 4: plan budget. Amount and currency travel together (constraint below).
    plan_budget = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    plan_currency = models.CharField(max_length=3, blank=True)
    plan_summary = models.TextField(
        blank=True, help_text=_("No names or contact details here: they belong in the identity.")
    )
    notes = models.TextField(
        blank=True, help_text=_("No names or contact details here: they belong in the identity.")
    )
    final_report = models.TextField(blank=True)
    opened_on = models.DateField(
        help_text=_("May be in the past: cases can be entered afterwards.")
    )
    closed_on = models.DateField(null=True, blank=True)
    # The caseworker of this organisation who follows the person (a membership,
    # so someone who leaves the organisation is no longer assigned).
    assigned_to = models.ForeignKey(
        "orgs.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # True when the case was entered after the events it records.
    recorded_retrospectively = models.BooleanField(default=False)
    is_sample = models.BooleanField(default=False)
    # Retention: set when identity and free text were removed.
    pseudonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        permissions = [
            ("view_identity", "Can read the identifying fields of a case"),
            ("change_identity", "Can change the identifying fields of a case"),
            ("handover_case", "Can hand a case over to a partner organisation"),
            ("manage_consent", "Can record and withdraw consent"),
            ("export_case", "Can produce a subject-access export"),
            ("erase_case", "Can erase a case"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "case_number"], name="case_number_unique_per_org"
            ),
            models.CheckConstraint(
                condition=models.Q(stage__in=Stage.values), name="case_stage_valid"
            ),
            # Blank only on a case received in a handover without the "profile"
            # scope: the receiver is not told the country (services require one).
            models.CheckConstraint(
                condition=models.Q(country_of_return="")
                | models.Q(country_of_return__regex=r"^[A-Z]{2}$"),
                name="case_country_iso2",
            ),
            models.CheckConstraint(
                condition=models.Q(gender="") | models.Q(gender__in=Gender.values),
                name="case_gender_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(age_band="") | models.Q(age_band__in=AgeBand.values),
                name="case_age_band_valid",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(plan_budget__isnull=True, plan_currency="")
                    | models.Q(plan_budget__isnull=False, plan_currency__regex=r"^[A-Z]{3}$")
                ),
                name="case_budget_has_currency",
            ),
            models.CheckConstraint(
                condition=models.Q(plan_budget__isnull=True) | models.Q(plan_budget__gte=0),
                name="case_budget_non_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("opened_on")),
                name="case_closed_after_opened",
            ),
            models.CheckConstraint(
                condition=models.Q(arrival_date__isnull=True)
                | models.Q(departure_date__isnull=True)
                | models.Q(arrival_date__gte=models.F("departure_date")),
                name="case_arrival_after_departure",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "stage"], name="case_org_stage"),
            models.Index(fields=["organisation", "country_of_return"], name="case_org_country"),
            models.Index(fields=["organisation", "assigned_to"], name="case_org_assignee"),
        ]

    def __str__(self) -> str:
        # Only the pseudonymous number: str() ends up in audit rows and logs.
        return self.case_number

    @property
    def stage_number(self) -> int:
        return stage_number(self.stage)

    @property
    def vulnerability_kinds(self) -> list[str]:
        return [v.kind for v in self.vulnerabilities.all()]


class CaseChild(models.Model):
    """Rows that belong to one case (no organisation of their own: the case's is theirs)."""

    case: Case  # declared by each subclass (its related_name differs)

    class Meta:
        abstract = True

    def get_organisation(self) -> Organisation:
        return self.case.organisation


class CaseVulnerability(CaseChild):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="vulnerabilities")
    kind = models.CharField(max_length=30, choices=Vulnerability.choices)
    noted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="case_vulnerability_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=Vulnerability.values), name="case_vulnerability_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class CaseIdentity(CaseChild):
    """Identifying data of one case: encrypted, caseworker-only, every read audited.

    Never reach it through ``case.identity`` in views: use
    ``selectors.case_identity_read`` which checks the policy and audits.
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="identity")
    given_name = EncryptedTextField(blank=True)
    family_name = EncryptedTextField(blank=True)
    other_names = EncryptedTextField(blank=True)
    date_of_birth = EncryptedTextField(blank=True, help_text=_("ISO date, YYYY-MM-DD"))
    phone = EncryptedTextField(blank=True)
    email = EncryptedTextField(blank=True)
    # [{"type": "passport", "number": "..."}]
    documents = EncryptedJSONField(null=True, blank=True)
    address_after_return = EncryptedTextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    IDENTIFYING_FIELDS = (
        "given_name",
        "family_name",
        "other_names",
        "date_of_birth",
        "phone",
        "email",
        "documents",
        "address_after_return",
    )

    def __str__(self) -> str:
        return f"identity of {self.case.case_number}"


class Consent(CaseChild):
    """Consent for one purpose, in one version of the consent text.

    Withdrawal sets ``withdrawn_at``; every check reads that column live, so a
    withdrawal takes effect at once. Rows are never deleted (history).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=20, choices=ConsentPurpose.choices)
    # Only for data sharing: the named partner the person agreed to share with.
    partner = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Data sharing only: which SharingScope categories the partner may see.
    scope = models.JSONField(default=list, blank=True)
    version = models.CharField(max_length=20, help_text=_("Version of the consent text shown"))
    given_on = models.DateField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["purpose", "-given_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose__in=ConsentPurpose.values), name="consent_purpose_valid"
            ),
            # A named partner exactly when the purpose is data sharing.
            models.CheckConstraint(
                condition=(
                    models.Q(purpose=ConsentPurpose.DATA_SHARING, partner__isnull=False)
                    | (
                        ~models.Q(purpose=ConsentPurpose.DATA_SHARING)
                        & models.Q(partner__isnull=True)
                    )
                ),
                name="consent_partner_iff_sharing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} (version {self.version})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class StageEvent(CaseChild):
    """One entry on the case timeline (stage changes, handovers, consent, retention)."""

    class Kind(models.TextChoices):
        STAGE = "stage", _("Stage")
        HANDOVER = "handover", _("Handover")
        CONSENT = "consent", _("Consent")
        NOTE = "note", _("Note")
        RETENTION = "retention", _("Retention")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.STAGE)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    # When it happened (may be earlier than created_at for after-the-fact entry).
    occurred_on = models.DateField()
    summary = models.CharField(max_length=200, blank=True)
    actor_label = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage__in=Stage.values), name="stage_event_stage_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["stage", "handover", "consent", "note", "retention"]),
                name="stage_event_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_stage_display()} {self.summary}"


class Handover(CaseChild):
    """A case handed to a partner organisation inside the system.

    The sender keeps ``case``; the receiver gets ``received_case``, a case of
    its own holding copies of what the consent's ``scope`` covers (see the
    cases README). This row is the sender's record of the disclosure; the
    receiver's case carries none of it (``related_name="+"``), so neither a
    listing nor a subject-access export on the receiver's side reaches the
    sender's case.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handovers")
    from_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="+")
    # The scopes disclosed, as the consent read at the moment of the handover.
    scope = models.JSONField(default=list, blank=True)
    # Null once the receiver erases its copy; the disclosure record stays.
    received_case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_organisation=models.F("to_organisation")),
                name="handover_to_other_org",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.case_number}: {self.from_organisation} → {self.to_organisation}"


class RetentionPeriod(OrgOwned):
    """How long an organisation keeps identifying data for one purpose after closure."""

    purpose = models.CharField(max_length=20, choices=ConsentPurpose.choices)
    days = models.PositiveIntegerField()

    class Meta:
        ordering = ["purpose"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "purpose"], name="retention_unique_purpose"
            ),
            models.CheckConstraint(
                condition=models.Q(purpose__in=ConsentPurpose.values),
                name="retention_purpose_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.days} days"
