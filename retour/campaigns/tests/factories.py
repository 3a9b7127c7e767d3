"""factory_boy factories for campaign records (tests build through the ORM)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from retour.campaigns.models import Campaign, CostComponent, ReachFigure, SurveyStudy
from retour.testing.factories import OrganisationFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Test campaign {n}")
    countries = factory.LazyFunction(lambda: ["AM"])
    actual_start = dt.date(2014, 3, 1)
    actual_end = dt.date(2014, 9, 30)
    cost_total = Decimal("10000")
    currency = "EUR"
    channels = factory.LazyFunction(lambda: ["tv", "print"])
    evaluation_level = 0
    origin_country = "AM"
    destination_countries = factory.LazyFunction(lambda: ["BE"])


class CostComponentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostComponent

    campaign = factory.SubFactory(CampaignFactory)
    amount = Decimal("10000")
    currency = "EUR"


class ReachFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReachFigure

    campaign = factory.SubFactory(CampaignFactory)
    value = 1000
    unit = "persons"


class SurveyStudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyStudy

    campaign = factory.SubFactory(CampaignFactory)
    organisation = factory.LazyAttribute(lambda o: o.campaign.organisation)
    title = factory.Sequence(lambda n: f"Study {n}")
    design = "pre_post_paired"
    scale_min = 0
    scale_max = 10
