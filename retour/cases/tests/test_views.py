"""Caseworker views and API: refusals first, then success."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from retour.cases import services
from retour.cases.models import Case, Stage
from retour.cases.tests.factories import CaseFactory
from retour.core.models import AuditEvent, AuditKind
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase

NAME = "Quillonia Barsetti"
READERS = {Role.CASEWORKER, Role.ANALYST, Role.ADMIN}


class CaseViewTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = services.case_create(
            actor=cls.users[("a", Role.CASEWORKER)], organisation=cls.org_a,
            country_of_return="AF", opened_on=datetime.date(2026, 2, 1),
            vulnerabilities=["trafficking"], counselling_consent="test-1", identity={"given_name": NAME},
        )  # fmt: skip

    def test_list_roles_and_queries(self):
        url = reverse("cases_admin:list")
        self.assert_roles_list(url)
        client = self.client_for(self.user(Role.ANALYST))
        client.get(url)  # warm the session and the admin's per-user caches
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        for i in range(8):
            case = CaseFactory(organisation=self.org_a, case_number=f"Q-{i}")
            case.vulnerabilities.create(kind="elderly")
        # The number of queries does not grow with the number of cases (no N+1).
        with self.assertNumQueries(len(few.captured_queries)):
            response = client.get(url)
        self.assertContains(response, self.case.case_number)
        self.assertContains(response, "Victim of trafficking")
        self.assertNotContains(response, NAME)

    def assert_roles_list(self, url):
        # A list has no object: org B members see their own (empty) list, never 404.
        for role, user in self.every_role("a"):
            response = self.client_for(user).get(url)
            if role in READERS:
                self.assertEqual(response.status_code, 200, role)
            else:
                self.assertEqual(response.status_code, 403, role)

    def test_detail_roles_and_identity_panel(self):
        url = reverse("cases_admin:detail", kwargs={"case_uuid": self.case.uuid})
        self.assert_roles(url, allowed=READERS)
        analyst = self.client_for(self.user(Role.ANALYST)).get(url)
        self.assertNotContains(analyst, NAME)
        self.assertNotContains(analyst, "Identity (caseworkers only")
        before = AuditEvent.objects.filter(kind=AuditKind.READ, action="case.identity.read").count()
        response = self.client_for(self.user(Role.CASEWORKER)).get(url)
        self.assertContains(response, NAME)
        self.assertContains(response, "Risk assessment of re-trafficking")
        # Stages carry RIAT's Key Moments where they correspond.
        for moment in ("RIAT KM1: application", "RIAT KM2: arrival with plan and budget",
                       "RIAT KM3: final report"):  # fmt: skip
            self.assertContains(response, moment)
        self.assertEqual(response["Cache-Control"].count("no-store") >= 1, True)
        after = AuditEvent.objects.filter(kind=AuditKind.READ, action="case.identity.read").count()
        self.assertEqual(after, before + 1)

    def test_create_and_stage_via_views(self):
        url = reverse("cases_admin:create")
        data = {
            "country_of_return": "IQ",
            "opened_on": "2026-01-05",
            "vulnerabilities": ["elderly"],
        }
        self.assert_refused(self.client_for(self.user(Role.ANALYST)).post(url, data))
        response = self.client_for(self.user(Role.CASEWORKER)).post(url, data)
        self.assertEqual(response.status_code, 302)
        case = Case.objects.get(country_of_return="IQ")
        stage_url = reverse("cases_admin:stage", kwargs={"case_uuid": case.uuid})
        self.assert_refused(
            self.client_for(self.user(Role.ANALYST)).post(stage_url, {"stage": Stage.ARRIVAL})
        )
        self.client_for(self.user(Role.CASEWORKER)).post(stage_url, {"stage": Stage.ARRIVAL})
        case.refresh_from_db()
        self.assertEqual(case.stage, Stage.ARRIVAL)

    def test_identity_edit_is_caseworker_only(self):
        url = reverse("cases_admin:identity", kwargs={"case_uuid": self.case.uuid})
        self.assert_roles(url, allowed={Role.CASEWORKER})
        self.client_for(self.user(Role.CASEWORKER)).post(
            url, {"given_name": "Changed", "documents": "passport: X1"}
        )
        from retour.cases.models import CaseIdentity

        identity = CaseIdentity.objects.get(case=self.case)
        self.assertEqual(identity.given_name, "Changed")
        self.assertEqual(identity.documents, [{"type": "passport", "number": "X1"}])
        identity.given_name = NAME
        identity.save()


class CaseApiTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = services.case_create(
            actor=cls.users[("a", Role.CASEWORKER)], organisation=cls.org_a,
            country_of_return="AF", counselling_consent="test-1", identity={"given_name": NAME},
        )  # fmt: skip

    def test_list_is_org_scoped_and_pseudonymous(self):
        CaseFactory(organisation=self.org_b, case_number="B-ONLY")
        url = reverse("api:cases-list")
        self.assertEqual(self.client_for(self.user(Role.EDITOR)).get(url).status_code, 403)
        response = self.client_for(self.user(Role.CASEWORKER)).get(url)
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn(self.case.case_number, body)
        self.assertNotIn("B-ONLY", body)
        self.assertNotIn(NAME, body)

    def test_identity_endpoint(self):
        url = reverse("api:cases-identity", kwargs={"case_uuid": self.case.uuid})
        self.assert_roles(url, allowed={Role.CASEWORKER})
        response = self.client_for(self.user(Role.CASEWORKER)).get(url)
        self.assertEqual(response.json()["given_name"], NAME)
        self.assertTrue(
            AuditEvent.objects.filter(kind=AuditKind.READ, detail__purpose="api").exists()
        )

    def test_malformed_create_is_400_with_reason(self):
        url = reverse("api:cases-list")
        client = self.client_for(self.user(Role.CASEWORKER))
        for payload in ({"country_of_return": "ZZ"}, {"country_of_return": "AF", "vulnerabilities": ["x"]},
                        {"country_of_return": "AF", "opened_on": "not-a-date"}, {}):  # fmt: skip
            response = client.post(url, payload, content_type="application/json")
            self.assertEqual(response.status_code, 400, payload)
        response = client.post(url, {"country_of_return": "af"}, content_type="application/json")
        self.assertEqual(response.status_code, 201)
        self.assertNotIn("given_name", response.json())


class CaseEditTests(TenantTestCase):
    def test_edit_records_arrival_and_budget(self):
        case = CaseFactory(organisation=self.org_a)
        url = reverse("cases_admin:edit", kwargs={"case_uuid": case.uuid})
        self.assert_roles(url, allowed={Role.CASEWORKER})
        data = {
            "country_of_return": "IQ", "region_of_return": "Duhok", "arrival_date": "2026-03-02",
            "returned_to_community_of_origin": "true", "plan_budget": "1500", "plan_currency": "eur",
        }  # fmt: skip
        self.assert_refused(self.client_for(self.user(Role.ANALYST)).post(url, data))
        response = self.client_for(self.user(Role.CASEWORKER)).post(url, data)
        self.assertEqual(response.status_code, 302)
        case.refresh_from_db()
        self.assertEqual((case.region_of_return, case.plan_currency), ("Duhok", "EUR"))
        self.assertTrue(case.returned_to_community_of_origin)
        bad = dict(data, plan_currency="")
        self.client_for(self.user(Role.CASEWORKER)).post(url, bad)
        case.refresh_from_db()
        self.assertEqual(case.plan_currency, "EUR")  # refused: a budget needs a currency


class CaseApiFuzzTests(TenantTestCase):
    """Malformed input answers 4xx with a reason, never 500."""

    def test_junk_never_500(self):
        client = self.client_for(self.user(Role.CASEWORKER))
        url = reverse("api:cases-list")
        payloads = [
            "{not json", "[]", "null", '"text"', '{"country_of_return": 12}',
            '{"country_of_return": "AF", "stage": "9_nope"}',
            '{"country_of_return": "AF", "opened_on": "2026-13-45"}',
            '{"country_of_return": "AF", "vulnerabilities": "trafficking"}',
            '{"country_of_return": "AF", "case_number": "' + "x" * 500 + '"}',
            '{"country_of_return": "AF", "returned_to_community_of_origin": "maybe"}',
        ]  # fmt: skip
        for body in payloads:
            response = client.post(url, body, content_type="application/json")
            self.assertEqual(response.status_code, 400, body[:60])
            self.assertTrue(response.json(), body[:60])
        for query in (
            "?stage=%00",
            "?country=%FF%FE",
            "?limit=-1&offset=abc",
            "?vulnerability=" + "v" * 3000,
        ):
            self.assertLess(client.get(url + query).status_code, 500, query)
        for bad in ("/api/v1/cases/not-a-uuid/", "/api/v1/referrals/123/"):
            self.assertEqual(client.get(bad).status_code, 404)


class ConsentAndHandoverViewTests(TenantTestCase):
    def test_consent_record_withdraw_and_handover(self):
        case = CaseFactory(organisation=self.org_a)
        consent_url = reverse("cases_admin:consent", kwargs={"case_uuid": case.uuid})
        data = {
            "purpose": "data_sharing",
            "version": "3",
            "partner": str(self.org_b.uuid),
            "scope": ["needs"],
        }
        for role in (Role.ANALYST, Role.ADMIN, Role.EDITOR):
            self.assert_refused(self.client_for(self.user(role)).post(consent_url, data))
        self.assertFalse(case.consents.exists())
        cw = self.client_for(self.user(Role.CASEWORKER))
        cw.post(consent_url, data)
        consent = case.consents.get()
        self.assertEqual((consent.partner, consent.scope), (self.org_b, ["needs"]))
        withdraw = reverse(
            "cases_admin:consent-withdraw",
            kwargs={"case_uuid": case.uuid, "consent_uuid": consent.uuid},
        )
        self.assertEqual(cw.get(withdraw).status_code, 405)
        cw.post(withdraw, {"reason": "changed mind"})
        consent.refresh_from_db()
        self.assertIsNotNone(consent.withdrawn_at)
        handover = reverse("cases_admin:handover", kwargs={"case_uuid": case.uuid})
        cw.post(handover, {"to_organisation": str(self.org_b.uuid)})
        case.refresh_from_db()
        self.assertEqual(case.organisation, self.org_a)  # refused: consent withdrawn
        self.assertFalse(case.handovers.exists())
        cw.post(consent_url, data)
        cw.post(handover, {"to_organisation": str(self.org_b.uuid)})
        case.refresh_from_db()
        # The sender keeps its case; the partner has a case of its own.
        self.assertEqual(case.organisation, self.org_a)
        received = case.handovers.get().received_case
        self.assertEqual(received.organisation, self.org_b)
        self.assert_not_found(
            cw.get(reverse("cases_admin:detail", kwargs={"case_uuid": received.uuid}))
        )
