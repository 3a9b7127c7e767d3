"""Reintegration assistance (planned and delivered) and referrals.

Both are tenant-owned rows that hang off a case and stay with the organisation
that recorded them. When a case is handed over, ``cases.services.case_handover``
asks each model's ``handover_copy`` for what the consent's scope lets the
receiver have: copies of the assistance items ("assistance") and the needs
noted in referrals ("needs"). Referrals themselves keep their sender.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q, TextChoices
from django.utils.translation import gettext_lazy as _

from retour.cases.models import Case, SharingScope
from retour.orgs.models import Organisation, OrgOwned


class AssistanceType(models.TextChoices):
    CASH = "cash", _("Cash")
    IN_KIND = "in_kind", _("In-kind")
    BUSINESS = "business", _("Business start-up")
    VOCATIONAL_TRAINING = "vocational_training", _("Vocational training")
    EDUCATION = "education", _("Education")
    MEDICAL = "medical", _("Medical")
    HOUSING = "housing", _("Housing")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial")
    LEGAL = "legal", _("Legal")


class AssistanceStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class AssistanceItem(OrgOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assistance_items")
    type = models.CharField(max_length=24, choices=AssistanceType.choices)
    status = models.CharField(
        max_length=12, choices=AssistanceStatus.choices, default=AssistanceStatus.PLANNED
    )
    description = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    planned_on = models.DateField(null=True, blank=True)
    delivered_on = models.DateField(null=True, blank=True)
    provider = models.CharField(max_length=200, blank=True)
    # Evidence: an uploaded file or a reference to paper/partner records.
    evidence_file = models.FileField(upload_to="reintegration/evidence/%Y/%m/", blank=True)
    evidence_reference = models.CharField(max_length=200, blank=True)
    is_sample = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["planned_on", "id"]
        permissions = [("deliver_assistanceitem", "Can record delivery of assistance")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(type__in=AssistanceType.values), name="assistance_type_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=AssistanceStatus.values),
                name="assistance_status_valid",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(amount__isnull=True, currency="")
                    | models.Q(amount__isnull=False, amount__gte=0, currency__regex=r"^[A-Z]{3}$")
                ),
                name="assistance_amount_has_currency",
            ),
            # Delivered means a delivery date; nothing else carries one.
            models.CheckConstraint(
                condition=(
                    models.Q(status=AssistanceStatus.DELIVERED, delivered_on__isnull=False)
                    | (
                        ~models.Q(status=AssistanceStatus.DELIVERED)
                        & models.Q(delivered_on__isnull=True)
                    )
                ),
                name="assistance_delivered_has_date",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "type"], name="assistance_org_type")]

    def __str__(self) -> str:
        return f"{self.case.case_number}: {self.get_type_display()} ({self.get_status_display()})"

    @classmethod
    def handover_copy(cls, *, source: Case, target: Case, scope: set[str]) -> int:
        """Copy the source case's items to the receiver's case under the "assistance" scope.

        An evidence file stays with the sender (one owner per stored file); the
        copy says where it is.
        """
        if SharingScope.ASSISTANCE not in scope:
            return 0
        copies = []
        for item in cls.objects.filter(case=source).order_by("id"):
            reference = item.evidence_reference
            if item.evidence_file and not reference:
                reference = f"Evidence file held by {source.organisation.name}"[:200]
            copies.append(
                cls(
                    organisation=target.organisation,
                    case=target,
                    type=item.type,
                    status=item.status,
                    description=item.description,
                    amount=item.amount,
                    currency=item.currency,
                    planned_on=item.planned_on,
                    delivered_on=item.delivered_on,
                    provider=item.provider,
                    evidence_reference=reference,
                    is_sample=item.is_sample,
                )
            )
        cls.objects.bulk_create(copies)
        return len(copies)


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")


class DeclineReason(TextChoices):
    """Why a receiving organisation declines: a code the sender can act on.

    A code, not free text, so the audit log keeps its old and new value in
    clear; details go in the answer note (free text, redacted in the log).
    """

    NO_CAPACITY = "no_capacity", _("No capacity at the moment")
    OUT_OF_AREA = "out_of_area", _("Outside the area we cover")
    NOT_ELIGIBLE = "not_eligible", _("The person is not eligible for our programme")
    NOT_OFFERED = "not_offered", _("We do not offer this assistance")
    OTHER = "other", _("Other reason (see the note)")


# Allowed status moves; the receiving side answers, either side completes.
REFERRAL_TRANSITIONS = {
    ReferralStatus.SENT: {ReferralStatus.ACCEPTED, ReferralStatus.DECLINED},
    ReferralStatus.ACCEPTED: {ReferralStatus.COMPLETED},
    ReferralStatus.DECLINED: set(),
    ReferralStatus.COMPLETED: set(),
}


class Referral(OrgOwned):
    """A referral from the case's organisation to a partner org or a portal service point.

    ``organisation`` is the sending side. The receiving organisation sees the
    referral through ``selectors.referral_shared_view``, limited to what the
    person's consent covers at the moment of reading.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    to_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The portal's ServicePoint (retour.content) is referenced loosely by UUID so
    # this app does not depend on the portal's models; a FK can be added later.
    service_point_uuid = models.UUIDField(null=True, blank=True)
    service_point_name = models.CharField(max_length=200, blank=True)
    assistance_type = models.CharField(max_length=24, choices=AssistanceType.choices, blank=True)
    # What the person needs, pseudonymous: shown to the receiver only under the "needs" scope.
    note = models.TextField(blank=True)
    status = models.CharField(
        max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    consent = models.ForeignKey(
        "cases.Consent", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    consent_override_reason = models.CharField(max_length=300, blank=True)
    sent_on = models.DateField()
    answered_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    answer_note = models.CharField(max_length=300, blank=True)
    # Set exactly when declined (constraint below); shown to the sender.
    decline_reason = models.CharField(max_length=16, choices=DeclineReason.choices, blank=True)
    # The receiving organisation's member who takes the person on (a membership
    # of the receiver, so a person who leaves it is no longer assigned).
    assigned_to = models.ForeignKey(
        "orgs.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_sample = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "-id"]
        permissions = [
            ("override_referral_consent", "Can send a referral without matching consent"),
            ("answer_referral", "Can accept, decline or complete referrals received"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ReferralStatus.values), name="referral_status_valid"
            ),
            # Exactly one destination: an organisation or a service point.
            models.CheckConstraint(
                condition=(
                    models.Q(to_organisation__isnull=False, service_point_uuid__isnull=True)
                    | models.Q(to_organisation__isnull=True, service_point_uuid__isnull=False)
                ),
                name="referral_one_destination",
            ),
            # Either a consent or a recorded override reason.
            models.CheckConstraint(
                condition=models.Q(consent__isnull=False) | ~models.Q(consent_override_reason=""),
                name="referral_consent_or_override",
            ),
            models.CheckConstraint(
                condition=models.Q(assistance_type="")
                | models.Q(assistance_type__in=AssistanceType.values),
                name="referral_assistance_type_valid",
            ),
            # A decline always says why; nothing else carries a decline reason.
            models.CheckConstraint(
                condition=(
                    Q(status=ReferralStatus.DECLINED, decline_reason__in=DeclineReason.values)
                    | (~Q(status=ReferralStatus.DECLINED) & Q(decline_reason=""))
                ),
                name="referral_declined_has_reason",
            ),
            # The sender is never the receiver (a handover once made it so).
            models.CheckConstraint(
                condition=Q(to_organisation__isnull=True)
                | ~Q(organisation=models.F("to_organisation")),
                name="referral_not_to_itself",
            ),
        ]
        indexes = [models.Index(fields=["to_organisation", "status"], name="referral_to_status")]

    def __str__(self) -> str:
        return f"Referral {self.case.case_number} → {self.destination}"

    @classmethod
    def handover_copy(cls, *, source: Case, target: Case, scope: set[str]) -> int:
        """Under the "needs" scope, the needs noted in the source's referrals
        go into the receiver's case notes. The referrals stay the sender's."""
        if SharingScope.NEEDS not in scope:
            return 0
        notes = [
            f"{r.sent_on.isoformat()}: {r.note.strip()}"
            for r in cls.objects.filter(case=source).order_by("sent_on", "id")
            if r.note.strip()
        ]
        if notes:
            target.notes = "\n".join(
                filter(None, [target.notes, "Needs noted in referrals:", *notes])
            )
            target.save(update_fields=["notes", "updated_at"])
        return len(notes)

    @property
    def destination(self) -> str:
        if self.to_organisation_id:
            return str(self.to_organisation)
        return self.service_point_name or str(self.service_point_uuid)
