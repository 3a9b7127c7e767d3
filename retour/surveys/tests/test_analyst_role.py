"""The analyst (M&E officer) role does the data work: forms, imports, definitions.

Each test acts as an analyst through the admin views, as a person would.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from retour.orgs import policy
from retour.orgs.models import Role
from retour.surveys.models import ImportJob, ImportStatus, MonitoringRound, Submission, SurveyForm
from retour.testing.base import TenantTestCase

from .factories import FORM_PATH, GOOD_ANSWERS, monitored_case, sample_form
from .test_services import export_csv


class AnalystRoleTests(TenantTestCase):
    def setUp(self):
        self.analyst = self.user(Role.ANALYST)
        self.client = self.client_for(self.analyst)

    def test_analyst_uploads_an_xlsform(self):
        url = reverse("surveys_admin:forms")
        self.assertContains(self.client.get(url), 'name="xlsform"')
        response = self.client.post(
            url, {"xlsform": SimpleUploadedFile("f.xlsx", FORM_PATH.read_bytes())}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(SurveyForm.objects.for_org(self.org_a).count(), 1)
        self.assertFalse(SurveyForm.objects.for_org(self.org_b).exists())

    def test_analyst_imports_a_kobo_export(self):
        form = sample_form(self.org_a)
        cases = [monitored_case(self.org_a, case_number=f"AN-{i}") for i in range(2)]
        rows = [
            {"case_number": c.case_number, "round": "m3", **GOOD_ANSWERS, "_uuid": f"a{i}"}
            for i, c in enumerate(cases)
        ]
        response = self.client.post(
            reverse("surveys_admin:imports"),
            {
                "form": form.pk,
                "source": "kobo",
                "export": SimpleUploadedFile("kobo.csv", export_csv(rows)),
            },
        )
        job = ImportJob.objects.get(filename="kobo.csv")
        self.assertEqual(job.status, ImportStatus.DONE)
        self.assertRedirects(
            response, reverse("surveys_admin:import-job", kwargs={"importjob_uuid": job.uuid})
        )
        self.assertEqual(Submission.objects.filter(case__in=cases).count(), 2)
        self.assertEqual(self.client.get(response["Location"]).status_code, 200)

    def test_analyst_does_not_enter_answers_for_a_case(self):
        case = monitored_case(self.org_a)
        round_ = MonitoringRound.objects.get(case=case, months_after_arrival=3)
        entry = reverse("surveys_admin:round-entry", kwargs={"monitoringround_uuid": round_.uuid})
        self.assert_refused(self.client.get(entry))
        self.assert_refused(self.client.get(reverse("surveys_admin:rounds")))
        self.assertFalse(policy.has_perm(self.analyst, "surveys.add_submission", org=self.org_a))

    def test_analyst_of_one_org_cannot_import_into_another(self):
        self.assertFalse(policy.has_perm(self.analyst, "surveys.add_importjob", org=self.org_b))
        self.assertTrue(policy.has_perm(self.analyst, "surveys.add_importjob", org=self.org_a))
