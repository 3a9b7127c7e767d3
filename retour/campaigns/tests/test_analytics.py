"""Survey change/effect wording and portfolio analytics rules."""

from __future__ import annotations

import random
from decimal import Decimal

from django.test import SimpleTestCase, TestCase

from retour.campaigns import exchange
from retour.campaigns.analytics import portfolio, surveys
from retour.campaigns.models import Campaign
from retour.campaigns.schema import ImportRejected
from retour.campaigns.tests.factories import CampaignFactory, ReachFigureFactory
from retour.testing.factories import OrganisationFactory


def responses(n, shift, arm="campaign", seed=1, lost=0):
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        pre = rng.gauss(5, 1.5)
        rows.append((f"{arm}-{i}", arm, "pre", "knowledge", pre))
        if i >= lost:
            rows.append((f"{arm}-{i}", arm, "post", "knowledge", pre + shift + rng.gauss(0, 1)))
    return rows


class SurveyTests(SimpleTestCase):
    def test_paired_without_comparison_is_a_change(self):
        [r] = surveys.analyse_responses(
            responses(40, 1.0, lost=8), design="pre_post_paired", scale_max=10
        )
        self.assertEqual(r.label, "change")
        self.assertEqual(r.test, "paired t-test")
        self.assertEqual((r.n_pre, r.n_paired), (40, 32))
        self.assertAlmostEqual(r.attrition, 0.2)
        self.assertLess(r.ci[0], r.difference)
        self.assertGreater(r.ci[0], 0)
        self.assertIsNotNone(r.effect_size_ci)
        expected_gain = (r.mean_post - r.mean_pre) / (10 - r.mean_pre)
        self.assertAlmostEqual(r.normalised_gain, expected_gain)

    def test_comparison_group_allows_effect(self):
        rows = responses(40, 1.0) + responses(40, 0.9, arm="comparison", seed=2)
        [r] = surveys.analyse_responses(rows, design="pre_post_comparison", scale_max=10)
        self.assertEqual(r.label, "effect")
        self.assertIn("difference-in-differences", r.test)
        self.assertLess(r.ci[0], 0.1)  # both groups improved alike: the effect is about nil

    def test_comparison_design_without_comparison_data_stays_change(self):
        [r] = surveys.analyse_responses(responses(30, 1.0), design="randomised", scale_max=10)
        self.assertEqual(r.label, "change")
        self.assertIn("no comparison data", r.notes[0])

    def test_post_only_is_level_only(self):
        rows = [(f"r{i}", "campaign", "post", "intention", float(i % 5)) for i in range(20)]
        [r] = surveys.analyse_responses(rows, design="post_only", scale_max=10)
        self.assertEqual(r.label, "level only")
        self.assertIsNone(r.difference)

    def test_aggregates_with_n(self):
        cells = {
            ("campaign", "pre", "risk_perception"): surveys.Cell(100, 4.0, 2.0),
            ("campaign", "post", "risk_perception"): surveys.Cell(80, 5.0, 2.0),
        }
        [r] = surveys.analyse_aggregates(cells, design="pre_post_paired", scale_max=10)
        self.assertEqual(r.label, "change")
        self.assertAlmostEqual(r.difference, 1.0)
        self.assertAlmostEqual(r.attrition, 0.2)
        self.assertIn("independent samples", r.notes[0])
        self.assertAlmostEqual(r.normalised_gain, 1 / 6)

    def test_too_few_respondents(self):
        [r] = surveys.analyse_responses(responses(3, 1.0), design="pre_post_paired", scale_max=10)
        self.assertEqual(r.label, "too few data")

    def test_survey_csv_rejects_bad_rows_with_reasons(self):
        text = "arm,wave,outcome,n,mean,sd\ncampaign,pre,knowledge,0,4,1\ncampaign,during,knowledge,5,x,-1\n"
        with self.assertRaises(ImportRejected) as ctx:
            exchange.read_survey_csv(text)
        fields = sorted((p.where, p.field) for p in ctx.exception.problems)
        self.assertEqual(
            fields, [("row 2", "n"), ("row 3", "mean"), ("row 3", "sd"), ("row 3", "wave")]
        )


class PortfolioTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        org = OrganisationFactory(name="P", slug="p")
        a = CampaignFactory(organisation=org, cost_total=Decimal("20000"), evaluation_level=0)
        ReachFigureFactory(campaign=a, value=1000, unit="persons")
        ReachFigureFactory(campaign=a, value=4000, unit="persons", channel="tv")
        b = CampaignFactory(organisation=org, cost_total=Decimal("5000"), countries=["MK", "XK"])
        ReachFigureFactory(campaign=b, value=9000, unit="copies")
        CampaignFactory(
            organisation=org, cost_total=Decimal("7000"), currency="USD", evaluation_level=3
        )
        CampaignFactory(organisation=org, cost_total=None, currency="")

    def test_rules(self):
        with self.assertNumQueries(2):
            result = portfolio.portfolio(Campaign.objects.all())
        self.assertEqual(result.n, 4)
        self.assertEqual(result.totals, {"EUR": 25000.0, "USD": 7000.0})  # never mixed
        [cpp] = result.cost_per_person
        self.assertEqual((cpp.persons, cpp.value), (4000, 5.0))  # largest count, not the sum
        reasons = sorted(f.reason for f in result.flagged)
        self.assertEqual(
            reasons,
            ["no cost stated", "no reach figure", "reach counted in copies, not in persons"],
        )
        self.assertIn(("MK+XK", 5000.0, 1), result.by_country["EUR"])
        self.assertEqual([lv.count for lv in result.levels], [3, 0, 0, 1, 0, 0])
        self.assertAlmostEqual(result.levels[0].share, 0.75)
        self.assertLess(result.levels[0].low, 0.75)
        tv = dict((label, counts) for label, counts in result.channel_levels)["TV"]
        self.assertEqual(tv, [3, 0, 0, 1, 0, 0])
