"""An editor's wagtail-localize translation goes live through review, never before."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, Translation

from retour.content.models import CountrySheetPage
from retour.content.services import workflow_setup
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase

from .factories import country_sheet

ARABIC = {
    "Sheet AF": "صفحة البلد: أفغانستان",
    "Sample summary for readers.": "ملخص تجريبي للقراء.",
    "Sample health section.": "قسم تجريبي عن الصحة والرعاية الطبية للعائدين.",
    "Sample source": "مصدر تجريبي",
}


class TranslationCase(TenantTestCase):
    """A sheet of organisation A, its review workflow, an editor and a reviewer."""

    ar: Locale
    sheet: CountrySheetPage

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        workflow_setup(home=Page.get_first_root_node())
        cls.ar = Locale.objects.get_or_create(language_code="ar")[0]
        cls.sheet = country_sheet(
            organisation=cls.org_a, title="Sheet AF", summary="Sample summary for readers."
        )

    def setUp(self):
        self.editor = self.client_for(self.user(Role.EDITOR))
        self.reviewer = self.client_for(self.user(Role.REVIEWER))

    def _translate(self) -> tuple[Translation, CountrySheetPage]:
        """The editor's "Translate" action (wagtail-localize), into Arabic."""
        url = reverse("wagtail_localize:submit_page_translation", args=[self.sheet.pk])
        response = self.editor.post(url, {"locales": [self.ar.pk]})
        self.assertEqual(response.status_code, 302)
        translation = Translation.objects.get(target_locale=self.ar)
        return translation, CountrySheetPage.objects.get(locale=self.ar)

    def _type(self, translation: Translation, texts: dict[str, str]) -> None:
        """What the translation editor sends as the editor types each string."""
        for segment in StringSegment.objects.filter(source=translation.source):
            text = segment.string.data
            if text not in texts:
                continue
            url = reverse(
                "wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]
            )
            response = self.editor.put(
                url, urlencode({"value": texts[text]}), "application/x-www-form-urlencoded"
            )
            self.assertIn(response.status_code, (200, 201), response.content)

    def _submit(self, translation: Translation, client=None):
        url = reverse("content_submit_translation", args=[translation.pk])
        return (client or self.editor).post(url)

    def _messages(self, response) -> list[str]:
        return [str(m) for m in response.wsgi_request._messages]


class TranslationReviewTests(TranslationCase):
    def test_editor_submits_and_reviewer_approves_and_publishes(self):
        translation, page = self._translate()
        self.assertFalse(page.live)  # a draft, even though the source is live
        editor_view = self.editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertContains(editor_view, "data-retour-submit-translation")
        self.assertNotContains(editor_view, "data-retour-approve")

        self._type(translation, ARABIC)
        response = self._submit(translation)
        self.assertRedirects(
            response, reverse("wagtailadmin_pages:edit", args=[page.pk]), target_status_code=200
        )
        page.refresh_from_db()
        self.assertFalse(page.live)  # in review, not published
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(page.get_latest_revision_as_object().summary, ARABIC[self.sheet.summary])

        review_view = self.reviewer.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertContains(review_view, "data-retour-approve")
        task_state = page.current_workflow_task_state
        approve = reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
        )
        self.assertEqual(self.reviewer.post(approve).status_code, 302)
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(page.summary, ARABIC[self.sheet.summary])
        self.assertEqual(page.title, ARABIC["Sheet AF"])

    def test_untranslated_texts_are_refused_not_submitted(self):
        translation, page = self._translate()
        self._type(translation, {"Sheet AF": ARABIC["Sheet AF"]})
        response = self._submit(translation)
        self.assertEqual(response.status_code, 302)
        messages = self._messages(response)
        # The slug may stay as it is: 3 of the 4 reader-facing texts are missing.
        self.assertIn("3 of 4 texts are not translated yet", " ".join(messages))
        page.refresh_from_db()
        self.assertIsNone(page.current_workflow_state)

    def test_a_second_submission_while_in_review_starts_nothing(self):
        translation, page = self._translate()
        self._type(translation, ARABIC)
        first = self._submit(translation)
        self.assertTrue(
            any("submitted for review" in m for m in self._messages(first)), self._messages(first)
        )
        response = self._submit(translation)
        messages = self._messages(response)
        self.assertTrue(any("already awaiting review" in m for m in messages), messages)
        self.assertEqual(
            WorkflowState.objects.filter(object_id=str(page.pk)).count(), 1, "one workflow"
        )

    def test_another_organisations_translation_is_404(self):
        translation, _page = self._translate()
        self._type(translation, ARABIC)
        outsider_editor = self.client_for(self.user(Role.EDITOR, org="b"))
        self.assertEqual(self._submit(translation, outsider_editor).status_code, 404)
        missing = reverse("content_submit_translation", args=[translation.pk + 1000])
        self.assertEqual(self.editor.post(missing).status_code, 404)

    def test_get_is_not_allowed(self):
        translation, _page = self._translate()
        url = reverse("content_submit_translation", args=[translation.pk])
        self.assertEqual(self.editor.get(url).status_code, 405)

    def test_resubmitting_a_live_translation_keeps_the_published_text_until_approved(self):
        translation, page = self._translate()
        self._type(translation, ARABIC)
        self._submit(translation)
        page.refresh_from_db()
        task_state = page.current_workflow_task_state
        self.reviewer.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
        )
        published = CountrySheetPage.objects.get(pk=page.pk)
        self.assertIsNotNone(published.live_revision_id)
        # The editor corrects the summary of the live Arabic page and submits it.
        corrected = "ملخص تجريبي مصحح للقراء."
        self._type(translation, {"Sample summary for readers.": corrected})
        self._submit(translation)
        live = CountrySheetPage.objects.get(pk=page.pk)
        self.assertEqual(live.summary, ARABIC[self.sheet.summary])  # readers: unchanged
        self.assertTrue(live.has_unpublished_changes)
        # The row still names what is published (the restored revision held the
        # page as it was before its first publication).
        self.assertEqual(live.live_revision_id, published.live_revision_id)
        self.assertEqual(live.last_published_at, published.last_published_at)
        self.assertEqual(live.get_latest_revision_as_object().summary, corrected)
        task_state = live.current_workflow_task_state
        self.reviewer.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
        )
        self.assertEqual(CountrySheetPage.objects.get(pk=page.pk).summary, corrected)

    def _publish_arabic(self) -> CountrySheetPage:
        translation, page = self._translate()
        self._type(translation, ARABIC)
        self._submit(translation)
        page.refresh_from_db()
        task_state = page.current_workflow_task_state
        self.reviewer.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
        )
        return CountrySheetPage.objects.get(pk=page.pk)

    def test_sync_publish_immediately_is_dropped_for_editors(self):
        arabic = self._publish_arabic()
        self.assertTrue(arabic.live)
        published = arabic.live_revision_id
        source = Translation.objects.get(target_locale=self.ar).source
        url = reverse("wagtail_localize:update_translations", args=[source.pk])
        # An editor syncs with "Publish immediately" ticked: nothing is published.
        with self.captureOnCommitCallbacks(execute=True):  # wagtail-localize publishes on commit
            response = self.editor.post(url, {"publish_translations": "on"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(CountrySheetPage.objects.get(pk=arabic.pk).live_revision_id, published)
        self.assertIn("You may not publish these translations", " ".join(self._messages(response)))
        # A reviewer may.
        with self.captureOnCommitCallbacks(execute=True):
            self.reviewer.post(url, {"publish_translations": "on"})
        self.assertNotEqual(CountrySheetPage.objects.get(pk=arabic.pk).live_revision_id, published)
