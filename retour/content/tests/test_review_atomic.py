"""Approve-and-publish is one atomic step: twice, at once, or failing half-way."""

from __future__ import annotations

import threading
import time
from unittest import mock, skipUnless

from django.db import connection, connections
from django.test import TransactionTestCase
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from retour.content.models import OrgReviewTask, OwnedPage
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


def _lock_waits() -> int:
    """Backends of this database waiting for a lock another transaction holds."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND database = "
            "(SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        return cursor.fetchone()[0]


@skipUnless(
    connection.vendor == "postgresql", "needs row locks (SELECT ... FOR UPDATE): PostgreSQL"
)
class ConcurrentApprovalTests(TenantMixin, TransactionTestCase):
    """Two approvals of one review, the second arriving while the first is inside.

    A barrier before two posts rarely makes them overlap (sessions, middleware
    and permission checks take most of a request), so this test makes the
    overlap certain: the first approval is held inside Wagtail's ``on_action``
    until the second has either entered ``on_action`` too (no lock: the race)
    or is seen waiting for a row lock in ``pg_locks`` (review.py's lock).
    """

    serialized_rollback = True  # keep migrated data for the tests after this one

    def setUp(self):
        self.setup_tenants()
        self.page, self.task_state = _draft_in_review(self)

    def test_a_second_approval_waits_for_the_first_and_publishes_nothing(self):
        url = _approve_url(self.page, self.task_state)
        original = OrgReviewTask.on_action
        guard = threading.Lock()
        inside: list[int] = []  # approvals now inside on_action
        most_at_once = [0]
        first_inside, release = threading.Event(), threading.Event()

        def held_on_action(task, *args, **kwargs):
            with guard:
                inside.append(1)
                most_at_once[0] = max(most_at_once[0], len(inside))
            first_inside.set()
            release.wait(timeout=120)
            try:
                return original(task, *args, **kwargs)
            finally:
                with guard:
                    inside.pop()

        statuses: list[int] = []

        def post(user):
            try:
                statuses.append(self.client_for(user).post(url, {}).status_code)
            finally:
                connections.close_all()

        with mock.patch.object(OrgReviewTask, "on_action", held_on_action):
            first = threading.Thread(target=post, args=(self.user(Role.REVIEWER),))
            first.start()
            self.assertTrue(first_inside.wait(timeout=120), "the first approval never started")
            second = threading.Thread(target=post, args=(self.user(Role.ADMIN),))
            second.start()
            # Until the second is blocked by a lock or has raced in (polling, no timing asserted).
            for _ in range(2400):
                if len(inside) > 1 or _lock_waits() or not second.is_alive():
                    break
                time.sleep(0.05)
            release.set()
            first.join(timeout=120)
            second.join(timeout=120)

        self.assertEqual(most_at_once[0], 1, "two approvals ran at once: review.py's lock is gone")
        self.assertEqual(sorted(statuses), [302, 302])
        self.assertTrue(OwnedPage.objects.get(pk=self.page.pk).live)
        self.assertEqual(_publications(self.page), 1)
        self.assertEqual(TaskState.objects.get(pk=self.task_state.pk).status, "approved")
