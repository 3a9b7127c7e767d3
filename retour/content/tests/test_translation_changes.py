"""While a translation is in review its strings stay as reviewed; a reviewer
may send it back with a comment, and the editor then changes and resubmits it."""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    Translation,
)

from retour.content.models import CountrySheetPage
from retour.core.models import AuditEvent
from retour.orgs.models import Role

from .test_translation_review import ARABIC, TranslationCase

CORRECTED = "ملخص مصحح بعد المراجعة."
FORM = "application/x-www-form-urlencoded"


class InReviewTests(TranslationCase):
    def _in_review(self) -> tuple[Translation, CountrySheetPage]:
        translation, page = self._translate()
        self._type(translation, ARABIC)
        self.assertEqual(self._submit(translation).status_code, 302)
        page.refresh_from_db()
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        return translation, page

    def _segment(self, translation: Translation, text: str) -> StringSegment:
        return StringSegment.objects.get(source=translation.source, string__data=text)

    def _put_string(self, client, translation, text: str, value: str):
        url = reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, self._segment(translation, text).pk],
        )
        return client.put(url, urlencode({"value": value}), FORM)

    def _summary_translation(self, translation) -> str:
        segment = self._segment(translation, self.sheet.summary)
        return StringTranslation.objects.get(
            translation_of_id=segment.string_id,
            context_id=segment.context_id,
            locale=self.ar,
        ).data

    def _writes(self, translation) -> dict[str, tuple[str, str, dict]]:
        """Every wagtail-localize endpoint that writes a translation's strings."""
        segment = self._segment(translation, self.sheet.summary)
        override = OverridableSegment.objects.filter(source=translation.source).first()
        override_id = override.pk if override else 1
        string_url = reverse(
            "wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]
        )
        override_url = reverse("wagtail_localize:edit_override", args=[translation.pk, override_id])
        return {
            "string save": ("put", string_url, {"value": CORRECTED}),
            "string delete": ("delete", string_url, {}),
            "override save": ("put", override_url, {"value": "https://example.org/x"}),
            "override delete": ("delete", override_url, {}),
            "PO upload": (
                "post",
                reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
                {"file": SimpleUploadedFile("ar.po", b'msgid ""\nmsgstr ""\n')},
            ),
            "machine translation": (
                "post",
                reverse("wagtail_localize:machine_translate", args=[translation.pk]),
                {},
            ),
        }

    def _send(self, client, method: str, url: str, data: dict):
        if method == "post":
            return client.post(url, data)
        return getattr(client, method)(url, urlencode(data), FORM)

    def _props(self, response) -> dict:
        match = re.search(r'class="js-translation-editor" data-props="([^"]*)"', response.text)
        self.assertIsNotNone(match)
        assert match is not None
        return json.loads(unescape(match.group(1)))

    def test_every_string_write_is_refused_while_in_review(self):
        translation, _page = self._in_review()
        for who, client in (("editor", self.editor), ("reviewer", self.reviewer)):
            for name, (method, url, data) in self._writes(translation).items():
                with self.subTest(who=who, endpoint=name):
                    response = self._send(client, method, url, data)
                    self.assertEqual(response.status_code, 403, response.content[:300])
        self.assertEqual(self._summary_translation(translation), ARABIC[self.sheet.summary])

    def test_the_editor_sees_the_strings_read_only_with_a_notice(self):
        translation, page = self._translate()
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        before = self.editor.get(edit_url)
        self.assertFalse(self._props(before)["object"]["isLocked"])
        self.assertNotContains(before, "data-retour-in-review")
        self._type(translation, ARABIC)
        self._submit(translation)
        for client in (self.editor, self.reviewer):
            response = client.get(edit_url)
            self.assertContains(response, "This translation is in review; it can be changed")
            props = self._props(response)
            self.assertTrue(props["object"]["isLocked"])  # no Edit, PO upload, machine
            self.assertFalse(props["perms"]["canUnlock"])

    def test_request_changes_sends_it_back_and_the_strings_are_editable_again(self):
        translation, page = self._in_review()
        comment = "The summary should mention the reintegration grant."
        response = self._request_changes(translation, page, comment)
        self.assertRedirects(
            response, reverse("wagtailadmin_pages:edit", args=[page.pk]), target_status_code=200
        )
        page.refresh_from_db()
        state = page.current_workflow_state
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        self.assertEqual(state.current_task_state.status, TaskState.STATUS_REJECTED)
        self.assertEqual(state.current_task_state.comment, comment)
        # Wagtail's own workflow log, and Retour's audit copied from it.
        entry = PageLogEntry.objects.get(page_id=page.pk, action="wagtail.workflow.reject")
        self.assertEqual(entry.data["comment"], comment)
        self.assertTrue(
            AuditEvent.objects.filter(
                action="page.review_rejected", object_id=str(page.pk), organisation=self.org_a
            ).exists()
        )

        editor_view = self.editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertContains(editor_view, comment)
        self.assertContains(editor_view, "data-retour-submit-translation")
        self.assertNotContains(editor_view, "data-retour-in-review")
        self.assertFalse(self._props(editor_view)["object"]["isLocked"])

        response = self._put_string(self.editor, translation, self.sheet.summary, CORRECTED)
        self.assertEqual(response.status_code, 200, response.content)
        self._submit(translation)
        page.refresh_from_db()
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(
            self._put_string(self.editor, translation, self.sheet.summary, "x").status_code, 403
        )
        task_state = page.current_workflow_task_state
        self.reviewer.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
        )
        live = CountrySheetPage.objects.get(pk=page.pk)
        self.assertTrue(live.live)
        self.assertEqual(live.summary, CORRECTED)

    def _request_changes(self, translation, page, comment: str, client=None, task_state=None):
        task_state = task_state or page.current_workflow_task_state
        url = reverse("content_request_translation_changes", args=[translation.pk])
        return (client or self.reviewer).post(
            url, {"comment": comment, "task_state": task_state.pk if task_state else ""}
        )

    def _still_in_review(self, page) -> None:
        page.refresh_from_db()
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertFalse(
            PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.workflow.reject").exists()
        )

    def test_request_changes_requires_a_comment(self):
        translation, page = self._in_review()
        response = self._request_changes(translation, page, "   ")
        self.assertEqual(response.status_code, 302)
        self.assertIn("the comment is required", " ".join(self._messages(response)))
        self._still_in_review(page)

    def test_an_editor_cannot_request_changes(self):
        translation, page = self._in_review()
        editor_view = self.editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertNotContains(editor_view, "data-retour-request-changes")
        response = self._request_changes(translation, page, "Looks wrong", client=self.editor)
        self.assertEqual(response.status_code, 403, self._messages(response))
        self._still_in_review(page)

    def test_another_organisations_translation_is_404(self):
        translation, page = self._in_review()
        outsider = self.client_for(self.user(Role.REVIEWER, org="b"))
        response = self._request_changes(translation, page, "Not ours", client=outsider)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(
            self._put_string(outsider, translation, self.sheet.summary, "x").status_code, 404
        )
        self._still_in_review(page)
        missing = reverse("content_request_translation_changes", args=[translation.pk + 1000])
        self.assertEqual(self.reviewer.post(missing, {"comment": "x"}).status_code, 404)

    def test_a_decided_review_is_not_decided_twice(self):
        translation, page = self._in_review()
        task_state = page.current_workflow_task_state
        self._request_changes(translation, page, "First", task_state=task_state)
        response = self._request_changes(translation, page, "Second", task_state=task_state)
        self.assertIn("already been decided", " ".join(self._messages(response)))
        self.assertEqual(
            PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.workflow.reject").count(),
            1,
        )
