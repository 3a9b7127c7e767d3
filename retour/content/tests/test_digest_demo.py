"""`content digest` and the demo loader."""

from __future__ import annotations

import datetime

from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from retour.content import demo
from retour.content.models import (
    CountrySheetPage,
    DecisionExplainerPage,
    OwnedPage,
    ReturnProgrammePage,
    ServicePointPage,
    ShortAnswerPage,
)
from retour.core.demo import DemoContext
from retour.orgs.models import Role
from retour.testing.factories import OrganisationFactory, member

from .factories import country_sheet


class DigestTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org_a = OrganisationFactory(name="A org", slug="a-org")
        cls.org_b = OrganisationFactory(name="B org", slug="b-org")
        cls.editor = member(organisation=cls.org_a, role=Role.EDITOR)
        cls.caseworker = member(organisation=cls.org_a, role=Role.CASEWORKER)
        cls.editor_b = member(organisation=cls.org_b, role=Role.EDITOR)
        old = datetime.date.today() - datetime.timedelta(days=120)
        country_sheet(organisation=cls.org_a, title="Old sheet", last_verified=old, review_by=old)
        country_sheet(organisation=cls.org_b, title="Fresh sheet", country="IQ")

    def test_digest_goes_to_each_orgs_editors_only(self):
        call_command("content", "digest")
        self.assertEqual(len(mail.outbox), 1)  # org B has nothing to review
        message = mail.outbox[0]
        self.assertEqual(message.to, [self.editor.email])
        self.assertIn("Old sheet", message.body)
        self.assertNotIn("Fresh sheet", message.body)


class DemoTests(TestCase):
    def test_demo_loads_sample_knowledge_base_twice(self):
        org_a = OrganisationFactory(name="Demo A", slug="demo-a", is_sample=True)
        org_b = OrganisationFactory(name="Demo B", slug="demo-b", is_sample=True)
        context = DemoContext(org_a=org_a, org_b=org_b, admin=None)
        demo.load(context=context)
        counts = {
            model: model.objects.filter(locale__language_code="en").count()
            for model in (
                CountrySheetPage,
                ReturnProgrammePage,
                DecisionExplainerPage,
                ServicePointPage,
                ShortAnswerPage,
            )
        }
        self.assertEqual(list(counts.values()), [3, 2, 1, 8, 30])
        total = OwnedPage.objects.count()
        self.assertFalse(OwnedPage.objects.filter(is_sample=False).exists())
        languages = set(OwnedPage.objects.values_list("locale__language_code", flat=True))
        self.assertTrue({"en", "fr", "ar", "nl"} <= languages)
        # Every demo service point, in every language it is published in, is a
        # valid HSDS 3.0 service (the official compiled schema).
        call_command("content", "hsds-check", "--locale", "en", "--locale", "fr", "--locale", "ar")
        demo.load(context=context)  # idempotent
        self.assertEqual(OwnedPage.objects.count(), total)
        response = self.client.get("/ar/countries/afghanistan/", HTTP_HOST="localhost")
        self.assertContains(response, 'dir="rtl"')
        self.assertContains(response, 'class="notice notice-sample"')
