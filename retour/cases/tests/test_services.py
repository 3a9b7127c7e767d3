"""Case services: validation, stages, consent, handover, retention, subject access, erasure."""

from __future__ import annotations

import datetime
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import Http404

from retour.cases import selectors, services
from retour.cases.models import Case, CaseIdentity, ConsentPurpose, Stage, StageEvent
from retour.core.models import AuditEvent, AuditKind
from retour.orgs.models import Role
from retour.reintegration import services as reint
from retour.reintegration.models import AssistanceItem
from retour.testing.base import TenantTestCase

NAME = "Yolandis Trembarro"


class CaseServiceTests(TenantTestCase):
    def setUp(self):
        self.cw = self.user(Role.CASEWORKER)

    def _case(self, **kw):
        kw.setdefault("country_of_return", "ge")
        kw.setdefault("opened_on", datetime.date(2026, 3, 1))
        return services.case_create(actor=self.cw, organisation=self.org_a, **kw)

    def test_roles_without_add_case_are_refused(self):
        for role in (Role.EDITOR, Role.REVIEWER, Role.ANALYST):
            with self.assertRaises(PermissionDenied):
                services.case_create(
                    actor=self.user(role), organisation=self.org_a, country_of_return="GE"
                )
        with self.assertRaises(Http404):
            services.case_create(
                actor=self.user(Role.CASEWORKER, "b"),
                organisation=self.org_a,
                country_of_return="GE",
            )

    def test_create_normalises_numbers_and_audits(self):
        case = self._case(vulnerabilities=["elderly", "disability"])
        self.assertEqual(case.country_of_return, "GE")
        self.assertTrue(case.case_number.startswith("ALPHA-2026-"))
        self.assertTrue(case.recorded_retrospectively)
        self.assertEqual(sorted(case.vulnerability_kinds), ["disability", "elderly"])
        self.assertTrue(
            AuditEvent.objects.filter(action="case.create", object_id=str(case.uuid)).exists()
        )
        second = self._case()
        self.assertNotEqual(case.case_number, second.case_number)

    def test_bad_input_is_refused_with_reasons(self):
        with self.assertRaisesMessage(ValidationError, "ISO 3166"):
            self._case(country_of_return="XX")
        with self.assertRaisesMessage(ValidationError, "Unknown vulnerability"):
            self._case(vulnerabilities=["tall"])
        with self.assertRaisesMessage(ValidationError, "currency"):
            self._case(plan_budget="100", plan_currency="")
        with self.assertRaisesMessage(ValidationError, "future"):
            self._case(opened_on=datetime.date.today() + datetime.timedelta(days=2))
        case = self._case(case_number="DUP-1")
        with self.assertRaisesMessage(ValidationError, "already used"):
            self._case(case_number=case.case_number)

    def test_closure_needs_final_report_and_timeline_records_stages(self):
        case = self._case()
        services.case_stage_set(
            actor=self.cw, case=case, stage=Stage.ARRIVAL, occurred_on=datetime.date(2026, 4, 1)
        )
        with self.assertRaisesMessage(ValidationError, "final report"):
            services.case_stage_set(actor=self.cw, case=case, stage=Stage.CLOSED)
        services.case_stage_set(
            actor=self.cw, case=case, stage=Stage.CLOSED, final_report="Sustainable; sample text."
        )
        case.refresh_from_db()
        self.assertEqual(case.stage_number, 7)
        self.assertIsNotNone(case.closed_on)
        stages = list(
            case.events.filter(kind=StageEvent.Kind.STAGE).values_list("stage", flat=True)
        )
        self.assertEqual(stages, [Stage.COUNSELLING, Stage.ARRIVAL, Stage.CLOSED])

    def test_identity_audit_never_contains_values(self):
        case = self._case(
            counselling_consent="test-1", identity={"given_name": NAME, "phone": "+00 555"}
        )
        rows = AuditEvent.objects.filter(object_id=str(case.uuid))
        self.assertTrue(rows.filter(action="case.identity.set").exists())
        for row in rows:
            self.assertNotIn("Yolandis", str(row.detail) + row.object_repr)

    def test_identity_read_is_caseworker_only_and_audited(self):
        case = self._case(counselling_consent="test-1", identity={"given_name": NAME})
        for role in (Role.ADMIN, Role.EDITOR, Role.REVIEWER, Role.ANALYST):
            with self.assertRaises(PermissionDenied):
                selectors.case_identity_read(actor=self.user(role), case=case)
        with self.assertRaises(Http404):
            selectors.case_identity_read(actor=self.user(Role.CASEWORKER, "b"), case=case)
        before = AuditEvent.objects.filter(kind=AuditKind.READ).count()
        identity = selectors.case_identity_read(actor=self.cw, case=case)
        self.assertEqual(identity.given_name, NAME)
        self.assertEqual(AuditEvent.objects.filter(kind=AuditKind.READ).count(), before + 1)

    def test_consent_withdrawal_is_immediate(self):
        case = self._case()
        consent = services.consent_record(
            actor=self.cw, case=case, purpose=ConsentPurpose.DATA_SHARING, version="2.1",
            partner=self.org_b, scope=["profile"],
        )  # fmt: skip
        self.assertIsNotNone(
            services.active_consent(case, ConsentPurpose.DATA_SHARING, partner=self.org_b)
        )
        services.consent_withdraw(actor=self.cw, consent=consent, reason="asked by the person")
        self.assertIsNone(
            services.active_consent(case, ConsentPurpose.DATA_SHARING, partner=self.org_b)
        )
        with self.assertRaisesMessage(ValidationError, "No active data-sharing consent"):
            services.case_handover(actor=self.cw, case=case, to_organisation=self.org_b)

    def test_consent_rules(self):
        case = self._case()
        with self.assertRaisesMessage(ValidationError, "names the partner"):
            services.consent_record(actor=self.cw, case=case, purpose="data_sharing", version="1")
        with self.assertRaisesMessage(ValidationError, "version"):
            services.consent_record(actor=self.cw, case=case, purpose="research", version=" ")
        with self.assertRaises(PermissionDenied):
            services.consent_record(
                actor=self.user(Role.ANALYST), case=case, purpose="research", version="1"
            )

    def test_handover_copies_consented_assistance_and_keeps_the_case(self):
        case = self._case(counselling_consent="test-1", identity={"given_name": NAME})
        reint.assistance_item_create(
            actor=self.cw, case=case, type="cash", amount=100, currency="EUR"
        )
        services.consent_record(
            actor=self.cw, case=case, purpose="data_sharing", version="1", partner=self.org_b,
            scope=["assistance"],
        )  # fmt: skip
        handover = services.case_handover(
            actor=self.cw, case=case, to_organisation=self.org_b, reason="moved region"
        )
        case.refresh_from_db()
        received = handover.received_case
        # The sender keeps its case, identity and assistance; the partner has a copy
        # of the assistance in a case of its own, without the identity.
        self.assertEqual(case.organisation, self.org_a)
        self.assertEqual(AssistanceItem.objects.get(case=case).organisation, self.org_a)
        self.assertEqual(received.organisation, self.org_b)
        self.assertEqual(AssistanceItem.objects.get(case=received).organisation, self.org_b)
        self.assertEqual(selectors.case_identity_read(actor=self.cw, case=case).given_name, NAME)
        self.assertIsNone(
            selectors.case_identity_read(actor=self.user(Role.CASEWORKER, "b"), case=received)
        )
        with self.assertRaises(Http404):
            selectors.case_identity_read(actor=self.user(Role.CASEWORKER, "b"), case=case)
        self.assertEqual(
            AuditEvent.objects.filter(action="case.handover")
            .values("organisation")
            .distinct()
            .count(),
            2,
        )


class RetentionAndSubjectAccessTests(TenantTestCase):
    def setUp(self):
        self.cw = self.user(Role.CASEWORKER)

    def _closed_case(self, closed_on, **kw):
        case = services.case_create(
            actor=self.cw, organisation=self.org_a, country_of_return="IQ",
            opened_on=datetime.date(2020, 1, 1), counselling_consent="test-1", identity={"given_name": NAME}, **kw,
        )  # fmt: skip
        services.case_stage_set(
            actor=self.cw, case=case, stage=Stage.CLOSED, occurred_on=closed_on, final_report="done"
        )
        return case

    def test_retention_pseudonymises_then_erases(self):
        old = self._closed_case(datetime.date(2021, 1, 1))
        recent = self._closed_case(datetime.date(2026, 1, 1))
        research = self._closed_case(datetime.date(2021, 1, 1))
        services.consent_record(actor=self.cw, case=research, purpose="research", version="1",
                                given_on=datetime.date(2020, 1, 1))  # fmt: skip
        with self.assertRaises(CommandError):
            call_command("cases", "retention_set", "alpha", "counselling", "365",
                         "--user", self.cw.username, stdout=io.StringIO())  # fmt: skip
        call_command("cases", "retention_set", "alpha", "counselling", "365",
                     "--user", self.user(Role.ADMIN).username, stdout=io.StringIO())  # fmt: skip
        out = io.StringIO()
        call_command("cases", "retention", "--today", "2026-06-01", stdout=out)
        self.assertIn("pseudonymised 1, erased 1, kept 1", out.getvalue())
        self.assertFalse(Case.objects.filter(pk=old.pk).exists())
        research.refresh_from_db()
        self.assertIsNotNone(research.pseudonymised_at)
        self.assertFalse(CaseIdentity.objects.filter(case=research).exists())
        self.assertEqual(research.final_report, "")
        self.assertTrue(CaseIdentity.objects.filter(case=recent).exists())
        self.assertTrue(
            AuditEvent.objects.filter(action="case.erase", actor_label="cli:retention").exists()
        )

    def test_subject_access_export_and_erase_command(self):
        case = self._closed_case(datetime.date(2026, 1, 1))
        out = io.StringIO()
        with self.assertRaises(CommandError):
            call_command(
                "cases",
                "export",
                str(case.uuid),
                "--user",
                self.user(Role.ANALYST).username,
                stdout=out,
            )
        call_command("cases", "export", str(case.uuid), "--user", self.cw.username, stdout=out)
        self.assertIn(NAME, out.getvalue())
        self.assertIn("cases.consent", out.getvalue())
        self.assertTrue(
            AuditEvent.objects.filter(action="case.export", object_id=str(case.uuid)).exists()
        )
        self.assertTrue(
            AuditEvent.objects.filter(action="case.identity.read", kind=AuditKind.READ).exists()
        )
        with self.assertRaises(CommandError):
            call_command("cases", "erase", str(case.uuid), "--user", self.user(Role.ADMIN).username,
                         "--reason", "x", stdout=out)  # fmt: skip
        call_command("cases", "erase", str(case.uuid), "--user", self.cw.username, "--reason",
                     "request of the person", stdout=out)  # fmt: skip
        self.assertFalse(Case.objects.filter(pk=case.pk).exists())
        self.assertTrue(
            AuditEvent.objects.filter(action="case.erase", object_id=str(case.uuid)).exists()
        )


class IdentityNeedsConsentTests(TenantTestCase):
    """Identity is collected only under a counselling consent (intake order)."""

    def test_identity_before_consent_is_refused_and_nothing_is_saved(self):
        cw = self.user(Role.CASEWORKER)
        with self.assertRaisesMessage(ValidationError, "consent to counselling"):
            services.case_create(
                actor=cw, organisation=self.org_a, country_of_return="IQ",
                identity={"given_name": NAME},
            )  # fmt: skip
        case = services.case_create(actor=cw, organisation=self.org_a, country_of_return="IQ")
        with self.assertRaisesMessage(ValidationError, "consent to counselling"):
            services.case_identity_set(actor=cw, case=case, given_name=NAME)
        self.assertFalse(CaseIdentity.objects.filter(case=case).exists())
        consent = services.consent_record(actor=cw, case=case, purpose="counselling", version="2")
        services.case_identity_set(actor=cw, case=case, given_name=NAME)
        self.assertTrue(CaseIdentity.objects.filter(case=case).exists())
        services.consent_withdraw(actor=cw, consent=consent)
        with self.assertRaisesMessage(ValidationError, "consent to counselling"):
            services.case_identity_set(actor=cw, case=case, phone="+00 1")
