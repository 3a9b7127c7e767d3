"""Public rendering: notices, translation status, fallback, RTL, cache and reads."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import TestCase, override_settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale

from retour.content import rendering, services
from retour.content.models import OwnedPage, PageDailyReads, Purpose, ReturnProgrammePage
from retour.content.selectors import TranslationStatus, enforcement_links, translation_status
from retour.core.actors import SystemActor
from retour.testing.factories import OrganisationFactory

from .factories import country_sheet, short_answer, translated_sections, tree

TODAY = datetime.date.today()
# The factory's health section, translated (status is computed from the text).
BODIES = {
    "fr": "<p>Exemple de section sur la santé : les soins disponibles dans le pays.</p>",
    "ar": "<p>مثال على قسم الصحة: الرعاية الصحية المتاحة في البلد.</p>",
    "fa": "<p>نمونه بخش بهداشت: خدمات درمانی موجود در کشور.</p>",
}


class PortalTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Sample Org", slug="sample-org")
        tree()
        for code in ("fr", "ar", "fa", "ps"):
            Locale.objects.get_or_create(language_code=code)
        cls.sheet = country_sheet(organisation=cls.org, title="Sheet AF", country="AF")

    def setUp(self):
        cache.clear()
        # Read counts buffered by earlier tests (page ids are reused) must not leak in.
        rendering._pending.clear()

    def get(self, url):
        return self.client.get(url, HTTP_HOST="localhost")


class NoticeTests(PortalTestCase):
    def test_fresh_page_has_no_stale_notice(self):
        response = self.get("/en/countries/" + self.sheet.slug + "/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Sample Org")  # who stands behind it
        self.assertNotContains(response, "this may be out of date")
        self.assertContains(response, "Sample content.")

    def test_stale_page_stays_online_with_notice(self):
        old = TODAY - datetime.timedelta(days=100)
        page = country_sheet(
            organisation=self.org, title="Old", country="IQ", last_verified=old, review_by=old
        )
        response = self.get(page.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "this may be out of date")

    def test_section_without_a_verification_date_is_shown_as_unverified(self):
        # Imports and translations can carry a section without its date; the
        # page must still render (it gave a 500) and say the text is unverified.
        page = country_sheet(
            organisation=self.org,
            title="Undated",
            country="GE",
            sections=[
                (
                    "section",
                    {"kind": "health", "body": "<p>Sample.</p>", "last_verified": None,
                     "sources": []},
                )
            ],
        )  # fmt: skip
        response = self.get(page.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This section has no verification date")

    def test_review_by_defaults_by_type(self):
        self.assertEqual(self.sheet.review_by, self.sheet.last_verified + datetime.timedelta(90))
        answer = short_answer(organisation=self.org)
        self.assertEqual(answer.review_by, answer.last_verified + datetime.timedelta(180))

    def test_review_by_before_last_verified_is_refused(self):
        self.sheet.review_by = self.sheet.last_verified - datetime.timedelta(days=1)
        with self.assertRaises(ValidationError):
            self.sheet.full_clean()


class TranslationTests(PortalTestCase):
    def _translate(self, code="fr", machine=False):
        return services.page_translate(
            actor=SystemActor.cli("test"),
            page=self.sheet,
            locale=Locale.objects.get(language_code=code),
            fields={
                "title": f"Fiche {code}",
                "sections": translated_sections(self.sheet, {"health": BODIES[code]}),
            },
            machine=machine,
        )

    def test_status_current_then_outdated_after_source_change(self):
        fr = self._translate()
        self.assertEqual(translation_status(fr), TranslationStatus.CURRENT)
        self.assertEqual(translation_status(self.sheet), TranslationStatus.SOURCE)
        source = OwnedPage.objects.get(pk=self.sheet.pk).specific
        services.page_publish(actor=SystemActor.cli("test"), page=source, minor=False)
        fr = OwnedPage.objects.get(pk=fr.pk)
        self.assertEqual(translation_status(fr), TranslationStatus.OUTDATED)
        response = self.get(fr.url)
        self.assertContains(response, "Traduction dépassée")  # French interface

    def test_minor_edit_does_not_outdate(self):
        fr = self._translate()
        source = OwnedPage.objects.get(pk=self.sheet.pk).specific
        services.page_publish(actor=SystemActor.cli("test"), page=source, minor=True)
        self.assertEqual(
            translation_status(OwnedPage.objects.get(pk=fr.pk)), TranslationStatus.CURRENT
        )

    def test_machine_translation_is_labelled(self):
        fr = self._translate(machine=True)
        self.assertEqual(translation_status(fr), TranslationStatus.MACHINE)
        self.assertContains(self.get(fr.url), "Traduction automatique, pas encore relue")

    def test_arabic_translation_is_rtl(self):
        ar = self._translate("ar")
        response = self.get(ar.url)
        self.assertContains(response, '<html lang="ar" dir="rtl">')
        self.assertRegex(response.content.decode(), r'<article[^>]*lang="ar"\s+dir="rtl"')

    def test_missing_translation_falls_back_with_label(self):
        # Pashto: the page is not translated (the interface is).
        response = self.get("/ps/countries/" + self.sheet.slug + "/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<html lang="ps" dir="rtl">')
        with translation.override("ps"):
            label = gettext(
                "This page is not yet available in %(reader)s. It is shown in %(shown)s."
            )
        self.assertNotIn("not yet available", label)  # the Pashto catalogue has it
        self.assertContains(response, label.split("%(")[0].strip())
        # The English text keeps its own language and direction.
        self.assertRegex(response.content.decode(), r'<article[^>]*lang="en"\s+dir="ltr"')

    def test_language_picker_links_to_the_same_page(self):
        fr = self._translate()
        response = self.get(self.sheet.url)
        self.assertContains(response, f'href="{fr.url}"')
        self.assertContains(response, f'href="/fa/countries/{self.sheet.slug}/"')


class CacheAndReadsTests(PortalTestCase):
    @override_settings(RETOUR_READS_FLUSH_EVERY=2)
    def test_second_read_is_cached_and_reads_are_counted(self):
        first = self.get(self.sheet.url)
        second = self.get(self.sheet.url)
        self.assertNotIn("X-Retour-Cache", first)
        self.assertEqual(second["X-Retour-Cache"], "hit")
        self.assertEqual(first.content, second.content)
        self.assertEqual(PageDailyReads.objects.get(page_id=self.sheet.pk).count, 2)

    def test_publishing_invalidates_the_cache(self):
        self.get(self.sheet.url)
        page = OwnedPage.objects.get(pk=self.sheet.pk).specific
        page.title = "Sheet AF renamed"
        services.page_publish(actor=SystemActor.cli("test"), page=page)
        response = self.get(self.sheet.url)
        self.assertNotIn("X-Retour-Cache", response)
        self.assertContains(response, "Sheet AF renamed")

    def test_logged_in_staff_are_never_served_from_cache(self):
        from retour.testing.factories import UserFactory

        self.get(self.sheet.url)
        self.client.force_login(UserFactory(username="staff"))
        self.assertNotIn("X-Retour-Cache", self.get(self.sheet.url))


class SeparationTests(PortalTestCase):
    def test_voluntary_page_linking_enforcement_is_flagged(self):
        enforcement = country_sheet(
            organisation=self.org, title="Detention", country="IQ", purpose=Purpose.ENFORCEMENT
        )
        answer = short_answer(organisation=self.org, backing_pages=[("page", enforcement)])
        self.assertEqual(enforcement_links(answer), [OwnedPage.objects.get(pk=enforcement.pk)])
        clean = short_answer(
            organisation=self.org, title="Q2", backing_pages=[("page", self.sheet)]
        )
        self.assertEqual(enforcement_links(clean), [])
        rich = country_sheet(
            organisation=self.org,
            title="Links",
            country="GE",
            summary="",
            sections=[
                (
                    "section",
                    {
                        "kind": "safety",
                        "body": f'<p><a linktype="page" id="{enforcement.pk}">x</a></p>',
                        "last_verified": TODAY,
                        "sources": [],
                    },
                )
            ],
        )
        self.assertEqual([p.pk for p in enforcement_links(rich)], [enforcement.pk])


class ProgrammeValidationTests(PortalTestCase):
    def test_validity_and_grant_rules(self):
        page = ReturnProgrammePage(
            title="P",
            operator="Op",
            organisation=self.org,
            valid_from=TODAY,
            valid_until=TODAY - datetime.timedelta(days=1),
            cash_grant_amount=100,
            cash_grant_currency="XXY",
            eligible_nationalities=["ZZ"],
        )
        with self.assertRaises(ValidationError) as ctx:
            page.full_clean(exclude=["path", "depth", "slug", "locale", "content_type"])
        errors = ctx.exception.message_dict
        for field in ("eligible_nationalities", "valid_until", "cash_grant_currency"):
            self.assertIn(field, errors)


class InterfaceLanguageTests(PortalTestCase):
    def test_interface_is_translated_into_french_arabic_and_persian(self):
        self.assertContains(self.get("/fr/countries/" + self.sheet.slug + "/"), "Aller au contenu")
        self.assertContains(self.get("/ar/countries/" + self.sheet.slug + "/"), "انتقل إلى المحتوى")
        self.assertContains(self.get("/fa/countries/" + self.sheet.slug + "/"), "رفتن به محتوا")
        # Every launch language has an interface catalogue now (drafts for some).
        for lang in ("ps", "ti", "so"):
            with translation.override(lang):
                skip = gettext("Skip to content")
            self.assertNotEqual(skip, "Skip to content", lang)
            self.assertContains(self.get(f"/{lang}/countries/{self.sheet.slug}/"), skip)
