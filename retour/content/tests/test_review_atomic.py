"""Approve-and-publish is one atomic step: twice, at once, or failing half-way."""

from __future__ import annotations

import threading
from unittest import mock, skipUnless

from django.db import connection, connections
from django.test import TransactionTestCase
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from retour.content.models import OwnedPage
from retour.content.services import workflow_setup
from retour.orgs.models import Role
from retour.testing.base import TenantMixin, TenantTestCase

from .factories import country_sheet


def _draft_in_review(case):
    workflow = workflow_setup(home=Page.get_first_root_node())
    page = country_sheet(organisation=case.org_a, title="Alpha draft", publish=False)
    page.save_revision(user=case.user(Role.EDITOR))
    state = workflow.start(page, case.user(Role.EDITOR))
    return page, state.current_task_state


def _approve_url(page, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


def _publications(page) -> int:
    return PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish").count()


class AtomicApprovalTests(TenantTestCase):
    def setUp(self):
        self.page, self.task_state = _draft_in_review(self)
        self.client = self.client_for(self.user(Role.REVIEWER))

    def test_edit_view_workflow_post_after_the_decision_is_answered_not_performed(self):
        # Wagtail's edit view re-reads the current task after its check: once the
        # review is decided it would call on_action on None (the 500 seen in the demo).
        self.client.post(_approve_url(self.page, self.task_state), {})
        revisions = self.page.revisions.count()
        url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        response = self.client.post(
            url, {"action-workflow-action": "true", "workflow-action-name": "approve"}
        )
        self.assertRedirects(response, url, fetch_redirect_response=False)
        self.assertEqual(self.page.revisions.count(), revisions)
        self.assertEqual(_publications(self.page), 1)
        messages = [str(m).strip() for m in response.wsgi_request._messages]
        self.assertIn("This review has already been decided; nothing was changed.", messages)

    def test_a_failing_publication_rolls_the_approval_back_without_a_500(self):
        def broken(workflow_state, user=None):
            raise RuntimeError("publication failed")

        with mock.patch.object(WorkflowState, "on_finish", broken):
            response = self.client.post(_approve_url(self.page, self.task_state), {})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(TaskState.objects.get(pk=self.task_state.pk).status, "in_progress")
        self.assertFalse(OwnedPage.objects.get(pk=self.page.pk).live)

    def test_an_approval_that_did_not_publish_is_rolled_back(self):
        with mock.patch.object(WorkflowState, "on_finish", lambda state, user=None: None):
            response = self.client.post(_approve_url(self.page, self.task_state), {})
        self.assertEqual(response.status_code, 302)
        # Never approved-but-unpublished: the approval itself was undone.
        self.assertEqual(TaskState.objects.get(pk=self.task_state.pk).status, "in_progress")
        self.assertFalse(OwnedPage.objects.get(pk=self.page.pk).live)
        # And the next, working, attempt publishes.
        self.client.post(_approve_url(self.page, self.task_state), {})
        self.assertTrue(OwnedPage.objects.get(pk=self.page.pk).live)


@skipUnless(connection.vendor == "postgresql", "concurrent requests need PostgreSQL")
class ConcurrentApprovalTests(TenantMixin, TransactionTestCase):
    serialized_rollback = True  # keep migrated data for the tests after this one

    def setUp(self):
        self.setup_tenants()
        self.page, self.task_state = _draft_in_review(self)

    def test_two_reviewers_approving_at_once_publish_once(self):
        # Caveat: with review.py's wrapper disabled this test also passed once
        # (2026-12-03, loaded machine): the barrier does not reliably hit the
        # race window, so it guards against regressions but does not prove the
        # lock.
        clients = [
            self.client_for(self.user(Role.REVIEWER)),
            self.client_for(self.user(Role.ADMIN)),
        ]
        url = _approve_url(self.page, self.task_state)
        barrier = threading.Barrier(len(clients))
        statuses: list[int] = []

        def post(client):
            try:
                barrier.wait(timeout=30)
                statuses.append(client.post(url, {}).status_code)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=post, args=(c,)) for c in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertEqual(len(statuses), 2)
        self.assertTrue(all(status < 500 for status in statuses), statuses)
        page = OwnedPage.objects.get(pk=self.page.pk)
        self.assertTrue(page.live)
        self.assertEqual(_publications(self.page), 1)
        self.assertEqual(TaskState.objects.get(pk=self.task_state.pk).status, "approved")
