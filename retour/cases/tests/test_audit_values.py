"""Case audit rows say what changed (old and new values) and never what identifies a person."""

from __future__ import annotations

import datetime

from retour.cases import services
from retour.core.models import AuditEvent
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase

NAME = "Yolandis Trembarro"
PHONE = "+00 555 0199"
DOCUMENT = "ZX-4471-QP"


class CaseAuditValueTests(TenantTestCase):
    def setUp(self):
        self.cw = self.user(Role.CASEWORKER)
        self.case = services.case_create(
            actor=self.cw, organisation=self.org_a, country_of_return="GE",
            opened_on=datetime.date(2026, 3, 1),
            counselling_consent="test-1", identity={"given_name": NAME, "phone": PHONE,
                      "documents": [{"type": "passport", "number": DOCUMENT}]},
        )  # fmt: skip

    def _blobs(self) -> list[str]:
        return [
            f"{e.action} {e.object_repr} {e.actor_label} {e.detail}"
            for e in AuditEvent.objects.filter(object_id=str(self.case.uuid))
        ]

    def test_update_records_old_and_new_values_but_not_free_text(self):
        services.case_update(
            actor=self.cw, case=self.case, country_of_return="am", age_band="25-34",
            notes=f"Called {NAME} on {PHONE}",
        )  # fmt: skip
        event = AuditEvent.objects.filter(action="case.update").latest("at")
        self.assertEqual(
            event.detail["changed"],
            {
                "country_of_return": {"old": "GE", "new": "AM"},
                "age_band": {"old": "", "new": "25-34"},
                "notes": {"redacted": True},
            },
        )

    def test_identity_changes_say_which_field_changed_never_the_value(self):
        services.case_identity_set(actor=self.cw, case=self.case, phone="+00 555 0100")
        event = AuditEvent.objects.filter(action="case.identity.set").latest("at")
        self.assertEqual(event.detail, {"changed": {"phone": {"redacted": True}}})
        first = AuditEvent.objects.filter(action="case.identity.set").earliest("at")
        self.assertEqual(set(first.detail["changed"]), {"given_name", "phone", "documents"})

    def test_retention_period_change_records_old_and_new_days(self):
        admin = self.user(Role.ADMIN)
        services.retention_period_set(
            actor=admin, organisation=self.org_a, purpose="counselling", days=400
        )
        services.retention_period_set(
            actor=admin, organisation=self.org_a, purpose="counselling", days=500
        )
        first, second = AuditEvent.objects.filter(action="retention.set").order_by("id")
        self.assertEqual(first.detail["changed"], {"days": {"old": 730, "new": 400}})
        self.assertEqual(second.detail["changed"], {"days": {"old": 400, "new": 500}})

    def test_pseudonymisation_reason_loses_the_identifying_values(self):
        services.case_pseudonymise(
            actor=self.cw, case=self.case, reason=f"Asked by yolandis on {PHONE}"
        )
        event = AuditEvent.objects.get(action="case.pseudonymise")
        self.assertEqual(event.detail["reason"], "Asked by [redacted] on [redacted]")

    def test_erasure_keeps_the_audit_rows_and_none_identifies_the_person(self):
        services.case_update(actor=self.cw, case=self.case, notes=f"{NAME} asked for help")
        services.case_stage_set(actor=self.cw, case=self.case, stage="2_pre_departure")
        before = AuditEvent.objects.filter(object_id=str(self.case.uuid)).count()
        services.case_erase(
            actor=self.cw, case=self.case, reason=f"Erasure requested by {NAME} ({DOCUMENT})"
        )
        rows = AuditEvent.objects.filter(object_id=str(self.case.uuid))
        self.assertEqual(rows.count(), before + 1)
        self.assertEqual(
            rows.get(action="case.erase").detail["reason"],
            "Erasure requested by [redacted] ([redacted])",
        )
        for blob in self._blobs():
            for secret in (NAME, "Yolandis", "Trembarro", PHONE, DOCUMENT):
                self.assertNotIn(secret.lower(), blob.lower(), blob)


class ReintegrationAuditValueTests(TenantTestCase):
    def test_delivery_and_referral_answers_record_old_and_new_values(self):
        from retour.reintegration import services as reint

        cw = self.user(Role.CASEWORKER)
        case = services.case_create(actor=cw, organisation=self.org_a, country_of_return="GE")
        item = reint.assistance_item_create(
            actor=cw, case=case, type="cash", amount=100, currency="EUR"
        )
        reint.assistance_item_deliver(
            actor=cw, item=item, amount="90", evidence_reference=f"Receipt signed by {NAME}",
            delivered_on=datetime.date(2026, 1, 5),
        )  # fmt: skip
        deliver = AuditEvent.objects.get(action="assistance.deliver")
        self.assertEqual(
            deliver.detail["changed"],
            {
                "status": {"old": "planned", "new": "delivered"},
                "delivered_on": {"old": None, "new": "2026-01-05"},
                "amount": {"old": "100.00", "new": "90.00"},
                "evidence_reference": {"redacted": True},
            },
        )
        services.consent_record(
            actor=cw, case=case, purpose="data_sharing", version="1", partner=self.org_b,
            scope=["needs"],
        )  # fmt: skip
        referral = reint.referral_create(actor=cw, case=case, to_organisation=self.org_b)
        reint.referral_status_set(
            actor=self.user(Role.CASEWORKER, "b"), referral=referral, status="accepted",
            note=f"We will call {NAME}",
        )  # fmt: skip
        events = AuditEvent.objects.filter(action="referral.status")
        self.assertEqual({e.organisation for e in events}, {self.org_a, self.org_b})
        changed = events.first().detail["changed"]
        self.assertEqual(changed["status"], {"old": "sent", "new": "accepted"})
        self.assertEqual(changed["answer_note"], {"redacted": True})
        for event in AuditEvent.objects.all():
            self.assertNotIn(NAME, str(event.detail))
