"""Content import/export in the admin: a job, every problem of every file, own pages only."""

from __future__ import annotations

import io
import json
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from retour.content import services
from retour.content.models import OwnedPage
from retour.core.actors import SystemActor
from retour.jobs.models import Job, JobStatus
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase

from .factories import country_sheet, short_answer

URL = reverse("content_import")


def _zip(files: dict[str, object]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data if isinstance(data, str) else json.dumps(data))
    return buffer.getvalue()


class ContentImportAdminTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        services.site_setup(actor=SystemActor.cli("test"))
        country_sheet(organisation=cls.org_a, title="Sheet AF", country="AF")
        short_answer(organisation=cls.org_a, title="Q?")
        country_sheet(organisation=cls.org_b, title="Bravo sheet", country="IQ")

    def setUp(self):
        self.admin = self.client_for(self.user(Role.ADMIN))

    def _export(self) -> dict[str, dict]:
        response = self.admin.get(reverse("content_export"))
        self.assertEqual(response["Content-Type"], "application/zip")
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        return {n: json.loads(archive.read(n)) for n in archive.namelist()}

    def _upload(self, data: bytes, name: str = "export.zip"):
        return self.admin.post(URL, {"archive": SimpleUploadedFile(name, data)})

    def test_export_then_import_round_trip_as_a_job(self):
        files = self._export()
        pages = {k: v for k, v in files.items() if k.startswith("pages/")}
        self.assertEqual(len(pages), 2)  # org B's page is not in org A's export
        self.assertTrue(all(v["organisation"] == "alpha" for v in pages.values()))
        response = self._upload(_zip(files))
        job = Job.objects.get(kind="content.import_upload")
        self.assertRedirects(response, reverse("content_import_job", args=[job.uuid]))
        self.assertEqual(job.status, JobStatus.SUCCEEDED)
        self.assertEqual(job.result, {"created": 0, "updated": 2})
        self.assertEqual(job.organisation, self.org_a)
        self.assertContains(self.admin.get(response["Location"]), "0 pages created, 2 updated")

    def test_every_problem_of_every_file_is_listed_and_nothing_is_written(self):
        files = self._export()
        sheet, answer = sorted(k for k in files if k.startswith("pages/"))
        files[sheet].update(country="ZZ", locale="xx", organisation="bravo", colour="red")
        files[answer].update(title="", slug="")
        files["pages/short_answer/broken.en.json"] = "{not json"
        before = OwnedPage.objects.count()
        response = self._upload(_zip(files))
        job = Job.objects.get(kind="content.import_upload")
        self.assertEqual(job.status, JobStatus.FAILED)
        problems = {(p["file"], p["field"]) for p in job.result["problems"]}
        for expected in [
            (sheet, "country"), (sheet, "locale"), (sheet, "organisation"), (sheet, "colour"),
            (answer, "title"), (answer, "slug"), ("pages/short_answer/broken.en.json", "-"),
        ]:  # fmt: skip
            self.assertIn(expected, problems)
        self.assertEqual(OwnedPage.objects.count(), before)
        page = self.admin.get(response["Location"])
        self.assertContains(page, "Nothing was imported.")
        self.assertContains(page, "unknown organisation &#x27;bravo&#x27;; valid: alpha")
        self.assertContains(page, "unknown country code &#x27;ZZ&#x27;")
        self.assertContains(page, f"{len(job.result['problems'])} problems to fix")

    def test_another_organisations_translation_key_is_refused(self):
        files = self._export()
        sheet = sorted(k for k in files if k.startswith("pages/country_sheet"))[0]
        bravo = OwnedPage.objects.get(title="Bravo sheet")
        files[sheet]["translation_key"] = str(bravo.translation_key)
        self._upload(_zip(files))
        job = Job.objects.get(kind="content.import_upload")
        reasons = [p["reason"] for p in job.result["problems"]]
        self.assertIn("already used by a page your organisation does not own", reasons)
        bravo.refresh_from_db()
        self.assertEqual(bravo.organisation, self.org_b)

    def test_unreadable_uploads_are_a_400_with_the_reason(self):
        response = self._upload(b"not a zip")
        self.assertContains(response, "not a ZIP archive", status_code=400)
        response = self._upload(_zip({"../evil.json": "{}", "pages/x.json": "{}"}))
        self.assertContains(response, "a path outside the export", status_code=400)
        self.assertFalse(Job.objects.exists())

    def test_refusals(self):
        self.assertEqual(self.client_for(self.user(Role.EDITOR)).get(URL).status_code, 403)
        self.assertEqual(
            self.client_for(self.user(Role.CASEWORKER)).get(reverse("content_export")).status_code,
            403,
        )
        self._upload(_zip(self._export()))
        job = Job.objects.get(kind="content.import_upload")
        detail = reverse("content_import_job", args=[job.uuid])
        other_admin = self.client_for(self.user(Role.ADMIN, "b"))
        self.assertEqual(other_admin.get(detail).status_code, 404)
