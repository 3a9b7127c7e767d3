"""Import problems are stored as msgids and shown in the reader's language."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.users.models import UserProfile

from retour.orgs.models import Role
from retour.surveys.models import ImportJob
from retour.testing.base import TenantTestCase

from .factories import GOOD_ANSWERS, monitored_case, sample_form
from .test_services import export_csv


class TranslatedProblemTests(TenantTestCase):
    def test_bad_row_shown_in_arabic_and_in_english(self):
        form = sample_form(self.org_a)
        cases = [monitored_case(self.org_a, case_number=f"TR-{i}") for i in range(2)]
        rows = [
            {"case_number": c.case_number, "round": "m3", **GOOD_ANSWERS, "_uuid": f"t{i}"}
            for i, c in enumerate(cases)
        ]
        rows[1]["safe_home"] = "maybe"
        user = self.user(Role.CASEWORKER)
        client = self.client_for(user)
        client.post(
            reverse("surveys_admin:imports"),
            {
                "form": form.pk,
                "source": "kobo",
                "export": SimpleUploadedFile("t.csv", export_csv(rows)),
            },
        )
        job = ImportJob.objects.get(filename="t.csv")
        # Stored without any language: the msgid and its params.
        [error] = job.errors
        self.assertEqual(error["row"], 3)
        self.assertEqual(error["msg"][0]["msg"], "%(question)s: %(reason)s")
        url = reverse("surveys_admin:import-job", kwargs={"importjob_uuid": job.uuid})

        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "ar"
        profile.save()
        page = client.get(url)
        self.assertContains(page, "safe_home: اختيار غير معروف &#x27;maybe&#x27;")
        self.assertContains(page, "<td>3</td>", html=True)
        self.assertNotContains(page, "unknown choice")

        profile.preferred_language = "en"
        profile.save()
        page = client.get(url)
        self.assertContains(page, "safe_home: unknown choice &#x27;maybe&#x27; (expected one of")
        self.assertNotContains(page, "اختيار غير معروف")

    def test_old_plain_text_problems_still_shown(self):
        job = ImportJob.objects.create(
            organisation=self.org_a,
            form=sample_form(self.org_a),
            source="kobo",
            filename="old.csv",
            status="failed",
            errors=[{"row": 7, "reason": "an old English reason"}],
            error_count=1,
        )
        page = self.client_for(self.user(Role.CASEWORKER)).get(
            reverse("surveys_admin:import-job", kwargs={"importjob_uuid": job.uuid})
        )
        self.assertContains(page, "an old English reason")
