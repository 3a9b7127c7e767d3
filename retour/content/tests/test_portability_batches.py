"""Content import in short transactions: still all or nothing, and recorded as a job."""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.test import TestCase

from retour.content import import_write, portability, services
from retour.content.models import CountrySheetPage, OwnedPage
from retour.core.actors import SystemActor
from retour.jobs.models import Job, JobStatus
from retour.testing.factories import OrganisationFactory

from .factories import country_sheet


class BatchedImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Sample Org", slug="sample-org")
        services.site_setup(actor=SystemActor.cli("test"))
        for code in ("AF", "IQ", "SY", "ER", "SO"):
            country_sheet(organisation=cls.org, title=f"Sheet {code}", country=code)

    def test_failure_in_a_later_batch_undoes_earlier_batches(self):
        with tempfile.TemporaryDirectory() as folder:
            portability.export(Path(folder))
            for page in OwnedPage.objects.order_by("-depth"):
                page.delete()
            real = import_write.insert_new
            calls = []

            def flaky(items, result):
                calls.append(1)
                if len(calls) == 3:
                    raise RuntimeError("disk full")
                return real(items, result)

            with mock.patch.object(import_write, "insert_new", flaky):
                with self.assertRaises(portability.ImportRejected):
                    portability.import_(Path(folder), batch=2)
        self.assertEqual(len(calls), 3)  # two batches committed before the failure
        self.assertEqual(CountrySheetPage.objects.count(), 0)

    def test_updated_pages_return_to_their_previous_revision_on_failure(self):
        with tempfile.TemporaryDirectory() as folder:
            portability.export(Path(folder))
            sheet = CountrySheetPage.objects.get(title="Sheet AF")
            before = sheet.live_revision_id
            with mock.patch.object(portability, "_finish", side_effect=RuntimeError("boom")):
                with self.assertRaises(portability.ImportRejected):
                    portability.import_(Path(folder), batch=2)
        sheet.refresh_from_db()
        self.assertEqual(sheet.live_revision.content["title"], "Sheet AF")
        self.assertNotEqual(sheet.live_revision_id, None)
        self.assertGreaterEqual(sheet.live_revision_id, before)

    def test_cli_import_reports_progress_on_its_job(self):
        with tempfile.TemporaryDirectory() as folder:
            portability.export(Path(folder))
            call_command("content", "import", folder, stdout=mock.MagicMock())
        job = Job.objects.get(kind="content.import")
        self.assertEqual(job.status, JobStatus.SUCCEEDED)
        self.assertEqual(job.result, {"created": 0, "updated": 5})
        self.assertEqual((job.done, job.total), (10, 10))
        self.assertEqual(job.started_by, "cli:content import")
