"""While a page is in review, only the review's "Approve and publish" publishes
it: Wagtail's page-editor "Publish" and bulk "Publish" are refused for source
pages and translations, for reviewers and administrators (publish_guard.py)."""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import Locale, Page, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from retour.content.models import ShortAnswerPage
from retour.content.services import workflow_setup
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase

from .factories import short_answer

REVIEWED = "The answer readers see."
IN_REVIEW = "The corrected answer awaiting review."
BULK_PUBLISH = reverse(
    "wagtail_bulk_action",
    kwargs={"app_label": "wagtailcore", "model_name": "page", "action": "publish"},
)
PUBLISHERS = (("reviewer", Role.REVIEWER), ("admin", Role.ADMIN))


class PublishInReviewCase(TenantTestCase):
    """A live source page and its live Arabic translation (edited in Wagtail's
    editor: no synced wagtail-localize translation), each with a correction in review."""

    workflow: Workflow
    source: ShortAnswerPage
    translation: ShortAnswerPage

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.workflow = workflow_setup(home=Page.get_first_root_node())
        cls.source = short_answer(organisation=cls.org_a, title="Can I return?", answer=REVIEWED)
        ar = Locale.objects.get_or_create(language_code="ar")[0]
        translation = cls.source.copy_for_translation(ar, copy_parents=True)
        translation.save_revision().publish()
        cls.translation = ShortAnswerPage.objects.get(pk=translation.pk)
        for page in (cls.source, cls.translation):
            cls._submit(page.pk, cls.users[("a", Role.EDITOR)])

    @classmethod
    def _submit(cls, page_id: int, editor) -> None:
        page = ShortAnswerPage.objects.get(pk=page_id)
        page.answer = IN_REVIEW
        page.save_revision(user=editor)
        cls.workflow.start(page, editor)

    def pages(self):
        return (("source", self.source), ("translation", self.translation))

    def assert_still_in_review(self, page: ShortAnswerPage) -> None:
        """Readers see the reviewed text; the draft and its review are as submitted."""
        fresh = ShortAnswerPage.objects.get(pk=page.pk)
        self.assertEqual(fresh.live_revision_id, page.live_revision_id)
        self.assertEqual(fresh.answer, REVIEWED)
        self.assertEqual(fresh.get_latest_revision_as_object().answer, IN_REVIEW)
        self.assertEqual(fresh.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)

    def messages(self, response) -> str:
        return " ".join(str(m) for m in response.wsgi_request._messages)

    def form(self, page: ShortAnswerPage, **changes) -> dict:
        data = {
            "title": page.title,
            "slug": page.slug,
            "answer": page.answer,
            "backing_pages": streamfield([]),
            "organisation": page.organisation_id,
            "purpose": page.purpose,
            "last_verified": page.last_verified.isoformat(),
            "review_by": page.review_by.isoformat(),
            "comments": inline_formset([]),
        }
        data.update(changes)
        return nested_form_data(data)


class EditorPublishTests(PublishInReviewCase):
    def test_the_editors_publish_is_refused_while_in_review(self):
        for (who, role), (kind, page) in (
            (publisher, page) for publisher in PUBLISHERS for page in self.pages()
        ):
            with self.subTest(who=who, page=kind):
                url = reverse("wagtailadmin_pages:edit", args=[page.pk])
                data = self.form(page, answer="Published around the review.")
                data["action-publish"] = "action-publish"
                revisions = page.revisions.count()
                response = self.client_for(self.user(role)).post(url, data)
                self.assertRedirects(response, url, fetch_redirect_response=False)
                self.assertIn("is in review, so it was not published", self.messages(response))
                self.assert_still_in_review(page)
                # Nothing was saved either: no revision from the refused form.
                self.assertEqual(page.revisions.count(), revisions)

    def test_publish_this_version_is_refused_while_in_review(self):
        revision = self.source.revisions.order_by("created_at").first()
        url = reverse("wagtailadmin_pages:revisions_revert", args=[self.source.pk, revision.pk])
        data = self.form(self.source, **{"action-publish": "action-publish"})
        response = self.client_for(self.user(Role.REVIEWER)).post(url, data)
        self.assertEqual(response.status_code, 302)
        self.assert_still_in_review(self.source)

    def test_the_publish_button_is_hidden_while_in_review(self):
        reviewer = self.client_for(self.user(Role.REVIEWER))
        for kind, page in self.pages():
            with self.subTest(page=kind):
                response = reviewer.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, 'name="action-publish"')
                self.assertContains(response, 'data-workflow-action-name="approve"')
                self.assertRegex(response.content.decode(), r">\s*Approve and publish\s*</button>")
                self.assertNotContains(response, "Approve and publish and Publish")

    def test_outside_review_a_reviewer_publishes_from_the_editor(self):
        page = short_answer(organisation=self.org_a, title="Not in review", answer=REVIEWED)
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        reviewer = self.client_for(self.user(Role.REVIEWER))
        self.assertContains(reviewer.get(url), 'name="action-publish"')
        data = self.form(page, answer="Published directly.")
        data["action-publish"] = "action-publish"
        self.assertEqual(reviewer.post(url, data).status_code, 302)
        self.assertEqual(ShortAnswerPage.objects.get(pk=page.pk).answer, "Published directly.")


class BulkPublishTests(PublishInReviewCase):
    def test_bulk_publish_is_refused_while_in_review(self):
        for (who, role), (kind, page) in (
            (publisher, page) for publisher in PUBLISHERS for page in self.pages()
        ):
            with self.subTest(who=who, page=kind):
                response = self.client_for(self.user(role)).post(f"{BULK_PUBLISH}?id={page.pk}", {})
                self.assertEqual(response.status_code, 302)
                self.assertIn("Nothing was published: in review", self.messages(response))
                self.assert_still_in_review(page)

    def test_a_selection_with_one_page_in_review_publishes_nothing(self):
        other = short_answer(organisation=self.org_a, title="Pending draft", answer=REVIEWED)
        other.answer = "Not in review."
        other.save_revision(user=self.user(Role.EDITOR))
        response = self.client_for(self.user(Role.REVIEWER)).post(
            f"{BULK_PUBLISH}?id={other.pk}&id={self.source.pk}", {}
        )
        self.assertEqual(response.status_code, 302)
        self.assertIn(self.source.title, self.messages(response))
        self.assertNotIn(other.title, self.messages(response))
        self.assertEqual(ShortAnswerPage.objects.get(pk=other.pk).answer, REVIEWED)
        self.assert_still_in_review(self.source)

    def test_including_descendants_in_review_publishes_nothing(self):
        draft = short_answer(organisation=self.org_a, title="New draft", publish=False)
        draft.save_revision(user=self.user(Role.EDITOR))
        self.workflow.start(draft, self.user(Role.EDITOR))
        index = draft.get_parent()
        response = self.client_for(self.superuser).post(
            f"{BULK_PUBLISH}?id={index.pk}", {"include_descendants": "on"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertIn("New draft", self.messages(response))
        self.assertFalse(ShortAnswerPage.objects.get(pk=draft.pk).live)
        self.assertEqual(
            ShortAnswerPage.objects.get(pk=draft.pk).current_workflow_state.status,
            WorkflowState.STATUS_IN_PROGRESS,
        )

    def test_outside_review_bulk_publish_publishes(self):
        page = short_answer(organisation=self.org_a, title="Pending draft", answer=REVIEWED)
        page.answer = "Bulk published."
        page.save_revision(user=self.user(Role.EDITOR))
        response = self.client_for(self.user(Role.REVIEWER)).post(
            f"{BULK_PUBLISH}?id={page.pk}", {}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(ShortAnswerPage.objects.get(pk=page.pk).answer, "Bulk published.")


class ApproveStillPublishesTests(PublishInReviewCase):
    def test_approving_publishes_the_reviewed_draft(self):
        reviewer = self.client_for(self.user(Role.REVIEWER))
        for kind, page in self.pages():
            with self.subTest(page=kind):
                task_state = ShortAnswerPage.objects.get(pk=page.pk).current_workflow_task_state
                url = reverse(
                    "wagtailadmin_pages:workflow_action",
                    args=[page.pk, "approve", task_state.pk],
                )
                self.assertEqual(reviewer.post(url).status_code, 302)
                fresh = ShortAnswerPage.objects.get(pk=page.pk)
                self.assertEqual(fresh.answer, IN_REVIEW)
                self.assertIsNone(fresh.current_workflow_state)
                self.assertEqual(fresh.workflow_states.get().status, WorkflowState.STATUS_APPROVED)


def test_the_refusals_are_translated():
    from django.utils import translation

    from retour.content.publish_guard import PUBLISH_IN_REVIEW

    with translation.override("en"):
        english = str(PUBLISH_IN_REVIEW)
    for language in ("ar", "fa", "fr", "nl"):
        with translation.override(language):
            assert str(PUBLISH_IN_REVIEW) != english, language


class AdminAPIPublishTests(PublishInReviewCase):
    def _publish(self, client, page):
        return client.post(f"/admin/api/main/pages/{page.pk}/action/publish/", {})

    def test_the_admin_apis_publish_is_403_while_in_review(self):
        for (who, role), (kind, page) in (
            (publisher, page) for publisher in PUBLISHERS for page in self.pages()
        ):
            with self.subTest(who=who, page=kind):
                response = self._publish(self.client_for(self.user(role)), page)
                self.assertEqual(response.status_code, 403)
                self.assertIn("is in review, so it was not published", response.json()["detail"])
                self.assert_still_in_review(page)

    def test_outside_review_the_admin_api_publishes(self):
        page = short_answer(organisation=self.org_a, title="Pending draft", answer=REVIEWED)
        page.answer = "Published by the API."
        page.save_revision(user=self.user(Role.EDITOR))
        response = self._publish(self.client_for(self.user(Role.REVIEWER)), page)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(ShortAnswerPage.objects.get(pk=page.pk).answer, "Published by the API.")
