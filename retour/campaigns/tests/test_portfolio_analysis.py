"""The portfolio analytics page: aggregates over every campaign, one paginated listing."""

from __future__ import annotations

import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from retour.campaigns.analytics import portfolio
from retour.campaigns.models import Campaign
from retour.campaigns.tests.factories import CampaignFactory, ReachFigureFactory
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase

URL = reverse("campaigns_admin:analytics")


class PortfolioPageTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # 61 campaigns over both organisations: every reason a cost per person may be
        # missing, ties in the largest person count, and a "more than" minimum.
        for i in range(61):
            org = cls.org_a if i % 2 else cls.org_b
            kind = i % 5
            campaign = CampaignFactory(
                organisation=org,
                title=f"Campaign {i:02d}",
                cost_total=None if kind == 0 else Decimal(1000 + 37 * i),
                currency="" if kind == 0 else ("USD" if i % 7 == 0 else "EUR"),
                evaluation_level=i % 3,
            )
            if kind == 1:
                continue  # no reach figure
            if kind == 2:
                ReachFigureFactory(campaign=campaign, value=500, unit="copies")
                continue
            ReachFigureFactory(campaign=campaign, value=100 + i, unit="persons")
            ReachFigureFactory(campaign=campaign, value=40, unit="persons")
            if kind == 4:
                ReachFigureFactory(
                    campaign=campaign, value=300 + i, unit="persons", is_minimum=True
                )

    def get(self, params=None, role=Role.ANALYST):
        return self.client_for(self.user(role)).get(URL, params or {})

    def test_refusals_first(self):
        self.assertEqual(self.get(role=Role.REVIEWER).status_code, 403)
        self.assertEqual(self.get(role=Role.CASEWORKER).status_code, 403)
        self.assert_refused(self.client_for(self.outsider).get(URL))
        self.assert_refused(self.client_for(None).get(URL))

    def test_aggregates_cover_every_campaign_but_only_one_page_is_listed(self):
        response = self.get({"per_page": "25"})
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn("61 campaigns", body)
        self.assertIn("page 1 of 3", body)
        self.assertEqual(len(re.findall(r'href="/admin/campaigns/[0-9a-f-]{36}/"', body)), 25)
        self.assertIn("<svg", body)
        last = self.get({"per_page": "25", "p": "3"}).content.decode()
        self.assertEqual(len(re.findall(r'href="/admin/campaigns/[0-9a-f-]{36}/"', last)), 11)

    def test_listing_agrees_with_the_portfolio_computation(self):
        """Each listed figure and reason is the one analytics.portfolio computes."""
        result = portfolio.portfolio(Campaign.objects.all())
        expected = {x.uuid: x for x in result.cost_per_person}
        reasons = {f.uuid: f.reason for f in result.flagged}
        rows = self.get({"per_page": "200"}).context["rows"]
        self.assertEqual(len(rows), 61)
        for row in rows:
            uuid = str(row.uuid)
            if uuid in expected:
                self.assertAlmostEqual(row.cost_per_person, expected[uuid].value, places=9)
                self.assertEqual(row.persons, expected[uuid].persons)
                self.assertEqual(bool(row.persons_is_minimum), expected[uuid].is_minimum)
            else:
                self.assertIsNone(row.cost_per_person, uuid)
                self.assertEqual(row.reason.split(" (")[0][:8], reasons[uuid][:8], uuid)
        values = [r.cost_per_person for r in rows]
        figures = [v for v in values if v is not None]
        # Sorted by cost per person, campaigns without a figure last.
        self.assertEqual(figures, sorted(figures))
        self.assertEqual(values[: len(figures)], figures)
        descending = [
            r.cost_per_person for r in self.get({"per_page": "200", "o": "-cpp"}).context["rows"]
        ]
        self.assertEqual([v for v in descending if v is not None], sorted(figures, reverse=True))
        self.assertIsNone(descending[-1])

    def test_status_filter_and_search_narrow_the_listing(self):
        counts = {}
        for status in ("figure", "no_cost", "no_reach", "not_persons"):
            counts[status] = self.get({"status": status, "per_page": "200"}).context["total"]
        self.assertEqual(counts, {"figure": 24, "no_cost": 13, "no_reach": 12, "not_persons": 12})
        response = self.get({"q": "Campaign 07"})
        self.assertEqual(response.context["total"], 1)
        self.assertIn("1 campaigns", response.content.decode())  # the aggregates follow the search
        self.assertEqual(self.get({"level": "2", "per_page": "200"}).context["total"], 20)

    def test_malformed_parameters_never_500(self):
        for params in (
            {"p": "x", "o": "nope", "per_page": "-3"},
            {"country": "\x00", "status": "zzz", "level": "9"},
            {"currency": "QQQ", "per_page": "1000000"},
            {"o": "-", "q": "x" * 5000},
        ):
            self.assertEqual(self.get(params).status_code, 200, params)

    def test_query_count_does_not_grow_with_campaigns(self):
        client = self.client_for(self.user(Role.ANALYST))
        client.get(URL)
        with CaptureQueriesContext(connection) as few:
            client.get(URL)
        for i in range(30):
            campaign = CampaignFactory(organisation=self.org_b, title=f"More {i}")
            ReachFigureFactory(campaign=campaign, value=10, unit="calls")
        with self.assertNumQueries(len(few)):
            client.get(URL)

    def test_csv_download_keeps_every_row(self):
        body = self.get({"download": "csv"}).content.decode()
        self.assertEqual(body.count("\ncost_per_person,"), 24)
        self.assertEqual(body.count("\nno_cost_per_person,"), 37)
