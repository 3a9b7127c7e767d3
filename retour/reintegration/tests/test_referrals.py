"""Assistance and referrals: consent gates, overrides, receiving-org view, status flow."""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from retour.cases import services as case_services
from retour.core.models import AuditEvent
from retour.orgs.models import Role
from retour.reintegration import selectors, services
from retour.reintegration.models import AssistanceStatus, Referral, ReferralStatus
from retour.testing.base import TenantTestCase


class CaseTestCase(TenantTestCase):
    """Org A's caseworker and one open case of theirs."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.cw = cls.users[("a", Role.CASEWORKER)]
        cls.case = case_services.case_create(
            actor=cls.cw, organisation=cls.org_a, country_of_return="SO",
            opened_on=datetime.date(2026, 1, 1),
        )  # fmt: skip


class ReintegrationTests(CaseTestCase):
    def test_referral_without_consent_is_refused_with_reason(self):
        try:
            services.referral_create(actor=self.cw, case=self.case, to_organisation=self.org_b)
        except ValidationError as exc:
            self.assertIn("Referral refused", " ".join(exc.messages))
            self.assertIn("data-sharing consent naming", " ".join(exc.messages))
        else:
            self.fail("a referral without consent must be refused")
        with self.assertRaisesMessage(ValidationError, "counselling consent"):
            services.referral_create(actor=self.cw, case=self.case, service_point_uuid=uuid.uuid4())
        self.assertFalse(Referral.objects.exists())

    def test_override_needs_permission_and_is_recorded(self):
        with self.assertRaises(PermissionDenied):
            services.referral_create(
                actor=self.user(Role.ANALYST), case=self.case, to_organisation=self.org_b,
                override_reason="medical emergency",
            )  # fmt: skip
        referral = services.referral_create(
            actor=self.cw, case=self.case, to_organisation=self.org_b,
            override_reason="medical emergency", note="urgent dialysis",
        )  # fmt: skip
        self.assertIsNone(referral.consent)
        self.assertEqual(referral.consent_override_reason, "medical emergency")
        event = AuditEvent.objects.get(action="referral.create", organisation=self.org_a)
        self.assertTrue(event.detail["consent_override"])
        # Under an override the receiver sees the needs note only.
        self.assertEqual(selectors.shared_scope(referral), {"needs"})

    def test_receiver_view_follows_consent_scope(self):
        consent = case_services.consent_record(
            actor=self.cw, case=self.case, purpose="data_sharing", version="1",
            partner=self.org_b, scope=["profile"],
        )  # fmt: skip
        referral = services.referral_create(
            actor=self.cw, case=self.case, to_organisation=self.org_b, note="secret needs"
        )
        view = selectors.referral_shared_view(referral)
        self.assertEqual(view["profile"]["country_of_return"], "SO")
        self.assertNotIn("note", view)
        self.assertNotIn("vulnerabilities", view)
        # The receiving org lists it; a third party does not.
        url = reverse("reintegration_admin:referrals")
        body = self.client_for(self.user(Role.CASEWORKER, "b")).get(url).content.decode()
        self.assertIn(self.org_a.name, body)
        case_services.consent_withdraw(actor=self.cw, consent=consent)
        self.assertEqual(selectors.referral_shared_view(referral)["scope"], [])

    def test_status_flow_receiver_answers(self):
        case_services.consent_record(
            actor=self.cw, case=self.case, purpose="data_sharing", version="1", partner=self.org_b
        )
        referral = services.referral_create(
            actor=self.cw, case=self.case, to_organisation=self.org_b
        )
        with self.assertRaises(PermissionDenied):
            services.referral_status_set(
                actor=self.cw, referral=referral, status=ReferralStatus.ACCEPTED
            )
        with self.assertRaises(PermissionDenied):
            services.referral_status_set(
                actor=self.user(Role.EDITOR, "b"), referral=referral, status=ReferralStatus.ACCEPTED
            )
        receiver = self.user(Role.CASEWORKER, "b")
        with self.assertRaisesMessage(ValidationError, "cannot become"):
            services.referral_status_set(
                actor=receiver, referral=referral, status=ReferralStatus.COMPLETED
            )
        services.referral_status_set(
            actor=receiver, referral=referral, status=ReferralStatus.ACCEPTED
        )
        services.referral_status_set(
            actor=self.cw, referral=referral, status=ReferralStatus.COMPLETED
        )
        referral.refresh_from_db()
        self.assertEqual(referral.status, ReferralStatus.COMPLETED)
        self.assertIsNotNone(referral.completed_on)

    def test_receiver_detail_page_and_sender_roles(self):
        case_services.consent_record(
            actor=self.cw, case=self.case, purpose="data_sharing", version="1", partner=self.org_b,
            scope=["needs"],
        )  # fmt: skip
        referral = services.referral_create(
            actor=self.cw, case=self.case, to_organisation=self.org_b, note="needs housing"
        )
        url = reverse("reintegration_admin:referral", kwargs={"referral_uuid": referral.uuid})
        for role in (Role.EDITOR, Role.ANALYST, Role.ADMIN):
            self.assert_refused(self.client_for(self.user(role)).get(url))
        self.assert_refused(self.client_for(self.outsider).get(url))
        self.assert_not_found(
            self.client_for(self.user(Role.CASEWORKER, "b")).get(
                url.replace(str(referral.uuid), str(uuid.uuid4()))
            )
        )
        body = self.client_for(self.user(Role.CASEWORKER, "b")).get(url).content.decode()
        self.assertIn("needs housing", body)
        self.assertNotIn(self.case.case_number, body)  # profile not in scope

    def test_assistance_plan_and_delivery_need_evidence(self):
        for role in (Role.ANALYST, Role.EDITOR):
            with self.assertRaises(PermissionDenied):
                services.assistance_item_create(actor=self.user(role), case=self.case, type="cash")
        with self.assertRaisesMessage(ValidationError, "ISO 4217"):
            services.assistance_item_create(
                actor=self.cw, case=self.case, type="cash", amount=10, currency="XXQ"
            )
        with self.assertRaisesMessage(ValidationError, "Unknown assistance type"):
            services.assistance_item_create(actor=self.cw, case=self.case, type="yacht")
        item = services.assistance_item_create(
            actor=self.cw,
            case=self.case,
            type="business",
            amount="1500",
            currency="eur",
            provider="Sample provider",
        )
        self.assertEqual(item.currency, "EUR")
        with self.assertRaisesMessage(ValidationError, "evidence"):
            services.assistance_item_deliver(actor=self.cw, item=item)
        services.assistance_item_deliver(
            actor=self.cw, item=item, evidence_reference="receipt 12 (sample)"
        )
        item.refresh_from_db()
        self.assertEqual(item.status, AssistanceStatus.DELIVERED)
        self.assertIsNotNone(item.delivered_on)

    def test_assistance_view_and_api(self):
        url = reverse("reintegration_admin:assistance-create", kwargs={"case_uuid": self.case.uuid})
        self.assert_refused(self.client_for(self.user(Role.ANALYST)).post(url, {"type": "cash"}))
        self.client_for(self.cw).post(url, {"type": "medical", "amount": "80", "currency": "USD"})
        api = reverse("api:reintegration-case-assistance", kwargs={"case_uuid": self.case.uuid})
        self.assert_roles(api, allowed={Role.CASEWORKER, Role.ANALYST})
        rows = self.client_for(self.user(Role.ANALYST)).get(api).json()["results"]
        self.assertEqual([r["type"] for r in rows], ["medical"])


class ReceivedListQueryTests(TenantTestCase):
    def _refer(self, n: int):
        cw = self.user(Role.CASEWORKER)
        for _ in range(n):
            case = case_services.case_create(
                actor=cw, organisation=self.org_a, country_of_return="AF"
            )
            case_services.consent_record(
                actor=cw, case=case, purpose="data_sharing", version="1", partner=self.org_b,
                scope=["profile", "vulnerabilities", "assistance"],
            )  # fmt: skip
            services.assistance_item_create(actor=cw, case=case, type="legal")
            services.referral_create(actor=cw, case=case, to_organisation=self.org_b)

    def test_received_list_queries_do_not_grow(self):
        url = reverse("reintegration_admin:referrals")
        api = reverse("api:reintegration-referrals-received")
        client = self.client_for(self.user(Role.CASEWORKER, "b"))
        self._refer(2)
        client.get(url)
        with CaptureQueriesContext(connection) as page_few:
            client.get(url)
        with CaptureQueriesContext(connection) as api_few:
            self.assertEqual(len(client.get(api).json()), 2)
        self._refer(5)
        with self.assertNumQueries(len(page_few.captured_queries)):
            client.get(url)
        with self.assertNumQueries(len(api_few.captured_queries)):
            rows = client.get(api).json()
        self.assertEqual(len(rows), 7)
        self.assertEqual(rows[0]["assistance"][0]["type"], "legal")


class ServicePointPickerTests(CaseTestCase):
    """Caseworkers pick a published service point instead of typing an id."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from retour.search.tests.factories import make_document

        case_services.consent_record(
            actor=cls.cw, case=cls.case, purpose="counselling", version="1"
        )
        cls.key = uuid.uuid4()
        for locale, title in (("en", "Sample point Mogadishu"), ("fr", "Point exemple Mogadiscio")):
            make_document(
                organisation=cls.org_b, title=title, kind="service_point", locale=locale,
                translation_key=cls.key, meta={"city": "Mogadishu"},
            )  # fmt: skip
        cls.url = reverse(
            "reintegration_admin:referral-create", kwargs={"case_uuid": cls.case.uuid}
        )

    def test_referral_to_a_picked_service_point(self):
        client = self.client_for(self.cw)
        detail = client.get(reverse("cases_admin:detail", kwargs={"case_uuid": self.case.uuid}))
        # One choice per point, not per language version.
        self.assertContains(detail, f'value="{self.key}"', count=1)
        self.assertContains(detail, "Sample point Mogadishu (Mogadishu)")
        client.post(self.url, {"service_point": str(self.key), "assistance_type": ""})
        referral = Referral.objects.get()
        self.assertEqual(referral.service_point_uuid, self.key)
        self.assertEqual(referral.service_point_name, "Sample point Mogadishu")

    def test_an_unknown_point_is_refused_and_nothing_is_stored(self):
        client = self.client_for(self.cw)
        response = client.post(self.url, {"service_point": str(uuid.uuid4())}, follow=True)
        self.assertContains(response, "Referral not sent")
        self.assertFalse(Referral.objects.exists())

    def test_the_service_checks_the_point_exists_and_names_it(self):
        # What the API relies on: no referral to a point the portal does not publish.
        with self.assertRaisesMessage(ValidationError, "No published service point"):
            services.referral_create(actor=self.cw, case=self.case, service_point_uuid=uuid.uuid4())
        referral = services.referral_create(
            actor=self.cw, case=self.case, service_point_uuid=self.key
        )
        self.assertEqual(referral.service_point_name, "Sample point Mogadishu")


class ReferralAssignmentTests(CaseTestCase):
    """The receiving organisation names who takes the person on."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        case_services.consent_record(
            actor=cls.cw, case=cls.case, purpose="data_sharing", version="1", partner=cls.org_b
        )
        cls.referral = services.referral_create(
            actor=cls.cw, case=cls.case, to_organisation=cls.org_b
        )
        cls.receiver = cls.users[("b", Role.CASEWORKER)]

    def membership(self, role: str, org: str = "b"):
        from retour.orgs.models import Membership

        return Membership.objects.get(user=self.user(role, org), role=role)

    def test_receiver_assigns_one_of_its_caseworkers_and_it_is_audited(self):
        mine = self.membership(Role.CASEWORKER)
        services.referral_assign(actor=self.receiver, referral=self.referral, membership=mine)
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.assigned_to, mine)
        event = AuditEvent.objects.filter(action="referral.assign").get()
        self.assertEqual(event.organisation, self.org_b)
        self.assertEqual(event.detail["changed"]["assigned_to_id"], {"old": None, "new": mine.pk})

    def test_sender_and_other_roles_cannot_assign(self):
        mine = self.membership(Role.CASEWORKER)
        for actor in (self.cw, self.user(Role.EDITOR, "b")):
            with self.assertRaises(PermissionDenied):
                services.referral_assign(actor=actor, referral=self.referral, membership=mine)

    def test_only_a_receiver_member_who_answers_referrals(self):
        for membership in (self.membership(Role.CASEWORKER, "a"), self.membership(Role.EDITOR)):
            with self.assertRaises(ValidationError):
                services.referral_assign(
                    actor=self.receiver, referral=self.referral, membership=membership
                )
        self.referral.refresh_from_db()
        self.assertIsNone(self.referral.assigned_to)

    def test_the_page_assigns_and_the_sender_sees_only_that_it_is_assigned(self):
        url = reverse(
            "reintegration_admin:referral-assign", kwargs={"referral_uuid": self.referral.uuid}
        )
        detail = reverse(
            "reintegration_admin:referral", kwargs={"referral_uuid": self.referral.uuid}
        )
        client = self.client_for(self.receiver)
        page = client.get(detail).content.decode()
        mine = self.membership(Role.CASEWORKER)
        self.assertIn(str(mine.uuid), page)
        self.assertNotIn(str(self.membership(Role.EDITOR).uuid), page)  # editors do not answer
        # Another organisation's membership uuid is "missing": nothing changes.
        other = self.membership(Role.CASEWORKER, "a")
        client.post(url, {"membership": str(other.uuid)})
        client.post(url, {"membership": "not-a-uuid"})
        self.referral.refresh_from_db()
        self.assertIsNone(self.referral.assigned_to)
        client.post(url, {"membership": str(mine.uuid)})
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.assigned_to, mine)
        sender_page = self.client_for(self.cw).get(detail).content.decode()
        self.assertIn("Assigned to a named person", sender_page)
        self.assertNotIn(self.receiver.username, sender_page)
        self.assertEqual(self.client_for(self.cw).post(url, {"membership": ""}).status_code, 403)


class ReferralFormTests(CaseTestCase):
    def test_the_form_never_offers_the_cases_own_organisation(self):
        from retour.reintegration.admin_views import ReferralForm

        offered = set(ReferralForm(case=self.case).fields["to_organisation"].queryset)
        self.assertIn(self.org_b, offered)
        self.assertNotIn(self.org_a, offered)
        url = reverse("reintegration_admin:referral-create", kwargs={"case_uuid": self.case.uuid})
        response = self.client_for(self.cw).post(
            url, {"to_organisation": str(self.org_a.uuid), "override_reason": "urgent"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Referral.objects.filter(case=self.case).exists())
