"""Translation status computed from the text, and the per-language dashboard."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.urls import reverse
from wagtail.models import Locale

from retour.content import services
from retour.content.models import OwnedPage
from retour.content.selectors import translation_overview, translation_state
from retour.content.translation_status import TranslationStatus, section_translated
from retour.core.actors import SystemActor
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase

from .factories import country_sheet, translated_sections

ACTOR = SystemActor.cli("test")
SAFETY_EN = "<p>Sample text: describe the current safety situation in the main cities.</p>"
HEALTH_EN = "<p>Sample text: which treatments are available and what they cost.</p>"
AR = {
    "safety": "<p>نص تجريبي: صف الوضع الأمني الحالي في المدن الرئيسية.</p>",
    "health": "<p>نص تجريبي: ما هي العلاجات المتاحة وكم تكلف.</p>",
}


def _sections(today):
    return [
        ("section", {"kind": kind, "body": body, "last_verified": today, "sources": []})
        for kind, body in (("safety", SAFETY_EN), ("health", HEALTH_EN))
    ]


class TranslationStatusTests(TenantTestCase):
    sheet: Any  # set in setUpTestData/setUp

    @classmethod
    def setUpTestData(cls):
        import datetime

        super().setUpTestData()
        for code in ("ar", "fa"):
            Locale.objects.get_or_create(language_code=code)
        cls.sheet = country_sheet(
            organisation=cls.org_a,
            title="Sheet AF",
            country="AF",
            sections=_sections(datetime.date.today()),
        )
        cls.other = country_sheet(organisation=cls.org_b, title="Bravo sheet", country="IQ")

    def setUp(self):
        cache.clear()

    def _ar(self, bodies: dict[str, str]):
        return services.page_translate(
            actor=ACTOR,
            page=self.sheet,
            locale=Locale.objects.get(language_code="ar"),
            fields={
                "title": "صفحة البلد: أفغانستان",
                "sections": translated_sections(self.sheet, bodies),
            },
        )

    def test_copied_english_sections_are_not_translated(self):
        # The demo's bug: an Arabic page whose section bodies are English said "current".
        ar = self._ar({})
        state = translation_state(ar)
        self.assertEqual(state.status, TranslationStatus.NOT_TRANSLATED)
        self.assertEqual((state.translated, state.total), (0, 2))
        response = self.client.get(ar.url, HTTP_HOST="localhost")
        # The label is in the reader's (Arabic) interface; the status class is not.
        self.assertContains(response, '<dd class="status-not_translated">')
        self.assertContains(response, "لم تُترجم بعد")

    def test_partly_translated_counts_sections(self):
        ar = self._ar({"safety": AR["safety"]})
        state = translation_state(ar)
        self.assertEqual(state.status, TranslationStatus.PARTIAL)
        self.assertEqual((state.translated, state.total), (1, 2))
        self.assertEqual(state.label, "Partly translated: 1 of 2 sections")

    def test_english_rewording_is_detected_as_not_translated(self):
        reworded = "<p>Example: describe how safe the big cities are at the moment, please.</p>"
        self.assertFalse(
            section_translated(
                source_text=SAFETY_EN, target_text=reworded, source_lang="en", target_lang="ar"
            )
        )
        self.assertTrue(
            section_translated(
                source_text=SAFETY_EN, target_text=AR["safety"], source_lang="en", target_lang="ar"
            )
        )

    def test_fully_translated_is_current_until_a_non_minor_source_change(self):
        ar = self._ar(AR)
        self.assertEqual(translation_state(ar).status, TranslationStatus.CURRENT)
        source = OwnedPage.objects.get(pk=self.sheet.pk).specific
        services.page_publish(actor=ACTOR, page=source, minor=True)
        ar = OwnedPage.objects.get(pk=ar.pk)
        self.assertEqual(translation_state(ar).status, TranslationStatus.CURRENT)
        services.page_publish(actor=ACTOR, page=source, minor=False)
        ar = OwnedPage.objects.get(pk=ar.pk)
        self.assertEqual(translation_state(ar).status, TranslationStatus.OUTDATED)

    def test_overview_is_per_organisation_and_language(self):
        self._ar({"safety": AR["safety"]})
        ar = translation_overview(self.org_a, language="ar")
        self.assertEqual([r["source"].title for r in ar["rows"]], ["Sheet AF"])
        self.assertEqual(ar["counts"][TranslationStatus.PARTIAL], 1)
        fa = translation_overview(self.org_a, language="fa")
        self.assertEqual(fa["counts"][TranslationStatus.NOT_TRANSLATED], 1)
        self.assertIsNone(fa["rows"][0]["page"])

    def test_dashboard_roles_scope_and_bad_language(self):
        self._ar({"safety": AR["safety"]})
        url = reverse("content_translations")
        for role in (Role.CASEWORKER, Role.ANALYST):
            self.assert_refused(self.client_for(self.user(role)).get(url), role)
        client = self.client_for(self.user(Role.EDITOR))
        response = client.get(url, {"lang": "ar"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Sheet AF")
        self.assertContains(response, "Partly translated: 1 of 2 sections")
        self.assertNotContains(response, "Bravo sheet")
        self.assertEqual(client.get(url, {"lang": "xx"}).status_code, 400)
