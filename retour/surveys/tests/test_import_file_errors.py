"""File-level import and pull problems (limits, format, encoding, server errors) are
stored as msgids and params, and shown in the reader's language with the file's name."""

from __future__ import annotations

import io
import json
import zipfile
from unittest import mock

import httpx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape
from wagtail.users.models import UserProfile

from retour.core import limits
from retour.jobs.models import Job, JobStatus
from retour.orgs.models import Role
from retour.surveys.models import ImportJob, ImportStatus, ServerKind
from retour.surveys.sources import services as source_services
from retour.testing.base import TenantTestCase

from . import fake_servers
from .factories import GOOD_ANSWERS, sample_form
from .fake_servers import KOBO_BASE


def zip_bomb() -> bytes:
    """A small archive that claims to unpack about a thousand times larger."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (3 * 1024 * 1024))
    return buffer.getvalue()


def wide_csv(columns: int) -> bytes:
    return (",".join(f"c{i}" for i in range(columns)) + "\n").encode()


def stored_json(record) -> str:
    return json.dumps(record.errors, ensure_ascii=False)


class FileErrorBase(TenantTestCase):
    def setUp(self):
        self.form = sample_form(self.org_a)
        self.user_ = self.user(Role.CASEWORKER)
        self.client_ = self.client_for(self.user_)

    def speak(self, language: str) -> None:
        profile = UserProfile.get_for_user(self.user_)
        profile.preferred_language = language
        profile.save()

    def upload(self, filename: str, data: bytes) -> ImportJob:
        self.speak("en")
        self.client_.post(
            reverse("surveys_admin:imports"),
            {"form": self.form.pk, "source": "kobo", "export": SimpleUploadedFile(filename, data)},
        )
        return ImportJob.objects.get(filename=filename)

    def page(self, job: ImportJob, language: str):
        self.speak(language)
        return self.client_.get(
            reverse("surveys_admin:import-job", kwargs={"importjob_uuid": job.uuid})
        )

    def assert_file_error(self, job, *, reason_msgid, french, english, language="fr", file=None):
        """Stored: the msgid "file: reason" with the file's name and the reason's
        own msgid; shown: the translation, and never the English text."""
        self.assertEqual(job.status, ImportStatus.REJECTED)
        [error] = job.errors
        self.assertIsNone(error["row"])
        stored = error["msg"]
        self.assertIn(stored["msg"], ("%(file)s: %(reason)s", "%(file)s, row %(row)d: %(reason)s"))
        self.assertEqual(stored["params"]["file"], file or job.filename)
        self.assertEqual(stored["params"]["reason"]["msg"], reason_msgid)
        self.assertNotIn(french, stored_json(job))  # no rendered French in the record
        page = self.page(job, language)
        self.assertContains(page, escape(french))
        self.assertNotContains(page, escape(english))
        self.assertContains(self.page(job, "en"), escape(english))


class FileErrorTests(FileErrorBase):
    def test_wrong_format(self):
        job = self.upload("export.pdf", b"%PDF-1.4")
        self.assert_file_error(
            job,
            reason_msgid="expected a .csv or .xlsx export",
            french="export.pdf : un export .csv ou .xlsx est attendu",
            english="export.pdf: expected a .csv or .xlsx export",
        )

    def test_unreadable_encoding(self):
        job = self.upload("latin1.csv", "case_number\nRé-1\n".encode("latin-1"))
        self.assert_file_error(
            job,
            reason_msgid="a CSV export must be UTF-8",
            french="latin1.csv : un export CSV doit être en UTF-8",
            english="latin1.csv: a CSV export must be UTF-8",
        )

    def test_unreadable_encoding_in_arabic(self):
        job = self.upload("latin1.csv", "case_number\nRé-1\n".encode("latin-1"))
        self.assert_file_error(
            job,
            reason_msgid="a CSV export must be UTF-8",
            french="latin1.csv: يجب أن يكون ملف CSV المُصدَّر بترميز UTF-8",
            english="latin1.csv: a CSV export must be UTF-8",
            language="ar",
        )

    def test_file_too_large(self):
        with mock.patch.object(limits, "DEFAULT", limits.Limits(max_bytes=1024 * 1024)):
            job = self.upload("big.csv", b"case_number\n" + b"X-1\n" * 300_000)
        self.assert_file_error(
            job,
            reason_msgid="the file is larger than %(mb)d MB",
            french="big.csv : le fichier dépasse 1 Mo",
            english="big.csv: the file is larger than 1 MB",
        )
        self.assertEqual(job.errors[0]["msg"]["params"]["reason"]["params"], {"mb": 1})

    def test_unpacked_size_or_ratio_limit(self):
        job = self.upload("bomb.xlsx", zip_bomb())
        self.assert_file_error(
            job,
            reason_msgid=(
                "the XLSX file would unpack to %(mb)d MB (%(ratio)d times its size); "
                "save it again from a spreadsheet program or export CSV"
            ),
            french="bomb.xlsx : le fichier XLSX se décompresserait en 3 Mo (",
            english="bomb.xlsx: the XLSX file would unpack to 3 MB (",
        )

    def test_unreadable_xlsx(self):
        job = self.upload("broken.xlsx", b"not a zip archive")
        self.assert_file_error(
            job,
            reason_msgid="not a readable XLSX file",
            french="broken.xlsx : fichier XLSX illisible",
            english="broken.xlsx: not a readable XLSX file",
        )

    def test_too_many_columns_names_the_row(self):
        with mock.patch.object(limits, "DEFAULT", limits.Limits(max_columns=3)):
            job = self.upload("wide.csv", wide_csv(5))
        self.assert_file_error(
            job,
            reason_msgid="more than %(n)d columns",
            french="wide.csv, ligne 1 : plus de 3 colonnes",
            english="wide.csv, row 1: more than 3 columns",
        )
        self.assertEqual(job.errors[0]["msg"]["params"]["row"], 1)

    def test_no_rows(self):
        header = ",".join(["case_number", "round", *GOOD_ANSWERS])
        job = self.upload("header-only.csv", f"{header}\n".encode())
        [error] = job.errors
        self.assertEqual(error["msg"], [{"msg": "the file has no submissions", "params": {}}])
        page = self.page(job, "fr")
        self.assertContains(page, "le fichier ne contient aucune soumission")
        self.assertContains(page, "header-only.csv")
        self.assertNotContains(page, "the file has no submissions")

    def test_the_job_page_gives_the_reason_in_french(self):
        import_job = self.upload("export.pdf", b"%PDF-1.4")
        job = Job.objects.get(kind="surveys.import", arguments__import_job=str(import_job.uuid))
        self.assertEqual(job.status, JobStatus.FAILED)
        self.assertEqual(
            job.result["error_msg"]["msg"],
            "Rejected: nothing saved (%(count)d problem(s)). %(first)s",
        )
        self.assertNotIn("attendu", job.error)  # stored in English, rendered when read
        self.speak("fr")
        url = reverse("jobs_admin:detail", kwargs={"job_uuid": job.uuid})
        french = escape(
            "Refusé : rien n'a été enregistré (1 problème(s)). "
            "export.pdf : un export .csv ou .xlsx est attendu"
        )
        self.assertContains(self.client_.get(url), french)
        progress = self.client_.get(reverse("jobs_admin:progress", kwargs={"job_uuid": job.uuid}))
        self.assertIn("export.pdf : un export .csv ou .xlsx est attendu", progress.json()["error"])


class Nested:
    """A server whose every answer is JSON nested deeper than the limit."""

    def handle(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"[" * 40 + b"]" * 40)


class Refusing:
    def handle(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, content=b"{}")


@override_settings(RETOUR_SURVEY_HTTP_CLIENT="retour.surveys.tests.fake_servers.client")
class PullErrorTests(FileErrorBase):
    def pull(self, fake) -> ImportJob:
        fake_servers.FAKES.clear()
        fake_servers.FAKES["kf.kobo.example"] = fake
        self.addCleanup(fake_servers.FAKES.clear)
        server = source_services.survey_server_create(
            actor=self.user(Role.ADMIN),
            organisation=self.org_a,
            kind=ServerKind.KOBO,
            form=self.form,
            round_months=6,
            name="Kobo",
            base_url=KOBO_BASE,
            remote_form="aBcDeFgHiJ123",
            credentials={"token": "t"},
        )
        job = source_services.survey_server_pull_start(actor=self.user_, server=server)
        job.refresh_from_db()
        return job

    def test_json_nested_too_deep(self):
        job = self.pull(Nested())
        self.assert_file_error(
            job,
            reason_msgid="the JSON is nested more than %(n)d levels deep",
            french="kobo page : le JSON est imbriqué sur plus de 32 niveaux",
            english="kobo page: the JSON is nested more than 32 levels deep",
            file="kobo page",  # what the server sent: its page
        )

    def test_credentials_refused(self):
        job = self.pull(Refusing())
        self.assertEqual(job.status, ImportStatus.REJECTED)
        [error] = job.errors
        self.assertEqual(
            error["msg"],
            {
                "msg": "the server refused the credentials (HTTP %(status)d)",
                "params": {"status": 401},
            },
        )
        page = self.page(job, "fr")
        self.assertContains(page, "le serveur a refusé les identifiants (HTTP 401)")
        self.assertNotContains(page, "refused the credentials")
        job_page = self.client_.get(
            reverse(
                "jobs_admin:detail",
                kwargs={"job_uuid": Job.objects.get(kind="surveys.pull").uuid},
            )
        )
        self.assertContains(job_page, "le serveur a refusé les identifiants (HTTP 401)")

    def test_server_unreachable(self):
        fake_servers.FAKES.clear()
        job = self.pull(None)
        [error] = job.errors
        self.assertEqual(error["msg"]["msg"], "could not reach %(host)s: %(error)s")
        self.assertContains(
            self.page(job, "fr"), "impossible de joindre kf.kobo.example : ConnectError"
        )
