"""Translations through wagtail-localize: sync, PO export/import, status."""

from __future__ import annotations

from django.test import TestCase
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from retour.content.models import CountrySheetPage
from retour.content.selectors import TranslationStatus, translation_status
from retour.testing.factories import OrganisationFactory

from .factories import country_sheet


class LocalizeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Sample Org", slug="sample-org")
        cls.fr = Locale.objects.get_or_create(language_code="fr")[0]
        cls.sheet = country_sheet(
            organisation=cls.org, title="Sheet AF", country="AF", summary="Sample summary"
        )

    def test_po_round_trip_creates_a_current_translation_owned_by_the_same_org(self):
        source, _ = TranslationSource.get_or_create_from_instance(self.sheet)
        translation = Translation.objects.create(source=source, target_locale=self.fr)
        po = translation.export_po()
        msgids = {entry.msgid for entry in po}
        self.assertIn("Sample summary", msgids)
        # Real French for the section: a "FR " prefix on English would count as
        # not translated (the status is computed from the text).
        french = {"Sample health section.": "Exemple de section sur la santé et les soins."}
        for entry in po:
            entry.msgstr = french.get(entry.msgid, f"FR {entry.msgid}")
        translation.import_po(po)
        # wagtail-localize publishes on commit.
        with self.captureOnCommitCallbacks(execute=True):
            translation.save_target(publish=True)
        fr_page = CountrySheetPage.objects.get(locale=self.fr)
        self.assertEqual(fr_page.summary, "FR Sample summary")
        self.assertEqual(fr_page.organisation, self.org)  # ownership is synchronised
        self.assertEqual(fr_page.country, "AF")
        self.assertEqual(translation_status(fr_page), TranslationStatus.CURRENT)

        # The source changes (not a minor edit): the translation is now outdated,
        # until the translators sync and publish again.
        self.sheet.summary = "Changed summary"
        self.sheet.save_revision().publish()
        fr_page.refresh_from_db()
        self.assertEqual(translation_status(fr_page), TranslationStatus.OUTDATED)
        source.update_from_db()
        # wagtail-localize publishes on commit.
        with self.captureOnCommitCallbacks(execute=True):
            translation.save_target(publish=True)
        fr_page.refresh_from_db()
        self.assertEqual(translation_status(fr_page), TranslationStatus.CURRENT)
