"""Factories for monitoring surveys. Cases come from the cases app's factories."""

from __future__ import annotations

import datetime as dt

import factory

from retour.cases.models import ConsentPurpose
from retour.cases.tests.factories import CaseFactory, ConsentFactory
from retour.core.actors import SystemActor
from retour.surveys import services
from retour.surveys.models import MonitoringRound
from retour.surveys.xlsform import SAMPLE_FORM

FORM_PATH = SAMPLE_FORM

GOOD_ANSWERS = {
    "interview_date": "2026-05-02",
    "econ_employed": "yes",
    "econ_income_sources": "2",
    "econ_situation": "better",
    "econ_debt": "none",
    "econ_housing": "rent",
    "soc_local_network": "yes",
    "soc_transnational": "no",
    "soc_participation": "often",
    "soc_perception": "neutral",
    "soc_membership": "no",
    "safe_home": "safe",
    "safe_community": "somewhat_safe",
    "safe_trust_gov": "some",
    "safe_justice": "yes",
    "safe_harassed": "no",
    "psy_wellbeing": "4",
    "psy_belonging": "yes",
}


def sample_form(organisation, **kwargs):
    return services.survey_form_create(
        actor=SystemActor.cli("test"),
        organisation=organisation,
        data=FORM_PATH.read_bytes(),
        filename="monitoring_2015.xlsx",
        **kwargs,
    )


def monitored_case(organisation, *, arrival=dt.date(2026, 1, 10), consent=True, **kwargs):
    """A case that arrived, consented to monitoring and has its 3/6/12-month rounds."""
    case = CaseFactory(organisation=organisation, arrival_date=arrival, **kwargs)
    if consent:
        ConsentFactory(case=case, purpose=ConsentPurpose.MONITORING)
    services.monitoring_rounds_schedule(actor=SystemActor.cli("test"), organisation=organisation)
    return case


class MonitoringRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonitoringRound

    case = factory.SubFactory(CaseFactory)
    organisation = factory.SelfAttribute("case.organisation")
    months_after_arrival = 3
    due_on = factory.LazyFunction(lambda: dt.date(2026, 4, 10))
