"""Demo data for monitoring surveys: the sample form, rounds and SAMPLE answers.

Runs after the cases and reintegration loaders. Adds its own SAMPLE cases
(numbers ``SAMPLE-M-…``, no identity) so the analytics pages have enough
people to show rates; every answer is generated from a fixed seed and marked
sample. Idempotent: a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from retour.cases import services as case_services
from retour.cases.models import AgeBand, Case, ConsentPurpose, Gender, Vulnerability
from retour.core.actors import SystemActor
from retour.reintegration import services as reintegration
from retour.reintegration.models import AssistanceItem, AssistanceType

from . import selectors, services
from .models import MonitoringRound, RoundStatus
from .sample import sample_answers
from .xlsform import SAMPLE_FORM as FORM_PATH

ACTOR = SystemActor.demo()
SEED = 2015
SAMPLE_CASES = 240
COUNTRIES = ["AF", "IQ", "NG", "GE", "AL", "SN"]
# Share of rounds already due that stay unanswered (they show as overdue).
UNANSWERED = 0.12


def _sample_cases(org, context) -> int:
    rng = random.Random(SEED)
    today = timezone.localdate()
    existing = set(
        Case.objects.for_org(org)
        .filter(case_number__startswith="SAMPLE-M-")
        .values_list("case_number", flat=True)
    )
    created = 0
    for i in range(SAMPLE_CASES):
        number = f"SAMPLE-M-{i:04d}"
        arrival = today - dt.timedelta(days=rng.randint(60, 720))
        country = rng.choice(COUNTRIES)
        community = rng.random() < 0.6
        gender = rng.choice([Gender.FEMALE, Gender.MALE, Gender.MALE])
        age = rng.choice(
            [AgeBand.AGE_18_24, AgeBand.AGE_25_34, AgeBand.AGE_35_49, AgeBand.AGE_50_64]
        )
        vulns = [rng.choice(Vulnerability.values)] if rng.random() < 0.25 else []
        if number in existing:
            continue
        case = case_services.case_create(
            actor=ACTOR,
            organisation=org,
            country_of_return=country,
            case_number=number,
            opened_on=arrival - dt.timedelta(days=60),
            stage="6_monitoring",
            vulnerabilities=vulns,
            is_sample=True,
            departure_date=arrival,
            arrival_date=arrival,
            returned_to_community_of_origin=community,
            gender=gender,
            age_band=age,
            notes="SAMPLE case generated for the monitoring demo.",
        )
        case_services.consent_record(
            actor=ACTOR,
            case=case,
            purpose=ConsentPurpose.MONITORING,
            version="sample-1",
            given_on=arrival - dt.timedelta(days=30),
        )
        created += 1
    return created


def _sample_assistance(org, caseworker) -> int:
    """Delivered SAMPLE assistance (no amounts) for the analytics' assistance grouping,
    through the reintegration app's own services."""
    done = set(
        AssistanceItem.objects.for_org(org)
        .filter(case__case_number__startswith="SAMPLE-M-")
        .values_list("case_id", flat=True)
    )
    types = [
        AssistanceType.CASH,
        AssistanceType.BUSINESS,
        AssistanceType.VOCATIONAL_TRAINING,
        AssistanceType.MEDICAL,
        AssistanceType.HOUSING,
        AssistanceType.PSYCHOSOCIAL,
    ]
    created = 0
    cases = Case.objects.for_org(org).filter(case_number__startswith="SAMPLE-M-").order_by("id")
    for case in cases:
        if case.pk in done:
            continue
        rng = random.Random(f"{SEED}:assist:{case.case_number}")
        for kind in rng.sample(types, rng.choice([0, 1, 1, 2])):
            item = reintegration.assistance_item_create(
                actor=caseworker,
                case=case,
                type=kind,
                is_sample=True,
                description="SAMPLE assistance for the monitoring demo",
                planned_on=case.arrival_date,
            )
            reintegration.assistance_item_deliver(
                actor=caseworker,
                item=item,
                delivered_on=case.arrival_date + dt.timedelta(days=rng.randint(7, 50)),
                evidence_reference="SAMPLE",
            )
            created += 1
    return created


def _answers(org, form) -> int:
    today = timezone.localdate()
    due = (
        MonitoringRound.objects.for_org(org)
        .filter(status=RoundStatus.SCHEDULED, due_on__lte=today, case__is_sample=True)
        .select_related("case")
        .order_by("id")
    )
    consented = selectors.monitoring_consent_case_ids(org)
    ready = []
    for r in due:
        if r.case_id not in consented:
            continue
        rng = random.Random(f"{SEED}:{r.case.case_number}:{r.months_after_arrival}")
        if rng.random() < UNANSWERED:
            continue
        interview = min(today, r.due_on + dt.timedelta(days=rng.randint(0, 20)))
        ready.append(
            {
                "case_id": r.case_id,
                "round_id": r.pk,
                "answers": sample_answers(
                    seed=SEED,
                    case_number=r.case.case_number,
                    months=r.months_after_arrival,
                    community=r.case.returned_to_community_of_origin,
                    interview=interview,
                ),
                "submitted_on": interview,
            }
        )
    if not ready:
        return 0
    return services.sample_submissions_create(actor=ACTOR, organisation=org, form=form, ready=ready)


def load(*, context) -> None:
    for org in (context.org_a, context.org_b):
        form = services.survey_form_create(
            actor=ACTOR,
            organisation=org,
            data=FORM_PATH.read_bytes(),
            filename=FORM_PATH.name,
            is_sample=True,
        )
        services.index_definitions_ensure_builtin(actor=ACTOR, organisation=org)
        added = _sample_cases(org, context) if org == context.org_a else 0
        caseworker = context.users.get(("a", "caseworker"))
        if org == context.org_a and caseworker is not None:
            _sample_assistance(org, caseworker)
        rounds = services.monitoring_rounds_schedule(actor=ACTOR, organisation=org, is_sample=True)
        answered = _answers(org, form)
        context.log(
            f"surveys: {org}: {added} SAMPLE cases, {rounds['scheduled']} rounds planned, "
            f"{answered} SAMPLE submissions"
        )
