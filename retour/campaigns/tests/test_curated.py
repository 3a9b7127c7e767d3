"""The curated EMN campaigns: count and values checked by hand against seed 001."""

from __future__ import annotations

from decimal import Decimal

from django.test import TestCase

from retour.campaigns.curated import curated_records, load_curated
from retour.campaigns.models import Campaign
from retour.campaigns.schema import clean_records
from retour.core.actors import SystemActor
from retour.testing.factories import OrganisationFactory


class CuratedFileTests(TestCase):
    def test_file_is_valid_under_the_exchange_schema(self):
        records = curated_records()
        self.assertEqual(len(records), 24)
        cleaned, problems = clean_records(records)
        self.assertEqual(problems, [])
        self.assertEqual(len({r["external_id"] for r in cleaned}), 24)


class CuratedLoadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Curators", slug="curators")
        cls.result = load_curated(actor=SystemActor.cli("test"), organisation=cls.org)

    def get(self, number: int) -> Campaign:
        return Campaign.objects.get(external_id=f"emn-ahq-be-2017-{number:02d}")

    def test_all_24_loaded_and_marked_curated(self):
        self.assertEqual(self.result, {"created": 24, "updated": 0})
        qs = Campaign.objects.for_org(self.org)
        self.assertEqual(qs.count(), 24)
        self.assertEqual(set(qs.values_list("provenance", flat=True)), {"curated_seed"})
        self.assertFalse(qs.filter(is_sample=True).exists())

    def test_second_load_is_idempotent(self):
        again = load_curated(actor=SystemActor.cli("test"), organisation=self.org)
        self.assertEqual(again, {"created": 0, "updated": 24})
        self.assertEqual(Campaign.objects.count(), 24)

    def test_multi_part_cost_summed_and_itemised(self):
        # "(185.000€) I: 75.000 € Belgian Office … II: 35.000€ … + 75.000 German Office …"
        c = self.get(18)
        self.assertEqual(c.cost_total, Decimal("185000"))
        parts = list(c.costs.values_list("amount", "funder", "is_cofunding"))
        self.assertEqual(
            parts,
            [
                (Decimal("75000"), "Belgian Office for Migration", False),
                (Decimal("35000"), "Belgian Office for Migration", False),
                (Decimal("75000"), "German Office for Migration and Refugees", True),
            ],
        )
        self.assertEqual(sum(p[0] for p in parts), c.cost_total)
        self.assertEqual(sorted(c.countries), ["MK", "XK"])

    def test_amounts_exactly_as_stated(self):
        self.assertEqual(self.get(13).cost_total, Decimal("49780"))  # "49.780 EUR" (Armenia)
        self.assertEqual(self.get(12).cost_total, Decimal("49785"))  # "49,785 EUR" (Nigeria)
        self.assertEqual(self.get(9).cost_total, Decimal("59700.00"))  # "59.700,00 EUR"
        india = self.get(21)  # 2009: 39,894.75 EUR + 2010: 51748,70 EUR
        self.assertEqual(
            list(india.costs.values_list("amount", flat=True)),
            [Decimal("39894.75"), Decimal("51748.70")],
        )
        self.assertEqual(india.cost_total, Decimal("91643.45"))

    def test_estimates_flagged(self):
        for number in (10, 11):  # "Estimated 180.000", Morocco and Tunisia
            c = self.get(number)
            self.assertTrue(c.cost_is_estimate)
            self.assertTrue(c.costs.get().is_estimate)
            self.assertEqual(c.status, "planned")
        self.assertFalse(self.get(13).cost_is_estimate)

    def test_armenia_claim_dates_and_reach(self):
        c = self.get(13)
        self.assertEqual(str(c.actual_start), "2012-09-01")
        self.assertEqual(str(c.actual_end), "2013-02-28")
        self.assertIn("dropped in 2013 with 30%", c.claim)
        self.assertEqual((c.origin_country, c.destination_countries), ("AM", ["BE"]))
        hotline = c.reach.get(channel="hotline")
        self.assertEqual((hotline.value, hotline.unit), (348, "persons"))

    def test_unknown_left_empty(self):
        morocco = self.get(9)  # "Starting date suspended": no dates invented
        self.assertIsNone(morocco.actual_start)
        self.assertIsNone(morocco.planned_start)
        self.assertEqual(morocco.status, "suspended")
        self.assertEqual(self.get(1).languages, [])  # DRC: no language stated

    def test_cost_per_person_only_where_reach_counts_persons(self):
        from retour.campaigns.analytics.portfolio import portfolio

        result = portfolio(Campaign.objects.all())
        per_person = {x.title[:30]: x for x in result.cost_per_person}
        drc = per_person["La Lutte contre l’immigration "]  # 40 000 EUR, "more than 20 000 persons"
        self.assertEqual((drc.value, drc.is_minimum), (2.0, True))
        flagged = {f.title[:30]: f.reason for f in result.flagged}
        # Serbia counts attendees and copies, Macedonia/Kosovo Facebook views: no figure.
        self.assertIn("not in persons", flagged["Human Rights and Social Inclus"])
        self.assertIn("views", flagged["Promoting responsible migratio"])
        self.assertEqual(flagged["Prevention Campaign Morocco"], "no reach figure")

    def test_evaluation_levels_follow_the_text(self):
        self.assertEqual(self.get(15).evaluation_level, 3)  # Georgia: pre/post questionnaires
        self.assertEqual(self.get(20).evaluation_level, 2)  # Albania: 648 questionnaires after
        levels = list(Campaign.objects.values_list("evaluation_level", flat=True))
        self.assertNotIn(4, levels)  # no campaign was evaluated against a comparison
        self.assertNotIn(5, levels)


class DemoLoaderTests(TestCase):
    def test_demo_is_idempotent_and_labels_sample_data(self):
        from retour.campaigns import demo
        from retour.campaigns.models import StatObservation, SurveyStudy
        from retour.core.demo import DemoContext

        org_a = OrganisationFactory(name="Demo A", slug="demo-a")
        org_b = OrganisationFactory(name="Demo B", slug="demo-b")
        context = DemoContext(org_a=org_a, org_b=org_b, admin=None)
        demo.load(context=context)
        demo.load(context=context)
        self.assertEqual(Campaign.objects.for_org(org_a).count(), 24)
        study = SurveyStudy.objects.get()
        self.assertTrue(study.is_sample)
        self.assertIn("SAMPLE", study.title)
        # The Eurostat extract ships with the project: always loaded.
        self.assertTrue(StatObservation.objects.filter(geo="BE", citizen="AM").exists())
