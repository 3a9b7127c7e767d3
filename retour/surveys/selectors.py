"""Reads for monitoring surveys. Views and the API call these, never raw queries."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from retour.cases.models import Consent, ConsentPurpose

from .models import (
    ImportJob,
    IndexDefinition,
    MonitoringRound,
    RoundStatus,
    SurveyForm,
)


def monitoring_consent_case_ids(organisation, case_ids=None) -> set[int]:
    """Ids of the organisation's cases with an active monitoring-survey consent.

    Read live from the consent rows, so a withdrawal takes effect at once.
    """
    qs = Consent.objects.filter(
        case__organisation=organisation,
        purpose=ConsentPurpose.MONITORING,
        withdrawn_at__isnull=True,
    )
    if case_ids is not None:
        qs = qs.filter(case_id__in=list(case_ids))
    return set(qs.values_list("case_id", flat=True))


def has_monitoring_consent(case) -> bool:
    return Consent.objects.filter(
        case=case, purpose=ConsentPurpose.MONITORING, withdrawn_at__isnull=True
    ).exists()


def rounds_for_org(organisation, *, status: str = "", overdue_only: bool = False, today=None):
    today = today or timezone.localdate()
    qs = MonitoringRound.objects.for_org(organisation).select_related("case")
    if status in RoundStatus.values:
        qs = qs.filter(status=status)
    if overdue_only:
        qs = qs.filter(status=RoundStatus.SCHEDULED, due_on__lt=today)
    return qs.order_by("due_on", "id")


def overdue_count(organisation, today=None) -> int:
    today = today or timezone.localdate()
    return (
        MonitoringRound.objects.for_org(organisation)
        .filter(status=RoundStatus.SCHEDULED, due_on__lt=today)
        .count()
    )


def days_overdue(round_: MonitoringRound, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    if round_.status != RoundStatus.SCHEDULED:
        return 0
    return max(0, (today - round_.due_on).days)


def forms_for_org(organisation):
    return SurveyForm.objects.for_org(organisation).defer("xlsform")


def current_form(organisation) -> SurveyForm | None:
    """The form web entry uses: the most recently added one."""
    return forms_for_org(organisation).order_by("-created_at", "-id").first()


def definitions_for_org(organisation):
    return IndexDefinition.objects.for_org(organisation).order_by("slug", "-created_at", "-id")


def current_definitions(organisation) -> list[IndexDefinition]:
    """The latest stored version of each definition slug of the organisation."""
    latest: dict[str, IndexDefinition] = {}
    for definition in definitions_for_org(organisation):
        latest.setdefault(definition.slug, definition)
    return list(latest.values())


def import_jobs_for_org(organisation):
    return ImportJob.objects.for_org(organisation).select_related("form")
