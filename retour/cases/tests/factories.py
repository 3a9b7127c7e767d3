"""factory_boy factories for case records (pseudonymous; identities are obviously fake)."""

from __future__ import annotations

import datetime

import factory

from retour.cases.models import Case, CaseIdentity, Consent, ConsentPurpose, Stage
from retour.testing.factories import OrganisationFactory


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    organisation = factory.SubFactory(OrganisationFactory)
    case_number = factory.Sequence(lambda n: f"T-{n:05d}")
    stage = Stage.COUNSELLING
    country_of_return = "AF"
    opened_on = factory.LazyFunction(lambda: datetime.date(2026, 1, 15))


class CaseIdentityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseIdentity

    case = factory.SubFactory(CaseFactory)
    given_name = "Sample"
    family_name = factory.Sequence(lambda n: f"Person {n:02d}")
    phone = "+00 000 000 000"


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    case = factory.SubFactory(CaseFactory)
    purpose = ConsentPurpose.COUNSELLING
    version = "1.0"
    given_on = factory.LazyFunction(lambda: datetime.date(2026, 1, 15))
