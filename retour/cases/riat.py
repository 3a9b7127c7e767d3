"""What a RIAT report needs, per case: the three Key Moments and their figures.

Partners already report on RIAT's Key Moments (``RIAT_KEY_MOMENTS``): KM1 the
application (the decision at counselling), KM2 arrival with a reintegration
plan and budget, KM3 the final report at closure. This export gives each case
of the organisation (its own and those received in a handover) one row with
the date each moment was reached, taken from the case timeline, plus the
pseudonymous profile and the plan's budget. No identity, no free text: the
final report's text stays in Retour, the row says whether there is one.
Cells go through ``retour.core.tabular`` (formula-injection escaping).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Min, Q, QuerySet

from .models import RIAT_KEY_MOMENTS, Case, Stage, StageEvent

HEADER = [
    "case_number", "country_of_return", "region_of_return", "gender", "age_band",
    "vulnerabilities", "current_stage", "current_key_moment", "km1_application_on",
    "km2_arrival_with_plan_on", "arrival_date", "plan_budget", "plan_currency",
    "assistance_delivered", "km3_final_report_on", "has_final_report", "is_sample",
]  # fmt: skip


def riat_queryset(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The rows with each Key Moment's date annotated: one query, whatever the count."""
    stage_events = Q(events__kind=StageEvent.Kind.STAGE)
    annotated = cases.annotate(
        km1_on=Min("events__occurred_on", filter=stage_events & Q(events__stage=Stage.COUNSELLING)),
        km2_on=Min("events__occurred_on", filter=stage_events & Q(events__stage=Stage.PLAN)),
    ).prefetch_related("vulnerabilities")
    if any(rel.get_accessor_name() == "assistance_items" for rel in Case._meta.related_objects):
        annotated = annotated.annotate(
            delivered=Count(
                "assistance_items",
                filter=Q(assistance_items__status="delivered"),
                distinct=True,
            )
        )
    return annotated


def _current_key_moment(stage: str) -> str:
    """The last Key Moment the case has reached ("" before KM1 is recorded)."""
    reached = ""
    for value in Stage.values:
        if value in RIAT_KEY_MOMENTS:
            reached = RIAT_KEY_MOMENTS[value][0]
        if value == stage:
            break
    return reached


def riat_rows(cases: QuerySet[Case]) -> Iterator[list[Any]]:
    for case in riat_queryset(cases).iterator(chunk_size=500):
        km1 = getattr(case, "km1_on", None) or case.opened_on
        km2 = getattr(case, "km2_on", None)
        yield [
            case.case_number,
            case.country_of_return,
            case.region_of_return,
            case.gender,
            case.age_band,
            ";".join(v.kind for v in case.vulnerabilities.all()),
            case.stage,
            _current_key_moment(case.stage),
            km1.isoformat(),
            km2.isoformat() if km2 else "",
            case.arrival_date.isoformat() if case.arrival_date else "",
            str(case.plan_budget) if case.plan_budget is not None else "",
            case.plan_currency,
            getattr(case, "delivered", 0),
            case.closed_on.isoformat() if case.closed_on else "",
            bool(case.final_report.strip()),
            case.is_sample,
        ]
