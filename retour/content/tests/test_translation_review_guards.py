"""While a translation is in review, nothing publishes or ends it around the
review: wagtail-localize's own "Publish", "Sync translated pages" with
"Publish immediately", "Stop Synced translation", "Convert to alias" and an
editor's "Delete" are refused (review.py, permissions.py)."""

from __future__ import annotations

import json
import re
from html import unescape

from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import Translation

from retour.content.models import CountrySheetPage
from retour.orgs.models import Role

from .test_translation_review import ARABIC, TranslationCase

CORRECTED = "ملخص مصحح ينتظر المراجعة."
FRENCH = {
    "Sheet AF": "Fiche pays : Afghanistan",
    "Sample summary for readers.": "Résumé d'exemple pour les lecteurs.",
    "Sample health section.": "Section d'exemple sur la santé et les soins pour les personnes.",
    "Sample source": "Source d'exemple",
}


class InReviewGuardCase(TranslationCase):
    def _approve(self, page) -> None:
        page.refresh_from_db()
        task_state = page.current_workflow_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
        )
        self.assertEqual(self.reviewer.post(url).status_code, 302)

    def _live_in_review(self) -> tuple[Translation, CountrySheetPage]:
        """A published Arabic sheet whose correction awaits review."""
        translation, page = self._translate()
        self._type(translation, ARABIC)
        self._submit(translation)
        self._approve(page)
        self._type(translation, {self.sheet.summary: CORRECTED})
        self.assertEqual(self._submit(translation).status_code, 302)
        page = CountrySheetPage.objects.get(pk=page.pk)
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(page.summary, ARABIC[self.sheet.summary])
        self.assertIsNotNone(page.live_revision_id)
        return translation, page

    def _unchanged(self, page: CountrySheetPage, *, live_revision_id: int | None) -> None:
        """Readers still see the reviewed-before text; the review still runs."""
        fresh = CountrySheetPage.objects.get(pk=page.pk)
        self.assertEqual(fresh.live_revision_id, live_revision_id)
        self.assertEqual(fresh.summary, ARABIC[self.sheet.summary])
        self.assertEqual(fresh.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)

    def _outsider(self):
        return self.client_for(self.user(Role.REVIEWER, org="b"))

    def _props(self, response) -> dict:
        match = re.search(r'class="js-translation-editor" data-props="([^"]*)"', response.text)
        assert match is not None
        return json.loads(unescape(match.group(1)))


class EditorPublishTests(InReviewGuardCase):
    def _publish(self, client, page):
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        with self.captureOnCommitCallbacks(execute=True):  # wagtail-localize publishes on commit
            return client.post(url, {"action": "publish"})

    def test_the_editors_publish_is_refused_while_in_review(self):
        _translation, page = self._live_in_review()
        for who, client in (("reviewer", self.reviewer), ("editor", self.editor)):
            with self.subTest(who=who):
                response = self._publish(client, page)
                self.assertEqual(response.status_code, 403)
                self.assertContains(response, "Approve and publish", status_code=403)
                self._unchanged(page, live_revision_id=page.live_revision_id)

    def test_the_publish_button_is_hidden_while_in_review(self):
        _translation, page = self._live_in_review()
        props = self._props(self.reviewer.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
        self.assertFalse(props["perms"]["canPublish"])
        self.assertIsNone(props["links"]["convertToAliasUrl"])

    def test_outside_review_reviewers_publish_and_editors_do_not(self):
        translation, page = self._translate()
        self._type(translation, ARABIC)
        edit_view = self.reviewer.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertTrue(self._props(edit_view)["perms"]["canPublish"])
        self._publish(self.editor, page)
        self.assertFalse(CountrySheetPage.objects.get(pk=page.pk).live)
        self.assertEqual(self._publish(self.reviewer, page).status_code, 302)
        self.assertEqual(
            CountrySheetPage.objects.get(pk=page.pk).summary, ARABIC[self.sheet.summary]
        )
        self.assertTrue(CountrySheetPage.objects.get(pk=page.pk).live)

    def test_another_organisations_publish_is_404(self):
        _translation, page = self._live_in_review()
        self.assertEqual(self._publish(self._outsider(), page).status_code, 404)
        self._unchanged(page, live_revision_id=page.live_revision_id)


class SyncPublishTests(InReviewGuardCase):
    def _french_live(self) -> CountrySheetPage:
        fr = Locale.objects.get_or_create(language_code="fr")[0]
        url = reverse("wagtail_localize:submit_page_translation", args=[self.sheet.pk])
        self.assertEqual(self.editor.post(url, {"locales": [fr.pk]}).status_code, 302)
        translation = Translation.objects.get(target_locale=fr)
        page = CountrySheetPage.objects.get(locale=fr)
        self._type(translation, FRENCH)
        self._submit(translation)
        self._approve(page)
        return CountrySheetPage.objects.get(pk=page.pk)

    def _sync(self, client, translation):
        url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
        with self.captureOnCommitCallbacks(execute=True):  # wagtail-localize publishes on commit
            return client.post(url, {"publish_translations": "on"})

    def test_publish_immediately_skips_the_pages_in_review(self):
        translation, arabic = self._live_in_review()
        french = self._french_live()
        response = self._sync(self.reviewer, translation)
        self.assertEqual(response.status_code, 302)
        self._unchanged(arabic, live_revision_id=arabic.live_revision_id)
        # The others are published as asked.
        self.assertNotEqual(
            CountrySheetPage.objects.get(pk=french.pk).live_revision_id, french.live_revision_id
        )
        messages = " ".join(self._messages(response))
        self.assertIn("Not published, because they are in review", messages)
        self.assertIn(f"{ARABIC['Sheet AF']} (", messages)
        self.assertNotIn(FRENCH["Sheet AF"], messages)

    def test_an_editors_sync_publishes_nothing(self):
        translation, arabic = self._live_in_review()
        self.assertEqual(self._sync(self.editor, translation).status_code, 302)
        self._unchanged(arabic, live_revision_id=arabic.live_revision_id)

    def test_another_organisations_sync_is_404(self):
        translation, arabic = self._live_in_review()
        self.assertEqual(self._sync(self._outsider(), translation).status_code, 404)
        self._unchanged(arabic, live_revision_id=arabic.live_revision_id)


class EndingTranslationTests(InReviewGuardCase):
    def _stop(self, client, translation, page):
        url = reverse("wagtail_localize:stop_translation", args=[translation.pk])
        return client.post(url, {"next": reverse("wagtailadmin_pages:edit", args=[page.pk])})

    def _alias(self, client, page):
        with self.captureOnCommitCallbacks(execute=True):
            return client.post(reverse("wagtail_localize:convert_to_alias", args=[page.pk]))

    def _still_translated(self, translation, page) -> None:
        self.assertTrue(Translation.objects.get(pk=translation.pk).enabled)
        self.assertIsNone(Page.objects.get(pk=page.pk).alias_of_id)
        self._unchanged(page, live_revision_id=page.live_revision_id)

    def test_stop_and_convert_to_alias_are_refused_while_in_review(self):
        translation, page = self._live_in_review()
        for who, client in (("reviewer", self.reviewer), ("editor", self.editor)):
            with self.subTest(who=who):
                response = self._stop(client, translation, page)
                self.assertContains(response, "cannot be stopped", status_code=403)
                response = self._alias(client, page)
                self.assertContains(response, "cannot be stopped", status_code=403)
                self.assertEqual(
                    client.get(
                        reverse("wagtail_localize:convert_to_alias", args=[page.pk])
                    ).status_code,
                    403,
                )
                self._still_translated(translation, page)

    def test_outside_review_a_translation_may_be_stopped(self):
        translation, page = self._translate()
        self.assertEqual(self._stop(self.editor, translation, page).status_code, 302)
        self.assertFalse(Translation.objects.get(pk=translation.pk).enabled)

    def test_another_organisations_stop_and_alias_are_404(self):
        translation, page = self._live_in_review()
        outsider = self._outsider()
        self.assertEqual(self._stop(outsider, translation, page).status_code, 404)
        self.assertEqual(self._alias(outsider, page).status_code, 404)
        self._still_translated(translation, page)


class DeleteInReviewTests(InReviewGuardCase):
    def _draft_in_review(self) -> CountrySheetPage:
        translation, page = self._translate()
        self._type(translation, ARABIC)
        self._submit(translation)
        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        return page

    def _delete(self, client, page):
        return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))

    def test_an_editor_cannot_delete_a_page_in_review(self):
        page = self._draft_in_review()
        edit_view = self.editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertFalse(self._props(edit_view)["perms"]["canDelete"])
        response = self._delete(self.editor, page)
        # Wagtail answers its PermissionDenied with a redirect to the dashboard.
        self.assertRedirects(response, reverse("wagtailadmin_home"), target_status_code=200)
        self.assertTrue(Page.objects.filter(pk=page.pk).exists())
        bulk = reverse(
            "wagtail_bulk_action",
            kwargs={"app_label": "wagtailcore", "model_name": "page", "action": "delete"},
        )
        self.editor.post(f"{bulk}?id={page.pk}", {})
        self.assertTrue(Page.objects.filter(pk=page.pk).exists())
        page.refresh_from_db()
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)

    def test_outside_review_an_editor_deletes_their_draft(self):
        # Wagtail's rule, kept: the editor's own unpublished draft.
        _translation, page = self._translate()
        self.assertEqual(self._delete(self.editor, page).status_code, 302)
        self.assertFalse(Page.objects.filter(pk=page.pk).exists())

    def test_another_organisations_delete_is_404(self):
        page = self._draft_in_review()
        self.assertEqual(self._delete(self._outsider(), page).status_code, 404)
        self.assertTrue(Page.objects.filter(pk=page.pk).exists())
