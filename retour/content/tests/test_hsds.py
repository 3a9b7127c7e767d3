"""HSDS 3.0: every export validates against Open Referral's official compiled schema."""

from __future__ import annotations

import copy
import datetime
import io
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase

from retour.content import hsds
from retour.content.hsds_schema import SCHEMA_DIR, export_errors, service_errors
from retour.testing.factories import OrganisationFactory

from .factories import service_point


class HsdsSchemaTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Sample Org", slug="sample-org")
        cls.full = service_point(
            organisation=cls.org,
            title="Full point",
            description="Counselling and legal aid.",
            street="Rue 1",
            postcode="1000",
            latitude="50.850000",
            longitude="4.350000",
            languages=["ar", "fa", "fr"],
            services=["return_counselling", "legal_aid", "health", "shelter", "drop_in"],
            anonymous=True,
            no_appointment=True,
            phone="+32 2 000 00 00",
            whatsapp="+32 470 00 00 00",
            email="point@example.org",
            last_verified=datetime.date(2026, 11, 1),
            opening_hours=[
                ("hours", {"weekday": "mo", "opens": "09:00", "closes": "12:00"}),
                ("hours", {"weekday": "th", "opens": "13:30", "closes": "17:00"}),
            ],
        )
        # Nothing optional filled in: no e-mail, phone, coordinates, hours or street.
        cls.bare = service_point(organisation=cls.org, title="Bare point")

    def export(self, **params) -> dict:
        response = self.client.get("/api/v1/content/service-points/hsds/", params)
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_the_vendored_schema_is_the_official_one(self):
        self.assertTrue((SCHEMA_DIR / "service.json").exists())
        readme = (SCHEMA_DIR / "README.md").read_text()
        self.assertIn("c457a0e3ecb0cfe43525ea8bcdbfd62542ed6730", readme)
        self.assertIn("CC BY-SA 4.0", readme)

    def test_full_and_bare_service_points_validate(self):
        body = self.export()
        self.assertEqual([s["name"] for s in body["services"]], ["Bare point", "Full point"])
        self.assertEqual(export_errors(body), [])
        bare, full = body["services"]
        self.assertNotIn("email", bare)  # absent, never null
        self.assertNotIn("latitude", bare["service_at_locations"][0]["location"])
        address = full["service_at_locations"][0]["location"]["addresses"][0]
        self.assertEqual(address["state_province"], "")
        self.assertEqual(address["postal_code"], "1000")
        terms = {a["taxonomy_term"]["code"]: a for a in full["attributes"]}
        self.assertEqual(terms["legal_aid"]["taxonomy_term"]["name"], "Legal aid")
        self.assertEqual(terms["anonymous"]["value"], "true")
        self.assertEqual(full["assured_date"], "2026-11-01")

    def test_every_language_validates(self):
        for code in ("fr", "ar", "fa"):
            with self.subTest(code=code):
                self.assertEqual(export_errors(self.export(locale=code)), [])

    def test_the_content_api_service_point_is_a_valid_service(self):
        body = self.client.get(f"/api/v1/content/pages/{self.full.translation_key}/").json()
        self.assertEqual(service_errors(body["data"]), [])

    def test_the_validator_catches_what_the_schema_forbids(self):
        service = hsds.service_point_to_hsds(self.full)
        broken = copy.deepcopy(service)
        broken["status"] = "open"
        del broken["service_at_locations"][0]["location"]["addresses"][0]["state_province"]
        broken["attributes"][0]["taxonomy_term"].pop("name")
        broken["url"] = "not a url"
        broken["email"] = None
        errors = service_errors(broken)
        self.assertEqual(len(errors), 5, errors)
        joined = "\n".join(errors)
        self.assertIn("status: 'open' is not one of", joined)
        self.assertIn("'state_province' is a required property", joined)
        self.assertIn("attributes/0/taxonomy_term: 'name' is a required property", joined)
        self.assertIn("url: 'not a url' is not a 'uri'", joined)
        self.assertIn("email: None is not of type 'string'", joined)

    def test_hsds_check_command(self):
        out = io.StringIO()
        call_command("content", "hsds-check", "--locale", "en", stdout=out)
        self.assertIn("2 services in 1 languages valid against HSDS 3.0", out.getvalue())
        bad = {"id": "not-a-uuid", "name": "x", "status": "active"}
        err = io.StringIO()
        with mock.patch.object(hsds, "service_point_to_hsds", return_value=bad):
            with self.assertRaisesMessage(CommandError, "2 HSDS 3.0 schema violations"):
                call_command("content", "hsds-check", "--locale", "en", stderr=err)
        self.assertIn("id: 'not-a-uuid' is not a 'uuid'", err.getvalue())
