"""`content digest` and the demo loader."""

from __future__ import annotations

import copy
import datetime
from io import StringIO
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase, override_settings
from wagtail.models import Locale
from wagtail_localize.models import Translation

from retour.content import demo, demo_text
from retour.content.demo_text import en
from retour.content.models import (
    CountrySheetPage,
    DecisionExplainerPage,
    OwnedPage,
    ReturnProgrammePage,
    ServicePointPage,
    ShortAnswerPage,
)
from retour.content.selectors import TranslationStatus, translation_status
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
    # Dutch (a machine-translated group), Arabic (right to left) and Persian are
    # written through wagtail-localize; every other language's texts are still
    # paired segment by segment with the English pages (the loader checks the
    # languages it leaves out), which is what would break a translation.
    @override_settings(RETOUR_DEMO_TRANSLATIONS=["nl", "ar", "fa"])
    def test_demo_loads_sample_knowledge_base_twice(self):
        org_a = OrganisationFactory(name="Demo A", slug="demo-a", is_sample=True)
        org_b = OrganisationFactory(name="Demo B", slug="demo-b", is_sample=True)
        out = StringIO()
        context = DemoContext(org_a=org_a, org_b=org_b, admin=None, stdout=out)
        demo.load(context=context)
        self.assertIn("translations through wagtail-localize", out.getvalue())
        self.assertNotIn("skipped", out.getvalue())
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
        self.assertEqual(languages, {"en", "nl", "ar", "fa"})
        # Every demo service point, in every language it is published in, is a
        # valid HSDS 3.0 service (the official compiled schema).
        call_command("content", "hsds-check", "--locale", "en", "--locale", "fr", "--locale", "ar")
        demo.load(context=context)  # idempotent
        self.assertEqual(OwnedPage.objects.count(), total)
        response = self.client.get("/ar/countries/afghanistan/", HTTP_HOST="localhost")
        self.assertContains(response, 'dir="rtl"')
        self.assertContains(response, 'class="notice notice-sample"')
        self._translations_are_complete_and_truthful()

    def _translations_are_complete_and_truthful(self):
        written = {c: m for c, m in demo_text.available().items() if c in {"nl", "ar", "fa"}}
        for page in OwnedPage.objects.exclude(locale__language_code="en").select_related("locale"):
            page = page.specific
            code = page.locale.language_code
            # Every translation is a wagtail-localize one, with every segment translated.
            translation = Translation.objects.get(
                source__object_id=page.translation_key, target_locale=page.locale
            )
            total, done = translation.get_progress()
            self.assertEqual(total, done, (code, page.slug))
            expected = TranslationStatus.CURRENT
            if isinstance(page, DecisionExplainerPage):
                expected = TranslationStatus.OUTDATED  # the source changed afterwards
            elif isinstance(page, CountrySheetPage) and code == "nl":
                expected = TranslationStatus.MACHINE  # stands for an unreviewed draft
            self.assertEqual(translation_status(page), expected, (code, page.slug))
            self.assertEqual(page.slug, page.get_translation(Locale.get_default()).slug)
        for code, text in written.items():
            if hasattr(text, "ANSWERS"):
                answer = ShortAnswerPage.objects.get(
                    locale__language_code=code, slug="sample-answer-13"
                )
                self.assertEqual(answer.answer, text.ANSWERS[12])
        self.assertFalse(
            ShortAnswerPage.objects.filter(answer__startswith="Sample answer").exists()
        )


class DemoTextTests(SimpleTestCase):
    """Each language module has the source's shape: that is what makes it translatable."""

    def test_every_language_matches_the_english_shape(self):
        def shape(value):
            if isinstance(value, dict):
                return {k: shape(v) for k, v in value.items() if k != "update"}
            if isinstance(value, list | tuple):
                return [shape(v) for v in value]
            return bool(value)  # empty stays empty (an option without a deadline)

        for code, text in demo_text.available().items():
            for group in ("SHEET", "PROGRAMME", "EXPLAINER", "QUESTIONS", "ANSWERS"):
                if hasattr(text, group):
                    self.assertEqual(
                        shape(getattr(text, group)), shape(getattr(en, group)), (code, group)
                    )
            self.assertEqual(set(text.COUNTRY_NAMES), set(en.COUNTRY_NAMES))
            for answer in getattr(text, "ANSWERS", []):
                self.assertLessEqual(len(answer), 700, (code, answer[:40]))  # sent in chat
            # Country names in the reader's script, not Latin, in right-to-left languages.
            if code in {"ar", "fa", "ps"}:
                for name in text.COUNTRY_NAMES.values():
                    self.assertFalse(any("a" <= ch.lower() <= "z" for ch in name), (code, name))


class DemoMismatchTests(TestCase):
    """The check that stands in for the languages a quick demo leaves out can fail."""

    def test_a_text_of_another_shape_is_reported_not_written(self):
        org_a = OrganisationFactory(name="Demo A", slug="demo-a", is_sample=True)
        context = DemoContext(org_a=org_a, org_b=org_a, admin=None)
        # "en" is the source: no translation is written, every language is only checked.
        with override_settings(RETOUR_DEMO_TRANSLATIONS=["en"]):
            from retour.content.demo_text import fr

            sheet = copy.deepcopy(fr.SHEET)
            sheet["sections"]["safety"].append("Un paragraphe de plus que l'anglais.")
            with mock.patch.object(fr, "SHEET", sheet):
                out = StringIO()
                context.stdout = out
                demo.load(context=context)
        self.assertIn("afghanistan (fr)", out.getvalue())
        self.assertFalse(OwnedPage.objects.exclude(locale__language_code="en").exists())
