"""Live pulls from KoboToolbox and ODK Central, against fakes of their APIs:
pagination, repeats, attachments, edits as updates, review states, auth."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import override_settings

from retour.core.actors import SystemActor
from retour.jobs import services as jobs_services
from retour.jobs.models import Job
from retour.orgs.models import Role
from retour.surveys import services, tasks
from retour.surveys.models import ImportJob, ImportStatus, ServerKind, Submission, SurveyServer
from retour.surveys.sources import services as source_services
from retour.surveys.sources.kobo import KoboSource
from retour.testing.base import TenantTestCase

from . import fake_servers
from .factories import monitored_case
from .fake_servers import KOBO_BASE, ODK_BASE, FakeKobo, FakeOdkCentral
from .xlsforms import xlsform

ACTOR = SystemActor.cli("test")


def kobo_answers(case, *, region="north", district="n1", has_work="yes", members=(("Amina", 34),)):
    return {
        "case_ref": case.case_number,
        "interview_date": "2026-05-02",
        "region": region,
        "district": district,
        "living/has_work": has_work,
        "household": [
            {
                "household/member_name": name,
                "household/member_age": str(age),
                "household/member_works": "yes",
                "household/jobs": [{"household/jobs/job_sector": "farm"}],
            }
            for name, age in members
        ],
    }


def odk_answers(case, *, district="n1", has_work="yes", members=(("Amina", 34),)):
    return {
        "case_ref": case.case_number,
        "interview_date": "2026-05-02",
        "region": "north",
        "district": district,
        "living": {"has_work": has_work},
        "household": [
            {
                "__id": f"m{i}",
                "member_name": name,
                "member_age": age,
                "member_works": "no",
                "jobs": [{"__id": f"j{i}", "job_sector": "shop"}],
            }
            for i, (name, age) in enumerate(members)
        ],
        "household@odata.navigationLink": "Submissions('x')/household",
    }


@override_settings(RETOUR_SURVEY_HTTP_CLIENT="retour.surveys.tests.fake_servers.client")
class PullTestCase(TenantTestCase):
    def setUp(self):
        self.form = services.survey_form_create(
            actor=ACTOR, organisation=self.org_a, data=xlsform(), filename="household.xlsx"
        )
        self.cases = [monitored_case(self.org_a) for _ in range(5)]
        self.kobo = FakeKobo(page_limit_cap=2)
        self.odk = FakeOdkCentral(page_size_cap=2)
        fake_servers.FAKES.clear()
        fake_servers.FAKES.update({"kf.kobo.example": self.kobo, "central.odk.example": self.odk})
        self.addCleanup(fake_servers.FAKES.clear)

    def server(self, kind=ServerKind.KOBO, **kwargs):
        defaults = (
            {"base_url": KOBO_BASE, "remote_form": self.kobo.asset_uid,
             "credentials": {"token": self.kobo.token}}
            if kind == ServerKind.KOBO
            else {"base_url": ODK_BASE, "remote_form": self.odk.form_id, "project_id": "7",
                  "credentials": {"app_user_token": self.odk.app_user_token}}
        )  # fmt: skip
        return source_services.survey_server_create(
            actor=self.user(Role.ADMIN),
            organisation=self.org_a,
            kind=kind,
            form=self.form,
            round_months=6,
            **{"name": f"{kind} server", **defaults, **kwargs},
        )

    def pull(self, server, role=Role.CASEWORKER) -> ImportJob:
        job = source_services.survey_server_pull_start(actor=self.user(role), server=server)
        job.refresh_from_db()
        return job


def tick() -> Job:
    job = jobs_services.job_enqueue(actor=SystemActor.job("test"), task=tasks.servers_pull_due)
    job.refresh_from_db()
    return job


class KoboPullTests(PullTestCase):
    def test_every_page_is_pulled_with_repeats_and_attachments(self):
        for case in self.cases:
            self.kobo.add(kobo_answers(case), attachments=["photo.jpg"])
        job = self.pull(self.server())
        self.assertEqual(job.status, ImportStatus.DONE, job.errors)
        self.assertEqual(job.imported_rows, 5)
        # limit capped at 2 by the server: pages at start 0, 2, 4 by following "next".
        self.assertEqual(len(self.kobo.requests), 3)
        self.assertEqual(self.kobo.requests[0].url.params["format"], "json")
        s = Submission.objects.get(case=self.cases[0])
        self.assertEqual(s.round.months_after_arrival, 6)
        self.assertEqual(s.remote_key, f"kobo:{self.kobo.submissions[0]['_id']}")
        self.assertEqual(s.external_id, self.kobo.submissions[0]["_uuid"])
        self.assertEqual(
            s.attachments,
            [{"filename": "photo.jpg", "mimetype": "image/jpeg", "question": "photo"}],
        )
        self.assertEqual(
            sorted(s.repeat_rows.values_list("repeat", "key", "answers")),
            [("household", "1", {"member_name": "Amina", "member_age": 34, "member_works": "yes"}),
             ("jobs", "1.1", {"job_sector": "farm"})],
        )  # fmt: skip

    def test_an_edit_is_an_update_and_an_unchanged_pull_changes_nothing(self):
        subs = [self.kobo.add(kobo_answers(c)) for c in self.cases[:3]]
        server = self.server()
        self.assertEqual(self.pull(server).imported_rows, 3)
        before = Submission.objects.get(case=self.cases[1])
        again = self.pull(server)
        self.assertEqual((again.status, again.imported_rows, again.updated_rows), ("done", 0, 0))
        self.kobo.edit(subs[1], {"living/has_work": "no"})
        edited = self.pull(server)
        self.assertEqual((edited.status, edited.imported_rows, edited.updated_rows), ("done", 0, 1))
        after = Submission.objects.get(case=self.cases[1])
        self.assertEqual((after.pk, after.uuid), (before.pk, before.uuid))
        self.assertEqual(after.answers["has_work"], "no")
        self.assertEqual(after.external_id, subs[1]["_uuid"])
        self.assertEqual(Submission.objects.for_org(self.org_a).count(), 3)

    def test_rejected_on_the_server_is_not_imported(self):
        self.kobo.add(kobo_answers(self.cases[0]))
        self.kobo.add(kobo_answers(self.cases[1]), validation="validation_status_not_approved")
        job = self.pull(self.server())
        self.assertEqual((job.status, job.imported_rows), ("done", 1))
        self.assertFalse(Submission.objects.filter(case=self.cases[1]).exists())

    def test_one_bad_submission_saves_nothing_and_names_the_submission(self):
        self.kobo.add(kobo_answers(self.cases[0]))
        bad = self.kobo.add(kobo_answers(self.cases[1], district="s1"))  # not in the north
        job = self.pull(self.server())
        self.assertEqual(job.status, ImportStatus.REJECTED)
        self.assertEqual(job.errors[0]["row"], bad["meta/instanceID"])
        self.assertIn("not offered when region is 'north'", job.errors[0]["reason"])
        self.assertFalse(Submission.objects.exists())

    def test_wrong_token_and_foreign_next_links_are_refused(self):
        self.kobo.add(kobo_answers(self.cases[0]))
        job = self.pull(self.server(credentials={"token": "wrong"}))
        self.assertEqual(job.status, ImportStatus.REJECTED)
        self.assertIn("refused the credentials (HTTP 401)", job.errors[0]["reason"])
        source = KoboSource(self.server(), client=fake_servers.client())
        self.assertRaisesMessage(
            Exception, "another host", source.same_server, "https://evil.example/api/v2/"
        )

    def test_credentials_are_encrypted_and_only_admins_configure(self):
        server = self.server()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT credentials FROM surveys_surveyserver WHERE id = %s", [server.pk]
            )
            raw = cursor.fetchone()[0]
        self.assertNotIn(self.kobo.token, raw)
        self.assertEqual(
            SurveyServer.objects.get(pk=server.pk).credentials, {"token": self.kobo.token}
        )
        with self.assertRaises(PermissionDenied):
            source_services.survey_server_create(
                actor=self.user(Role.CASEWORKER), organisation=self.org_a, name="x",
                kind=ServerKind.KOBO, base_url=KOBO_BASE, remote_form="a", form=self.form,
                credentials={"token": "t"}, round_months=3,
            )  # fmt: skip
        with self.assertRaises(ValidationError):
            self.server(base_url="http://kf.kobo.example")  # never a token over plain http
        with self.assertRaises(PermissionDenied):
            source_services.survey_server_pull_start(actor=self.user(Role.EDITOR), server=server)

    def test_the_schedule_starts_due_pulls_once(self):
        self.kobo.add(kobo_answers(self.cases[0]))
        server = self.server(pull_every_minutes=30)
        self.server(name="on demand only")
        first = tick()
        self.assertEqual(first.result, {"due": 1, "started": 1})
        self.assertEqual(ImportJob.objects.filter(server=server, status="done").count(), 1)
        self.assertEqual(tick().result, {"due": 0, "started": 0})
        self.assertEqual(Job.objects.filter(kind="surveys.pull").count(), 1)


class OdkCentralPullTests(PullTestCase):
    def test_app_user_pull_pages_repeats_attachments_and_edits(self):
        subs = [
            self.odk.add(odk_answers(c), attachments=["a.jpg"] if i == 0 else ())
            for i, c in enumerate(self.cases)
        ]
        server = self.server(ServerKind.ODK_CENTRAL)
        job = self.pull(server)
        self.assertEqual(job.status, ImportStatus.DONE, job.errors)
        self.assertEqual(job.imported_rows, 5)
        pages = [r for r in self.odk.requests if r.url.path.endswith(".svc/Submissions")]
        self.assertEqual(len(pages), 3)  # $top capped at 2: two nextLinks followed
        self.assertTrue(
            all(r.url.path.startswith(f"/v1/key/{self.odk.app_user_token}") for r in pages)
        )
        self.assertEqual(pages[0].url.params["$expand"], "*")
        first = Submission.objects.get(case=self.cases[0])
        self.assertEqual(first.remote_key, f"odk:{subs[0]['__id']}")
        self.assertEqual(first.attachments[0]["filename"], "a.jpg")
        self.assertEqual(first.answers["has_work"], "yes")
        self.assertEqual(
            sorted(first.repeat_rows.values_list("repeat", "key")),
            [("household", "1"), ("jobs", "1.1")],
        )
        self.odk.edit(subs[2], {"living": {"has_work": "no"}, "household": []})
        edited = self.pull(server)
        self.assertEqual((edited.status, edited.imported_rows, edited.updated_rows), ("done", 0, 1))
        third = Submission.objects.get(case=self.cases[2])
        self.assertEqual(third.answers["has_work"], "no")
        self.assertEqual(third.review_state, "edited")
        self.assertFalse(third.repeat_rows.exists())
        self.assertEqual(Submission.objects.for_org(self.org_a).count(), 5)

    def test_web_user_session_and_bad_password(self):
        self.odk.add(odk_answers(self.cases[0]))
        creds = {"email": self.odk.email, "password": self.odk.password}
        job = self.pull(self.server(ServerKind.ODK_CENTRAL, credentials=creds))
        self.assertEqual(job.status, ImportStatus.DONE, job.errors)
        self.assertTrue(self.odk.requests[1].headers["Authorization"].startswith("Bearer "))
        wrong = self.pull(
            self.server(ServerKind.ODK_CENTRAL, credentials={**creds, "password": "x"})
        )
        self.assertEqual(wrong.status, ImportStatus.REJECTED)
        self.assertIn("refused the credentials", wrong.errors[0]["reason"])

    def test_a_killed_pull_goes_back_to_waiting(self):
        server = self.server(ServerKind.ODK_CENTRAL)
        job = services.import_job_create(
            actor=ACTOR, organisation=self.org_a, form=self.form, source="odk",
            filename="pull", server=server, round_months=6,
        )  # fmt: skip
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
        fake_job = type("J", (), {"arguments": {"import_job": str(job.uuid)}})()
        tasks._import_abandoned(job=fake_job, final=False, reason="worker lost")
        job.refresh_from_db()
        self.assertEqual(job.status, ImportStatus.PENDING)


class ServerPageTests(PullTestCase):
    def test_admins_add_caseworkers_pull_outsiders_get_404(self):
        from django.urls import reverse

        url = reverse("surveys_admin:servers")
        data = {
            "name": "Kobo HQ", "kind": "kobo", "base_url": KOBO_BASE,
            "remote_form": self.kobo.asset_uid, "token": self.kobo.token,
            "form": str(self.form.pk), "round_months": "6",
        }  # fmt: skip
        self.assert_refused(self.client_for(self.user(Role.CASEWORKER)).post(url, data))
        self.assertEqual(self.client_for(self.user(Role.EDITOR)).get(url).status_code, 403)
        admin = self.client_for(self.user(Role.ADMIN))
        missing = admin.post(url, {**data, "token": ""})
        self.assertContains(missing, "API token", status_code=400)
        response = admin.post(url, data)
        server = SurveyServer.objects.for_org(self.org_a).get()
        detail = reverse("surveys_admin:server-detail", kwargs={"surveyserver_uuid": server.uuid})
        self.assertRedirects(response, detail)
        self.assertNotContains(admin.get(detail), self.kobo.token)
        self.kobo.add(kobo_answers(self.cases[0]))
        pull = reverse("surveys_admin:server-pull", kwargs={"surveyserver_uuid": server.uuid})
        for role in (Role.CASEWORKER, Role.ADMIN):
            self.assert_not_found(self.client_for(self.user(role, "b")).post(pull))
        self.assert_refused(admin.post(pull))  # admins configure; caseworkers import
        pulled = self.client_for(self.user(Role.CASEWORKER)).post(pull)
        job = ImportJob.objects.get(server=server)
        self.assertRedirects(
            pulled, reverse("surveys_admin:import-job", kwargs={"importjob_uuid": job.uuid}),
            fetch_redirect_response=False,
        )  # fmt: skip
        self.assertEqual((job.status, job.imported_rows), ("done", 1))
        delete = reverse("surveys_admin:server-delete", kwargs={"surveyserver_uuid": server.uuid})
        self.assert_refused(self.client_for(self.user(Role.CASEWORKER)).post(delete))
        admin.post(delete)
        self.assertFalse(SurveyServer.objects.exists())
        self.assertEqual(Submission.objects.count(), 1)
