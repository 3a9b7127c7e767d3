"""Reads for case records. Identity reads check the policy and are audited."""

from __future__ import annotations

import datetime
import decimal
import uuid as uuid_module
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Count
from django.db.models.fields.files import FieldFile

from retour.core import audit
from retour.core.actors import Actor
from retour.orgs import policy

from .models import Case, CaseIdentity, Consent, ConsentPurpose, Stage, Vulnerability
from .services import retention_days, retention_deadlines

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# What each vulnerability adds to a case: extra steps for the caseworker and
# assistance to consider. Shown on the case page; kept as data, not templates.
VULNERABILITY_STEPS: dict[str, dict[str, list[str]]] = {
    Vulnerability.TRAFFICKING: {
        "steps": [
            "Risk assessment of re-trafficking before departure",
            "Safe reception arranged at arrival (no public pick-up)",
            "Check eligibility for specialised anti-trafficking programmes",
        ],
        "assistance": ["psychosocial", "legal", "housing"],
    },
    Vulnerability.UNACCOMPANIED_MINOR: {
        "steps": [
            "Best-interests determination by the guardian",
            "Family tracing and assessment before return",
            "Handover to a guardian or child-protection authority at arrival",
        ],
        "assistance": ["education", "psychosocial"],
    },
    Vulnerability.SERIOUS_HEALTH: {
        "steps": [
            "Fit-to-travel assessment and medical escort if needed",
            "Continuity of treatment and medicine supply in the country of return",
        ],
        "assistance": ["medical"],
    },
    Vulnerability.ELDERLY: {
        "steps": ["Assisted travel and reception", "Check access to pension or social protection"],
        "assistance": ["medical", "housing"],
    },
    Vulnerability.SINGLE_PARENT: {
        "steps": ["Childcare during appointments", "School enrolment for the children"],
        "assistance": ["education", "cash"],
    },
    Vulnerability.DISABILITY: {
        "steps": ["Accessible travel arrangements", "Referral to disability services"],
        "assistance": ["medical", "vocational_training"],
    },
    Vulnerability.TORTURE: {
        "steps": [
            "Specialised psychological assessment",
            "Check the return does not expose the person to the same risk",
        ],
        "assistance": ["psychosocial", "medical", "legal"],
    },
}


def cases_for_org(organisation):
    """Case list with vulnerabilities prefetched and assistance counted (no identity)."""
    qs = (
        Case.objects.for_org(organisation)
        .prefetch_related("vulnerabilities")
        .order_by("-opened_on", "-id")
    )
    # Reintegration adds assistance items with related_name "assistance_items".
    if any(rel.get_accessor_name() == "assistance_items" for rel in Case._meta.related_objects):
        qs = qs.annotate(assistance_count=Count("assistance_items", distinct=True))
    return qs


def filter_cases(qs, *, stage: str = "", country: str = "", vulnerability: str = ""):
    if stage in Stage.values:
        qs = qs.filter(stage=stage)
    if country:
        qs = qs.filter(country_of_return=country.upper()[:2])
    if vulnerability in Vulnerability.values:
        qs = qs.filter(vulnerabilities__kind=vulnerability)
    return qs


def stage_counts(organisation) -> list[tuple[str, StrOrPromise, int]]:
    counts = dict(
        Case.objects.for_org(organisation).values_list("stage").annotate(n=Count("id")).order_by()
    )
    return [(value, label, counts.get(value, 0)) for value, label in Stage.choices]


def case_extra_steps(case: Case) -> list[dict]:
    out = []
    for v in case.vulnerabilities.all():
        entry = VULNERABILITY_STEPS.get(v.kind, {})
        out.append(
            {
                "vulnerability": v.get_kind_display(),
                "steps": entry.get("steps", []),
                "assistance": entry.get("assistance", []),
            }
        )
    return out


def case_consents(case: Case):
    return Consent.objects.filter(case=case).select_related("partner")


def case_active_purposes(case: Case) -> set[str]:
    return set(
        Consent.objects.filter(case=case, withdrawn_at__isnull=True).values_list(
            "purpose", flat=True
        )
    )


def case_timeline(case: Case):
    return case.events.all()


def case_identity_read(*, actor: Actor, case: Case, purpose: str = "view") -> CaseIdentity | None:
    """The identity of a case, for a caseworker of the owning organisation.

    Raises 404/403 through the policy otherwise. Every successful read is
    audited, also when the case has no identity recorded.
    """
    policy.require_actor(actor, "cases.view_identity", obj=case)
    identity = CaseIdentity.objects.filter(case=case).first()
    audit.record_read(
        actor=actor,
        obj=case,
        action="case.identity.read",
        detail={"purpose": purpose, "present": identity is not None},
    )
    return identity


def _jsonable(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid_module.UUID)):
        return str(value)
    if isinstance(value, models.Model):
        return str(getattr(value, "uuid", value.pk))
    if isinstance(value, FieldFile):
        return value.name or None
    return value


def _row(obj: models.Model, exclude=("id",)) -> dict:
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        if field.is_relation:
            target = getattr(obj, field.name)
            data[field.name] = None if target is None else _jsonable(target)
        else:
            data[field.name] = _jsonable(getattr(obj, field.attname))
    return data


def case_subject_access_export(*, actor: Actor, case: Case) -> dict:
    """Everything held about the person (GDPR art. 15), identity included. Audited."""
    policy.require_actor(actor, "cases.export_case", obj=case)
    identity = case_identity_read(actor=actor, case=case, purpose="subject_access_export")
    export: dict = {
        "format": "retour-subject-access/1",
        "organisation": case.organisation.name,
        "case": _row(case),
        "identity": _row(identity, exclude=("id", "case")) if identity else None,
        "related": {},
    }
    # Every model that points at the case (consents, timeline, assistance, surveys…),
    # so a new app's data is exported without touching this function.
    for rel in Case._meta.related_objects:
        if rel.related_model is CaseIdentity:
            continue
        accessor = rel.get_accessor_name()
        if rel.one_to_one or accessor is None:  # None: a relation without a reverse accessor
            continue
        manager = getattr(case, accessor)
        export["related"][rel.related_model._meta.label_lower] = [
            _row(obj) for obj in manager.all()
        ]
    audit.record(actor=actor, action="case.export", obj=case, detail={"kind": "subject_access"})
    return export


def retention_schedule(organisation, *, today: datetime.date, soon_days: int = 30) -> dict:
    """What the next retention runs will do to this organisation's closed
    cases: how many are past their deadline now, how many fall due within
    ``soon_days``, how many are kept longer. Counts only, no identities."""
    days = retention_days(organisation)
    closed = list(Case.objects.for_org(organisation).filter(closed_on__isnull=False))
    active: dict[int, set[str]] = {case.pk: set() for case in closed}
    for case_id, purpose in Consent.objects.filter(
        case__in=closed, withdrawn_at__isnull=True
    ).values_list("case_id", "purpose"):
        active[case_id].add(purpose)
    soon = today + datetime.timedelta(days=soon_days)
    counts = {"erase_now": 0, "pseudonymise_now": 0, "due_soon": 0, "later": 0}
    for case in closed:
        deadlines = retention_deadlines(case, days, active[case.pk])
        if deadlines is None:  # not closed after all
            continue
        pseudonymise_on, erase_on = deadlines
        if today >= erase_on:
            counts["erase_now"] += 1
        elif today >= pseudonymise_on and case.pseudonymised_at is None:
            counts["pseudonymise_now"] += 1
        elif min(erase_on, pseudonymise_on if case.pseudonymised_at is None else erase_on) <= soon:
            counts["due_soon"] += 1
        else:
            counts["later"] += 1
    return {"days": days, "closed": len(closed), "soon_days": soon_days, **counts}


__all__ = [
    "VULNERABILITY_STEPS",
    "ConsentPurpose",
    "case_active_purposes",
    "case_consents",
    "case_extra_steps",
    "case_identity_read",
    "case_subject_access_export",
    "case_timeline",
    "cases_for_org",
    "filter_cases",
    "retention_schedule",
    "stage_counts",
]
