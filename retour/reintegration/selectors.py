"""Reads for assistance and referrals, including what a receiving org may see."""

from __future__ import annotations

from django.db.models import Q

from retour.cases.models import ConsentPurpose, SharingScope
from retour.cases.services import active_consent

from .models import AssistanceItem, Referral


def assistance_for_case(case):
    return AssistanceItem.objects.filter(case=case).order_by("planned_on", "id")


def referrals_for_case(case):
    return Referral.objects.filter(case=case).select_related("to_organisation")


def referrals_sent(organisation):
    return Referral.objects.for_org(organisation).select_related("case", "to_organisation")


def referrals_received(organisation):
    """Referrals other organisations sent to this one (not org-owned by it)."""
    if organisation is None:
        return Referral.objects.none()
    return (
        Referral.objects.filter(to_organisation=organisation)
        .exclude(Q(organisation=organisation))
        .select_related("case", "organisation")
    )


def shared_views(referrals) -> list[dict]:
    """Receiver views for many referrals in a fixed number of queries (list pages)."""
    from retour.cases.models import Consent

    referrals = list(
        referrals.select_related("case", "organisation").prefetch_related(
            "case__vulnerabilities", "case__assistance_items"
        )
    )
    scopes: dict[tuple[int, int | None], set[str]] = {}
    consents = Consent.objects.filter(
        case_id__in={r.case_id for r in referrals},
        purpose=ConsentPurpose.DATA_SHARING,
        withdrawn_at__isnull=True,
    ).order_by("given_on", "id")
    for consent in consents:  # latest consent per (case, partner) wins, as in active_consent
        scopes[(consent.case_id, consent.partner_id)] = set(consent.scope or [])
    out = []
    for r in referrals:
        scope = scopes.get((r.case_id, r.to_organisation_id))
        if scope is None:
            scope = _override_scope(r)
        out.append(referral_shared_view(r, scope=scope))
    return out


def _override_scope(referral: Referral) -> set[str]:
    if referral.consent_id is None and referral.consent_override_reason:
        return {SharingScope.NEEDS.value}
    return set()


def shared_scope(referral: Referral) -> set[str]:
    """What the receiving organisation may see, read live so a withdrawal bites at once.

    A referral sent under an override (no consent) shares only the needs note.
    """
    if referral.to_organisation_id is None:
        return set()
    consent = active_consent(
        referral.case, ConsentPurpose.DATA_SHARING, partner=referral.to_organisation
    )
    if consent is not None:
        return set(consent.scope or [])
    return _override_scope(referral)


def referral_shared_view(referral: Referral, *, scope: set[str] | None = None) -> dict:
    """The receiving organisation's view: never identity, only the consented scope."""
    case = referral.case
    scope = shared_scope(referral) if scope is None else scope
    view: dict = {
        "uuid": str(referral.uuid),
        "from_organisation": referral.organisation.name,
        "status": referral.status,
        "decline_reason": referral.decline_reason,
        "sent_on": referral.sent_on.isoformat(),
        "assistance_type": referral.assistance_type,
        "scope": sorted(scope),
    }
    if SharingScope.NEEDS in scope:
        view["note"] = referral.note
    if SharingScope.PROFILE in scope:
        view["profile"] = {
            "case_number": case.case_number,
            "country_of_return": case.country_of_return,
            "region_of_return": case.region_of_return,
            "arrival_date": case.arrival_date.isoformat() if case.arrival_date else None,
            "age_band": case.age_band,
            "gender": case.gender,
        }
    if SharingScope.VULNERABILITIES in scope:
        view["vulnerabilities"] = [v.kind for v in case.vulnerabilities.all()]
    if SharingScope.ASSISTANCE in scope:
        view["assistance"] = [
            {
                "type": i.type,
                "status": i.status,
                "amount": str(i.amount) if i.amount is not None else None,
                "currency": i.currency,
            }
            for i in case.assistance_items.all()
        ]
    return view
