"""The case list on the admin view layer: paging, sorting, search, filters, bulk actions."""

from __future__ import annotations

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from retour.cases.models import Case, Stage
from retour.cases.tests.factories import CaseFactory
from retour.core.models import AuditEvent
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase

URL = reverse("cases_admin:list")


class CaseListTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for i in range(60):
            CaseFactory(
                organisation=cls.org_a,
                case_number=f"A-{i:03d}",
                country_of_return="IQ" if i % 3 == 0 else "AF",
                stage=Stage.ARRIVAL if i % 2 else Stage.COUNSELLING,
            )
        cls.foreign = CaseFactory(organisation=cls.org_b, case_number="B-FOREIGN")
        cls.worker = cls.users[("a", Role.CASEWORKER)]
        cls.membership = cls.worker.memberships.get(organisation=cls.org_a)

    def setUp(self):
        self.client = self.client_for(self.worker)

    def test_pages_sort_search_and_filters_from_the_query_string(self):
        first = self.client.get(URL, {"o": "case", "per_page": 25})
        self.assertContains(first, "A-000")
        self.assertNotContains(first, "A-025")
        self.assertContains(first, 'aria-sort="ascending"')
        self.assertContains(first, "page 1 of 3")
        last = self.client.get(URL, {"o": "-case", "per_page": 25, "p": 3})
        self.assertContains(last, "A-000")
        self.assertNotContains(last, "A-059")
        found = self.client.get(URL, {"q": "a-04", "country": "IQ"})
        numbers = {c.case_number for c in found.context["rows"]}
        self.assertEqual(numbers, {"A-042", "A-045", "A-048"})
        # A value outside the choices (another organisation's country, a typo) is ignored.
        self.assertEqual(self.client.get(URL, {"stage": "9_nope"}).context["total"], 60)
        self.assertEqual(self.client.get(URL, {"q": "B-FOREIGN"}).context["total"], 0)

    def test_query_count_does_not_grow_with_rows_or_pages(self):
        self.client.get(URL)
        with CaptureQueriesContext(connection) as small:
            self.client.get(URL, {"per_page": 10, "assignee": "none", "country": "AF"})
        for i in range(30):
            CaseFactory(organisation=self.org_a, case_number=f"C-{i:03d}").vulnerabilities.create(
                kind="elderly"
            )
        with self.assertNumQueries(len(small.captured_queries)):
            self.client.get(URL, {"per_page": 200, "assignee": "none", "country": "AF", "p": 2})

    def test_bulk_assign_touches_only_own_rows_and_audits_old_and_new(self):
        mine = list(Case.objects.filter(organisation=self.org_a)[:3])
        selected = [str(c.uuid) for c in mine] + [str(self.foreign.uuid), "not-a-uuid"]
        response = self.client.post(
            URL, {"action": "assign", "selected": selected, "assign_to": str(self.membership.uuid)}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Case.objects.filter(assigned_to=self.membership).count(), 3)
        self.foreign.refresh_from_db()
        self.assertIsNone(self.foreign.assigned_to_id)
        event = AuditEvent.objects.filter(action="case.assign").latest("id")
        self.assertEqual(
            event.detail["changed"]["assigned_to"],
            {"old": None, "new": str(self.membership.uuid)},
        )
        filtered = self.client.get(URL, {"assignee": str(self.membership.uuid)})
        self.assertEqual(filtered.context["total"], 3)

    def test_bulk_assign_to_another_organisations_member_is_refused(self):
        other = self.users[("b", Role.CASEWORKER)].memberships.get()
        case = Case.objects.filter(organisation=self.org_a).first()
        self.client.post(
            URL, {"action": "assign", "selected": [str(case.uuid)], "assign_to": str(other.uuid)}
        )
        self.assertFalse(Case.objects.filter(assigned_to__isnull=False).exists())

    def test_bulk_close_all_matching_needs_a_final_report(self):
        query = "?country=IQ"
        self.client.post(URL + query, {"action": "close", "select_all": "1"})
        self.assertFalse(Case.objects.filter(stage=Stage.CLOSED).exists())
        self.client.post(
            URL + query, {"action": "close", "select_all": "1", "final_report": "Reported."}
        )
        closed = Case.objects.filter(stage=Stage.CLOSED)
        self.assertEqual(closed.count(), 20)
        self.assertEqual(set(closed.values_list("country_of_return", flat=True)), {"IQ"})

    def test_bulk_export_escapes_formulas(self):
        case = CaseFactory(organisation=self.org_a, case_number="=HYPERLINK(1)")
        response = self.client.post(URL, {"action": "export", "selected": [str(case.uuid)]})
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        self.assertEqual(rows[1][0], "'=HYPERLINK(1)")
        self.assertEqual(len(rows), 2)

    def test_refusals(self):
        case = Case.objects.filter(organisation=self.org_a).first()
        analyst = self.client_for(self.users[("a", Role.ANALYST)])
        response = analyst.post(URL, {"action": "close", "selected": [str(case.uuid)]})
        self.assertEqual(response.status_code, 403)
        self.assertNotContains(analyst.get(URL), 'value="assign"')
        self.assertEqual(self.client_for(self.users[("a", Role.EDITOR)]).get(URL).status_code, 403)
        self.assert_refused(self.client_for(self.outsider).get(URL))
