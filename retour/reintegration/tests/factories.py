"""factory_boy factories for assistance and referrals."""

from __future__ import annotations

import datetime

import factory

from retour.cases.tests.factories import CaseFactory
from retour.reintegration.models import AssistanceItem, AssistanceType, Referral


class AssistanceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssistanceItem

    case = factory.SubFactory(CaseFactory)
    organisation = factory.LazyAttribute(lambda o: o.case.organisation)
    type = AssistanceType.CASH
    amount = 500
    currency = "EUR"
    planned_on = factory.LazyFunction(lambda: datetime.date(2026, 2, 1))


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    case = factory.SubFactory(CaseFactory)
    organisation = factory.LazyAttribute(lambda o: o.case.organisation)
    service_point_uuid = factory.Faker("uuid4", cast_to=None)
    service_point_name = "Sample service point"
    consent_override_reason = "test fixture"
    sent_on = factory.LazyFunction(lambda: datetime.date(2026, 2, 1))
