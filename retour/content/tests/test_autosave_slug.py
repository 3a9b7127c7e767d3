"""An abandoned autosave draft never blocks a slug (Wagtail 8 autosaves the create view)."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.models import Page, PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from retour.content.models import CountrySheetPage
from retour.content.wagtail_hooks import ABANDONED_AFTER, SLUG_FREED
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase

from .factories import tree

SLUG = "iraq"


class AutosaveSlugTests(TenantTestCase):
    def _create(self, user, *, autosave: bool, org=None, **changes):
        _home, indexes = tree()
        url = reverse(
            "wagtailadmin_pages:add", args=["content", "countrysheetpage", indexes["countries"].pk]
        )
        data = {
            "title": "Sample country sheet: Iraq",
            "slug": SLUG,
            "country": "IQ",
            "summary": "",
            "sections": streamfield([]),
            "organisation": (org or self.org_a).pk,
            "purpose": "voluntary_return",
            "last_verified": "2026-12-01",
            "review_by": "2027-03-01",
            "comments": inline_formset([]),
        }
        data.update(changes)
        # Autosave posts the same form, asking for JSON (Wagtail's expects_json_response).
        accept = "application/json" if autosave else "text/html"
        return self.client_for(user).post(url, nested_form_data(data), headers={"accept": accept})

    def _abandoned_draft(self) -> CountrySheetPage:
        """An editor types a title, autosave creates the page, the editor leaves."""
        response = self._create(self.user(Role.EDITOR), autosave=True, summary="Half-written")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertTrue(response.json()["success"])
        return CountrySheetPage.objects.get(pk=response.json()["pk"])

    def _age(self, page, delta: datetime.timedelta) -> None:
        page.revisions.update(created_at=timezone.now() - delta)

    def _new_page(self, response) -> CountrySheetPage:
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        return CountrySheetPage.objects.exclude(summary="Half-written").get(slug=SLUG)

    def test_the_same_editor_starting_over_takes_the_slug_and_keeps_the_old_text(self):
        draft = self._abandoned_draft()
        new = self._new_page(self._create(self.user(Role.EDITOR), autosave=False))
        draft.refresh_from_db()
        renamed = f"{SLUG}-abandoned-{draft.pk}"
        self.assertEqual(draft.slug, renamed)
        self.assertEqual(draft.summary, "Half-written")  # renamed, never deleted
        self.assertEqual(draft.get_latest_revision_as_object().slug, renamed)
        self.assertNotEqual(new.pk, draft.pk)
        entry = PageLogEntry.objects.get(page=draft, action=SLUG_FREED)
        self.assertEqual(entry.data, {"slug": SLUG, "new_slug": renamed})
        self.assertEqual(entry.user, self.user(Role.EDITOR))

    def test_an_autosave_of_the_new_page_frees_the_slug_too(self):
        draft = self._abandoned_draft()
        response = self._create(self.user(Role.EDITOR), autosave=True)
        self.assertTrue(response.json()["success"], response.content)
        self.assertNotEqual(response.json()["pk"], draft.pk)

    def test_someone_else_waits_until_the_draft_is_old(self):
        draft = self._abandoned_draft()
        reviewer = self.user(Role.REVIEWER)
        response = self._create(reviewer, autosave=False)
        self.assertEqual(response.status_code, 200)
        self.assertIn("slug", response.context["form"].errors)
        self._age(draft, ABANDONED_AFTER + datetime.timedelta(minutes=1))
        self._new_page(self._create(reviewer, autosave=False))

    def test_another_organisations_old_draft_is_renamed_by_the_platform(self):
        draft = self._abandoned_draft()
        self._age(draft, ABANDONED_AFTER + datetime.timedelta(minutes=1))
        response = self._create(self.user(Role.EDITOR, org="b"), autosave=False, org=self.org_b)
        self._new_page(response)
        self.assertIsNone(PageLogEntry.objects.get(page=draft, action=SLUG_FREED).user)

    def test_a_draft_someone_has_open_keeps_its_slug(self):
        draft = self._abandoned_draft()
        EditingSession.objects.create(
            user=self.user(Role.EDITOR),
            content_type=ContentType.objects.get_for_model(Page),
            object_id=str(draft.pk),
            last_seen_at=timezone.now(),
        )
        response = self._create(self.user(Role.EDITOR), autosave=False)
        self.assertIn("slug", response.context["form"].errors)
        draft.refresh_from_db()
        self.assertEqual(draft.slug, SLUG)

    def test_an_explicitly_saved_or_submitted_draft_keeps_its_slug(self):
        response = self._create(self.user(Role.EDITOR), autosave=False, summary="Saved on purpose")
        saved = CountrySheetPage.objects.get(slug=SLUG)
        self.assertEqual(response.status_code, 302)
        self._age(saved, ABANDONED_AFTER * 24)
        response = self._create(self.user(Role.EDITOR), autosave=False)
        self.assertIn("slug", response.context["form"].errors)

        saved.delete()
        draft = self._abandoned_draft()
        from retour.content.services import workflow_setup

        workflow_setup(home=Page.get_first_root_node()).start(draft, self.user(Role.EDITOR))
        response = self._create(self.user(Role.EDITOR), autosave=False)
        self.assertIn("slug", response.context["form"].errors)
