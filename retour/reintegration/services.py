"""Writes for assistance items and referrals. Each checks the policy and audits itself."""

from __future__ import annotations

import datetime
import uuid as uuid_module
from decimal import Decimal, InvalidOperation

import pycountry
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from retour.cases.models import Case, ConsentPurpose
from retour.cases.services import active_consent
from retour.core import audit
from retour.core.actors import Actor
from retour.core.audit import service
from retour.orgs import policy
from retour.orgs.models import Membership, Organisation, OrgGroup
from retour.search.models import DocumentKind, SearchDocument

from .models import (
    REFERRAL_TRANSITIONS,
    AssistanceItem,
    AssistanceStatus,
    AssistanceType,
    DeclineReason,
    Referral,
    ReferralStatus,
)


class ConsentMissing(ValidationError):
    """A referral was refused because no matching consent exists (and no override)."""


def _date(value, field: str):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationError({field: "Use YYYY-MM-DD"}) from exc


def _money(amount, currency) -> tuple[Decimal | None, str]:
    if amount in (None, ""):
        return None, ""
    try:
        value = Decimal(str(amount))
    except InvalidOperation as exc:
        raise ValidationError({"amount": "Not a number"}) from exc
    if not value.is_finite() or value < 0 or value >= Decimal("1e10"):
        raise ValidationError({"amount": "A non-negative amount below 10 billion"})
    code = (currency or "").strip().upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise ValidationError({"currency": "An ISO 4217 currency code is required with an amount"})
    return value.quantize(Decimal("0.01")), code


@service
def assistance_item_create(
    *,
    actor: Actor,
    case: Case,
    type: str,
    description: str = "",
    amount=None,
    currency: str = "",
    planned_on=None,
    provider: str = "",
    evidence_reference: str = "",
    is_sample: bool = False,
) -> AssistanceItem:
    """Plan an assistance item on a case."""
    policy.require_actor(actor, "reintegration.add_assistanceitem", obj=case)
    if type not in AssistanceType.values:
        raise ValidationError({"type": f"Unknown assistance type {type!r}"})
    amount, currency = _money(amount, currency)
    item = AssistanceItem.objects.create(
        organisation=case.organisation,
        case=case,
        type=type,
        description=description[:200],
        amount=amount,
        currency=currency,
        planned_on=_date(planned_on, "planned_on") or timezone.localdate(),
        provider=provider[:200],
        evidence_reference=evidence_reference[:200],
        is_sample=is_sample,
    )
    audit.record(actor=actor, action="assistance.create", obj=item, detail={"type": type})
    return item


@service
def assistance_item_deliver(
    *,
    actor: Actor,
    item: AssistanceItem,
    delivered_on=None,
    amount=None,
    currency: str = "",
    provider: str = "",
    evidence_reference: str = "",
    evidence_file=None,
) -> AssistanceItem:
    """Record delivery, with evidence (a file or a reference); the actual amount may differ."""
    policy.require_actor(actor, "reintegration.deliver_assistanceitem", obj=item)
    before = audit.snapshot(item, DELIVERY_FIELDS)
    if item.status == AssistanceStatus.CANCELLED:
        raise ValidationError({"status": "A cancelled item cannot be delivered"})
    delivered_on = _date(delivered_on, "delivered_on") or timezone.localdate()
    if delivered_on > timezone.localdate():
        raise ValidationError({"delivered_on": "Delivery cannot be in the future"})
    if amount not in (None, ""):
        item.amount, item.currency = _money(amount, currency or item.currency)
    if provider:
        item.provider = provider[:200]
    if evidence_reference:
        item.evidence_reference = evidence_reference[:200]
    if evidence_file is not None:
        item.evidence_file = evidence_file
    if not (item.evidence_reference or item.evidence_file):
        raise ValidationError({"evidence": "Delivery needs evidence: a file or a reference"})
    item.status = AssistanceStatus.DELIVERED
    item.delivered_on = delivered_on
    item.save()
    changed = audit.changes(before, item, DELIVERY_FIELDS, redact=DELIVERY_FREE_TEXT)
    detail = {"type": item.type, "changed": changed}
    audit.record(actor=actor, action="assistance.deliver", obj=item, detail=detail)
    return item


# What a delivery may change. A provider or an evidence reference or file name
# can name a person: the audit log records only that it changed.
DELIVERY_FIELDS = (
    "status",
    "delivered_on",
    "amount",
    "currency",
    "provider",
    "evidence_reference",
    "evidence_file",
)
DELIVERY_FREE_TEXT = ("provider", "evidence_reference", "evidence_file")


@service
def assistance_item_cancel(
    *, actor: Actor, item: AssistanceItem, reason: str = ""
) -> AssistanceItem:
    policy.require_actor(actor, "reintegration.change_assistanceitem", obj=item)
    if item.status == AssistanceStatus.DELIVERED:
        raise ValidationError({"status": "Delivered assistance cannot be cancelled"})
    item.status = AssistanceStatus.CANCELLED
    item.save(update_fields=["status"])
    audit.record(actor=actor, action="assistance.cancel", obj=item, detail={"reason": reason[:100]})
    return item


def referral_consent_for(case: Case, *, to_organisation: Organisation | None):
    """The consent a referral needs, or None.

    To an organisation: data-sharing consent naming it (the referral passes data).
    To a public service point: counselling consent (no data leaves the system;
    the person is told where to go).
    """
    if to_organisation is not None:
        return active_consent(case, ConsentPurpose.DATA_SHARING, partner=to_organisation)
    return active_consent(case, ConsentPurpose.COUNSELLING)


@service
def referral_create(
    *,
    actor: Actor,
    case: Case,
    to_organisation: Organisation | None = None,
    service_point_uuid=None,
    service_point_name: str = "",
    assistance_type: str = "",
    note: str = "",
    override_reason: str = "",
    sent_on=None,
    is_sample: bool = False,
) -> Referral:
    """Refer a case. Without matching consent it is refused with the reason,
    unless a caseworker records an override with a reason (audited)."""
    policy.require_actor(actor, "reintegration.add_referral", obj=case)
    if (to_organisation is None) == (service_point_uuid in (None, "")):
        raise ValidationError({"destination": "Refer to exactly one organisation or service point"})
    if to_organisation is not None and to_organisation == case.organisation:
        raise ValidationError({"to_organisation": "Refer to another organisation"})
    if service_point_uuid not in (None, ""):
        try:
            service_point_uuid = uuid_module.UUID(str(service_point_uuid))
        except ValueError as exc:
            raise ValidationError({"service_point_uuid": "Not a UUID"}) from exc
    if assistance_type and assistance_type not in AssistanceType.values:
        raise ValidationError({"assistance_type": f"Unknown assistance type {assistance_type!r}"})
    consent = referral_consent_for(case, to_organisation=to_organisation)
    override_reason = (override_reason or "").strip()
    if consent is None:
        if not override_reason:
            needed = (
                f"an active data-sharing consent naming {to_organisation}"
                if to_organisation is not None
                else "an active counselling consent"
            )
            raise ConsentMissing({"consent": f"Referral refused: the case has no {needed}."})
        policy.require_actor(actor, "reintegration.override_referral_consent", obj=case)
    if service_point_uuid not in (None, ""):
        # The point must be one the portal publishes (keyed by its page's
        # translation key); its name is taken from there when none is given.
        versions = list(
            SearchDocument.objects.filter(
                kind=DocumentKind.SERVICE_POINT, translation_key=service_point_uuid
            ).only("title", "locale")
        )
        if not versions:
            raise ValidationError({"service_point_uuid": "No published service point has this id"})
        # The name in the site's default language, when the point has a version in it.
        default = [v for v in versions if v.locale == settings.LANGUAGE_CODE]
        point = (default or versions)[0]
        service_point_name = service_point_name or point.title
    referral = Referral.objects.create(
        organisation=case.organisation,
        case=case,
        to_organisation=to_organisation,
        service_point_uuid=service_point_uuid or None,
        service_point_name=service_point_name[:200],
        assistance_type=assistance_type,
        note=note,
        consent=consent,
        consent_override_reason="" if consent else override_reason[:300],
        sent_on=_date(sent_on, "sent_on") or timezone.localdate(),
        is_sample=is_sample,
    )
    detail: dict[str, object] = {
        "to": str(to_organisation.uuid) if to_organisation else str(service_point_uuid)
    }
    if consent is None:
        detail["consent_override"] = True
    audit.record(actor=actor, action="referral.create", obj=referral, detail=detail)
    if to_organisation is not None:
        # The receiving organisation's log shows the referral too.
        audit.record(
            actor=actor, action="referral.received", obj=referral, organisation=to_organisation
        )
    return referral


@service
def referral_status_set(
    *, actor: Actor, referral: Referral, status: str, note: str = "", reason: str = ""
) -> Referral:
    """Accept / decline (receiving org) or complete (either side).

    A decline needs a ``reason`` (a DeclineReason code the sender sees; "other"
    needs the note too), so the sender knows what to do next.
    """
    if status not in ReferralStatus.values:
        raise ValidationError({"status": f"Unknown status {status!r}"})
    if status == ReferralStatus.DECLINED:
        if reason not in DeclineReason.values:
            raise ValidationError({"reason": "Say why the referral is declined"})
        if reason == DeclineReason.OTHER and not note.strip():
            raise ValidationError({"note": "Explain the other reason in the note"})
    elif reason:
        raise ValidationError({"reason": "Only a decline carries a reason"})
    receiver = referral.to_organisation
    acting_for_receiver = receiver is not None and policy.has_perm(
        actor, "reintegration.answer_referral", org=receiver
    )
    if status in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED):
        if receiver is None:
            # A service point answers outside the system; the sender records it.
            policy.require_actor(actor, "reintegration.add_referral", obj=referral)
        elif not acting_for_receiver:
            # The sender can see the referral, so a refusal (not a 404) is honest here.
            raise PermissionDenied("Only the receiving organisation answers a referral")
    elif not acting_for_receiver:
        policy.require_actor(actor, "reintegration.add_referral", obj=referral)
    if status not in REFERRAL_TRANSITIONS[ReferralStatus(referral.status)]:
        raise ValidationError(
            {"status": f"A referral that is {referral.status} cannot become {status}"}
        )
    today = timezone.localdate()
    answer_fields = ("status", "answered_on", "completed_on", "decline_reason", "answer_note")
    before = audit.snapshot(referral, answer_fields)
    referral.status = status
    referral.decline_reason = reason if status == ReferralStatus.DECLINED else ""
    if status == ReferralStatus.COMPLETED:
        referral.completed_on = today
    else:
        referral.answered_on = today
    if note:
        referral.answer_note = note[:300]
    referral.save()
    # The answer note is free text: only that it changed.
    changed = audit.changes(before, referral, answer_fields, redact={"answer_note"})
    for org in {referral.organisation, receiver} - {None}:
        audit.record(
            actor=actor,
            action="referral.status",
            obj=referral,
            organisation=org,
            detail={"status": status, "changed": changed},
        )
    return referral


@service
def referral_assign(*, actor: Actor, referral: Referral, membership: Membership | None) -> Referral:
    """The receiving organisation names who takes the referral on (None: nobody).

    Only the receiver assigns, and only to one of its own members who may
    answer referrals; the sender sees that it is assigned, not to whom.
    """
    receiver = referral.to_organisation
    if receiver is None or not policy.has_perm(
        actor, "reintegration.answer_referral", org=receiver
    ):
        raise PermissionDenied("Only the receiving organisation assigns a referral")
    if referral.status not in (ReferralStatus.SENT, ReferralStatus.ACCEPTED):
        raise ValidationError(
            {"assigned_to": f"A referral that is {referral.status} is no longer assigned"}
        )
    if membership is not None and (
        membership.organisation_id != receiver.pk
        or not policy.has_perm(membership.user, "reintegration.answer_referral", org=receiver)
    ):
        raise ValidationError(
            {"assigned_to": "Choose a member of your organisation who answers referrals"}
        )
    before = audit.snapshot(referral, ("assigned_to_id",))
    referral.assigned_to = membership
    referral.save(update_fields=["assigned_to"])
    audit.record(
        actor=actor,
        action="referral.assign",
        obj=referral,
        organisation=receiver,
        detail={"changed": audit.changes(before, referral, ("assigned_to_id",))},
    )
    return referral


def referral_assignees(referral: Referral):
    """Memberships of the receiver that may take the referral on (for the form)."""
    receiver = referral.to_organisation
    if receiver is None:
        return Membership.objects.none()
    # One query, not a permission check per member: the roles whose group in the
    # receiver holds the permission (referral_assign still asks the policy).
    roles = OrgGroup.objects.filter(
        organisation=receiver,
        group__permissions__content_type__app_label="reintegration",
        group__permissions__codename="answer_referral",
    ).values("role")
    return Membership.objects.filter(
        organisation=receiver, role__in=roles, user__is_active=True
    ).select_related("user")
