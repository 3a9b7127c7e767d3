"""Import/export: all-or-nothing with reasons per row; conversions never silent."""

from __future__ import annotations

from decimal import Decimal

from django.test import TestCase

from retour.campaigns import exchange
from retour.campaigns.models import Campaign
from retour.campaigns.schema import ImportRejected, parse_amount
from retour.campaigns.selectors import with_children
from retour.campaigns.services import campaigns_import
from retour.core.actors import SystemActor
from retour.testing.factories import OrganisationFactory

GOOD = {
    "external_id": "x-1",
    "title": "Campagne test",
    "countries": "CM; SN",
    "languages": "fr; wo",
    "channels": "tv; radio",
    "cost_total": "30 000",
    "currency": "EUR",
    "actual_start": "2012-01-01",
    "actual_end": "2012-06-30",
    "evaluation_level": "output_monitoring",
}


class AmountTests(TestCase):
    def test_amount_notations(self):
        cases = {
            "40 000": "40000",
            "49.780": "49780",
            "49,785": "49785",
            "59.700,00": "59700.00",
            "39,894.75": "39894.75",
            "51748,70": "51748.70",
            "185.000€": "185000",
            "1,000,000": "1000000",
        }
        for text, expected in cases.items():
            self.assertEqual(parse_amount(text), Decimal(expected), text)
        for bad in ("12a", "-5", "1.234.5", "€"):
            with self.assertRaises(ValueError, msg=bad):
                parse_amount(bad)


class ImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Importers", slug="importers")

    def test_bad_rows_reported_and_nothing_imported(self):
        csv_text = exchange.to_csv([])  # header only
        rows = [
            dict(GOOD),
            dict(GOOD, external_id="x-2", cost_total="12,34,5"),
            dict(GOOD, external_id="x-3", actual_start="31/12/2012"),
            dict(GOOD, external_id="x-4", currency="EURO"),
            dict(GOOD, external_id="x-5", countries="BE; Narnia"),
            dict(GOOD, external_id="x-6", languages="klingon"),
        ]
        import csv
        import io

        buf = io.StringIO(csv_text)
        buf.seek(0, 2)
        writer = csv.DictWriter(buf, fieldnames=exchange.CAMPAIGN_COLUMNS)
        for row in rows:
            writer.writerow(row)
        tables = {"campaigns": exchange.read_csv(buf.getvalue(), "campaigns")}
        with self.assertRaises(ImportRejected) as ctx:
            campaigns_import(
                actor=SystemActor.cli("test"),
                organisation=self.org,
                records=exchange.records_from_tables(tables),
            )
        found = {(p.where, p.field) for p in ctx.exception.problems}
        self.assertEqual(
            found,
            {
                ("campaigns row 3", "cost_total"),
                ("campaigns row 4", "actual_start"),
                ("campaigns row 5", "currency"),
                ("campaigns row 6", "countries"),
                ("campaigns row 7", "languages"),
            },
        )
        reasons = " ".join(p.reason for p in ctx.exception.problems)
        self.assertIn("YYYY-MM-DD", reasons)
        self.assertIn("ISO 4217", reasons)
        self.assertEqual(Campaign.objects.count(), 0)  # the good row was not imported either

    def test_json_round_trip_and_idempotent_reimport(self):
        record = dict(
            GOOD,
            costs=[
                {"label": "I", "amount": "75.000", "funder": "Belgian Office"},
                {"label": "II", "amount": "35000", "range_low": "30000", "range_high": "40000"},
            ],
            reach=[{"channel": "tv", "value": "2000", "unit": "views"}],
            audiences=[{"group": "youth", "age_min": 18, "age_max": 35}],
        )
        record.pop("cost_total")
        result = campaigns_import(
            actor=SystemActor.cli("test"), organisation=self.org, records=[record]
        )
        self.assertEqual(result, {"created": 1, "updated": 0})
        campaign = Campaign.objects.get()
        # A multi-part cost without a stated total is summed; a range makes an estimate.
        self.assertEqual(campaign.cost_total, Decimal("110000"))
        self.assertTrue(campaign.cost_is_estimate)
        self.assertEqual(campaign.countries, ["CM", "SN"])
        qs = with_children(Campaign.objects.all())
        records = exchange.records_from_json(exchange.to_json(qs))
        again = campaigns_import(
            actor=SystemActor.cli("test"), organisation=self.org, records=records
        )
        self.assertEqual(again, {"created": 0, "updated": 1})
        self.assertEqual(Campaign.objects.get().costs.count(), 2)

    def test_xlsx_round_trip(self):
        campaigns_import(actor=SystemActor.cli("test"), organisation=self.org, records=[dict(GOOD)])
        data = exchange.to_xlsx(with_children(Campaign.objects.all()))
        records = exchange.records_from_tables(exchange.read_xlsx(data))
        self.assertEqual(records[0]["title"], "Campagne test")
        other = OrganisationFactory(name="Other", slug="other")
        campaigns_import(actor=SystemActor.cli("test"), organisation=other, records=records)
        self.assertEqual(Campaign.objects.for_org(other).get().cost_total, Decimal("30000"))

    def test_conversion_states_rate_and_date(self):
        usd = {
            "label": "grant",
            "amount": "1000",
            "currency": "USD",
            "convert_to": "EUR",
            "fx_rate": "0.9",
        }
        with self.assertRaises(ImportRejected) as ctx:
            campaigns_import(
                actor=SystemActor.cli("test"),
                organisation=self.org,
                records=[dict(GOOD, costs=[usd])],
            )
        self.assertEqual([p.field for p in ctx.exception.problems], ["fx_date"])
        usd["fx_date"] = "2016-01-04"
        campaigns_import(
            actor=SystemActor.cli("test"), organisation=self.org, records=[dict(GOOD, costs=[usd])]
        )
        cost = Campaign.objects.get().costs.get()
        self.assertEqual((cost.amount, cost.currency), (Decimal("900.00"), "EUR"))
        self.assertEqual(
            (cost.original_amount, cost.original_currency), (Decimal("1000.00"), "USD")
        )
        self.assertIn("at 0.900000 on 2016-01-04", cost.note)

    def test_unconverted_foreign_currency_stays_as_is(self):
        usd = {"amount": "1000", "currency": "USD"}
        campaigns_import(
            actor=SystemActor.cli("test"), organisation=self.org, records=[dict(GOOD, costs=[usd])]
        )
        cost = Campaign.objects.get().costs.get()
        self.assertEqual(
            (cost.amount, cost.currency, cost.fx_rate), (Decimal("1000.00"), "USD", None)
        )

    def test_unknown_csv_columns_rejected_with_expected_list(self):
        with self.assertRaises(ImportRejected) as ctx:
            exchange.read_csv("titel,budget\nx,1\n", "campaigns")
        self.assertIn("expected columns", ctx.exception.problems[0].reason)

    def test_docx_in_emn_layout(self):
        import io

        from docx import Document

        campaigns_import(actor=SystemActor.cli("test"), organisation=self.org, records=[dict(GOOD)])
        data = exchange.to_docx(with_children(Campaign.objects.all()))
        doc = Document(io.BytesIO(data))
        labels = [row.cells[0].text for row in doc.tables[0].rows]
        self.assertEqual(labels[0], "Title of the campaign")
        self.assertIn("Costs of the campaign", labels)
        self.assertEqual(doc.tables[0].rows[0].cells[1].text, "Campagne test")
