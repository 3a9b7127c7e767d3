"""Admin views and API: refusals first, then success, with real data."""

from __future__ import annotations

import io
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from retour.core.demo import DemoContext
from retour.orgs.models import Role
from retour.surveys import demo
from retour.surveys.index.definition import builtin_texts
from retour.surveys.models import (
    ImportJob,
    ImportStatus,
    IndexDefinition,
    IndexScore,
    MonitoringRound,
    RoundStatus,
    Submission,
)
from retour.testing.base import TenantTestCase

from .factories import FORM_PATH, GOOD_ANSWERS, monitored_case, sample_form
from .test_services import export_csv


class ViewTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        context = DemoContext(org_a=cls.org_a, org_b=cls.org_b, admin=cls.superuser)
        with mock.patch.object(demo, "SAMPLE_CASES", 60):
            demo.load(context=context)
        cls.form = sample_form(cls.org_a)

    def get_as(self, role, url, org="a", **extra):
        return self.client_for(self.user(role, org)).get(url, **extra)

    def refused(self, url, roles, method="get", data=None):
        for role in roles:
            response = getattr(self.client_for(self.user(role)), method)(url, data or {})
            self.assert_refused(response, f"{role} must be refused on {url}")

    # -- rounds ---------------------------------------------------------------------------
    def test_rounds_list_shows_overdue_for_caseworkers_only(self):
        url = reverse("surveys_admin:rounds")
        self.refused(url, [Role.EDITOR, Role.REVIEWER, Role.ANALYST, Role.ADMIN])
        overdue = MonitoringRound.objects.for_org(self.org_a).filter(
            status=RoundStatus.SCHEDULED, due_on__lt="2100-01-01"
        )
        late = overdue.order_by("due_on").first()
        response = self.get_as(Role.CASEWORKER, url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, late.case.case_number)
        self.assertContains(response, "Enter answers")
        # Org B's caseworker sees org B's list, never org A's cases.
        other = self.get_as(Role.CASEWORKER, url, org="b")
        self.assertEqual(other.status_code, 200)
        self.assertNotContains(other, late.case.case_number)

    def test_rounds_list_query_count_does_not_grow_with_rows(self):
        client = self.client_for(self.user(Role.CASEWORKER))
        url = reverse("surveys_admin:rounds")
        with CaptureQueriesContext(connection) as few:
            client.get(url + "?show=overdue")
        with CaptureQueriesContext(connection) as many:
            response = client.get(url + "?show=all")
        self.assertGreater(response.content.count(b"<tr>"), 50)
        self.assertEqual(len(few), len(many))

    def test_web_entry(self):
        case = monitored_case(self.org_a, case_number="WEB-1")
        round_ = MonitoringRound.objects.get(case=case, months_after_arrival=3)
        url = reverse("surveys_admin:round-entry", kwargs={"monitoringround_uuid": round_.uuid})
        self.assert_roles(url, allowed={Role.CASEWORKER})
        client = self.client_for(self.user(Role.CASEWORKER))
        page = client.get(url)
        self.assertContains(page, 'type="radio"')
        self.assertContains(page, 'type="date"')
        self.assertContains(page, 'type="checkbox"')
        bad = client.post(url, {**GOOD_ANSWERS, "econ_debt": "lots"})
        self.assertEqual(bad.status_code, 200)
        self.assertFalse(Submission.objects.filter(round=round_).exists())
        ok = client.post(url, {**GOOD_ANSWERS, "assistance_useful": ["cash", "training"]})
        self.assertEqual(ok.status_code, 302)
        submission = Submission.objects.get(round=round_)
        self.assertEqual(submission.answers["assistance_useful"], ["cash", "training"])
        self.assertEqual(submission.answers["econ_income_sources"], 2)
        self.assertEqual(IndexScore.objects.filter(submission=submission).count(), 2)

    # -- forms and imports ----------------------------------------------------------------
    def test_form_upload_admin_only_with_clear_errors(self):
        url = reverse("surveys_admin:forms")
        upload = {"xlsform": SimpleUploadedFile("f.xlsx", FORM_PATH.read_bytes())}
        self.refused(url, [Role.CASEWORKER, Role.EDITOR], method="post", data=upload)
        client = self.client_for(self.user(Role.ADMIN))
        bad = client.post(url, {"xlsform": SimpleUploadedFile("f.xlsx", b"not a workbook")})
        self.assertContains(bad, "not a readable XLSForm", status_code=400)
        ok = client.post(url, {"xlsform": SimpleUploadedFile("f.xlsx", FORM_PATH.read_bytes())})
        self.assertEqual(ok.status_code, 302)

    def test_import_rejected_then_accepted(self):
        cases = [monitored_case(self.org_a, case_number=f"IMP-{i}") for i in range(2)]
        rows = [
            {"case_number": c.case_number, "round": "m3", **GOOD_ANSWERS, "_uuid": f"u{i}"}
            for i, c in enumerate(cases)
        ]
        url = reverse("surveys_admin:imports")
        client = self.client_for(self.user(Role.CASEWORKER))
        bad_rows = [rows[0], {**rows[1], "safe_home": "maybe"}]
        response = client.post(
            url,
            {
                "form": self.form.pk,
                "source": "kobo",
                "export": SimpleUploadedFile("bad.csv", export_csv(bad_rows)),
            },
        )
        job = ImportJob.objects.get(filename="bad.csv")
        self.assertRedirects(
            response, reverse("surveys_admin:import-job", kwargs={"importjob_uuid": job.uuid})
        )
        page = client.get(response["Location"])
        self.assertContains(page, "Nothing was saved")
        self.assertContains(page, "unknown choice &#x27;maybe&#x27;")
        self.assertFalse(Submission.objects.filter(case__in=cases).exists())
        client.post(
            url,
            {
                "form": self.form.pk,
                "source": "kobo",
                "export": SimpleUploadedFile("good.csv", export_csv(rows)),
            },
        )
        job = ImportJob.objects.get(filename="good.csv")
        self.assertEqual(job.status, ImportStatus.DONE)
        progress_url = reverse("surveys_admin:import-progress", kwargs={"importjob_uuid": job.uuid})
        self.assert_roles(progress_url, allowed={Role.CASEWORKER, Role.ANALYST})
        state = client.get(progress_url).json()
        self.assertEqual((state["done"], state["total"], state["finished"]), (2, 2, True))

    def test_running_job_page_has_progress_bar_and_no_js_fallback(self):
        job = ImportJob.objects.create(
            organisation=self.org_a,
            form=self.form,
            source="odk",
            filename="big.csv",
            status=ImportStatus.RUNNING,
        )
        url = reverse("surveys_admin:import-job", kwargs={"importjob_uuid": job.uuid})
        self.assert_roles(url, allowed={Role.CASEWORKER, Role.ANALYST})
        page = self.get_as(Role.CASEWORKER, url)
        self.assertContains(page, "<progress")
        self.assertContains(page, 'http-equiv="refresh"')
        self.assertContains(page, "jobs/progress.js")

    # -- analytics ------------------------------------------------------------------------
    def test_analytics_page(self):
        url = reverse("surveys_admin:analytics")
        self.refused(url, [Role.EDITOR, Role.REVIEWER, Role.ADMIN])
        for by in ("country", "cohort", "assistance", "vulnerability", "community"):
            response = self.get_as(Role.ANALYST, f"{url}?by={by}")
            self.assertEqual(response.status_code, 200, by)
            self.assertContains(response, "<svg")
            self.assertContains(response, "95% Wilson")
        self.assertContains(self.get_as(Role.ANALYST, f"{url}?by=vulnerability"), "too few data")
        response = self.get_as(Role.CASEWORKER, url + "?round=12")
        self.assertContains(response, "Change between rounds")
        rss = IndexDefinition.objects.get(organisation=self.org_a, slug="equal-weight-composite")
        weighted = self.get_as(Role.ANALYST, f"{url}?definition={rss.uuid}")
        self.assertContains(weighted, "Equal weights (placeholder")
        self.assertContains(weighted, "Mean composite")
        # Another organisation's definition is never used: falls back to our own.
        other = IndexDefinition.objects.filter(organisation=self.org_b).first()
        fallback = self.get_as(Role.ANALYST, f"{url}?definition={other.uuid}")
        self.assertContains(fallback, "Return and reintegration index (2015)")
        self.assertEqual(self.get_as(Role.ANALYST, f"{url}?definition=x&round=99").status_code, 200)

    def test_export_csv_and_xlsx_hxl_and_suppression(self):
        url = reverse("surveys_admin:analytics-export")
        self.refused(url, [Role.CASEWORKER, Role.EDITOR, Role.ADMIN])
        csv_text = self.get_as(Role.ANALYST, url + "?by=vulnerability&format=csv").content.decode()
        lines = csv_text.splitlines()
        # Caption, column names, then the HXL hashtag row.
        self.assertTrue(lines[2].startswith("#group+vulnerability,#meta+label,#population"))
        self.assertIn("<5", csv_text)  # small vulnerability groups are suppressed
        for line in lines[3:]:
            cells = line.split(",")
            if len(cells) > 3 and cells[2].isdigit():
                self.assertGreaterEqual(int(cells[2]), 5)
        xlsx = self.get_as(Role.ANALYST, url + "?by=country&format=xlsx")
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        self.assertEqual(sheet.cell(3, 1).value, "#country+code")
        bad = self.get_as(Role.ANALYST, url + "?format=pdf")
        self.assertEqual(bad.status_code, 400)

    def test_drivers_page_is_labelled_associational(self):
        url = reverse("surveys_admin:drivers")
        self.refused(url, [Role.EDITOR, Role.ADMIN])
        response = self.get_as(Role.ANALYST, url)
        self.assertContains(response, "Associational, not causal")
        self.assertContains(response, "Odds ratio")

    def test_definitions_upload_names_bad_path_and_recompute(self):
        url = reverse("surveys_admin:definitions")
        client = self.client_for(self.user(Role.ANALYST))
        text = builtin_texts()["return-reintegration-2015"]
        bad = text.replace("rule: {at_least: 3}", "rule: {at_least: three}", 1)
        response = client.post(url, {"yaml_file": SimpleUploadedFile("d.yaml", bad.encode())})
        self.assertContains(response, "dimensions[0].rule.at_least")
        new = text.replace('version: "1"', 'version: "2"').replace("{at_least: 3}", "{at_least: 2}")
        self.refused(
            url,
            [Role.CASEWORKER, Role.EDITOR],
            method="post",
            data={"yaml_file": SimpleUploadedFile("d.yaml", new.encode())},
        )
        self.assertEqual(
            client.post(url, {"yaml_file": SimpleUploadedFile("d.yaml", new.encode())}).status_code,
            302,
        )
        definition = IndexDefinition.objects.get(
            organisation=self.org_a, slug="return-reintegration-2015", version="2"
        )
        recompute = reverse(
            "surveys_admin:definition-recompute", kwargs={"indexdefinition_uuid": definition.uuid}
        )
        self.assert_roles(recompute, allowed={Role.ANALYST}, method="post", ok_status=(302,))
        self.assertEqual(
            IndexScore.objects.filter(definition=definition).count(),
            Submission.objects.for_org(self.org_a).count(),
        )

    # -- API --------------------------------------------------------------------------------
    def test_api_rates_aggregated_and_validated(self):
        url = reverse("api:surveys-rates")
        self.assertIn(self.client.get(url).status_code, (401, 403))
        self.assertEqual(self.get_as(Role.EDITOR, url).status_code, 403)
        body = self.get_as(Role.ANALYST, url + "?by=cohort&round=latest").json()
        self.assertEqual(body["definition"], "return-reintegration-2015")
        self.assertTrue(body["groups"])
        for group in body["groups"]:
            self.assertEqual(
                set(group),
                {"key", "label", "people", "reintegrated", "rate", "ci95_low", "ci95_high",
                 "unknown_result", "note"},
            )  # fmt: skip
        self.assertEqual(body["missing_data_policy"], "exclude")
        literal = self.get_as(Role.ANALYST, url + "?by=cohort&missing=not_met").json()
        self.assertEqual(literal["missing_data_policy"], "not_met")
        self.assertIn("not met", literal["missing_data_policy_label"])
        self.assertEqual(self.get_as(Role.ANALYST, url + "?missing=guess").status_code, 400)
        self.assertEqual(self.get_as(Role.ANALYST, url + "?by=name").status_code, 400)
        self.assertEqual(self.get_as(Role.ANALYST, url + "?round=7").status_code, 400)
        summary = self.get_as(Role.CASEWORKER, reverse("api:surveys-rounds-summary")).json()
        self.assertGreater(summary["overdue"], 0)
        defs = self.get_as(Role.ANALYST, reverse("api:surveys-definitions")).json()
        self.assertEqual(
            {d["slug"] for d in defs}, {"return-reintegration-2015", "equal-weight-composite"}
        )
