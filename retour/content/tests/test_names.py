"""Public pages name countries, languages, statuses and weekdays; never codes."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.test import TestCase
from wagtail.models import Locale

from retour.content.models import ProgrammeIndexPage, ReturnProgrammePage
from retour.testing.factories import OrganisationFactory

from .factories import _add, service_point, tree


class NamesNotCodesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Sample Org", slug="sample-names")
        home, _indexes = tree()
        for code in ("fr", "ar"):
            Locale.objects.get_or_create(language_code=code)
        index = home.add_child(
            instance=ProgrammeIndexPage(title="Programmes", slug="programmes", locale=home.locale)
        )
        cls.programme = _add(
            index,
            ReturnProgrammePage(
                title="Sample programme",
                operator="Sample operator",
                organisation=cls.org,
                is_sample=True,
                valid_from=datetime.date.today(),
                eligible_nationalities=["AF", "IQ"],
                eligible_residence_statuses=["asylum_rejected", "irregular"],
            ),
            True,
        )
        cls.point = service_point(
            organisation=cls.org,
            title="Sample point",
            country="BE",
            languages=["ar", "fa"],
            opening_hours=[("hours", {"weekday": "mo", "opens": "09:00", "closes": "12:00"})],
        )

    def setUp(self):
        cache.clear()

    def get(self, url):
        return self.client.get(url, HTTP_HOST="localhost")

    def test_programme_page(self):
        path = "/programmes/" + self.programme.slug + "/"
        body = self.get("/ar" + path).content.decode()
        self.assertIn("أفغانستان, العراق", body)
        self.assertNotIn("asylum_rejected", body)
        self.assertNotIn("AF, IQ", body)
        body = self.get("/en" + path).content.decode()
        self.assertIn("Afghanistan, Iraq", body)
        self.assertIn("Asylum application rejected, No residence permit", body)

    def test_service_point_page(self):
        body = self.get("/fr/help/" + self.point.slug + "/").content.decode()
        self.assertIn("Belgique", body)
        self.assertIn("arabe, persan", body)
        self.assertIn("lundi", body)
        self.assertNotIn(">mo ", body)

    def test_content_api_sends_names_next_to_codes(self):
        from retour.content.api import page_data

        eligibility = page_data(self.programme)["eligibility"]
        self.assertEqual(eligibility["nationalities"], ["AF", "IQ"])
        self.assertEqual(eligibility["nationality_names"], ["Afghanistan", "Iraq"])
        self.assertEqual(
            eligibility["residence_status_labels"],
            ["Asylum application rejected", "No residence permit"],
        )
