"""Retention periods in the admin: refusals first, then reading, saving and the preview."""

from __future__ import annotations

import datetime

from django.urls import reverse

from retour.cases import services
from retour.cases.models import ConsentPurpose, RetentionPeriod
from retour.cases.tests.factories import CaseFactory, ConsentFactory
from retour.core.models import AuditEvent
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase

URL = reverse("cases_admin:retention")


class RetentionViewTests(TenantTestCase):
    def test_only_admins_see_and_change_retention(self):
        for role, user in self.every_role("a"):
            client = self.client_for(user)
            response = client.get(URL)
            self.assertEqual(response.status_code, 200 if role == Role.ADMIN else 403, role)
            response = client.post(URL, {p: 10 for p in ConsentPurpose.values})
            if role != Role.ADMIN:
                self.assertEqual(response.status_code, 403, role)
        # Only org A's admin changed anything, and only for org A.
        self.assertEqual(RetentionPeriod.objects.filter(organisation=self.org_b).count(), 0)
        self.assertEqual(
            set(RetentionPeriod.objects.values_list("organisation", flat=True)), {self.org_a.pk}
        )

    def test_admin_saves_changed_periods_with_an_audit_row(self):
        client = self.client_for(self.user(Role.ADMIN))
        current = services.retention_days(self.org_a)
        data = {**current, ConsentPurpose.COUNSELLING: 400}
        response = client.post(URL, data)
        self.assertRedirects(response, URL, fetch_redirect_response=False)
        self.assertEqual(services.retention_days(self.org_a)[ConsentPurpose.COUNSELLING], 400)
        # Unchanged purposes are not written (nor audited) again.
        self.assertEqual(RetentionPeriod.objects.filter(organisation=self.org_a).count(), 1)
        self.assertEqual(AuditEvent.objects.filter(action="retention.set").count(), 1)
        # Org B keeps the defaults.
        self.assertEqual(
            services.retention_days(self.org_b)[ConsentPurpose.COUNSELLING],
            current[ConsentPurpose.COUNSELLING],
        )

    def test_bad_periods_are_refused_and_nothing_is_saved(self):
        client = self.client_for(self.user(Role.ADMIN))
        current = services.retention_days(self.org_a)
        for bad in (0, -5, 36501, "soon"):
            data = {**current, ConsentPurpose.COUNSELLING: 100, ConsentPurpose.RESEARCH: bad}
            response = client.post(URL, data)
            self.assertContains(response, "Nothing was saved", status_code=400)
        self.assertFalse(RetentionPeriod.objects.exists())

    def test_preview_counts_what_the_next_runs_will_do(self):
        today = datetime.date.today()

        def closed(org, days_ago):
            on = today - datetime.timedelta(days=days_ago)
            return CaseFactory(
                organisation=org, opened_on=on - datetime.timedelta(days=90), closed_on=on
            )

        days = services.retention_days(self.org_a)
        counselling = days[ConsentPurpose.COUNSELLING]
        # Closed long ago, no consent left: erased at the next run.
        closed(self.org_a, counselling + 1)
        # Closed long ago, research consent kept: pseudonymised now, erased later.
        kept = closed(self.org_a, counselling + 1)
        ConsentFactory(case=kept, purpose=ConsentPurpose.RESEARCH)
        # Due within the coming 30 days.
        closed(self.org_a, counselling - 10)
        # Still open, and another organisation's closed case: not counted.
        CaseFactory(organisation=self.org_a)
        closed(self.org_b, 5000)
        response = self.client_for(self.user(Role.ADMIN)).get(URL)
        schedule = response.context["schedule"]
        self.assertEqual(
            {
                k: schedule[k]
                for k in ("closed", "erase_now", "pseudonymise_now", "due_soon", "later")
            },
            {"closed": 3, "erase_now": 1, "pseudonymise_now": 1, "due_soon": 1, "later": 0},
        )
        self.assertContains(response, "3 closed cases")
