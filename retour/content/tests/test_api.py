"""Public API, HSDS export and Atom feeds: published content only, 4xx on bad input."""

from __future__ import annotations

from django.test import TestCase

from retour.content.hsds_schema import export_errors
from retour.testing.factories import OrganisationFactory

from .factories import country_sheet, service_point, short_answer


class ApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Sample Org", slug="sample-org")
        cls.sheet = country_sheet(organisation=cls.org, title="Sheet AF", country="AF")
        cls.draft = country_sheet(
            organisation=cls.org, title="Draft IQ", country="IQ", publish=False
        )
        cls.point = service_point(
            organisation=cls.org,
            title="Point 1",
            languages=["ar", "fr"],
            services=["legal_aid"],
            phone="+00 000",
            opening_hours=[("hours", {"weekday": "mo", "opens": "09:00", "closes": "12:00"})],
        )
        for n in range(3):
            short_answer(organisation=cls.org, title=f"Question {n}")

    def test_list_shows_published_pages_only(self):
        self.client.get("/api/v1/content/pages/")  # warm Wagtail's site-root cache
        # Constant: restrictions, count, one joined page query — whatever the page count.
        with self.assertNumQueries(3):
            response = self.client.get("/api/v1/content/pages/?locale=en")
        self.assertEqual(response.status_code, 200)
        titles = [r["title"] for r in response.json()["results"]]
        self.assertIn("Sheet AF", titles)
        self.assertNotIn("Draft IQ", titles)
        self.assertEqual(response.json()["count"], 5)

    def test_filters_and_bad_input(self):
        body = self.client.get("/api/v1/content/pages/?type=short_answer").json()
        self.assertEqual({r["type"] for r in body["results"]}, {"short_answer"})
        body = self.client.get("/api/v1/content/pages/?country=AF").json()
        self.assertEqual([r["title"] for r in body["results"]], ["Sheet AF"])
        for query in ("type=nope", "locale=xx", "country=afg", "limit=abc"):
            response = self.client.get(f"/api/v1/content/pages/?{query}")
            self.assertEqual(response.status_code, 400 if "limit" not in query else 200, query)

    def test_detail_and_unknown(self):
        key = self.sheet.translation_key
        body = self.client.get(f"/api/v1/content/pages/{key}/").json()
        self.assertEqual(body["data"]["country"], "AF")
        self.assertEqual(body["translation_status"], "source")
        self.assertEqual(
            self.client.get(f"/api/v1/content/pages/{key}/?locale=xx").status_code, 400
        )
        missing = self.client.get(f"/api/v1/content/pages/{self.draft.translation_key}/")
        self.assertEqual(missing.status_code, 404)

    def test_hsds_export(self):
        body = self.client.get("/api/v1/content/service-points/hsds/").json()
        service = body["services"][0]
        self.assertEqual(service["name"], "Point 1")
        self.assertEqual([lang["code"] for lang in service["languages"]], ["ar", "fr"])
        location = service["service_at_locations"][0]["location"]
        self.assertEqual(location["schedules"][0]["byday"], "MO")
        self.assertEqual(location["schedules"][0]["opens_at"], "09:00")
        self.assertEqual(service["phones"][0]["number"], "+00 000")
        self.assertEqual(export_errors(body), [])

    def test_feeds(self):
        response = self.client.get("/en/feeds/atom.xml", HTTP_HOST="localhost")
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"Sheet AF", response.content)
        self.assertNotIn(b"Draft IQ", response.content)
        response = self.client.get("/en/feeds/AF/atom.xml", HTTP_HOST="localhost")
        self.assertIn(b"Sheet AF", response.content)
        self.assertNotIn(b"Question", response.content)
        self.assertEqual(self.client.get("/en/feeds/ZZ/atom.xml").status_code, 404)

    def test_schema_documents_the_routes(self):
        response = self.client.get("/api/v1/schema/")
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"/api/v1/content/pages/", response.content)
