"""Forms, rounds, web entry, imports (all or nothing) and recomputation."""

from __future__ import annotations

import datetime as dt
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import TestCase
from django.utils import timezone
from openpyxl import Workbook

from retour.cases.models import Consent, ConsentPurpose
from retour.core.actors import SystemActor
from retour.orgs.models import Role
from retour.surveys import services
from retour.surveys.index.definition import builtin_texts
from retour.surveys.models import (
    ImportStatus,
    IndexDefinition,
    IndexScore,
    MonitoringRound,
    RoundStatus,
    Submission,
    SubmissionSource,
)
from retour.testing.base import TenantTestCase

from .factories import FORM_PATH, GOOD_ANSWERS, monitored_case, sample_form


def export_csv(rows: list[dict], sep: str = ",") -> bytes:
    headers = list(dict.fromkeys(k for r in rows for k in r))
    lines = [sep.join(headers)] + [sep.join(str(r.get(h, "")) for h in headers) for r in rows]
    return ("\n".join(lines) + "\n").encode()


class RoundTests(TenantTestCase):
    def test_add_months_clamps_to_month_end(self):
        self.assertEqual(services.add_months(dt.date(2026, 1, 31), 1), dt.date(2026, 2, 28))
        self.assertEqual(services.add_months(dt.date(2025, 11, 30), 3), dt.date(2026, 2, 28))
        self.assertEqual(services.add_months(dt.date(2026, 1, 10), 12), dt.date(2027, 1, 10))

    def test_rounds_only_with_consent_and_cancelled_on_withdrawal(self):
        case = monitored_case(self.org_a)
        monitored_case(self.org_a, consent=False)
        rounds = MonitoringRound.objects.for_org(self.org_a)
        self.assertEqual(
            sorted(rounds.values_list("months_after_arrival", "due_on")),
            [(3, dt.date(2026, 4, 10)), (6, dt.date(2026, 7, 10)), (12, dt.date(2027, 1, 10))],
        )
        self.assertEqual({r.case_id for r in rounds}, {case.pk})
        Consent.objects.filter(case=case).update(withdrawn_at=timezone.now())
        result = services.monitoring_rounds_schedule(
            actor=SystemActor.cli("test"), organisation=self.org_a
        )
        self.assertEqual(result, {"scheduled": 0, "cancelled": 3})

    def test_schedule_policy(self):
        with self.assertRaises(PermissionDenied):
            services.monitoring_rounds_schedule(
                actor=self.user(Role.EDITOR), organisation=self.org_a
            )
        with self.assertRaises(Http404):
            services.monitoring_rounds_schedule(
                actor=self.user(Role.CASEWORKER, "b"), organisation=self.org_a
            )
        services.monitoring_rounds_schedule(
            actor=self.user(Role.CASEWORKER), organisation=self.org_a
        )


class FormTests(TenantTestCase):
    def test_sample_form_parses_and_reupload_is_idempotent(self):
        form = sample_form(self.org_a)
        self.assertEqual(form.form_id, "retour_monitoring_2015")
        types = {q["name"]: q["type"] for q in form.questions}
        self.assertEqual(types["econ_income_sources"], "integer")
        self.assertEqual(types["assistance_useful"], "select_multiple")
        self.assertEqual(types["monthly_income"], "decimal")
        self.assertEqual(sample_form(self.org_a).pk, form.pk)

    def test_broken_xlsform_is_refused_with_reason(self):
        wb = Workbook()
        ws = wb.active
        ws.title = "survey"
        ws.append(["type", "name", "label"])
        ws.append(["select_one missing_list", "q1", "Q1"])
        choices = wb.create_sheet("choices")
        choices.append(["list_name", "name", "label"])
        choices.append(["other_list", "a", "A"])
        buf = io.BytesIO()
        wb.save(buf)
        with self.assertRaises(ValidationError) as info:
            services.survey_form_create(
                actor=SystemActor.cli("test"),
                organisation=self.org_a,
                data=buf.getvalue(),
                filename="x.xlsx",
            )
        self.assertIn("missing_list", str(info.exception))
        with self.assertRaises(ValidationError) as info:
            services.survey_form_create(
                actor=SystemActor.cli("test"),
                organisation=self.org_a,
                data=b"nope",
                filename="x.xlsx",
            )
        self.assertIn("not a readable XLSForm", str(info.exception))

    def test_only_admins_upload_forms(self):
        data = FORM_PATH.read_bytes()
        with self.assertRaises(PermissionDenied):
            services.survey_form_create(
                actor=self.user(Role.CASEWORKER),
                organisation=self.org_a,
                data=data,
                filename="f.xlsx",
            )
        services.survey_form_create(
            actor=self.user(Role.ADMIN), organisation=self.org_a, data=data, filename="f.xlsx"
        )


class WebEntryTests(TenantTestCase):
    def setUp(self):
        self.form = sample_form(self.org_a)
        self.case = monitored_case(self.org_a)
        self.round = MonitoringRound.objects.get(case=self.case, months_after_arrival=3)

    def test_submission_scores_with_both_definitions(self):
        with self.assertRaises(PermissionDenied):
            services.submission_create(
                actor=self.user(Role.ANALYST),
                round=self.round,
                form=self.form,
                answers=GOOD_ANSWERS,
            )
        submission = services.submission_create(
            actor=self.user(Role.CASEWORKER),
            round=self.round,
            form=self.form,
            answers=GOOD_ANSWERS,
        )
        self.round.refresh_from_db()
        self.assertEqual(self.round.status, RoundStatus.COMPLETED)
        self.assertEqual(self.round.completed_on, dt.date(2026, 5, 2))
        self.assertEqual(submission.answers["case_number"], self.case.case_number)
        scores = {s.definition.slug: s for s in IndexScore.objects.filter(submission=submission)}
        self.assertEqual(set(scores), {"return-reintegration-2015", "equal-weight-composite"})
        koser = scores["return-reintegration-2015"]
        # economic 5/5, social 3/5 (network, participation, perception), safety 5/5.
        self.assertEqual(koser.dimensions["social"]["met"], 3)
        self.assertEqual(koser.reintegrated, 1)
        self.assertIsNotNone(scores["equal-weight-composite"].composite)

    def test_bad_answers_refused_per_question(self):
        answers = {**GOOD_ANSWERS, "econ_debt": "lots", "econ_income_sources": "two"}
        del answers["safe_home"]
        with self.assertRaises(ValidationError) as info:
            services.submission_create(
                actor=self.user(Role.CASEWORKER), round=self.round, form=self.form, answers=answers
            )
        errors = info.exception.message_dict
        self.assertIn("unknown choice 'lots'", errors["econ_debt"][0])
        self.assertIn("not a whole number", errors["econ_income_sources"][0])
        self.assertIn("missing required", errors["safe_home"][0])
        self.assertFalse(Submission.objects.exists())

    def test_withdrawn_consent_refuses_at_once(self):
        Consent.objects.filter(case=self.case).update(withdrawn_at=timezone.now())
        with self.assertRaises(ValidationError):
            services.submission_create(
                actor=self.user(Role.CASEWORKER),
                round=self.round,
                form=self.form,
                answers=GOOD_ANSWERS,
            )


class ImportTests(TenantTestCase):
    def setUp(self):
        self.form = sample_form(self.org_a)
        self.cases = [monitored_case(self.org_a) for _ in range(3)]
        self.other = monitored_case(self.org_b)
        self.no_rounds = monitored_case(self.org_a, arrival=None)

    def row(self, case, rnd="m3", **over):
        return {
            "start": "2026-05-01T10:00:00",
            "case_number": case.case_number,
            "round": rnd,
            **GOOD_ANSWERS,
            "_uuid": f"uuid-{case.case_number}-{rnd}",
            **over,
        }

    def run_import(self, data, filename="export.csv", source=SubmissionSource.KOBO):
        job = services.import_job_create(
            actor=self.user(Role.CASEWORKER),
            organisation=self.org_a,
            form=self.form,
            source=source,
            filename=filename,
        )
        return services.import_job_run(actor=self.user(Role.CASEWORKER), job=job, data=data)

    def test_good_file_imports_everything(self):
        rows = [self.row(c) for c in self.cases] + [self.row(self.cases[0], "m6")]
        job = self.run_import(export_csv(rows, sep=";"))
        self.assertEqual(job.status, ImportStatus.DONE, job.errors)
        self.assertEqual(job.imported_rows, 4)
        self.assertEqual(Submission.objects.for_org(self.org_a).count(), 4)
        self.assertEqual(
            MonitoringRound.objects.for_org(self.org_a).filter(status="completed").count(), 4
        )
        self.assertEqual(IndexScore.objects.for_org(self.org_a).count(), 8)
        # The same export again is recognised by its Kobo _uuid and refused.
        again = self.run_import(export_csv(rows))
        self.assertEqual(again.status, ImportStatus.REJECTED)
        self.assertIn("already", again.errors[0]["reason"])

    def test_one_bad_row_saves_nothing_and_every_reason_is_reported(self):
        rows = [
            self.row(self.cases[0]),
            self.row(self.cases[1], econ_debt="lots"),  # unknown choice
            self.row(self.cases[2], econ_income_sources="2.5"),  # wrong type
            self.row(self.cases[0], "m6", safe_home=""),  # missing required
            self.row(self.other),  # another organisation's case
            self.row(self.no_rounds),  # consent but no arrival date: no rounds
        ]
        job = self.run_import(export_csv(rows))
        self.assertEqual(job.status, ImportStatus.REJECTED)
        self.assertEqual(job.error_count, 5)
        reasons = {e["row"]: e["reason"] for e in job.errors}
        self.assertIn("unknown choice 'lots'", reasons[3])
        self.assertIn("not a whole number", reasons[4])
        self.assertIn("safe_home: missing required", reasons[5])
        self.assertIn("no case numbered", reasons[6])
        self.assertIn("no 3-month round", reasons[7])
        self.assertFalse(Submission.objects.exists())
        self.assertFalse(IndexScore.objects.exists())
        self.assertFalse(MonitoringRound.objects.filter(status="completed").exists())

    def test_xlsx_export_with_group_paths(self):
        wb = Workbook()
        ws = wb.active
        rows = [self.row(c) for c in self.cases]
        headers = ["grp/" + h if h.startswith("econ_") else h for h in rows[0]]
        ws.append(headers)
        for r in rows:
            values = list(r.values())
            values[headers.index("grp/econ_income_sources")] = 2.0  # numbers arrive as floats
            ws.append(values)
        buf = io.BytesIO()
        wb.save(buf)
        job = self.run_import(buf.getvalue(), filename="kobo.xlsx")
        self.assertEqual(job.status, ImportStatus.DONE, job.errors)
        self.assertEqual(
            Submission.objects.get(case=self.cases[0]).answers["econ_income_sources"], 2
        )

    def test_odk_central_csv_with_dash_paths(self):
        rows = []
        for c in self.cases:
            row = {"SubmissionDate": "2026-05-03T08:00:00.000Z"}
            for key, value in self.row(c).items():
                if key == "_uuid":
                    row["meta-instanceID"] = f"uuid:{value}"
                elif key.startswith("safe_"):
                    row[f"safety-{key}"] = value
                else:
                    row[key] = value
            rows.append(row)
        job = self.run_import(export_csv(rows), source=SubmissionSource.ODK)
        self.assertEqual(job.status, ImportStatus.DONE, job.errors)
        submission = Submission.objects.get(case=self.cases[0])
        self.assertEqual(submission.external_id, f"uuid:uuid-{self.cases[0].case_number}-m3")
        self.assertEqual(submission.answers["safe_home"], "safe")
        self.assertEqual(submission.source, SubmissionSource.ODK)

    def test_no_consent_row_refused(self):
        Consent.objects.filter(case=self.cases[0], purpose=ConsentPurpose.MONITORING).update(
            withdrawn_at=timezone.now()
        )
        job = self.run_import(export_csv([self.row(self.cases[0])]))
        self.assertEqual(job.status, ImportStatus.REJECTED)
        self.assertIn("consent", job.errors[0]["reason"])

    def test_unreadable_file(self):
        job = self.run_import(b"\xff\xfe\x00junk", filename="x.csv")
        self.assertEqual(job.status, ImportStatus.REJECTED)
        self.assertIn("UTF-8", job.errors[0]["reason"])


class VersioningTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from retour.testing.factories import OrganisationFactory

        cls.org = OrganisationFactory(name="Versioning org", slug="versioning")

    def test_new_version_never_rewrites_old_scores(self):
        form = sample_form(self.org)
        case = monitored_case(self.org)
        rnd = MonitoringRound.objects.get(case=case, months_after_arrival=3)
        services.submission_create(
            actor=SystemActor.cli("test"), round=rnd, form=form, answers=GOOD_ANSWERS
        )
        old = IndexScore.objects.get(definition__slug="return-reintegration-2015")
        self.assertEqual(old.reintegrated, 1)
        text = builtin_texts()["return-reintegration-2015"]
        # Same version, other content: refused.
        with self.assertRaises(ValidationError):
            services.index_definition_save(
                actor=SystemActor.cli("test"),
                organisation=self.org,
                text=text.replace("{at_least: 3}", "{at_least: 4}"),
            )
        stricter = services.index_definition_save(
            actor=SystemActor.cli("test"),
            organisation=self.org,
            text=text.replace("{at_least: 3}", "{at_least: 4}").replace(
                'version: "1"', 'version: "2"'
            ),
        )
        self.assertEqual(IndexScore.objects.filter(definition=stricter).count(), 0)
        self.assertEqual(
            services.index_scores_recompute(actor=SystemActor.cli("test"), definition=stricter), 1
        )
        new = IndexScore.objects.get(definition=stricter)
        self.assertEqual(new.reintegrated, 0)  # social has only 3 of 5
        old.refresh_from_db()
        self.assertEqual(old.reintegrated, 1)
        self.assertEqual(
            IndexDefinition.objects.filter(slug="return-reintegration-2015").count(), 2
        )
        # Recompute is idempotent.
        self.assertEqual(
            services.index_scores_recompute(actor=SystemActor.cli("test"), definition=stricter), 0
        )


class RetentionTests(TenantTestCase):
    def test_pseudonymising_a_case_drops_free_text_answers(self):
        from retour.cases import services as case_services

        form = sample_form(self.org_a)
        case = monitored_case(self.org_a)
        rnd = MonitoringRound.objects.get(case=case, months_after_arrival=3)
        submission = services.submission_create(
            actor=SystemActor.cli("test"),
            round=rnd,
            form=form,
            answers={**GOOD_ANSWERS, "remarks": "Lives with her aunt (sample text)"},
        )
        self.assertIn("remarks", submission.answers)
        case_services.case_pseudonymise(
            actor=SystemActor.cli("test"), case=case, reason="retention"
        )
        submission.refresh_from_db()
        self.assertNotIn("remarks", submission.answers)
        self.assertEqual(submission.answers["econ_debt"], "none")
        self.assertEqual(submission.answers["case_number"], case.case_number)


class HandoverTests(TenantTestCase):
    def test_rounds_answers_and_scores_stay_with_the_sender(self):
        # No data-sharing scope covers survey answers: a handover never discloses them.
        from retour.cases import services as case_services
        from retour.cases.tests.factories import ConsentFactory

        form = sample_form(self.org_a)
        case = monitored_case(self.org_a)
        rnd = MonitoringRound.objects.get(case=case, months_after_arrival=3)
        services.submission_create(
            actor=SystemActor.cli("test"), round=rnd, form=form, answers=GOOD_ANSWERS
        )
        ConsentFactory(case=case, purpose=ConsentPurpose.DATA_SHARING, partner=self.org_b)
        handover = case_services.case_handover(
            actor=SystemActor.cli("test"), case=case, to_organisation=self.org_b
        )
        received = handover.received_case
        self.assertEqual(MonitoringRound.objects.for_org(self.org_a).filter(case=case).count(), 3)
        self.assertEqual(Submission.objects.for_org(self.org_a).filter(case=case).count(), 1)
        self.assertEqual(IndexScore.objects.for_org(self.org_a).filter(case=case).count(), 2)
        for model in (MonitoringRound, Submission, IndexScore):
            self.assertFalse(model.objects.for_org(self.org_b).exists(), model.__name__)
            self.assertFalse(model.objects.filter(case=received).exists(), model.__name__)
