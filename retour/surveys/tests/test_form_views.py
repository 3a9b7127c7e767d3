"""The XLSForm upload page and a form's page: refusals first, then success."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from retour.core.actors import SystemActor
from retour.orgs.models import Role
from retour.surveys import services
from retour.surveys.models import SurveyForm
from retour.testing.base import TenantTestCase

from .factories import monitored_case
from .xlsforms import HOUSEHOLD_SURVEY, kobo_xlsx, xlsform


def upload(data: bytes, name: str = "household.xlsx") -> dict:
    return {"xlsform": SimpleUploadedFile(name, data)}


class UploadPageTests(TenantTestCase):
    url = reverse("surveys_admin:form-upload")

    def test_only_admins_and_analysts_of_the_organisation_upload(self):
        # Analysts (M&E officers) upload forms since the analyst role was widened.
        for role in (Role.CASEWORKER, Role.EDITOR, Role.REVIEWER):
            client = self.client_for(self.user(role))
            self.assert_refused(client.get(self.url), role)
            self.assert_refused(client.post(self.url, upload(xlsform())), role)
        self.assertFalse(SurveyForm.objects.exists())
        self.assertContains(self.client_for(self.user(Role.ANALYST)).get(self.url), "choice_filter")
        page = self.client_for(self.user(Role.ADMIN)).get(self.url)
        self.assertContains(page, "choice_filter")
        self.assertContains(page, 'enctype="multipart/form-data"')

    def test_problems_are_listed_by_sheet_and_row(self):
        survey = [*HOUSEHOLD_SURVEY[:3], ("select_one nowhere", "q", "Q", None, None, None)]
        client = self.client_for(self.user(Role.ADMIN))
        response = client.post(self.url, upload(xlsform(survey=survey)))
        self.assertContains(response, "List name not in choices sheet: nowhere", status_code=400)
        self.assertContains(response, "<td>survey</td>", status_code=400, html=False)
        self.assertContains(response, "<td>4</td>", status_code=400)
        unreadable = client.post(self.url, upload(b"PK\x03\x04 broken"))
        self.assertContains(unreadable, "not a readable XLSForm", status_code=400)
        wrong = client.post(self.url, upload(b"a,b", "form.pdf"))
        self.assertContains(wrong, ".xlsx, .xls or .csv", status_code=400)
        self.assertFalse(SurveyForm.objects.exists())

    def test_upload_then_the_form_page_in_the_same_organisation_only(self):
        client = self.client_for(self.user(Role.ADMIN))
        response = client.post(self.url, upload(xlsform()))
        form = SurveyForm.objects.for_org(self.org_a).get()
        detail = reverse("surveys_admin:form-detail", kwargs={"surveyform_uuid": form.uuid})
        self.assertRedirects(response, detail)
        page = client.get(detail)
        self.assertContains(page, "Repeat group: Household members")
        self.assertContains(page, "region=${region}")
        self.assertContains(page, "(hidden)")
        # Another organisation's members: 404, as for a missing form.
        for role in (Role.ADMIN, Role.CASEWORKER):
            outsider = self.client_for(self.user(role, "b"))
            self.assert_not_found(outsider.get(detail))
            self.assert_not_found(outsider.post(detail, {"case_question": "case_ref"}))
        # A caseworker sees the form but cannot change its matching.
        caseworker = self.client_for(self.user(Role.CASEWORKER))
        self.assertEqual(caseworker.get(detail).status_code, 200)
        self.assert_refused(caseworker.post(detail, {"case_question": "case_ref"}))
        saved = client.post(detail, {"case_question": "case_ref", "round_question": "region"})
        self.assertRedirects(saved, detail)
        form.refresh_from_db()
        self.assertEqual(form.round_question, "region")

    def test_form_page_summarises_repeat_rows(self):
        form = services.survey_form_create(
            actor=SystemActor.cli("test"),
            organisation=self.org_a,
            data=xlsform(),
            filename="h.xlsx",
        )
        cases = [monitored_case(self.org_a) for _ in range(5)]
        rows = [
            {"case_ref": c.case_number, "region": "south", "district": "s1", "uuid": f"x{i}",
             "household": [{"name": "N", "age": 20 + i, "works": "yes", "jobs": ["farm"]}]}
            for i, c in enumerate(cases)
        ]  # fmt: skip
        user = self.user(Role.CASEWORKER)
        job = services.import_job_create(
            actor=user, organisation=self.org_a, form=form, source="kobo", filename="k.xlsx",
            round_months=3,
        )  # fmt: skip
        job = services.import_job_run(actor=user, job=job, data=kobo_xlsx(rows))
        self.assertEqual(job.status, "done", job.errors)
        page = self.client_for(user).get(
            reverse("surveys_admin:form-detail", kwargs={"surveyform_uuid": form.uuid})
        )
        self.assertContains(page, "5 rows in 5 submissions")
        self.assertContains(page, "Yes: 5")
        self.assertContains(page, "mean 22.0 (20–24)")
        self.assertNotContains(page, "member_name: ")
