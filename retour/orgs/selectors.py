"""Reads for organisations, memberships and the audit log."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from retour.core.models import AuditEvent

from . import policy
from .models import Membership, Organisation


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation).select_related("user")


def audit_events_visible_to(
    *,
    user,
    organisation: Organisation | None = None,
    action: str = "",
    actor: str = "",
    kind: str = "",
    object_type: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events of the organisations where ``user`` may view the log."""
    orgs = policy.orgs_with_perm(user, "core.view_auditevent")
    events = AuditEvent.objects.all()
    if not user.is_superuser:
        events = events.filter(organisation__in=orgs)
    if organisation is not None:
        events = events.filter(organisation=organisation)
    filters = {"action": action, "actor": actor, "kind": kind, "object_type": object_type}
    return audit_events_filter(events, **filters, since=since, until=until)


def audit_events_filter(
    events: QuerySet[AuditEvent],
    *,
    action: str = "",
    actor: str = "",
    kind: str = "",
    object_type: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """Narrow audit events by the audit log's filters (empty values: no filter)."""
    if action:
        events = events.filter(action__startswith=action)
    if actor:
        events = events.filter(actor_label__icontains=actor)
    if kind:
        events = events.filter(kind=kind)
    if object_type:
        events = events.filter(object_type=object_type)
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events.select_related("organisation")
