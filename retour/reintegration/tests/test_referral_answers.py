"""The receiver accepts or declines with a reason; the sender sees both; lists page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from retour.cases import services as case_services
from retour.core.models import AuditEvent
from retour.orgs.models import Role
from retour.reintegration import services
from retour.reintegration.models import DeclineReason, Referral, ReferralStatus
from retour.reintegration.tests.test_referrals import CaseTestCase

LIST = reverse("reintegration_admin:referrals")


class ReferralAnswerTests(CaseTestCase):
    case: Any  # set in setUpTestData/setUp
    cw: Any  # set in setUpTestData/setUp

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        case_services.consent_record(
            actor=cls.cw, case=cls.case, purpose="data_sharing", version="1",
            partner=cls.org_b, scope=["profile"],
        )  # fmt: skip
        cls.receiver = cls.users[("b", Role.CASEWORKER)]

    def _referral(self) -> Referral:
        return services.referral_create(actor=self.cw, case=self.case, to_organisation=self.org_b)

    def _status_url(self, referral: Referral) -> str:
        return reverse(
            "reintegration_admin:referral-status", kwargs={"referral_uuid": referral.uuid}
        )

    def test_a_decline_needs_a_reason_and_other_needs_a_note(self):
        referral = self._referral()
        with self.assertRaisesMessage(ValidationError, "Say why"):
            services.referral_status_set(
                actor=self.receiver, referral=referral, status=ReferralStatus.DECLINED
            )
        with self.assertRaisesMessage(ValidationError, "Explain the other reason"):
            services.referral_status_set(
                actor=self.receiver, referral=referral, status="declined", reason="other"
            )
        with self.assertRaisesMessage(ValidationError, "Only a decline"):
            services.referral_status_set(
                actor=self.receiver, referral=referral, status="accepted", reason="no_capacity"
            )
        referral.refresh_from_db()
        self.assertEqual(referral.status, ReferralStatus.SENT)

    def test_receiver_declines_in_the_admin_and_the_sender_sees_why(self):
        referral = self._referral()
        receiver = self.client_for(self.receiver)
        # Without a reason nothing changes, and the page says why.
        response = receiver.post(self._status_url(referral), {"status": "declined"}, follow=True)
        self.assertContains(response, "Say why the referral is declined")
        receiver.post(self._status_url(referral), {"status": "declined", "reason": "out_of_area"})
        referral.refresh_from_db()
        self.assertEqual(referral.decline_reason, DeclineReason.OUT_OF_AREA)
        event = AuditEvent.objects.filter(action="referral.status").latest("id")
        self.assertEqual(
            event.detail["changed"]["decline_reason"], {"old": "", "new": "out_of_area"}
        )
        self.assertEqual(event.detail["changed"]["status"], {"old": "sent", "new": "declined"})
        sender = self.client_for(self.cw)
        detail = reverse("reintegration_admin:referral", kwargs={"referral_uuid": referral.uuid})
        self.assertContains(sender.get(detail), "Outside the area we cover")
        self.assertContains(sender.get(LIST, {"box": "sent"}), "Outside the area we cover")
        # The sender cannot answer for the receiver.
        other = self._referral()
        response = sender.post(self._status_url(other), {"status": "accepted"})
        other.refresh_from_db()
        self.assertEqual(other.status, ReferralStatus.SENT)
        self.assertIn(response.status_code, (302, 403))

    def test_receiver_accepts(self):
        referral = self._referral()
        self.client_for(self.receiver).post(self._status_url(referral), {"status": "accepted"})
        referral.refresh_from_db()
        self.assertEqual(referral.status, ReferralStatus.ACCEPTED)
        self.assertEqual(referral.decline_reason, "")

    def test_boxes_page_filter_and_keep_queries_flat(self):
        for _ in range(3):
            self._referral()
        receiver = self.client_for(self.receiver)
        receiver.get(LIST)
        with CaptureQueriesContext(connection) as few:
            response = receiver.get(LIST, {"status": "sent"})
        self.assertEqual(response.context["total"], 3)
        for _ in range(12):
            self._referral()
        with self.assertNumQueries(len(few.captured_queries)):
            response = receiver.get(LIST, {"status": "sent"})
        self.assertEqual(response.context["total"], 15)
        # The receiver's box never offers the sender's case numbers to search.
        self.assertNotContains(response, 'name="q"')
        self.assertEqual(receiver.get(LIST, {"box": "sent"}).context["total"], 0)
        sent = self.client_for(self.cw).get(LIST, {"box": "sent", "per_page": 10})
        self.assertEqual(sent.context["total"], 15)
        self.assertContains(sent, 'name="box" value="sent"')
        self.assertContains(sent, "page 1 of 2")
