"""Org scoping of the Wagtail page admin, the review workflow and the dashboard."""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import Page, TaskState

from retour.content.models import OwnedPage
from retour.content.services import workflow_setup
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase

from .factories import country_sheet


class AdminGuardTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page_a = country_sheet(organisation=cls.org_a, title="Alpha sheet", country="AF")
        cls.page_b = country_sheet(organisation=cls.org_b, title="Bravo sheet", country="IQ")

    def test_other_orgs_page_is_404_on_every_page_view(self):
        for name in ("edit", "delete", "history", "revisions_index", "copy", "unpublish"):
            url = reverse(f"wagtailadmin_pages:{name}", args=[self.page_b.pk])
            for role, user in self.every_role("a"):
                response = self.client_for(user).get(url)
                self.assert_not_found(response, f"{role} of org A on {name}")

    def test_structural_pages_are_for_platform_admins_only(self):
        home = self.page_a.get_parent().get_parent()
        url = reverse("wagtailadmin_pages:edit", args=[home.pk])
        # Structure is visible (members add their pages below it), never editable:
        # Wagtail's own refusal (a redirect with "Sorry, you do not have permission").
        response = self.client_for(self.user(Role.EDITOR)).get(url)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
        self.assertEqual(self.client_for(self.superuser).get(url).status_code, 200)

    def test_edit_own_page(self):
        url = reverse("wagtailadmin_pages:edit", args=[self.page_a.pk])
        # Caseworkers and analysts of the owning org have no page permissions.
        for role in (Role.CASEWORKER, Role.ANALYST):
            response = self.client_for(self.user(role)).get(url)
            self.assertIn(response.status_code, (302, 403), role)
        for role in (Role.EDITOR, Role.REVIEWER, Role.ADMIN):
            response = self.client_for(self.user(role)).get(url)
            self.assertEqual(response.status_code, 200, role)
            self.assertContains(response, "Alpha sheet")

    def test_explorer_lists_only_own_org_pages(self):
        parent = self.page_a.get_parent()
        url = reverse("wagtailadmin_explore", args=[parent.pk])
        response = self.client_for(self.user(Role.EDITOR)).get(url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Bravo sheet")
        self.assertContains(response, "Alpha sheet")

    def test_editor_cannot_pick_another_org_as_owner(self):
        parent = self.page_a.get_parent()
        url = reverse("wagtailadmin_pages:add", args=["content", "countrysheetpage", parent.pk])
        response = self.client_for(self.user(Role.EDITOR)).get(url)
        self.assertEqual(response.status_code, 200)
        choices = response.context["form"].fields["organisation"].queryset
        self.assertEqual(list(choices), [self.org_a])


class ReviewWorkflowTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.workflow = workflow_setup(home=Page.get_first_root_node())
        cls.page_a = country_sheet(organisation=cls.org_a, title="Alpha draft", publish=False)
        cls.page_a.save_revision(user=cls.users[("a", Role.EDITOR)])

    def _start(self):
        return self.workflow.start(self.page_a, self.user(Role.EDITOR))

    def test_editors_cannot_publish_directly(self):
        perms = self.page_a.permissions_for_user(self.user(Role.EDITOR))
        self.assertFalse(perms.can_publish())
        self.assertTrue(perms.can_edit())

    def test_only_reviewers_of_the_owning_org_can_moderate(self):
        state = self._start()
        task = state.current_task_state.task.specific
        refused = [self.user(Role.REVIEWER, "b"), self.user(Role.EDITOR), self.user(Role.ANALYST)]
        for user in refused:
            self.assertEqual(task.get_actions(self.page_a, user), [], user)
            self.assertFalse(task.get_task_states_user_can_moderate(user).exists(), user)
        reviewer = self.user(Role.REVIEWER)
        self.assertTrue(task.get_actions(self.page_a, reviewer))
        self.assertTrue(task.get_task_states_user_can_moderate(reviewer).exists())

    def test_reviewer_approval_publishes_with_history(self):
        state = self._start()
        self.assertFalse(OwnedPage.objects.get(pk=self.page_a.pk).live)
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, self.user(Role.REVIEWER), "approve")
        page = OwnedPage.objects.get(pk=self.page_a.pk)
        self.assertTrue(page.live)
        self.assertEqual(TaskState.objects.get(pk=task_state.pk).status, TaskState.STATUS_APPROVED)
        # The revision the reviewer approved is the one that went live.
        self.assertEqual(page.live_revision_id, task_state.revision_id)

    def test_approve_and_publish_posted_twice_publishes_once_and_never_500s(self):
        """A double click, or two reviewers at once: the second post finds the
        workflow finished and must get an answer, not a 500, and nothing half-done."""
        state = self._start()
        task_state = state.current_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[self.page_a.pk, "approve", task_state.pk],
        )
        client = self.client_for(self.user(Role.REVIEWER))
        first = client.post(url, {})
        self.assertLess(first.status_code, 400)
        second = client.post(url, {})
        self.assertLess(second.status_code, 500)
        page = OwnedPage.objects.get(pk=self.page_a.pk)
        self.assertTrue(page.live)
        self.assertEqual(page.live_revision_id, task_state.revision_id)
        self.assertEqual(TaskState.objects.get(pk=task_state.pk).status, TaskState.STATUS_APPROVED)


class DashboardTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import datetime

        old = datetime.date.today() - datetime.timedelta(days=200)
        cls.stale_a = country_sheet(
            organisation=cls.org_a, title="Stale alpha", last_verified=old, review_by=old
        )
        cls.stale_b = country_sheet(
            organisation=cls.org_b,
            title="Stale bravo",
            country="IQ",
            last_verified=old,
            review_by=old,
        )

    def test_dashboard_roles_and_scope(self):
        url = reverse("content_dashboard")
        for role in (Role.CASEWORKER, Role.ANALYST):
            self.assert_refused(self.client_for(self.user(role)).get(url), role)
        response = self.client_for(self.user(Role.EDITOR)).get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Stale alpha")
        self.assertNotContains(response, "Stale bravo")


class DashboardOrderAndWarningTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import datetime

        from retour.content.models import PageDailyReads, Purpose

        old = datetime.date.today() - datetime.timedelta(days=200)
        cls.quiet = country_sheet(
            organisation=cls.org_a, title="Quiet stale", last_verified=old, review_by=old
        )
        cls.busy = country_sheet(
            organisation=cls.org_a,
            title="Busy stale",
            country="IQ",
            last_verified=old,
            review_by=old,
        )
        PageDailyReads.objects.create(page=cls.busy, day=datetime.date.today(), count=40)
        PageDailyReads.objects.create(page=cls.quiet, day=datetime.date.today(), count=3)
        cls.enforcement = country_sheet(
            organisation=cls.org_a,
            title="Detention rules",
            country="GE",
            purpose=Purpose.ENFORCEMENT,
        )

    def test_most_read_stale_page_comes_first(self):
        response = self.client_for(self.user(Role.EDITOR)).get(reverse("content_dashboard"))
        self.assertEqual(
            [p.title for p in response.context["stale"]], ["Busy stale", "Quiet stale"]
        )
        self.assertEqual(response.context["stale"][0].reads, 40)

    def test_admin_home_panel_counts_stale_pages(self):
        response = self.client_for(self.user(Role.EDITOR)).get(reverse("wagtailadmin_home"))
        self.assertContains(response, "2 pages are past their review-by date.")
        response = self.client_for(self.user(Role.CASEWORKER)).get(reverse("wagtailadmin_home"))
        self.assertNotContains(response, "past their review-by date")

    def test_editor_is_warned_when_linking_enforcement_content(self):
        from django.contrib.messages import get_messages
        from django.contrib.messages.storage.fallback import FallbackStorage
        from django.test import RequestFactory

        from retour.content.wagtail_hooks import _warn_enforcement

        from .factories import short_answer

        answer = short_answer(organisation=self.org_a, backing_pages=[("page", self.enforcement)])
        request = RequestFactory().get("/")
        request.session = {}
        request._messages = FallbackStorage(request)
        _warn_enforcement(request, answer)
        messages = [str(m) for m in get_messages(request)]
        self.assertEqual(len(messages), 1)
        self.assertIn("Detention rules", messages[0])
