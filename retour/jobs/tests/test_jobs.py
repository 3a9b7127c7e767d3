"""Jobs on the database backend: a real worker loop, recovery, schedules, admin scoping."""

from __future__ import annotations

import datetime
from unittest import mock

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from retour.core.actors import SystemActor
from retour.jobs import scheduler, selectors, services
from retour.jobs.models import Job, JobStatus, ScheduleRun
from retour.jobs.runtime import Heartbeat, Progress
from retour.orgs.models import Role
from retour.testing.base import ALL_ROLES, TenantTestCase

from . import sample_tasks


def run_worker(max_tasks: int | None = None) -> None:
    """django-tasks-db's own worker loop, in this process, until the queue is empty.

    Its close_old_connections() would close the test's connection on PostgreSQL
    (a connection inside the test transaction is not in autocommit), so it is a
    no-op here; nothing else of the loop is replaced.
    """
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        _worker(max_tasks)


def _worker(max_tasks: int | None) -> None:
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="database",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def enqueue(task, org=None, **kwargs) -> Job:
    return services.job_enqueue(
        actor=SystemActor.cli("test"),
        task=task,
        organisation=org,
        kwargs=kwargs,
        backend="database",
    )


class WorkerTests(TenantTestCase):
    def test_worker_runs_a_queued_job_and_records_its_result(self):
        job = enqueue(sample_tasks.count_to, org=self.org_a, n=3)
        self.assertEqual(job.status, JobStatus.QUEUED)
        self.assertEqual(DBTaskResult.objects.get(id=job.task_result_id).status, "READY")
        run_worker()
        job.refresh_from_db()
        self.assertEqual(job.status, JobStatus.SUCCEEDED)
        self.assertEqual(job.result, {"counted": 3})
        self.assertEqual((job.done, job.total, job.attempts), (3, 3, 1))
        self.assertEqual(job.worker_id, "test-worker")
        self.assertIsNone(job.lease_expires_at)
        self.assertEqual(DBTaskResult.objects.get(id=job.task_result_id).status, "SUCCESSFUL")

    def test_expected_failure_is_recorded_with_its_reason(self):
        job = enqueue(sample_tasks.refuse)
        run_worker()
        job.refresh_from_db()
        self.assertEqual(job.status, JobStatus.FAILED)
        self.assertEqual(job.error, "the file has no rows")
        self.assertEqual(DBTaskResult.objects.get(id=job.task_result_id).status, "FAILED")

    def test_a_second_delivery_of_the_same_job_does_not_run_it_again(self):
        job = enqueue(sample_tasks.count_to, n=1)
        run_worker()
        before = list(sample_tasks.CALLS)
        # The same task result delivered again (e.g. re-queued by hand).
        DBTaskResult.objects.filter(id=job.task_result_id).update(status="READY")
        run_worker()
        self.assertEqual(sample_tasks.CALLS, before)

    def test_heartbeat_writes_progress_and_renews_the_lease(self):
        job = enqueue(sample_tasks.once)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.RUNNING,
            worker_id="w1",
            attempts=1,
            lease_expires_at=timezone.now(),
        )
        progress = Progress(job.pk, "w1", 1)
        progress(40, 100, "checking")
        self.assertEqual(services.jobs_heartbeat([progress]), 1)
        job.refresh_from_db()
        self.assertEqual((job.done, job.total, job.message), (40, 100, "checking"))
        self.assertGreater(job.lease_expires_at, timezone.now())
        # Another worker's progress for the same job (a lost lease) writes nothing.
        self.assertEqual(services.jobs_heartbeat([Progress(job.pk, "w2", 1)]), 0)

    def test_heartbeat_thread_beat_survives_and_ticks(self):
        from retour.jobs import runtime

        with (
            override_settings(RETOUR_SCHEDULES={}),
            mock.patch.object(runtime, "close_old_connections", lambda: None),
        ):
            Heartbeat(scheduler=True).beat()  # no exception with nothing to do


class RecoveryTests(TenantTestCase):
    def claimed_then_dead(self, task, **kwargs) -> Job:
        """A worker claimed the job and was killed (-9): no heartbeat, lease expired."""
        job = enqueue(task, org=self.org_a, **kwargs)
        DBTaskResult.objects.filter(id=job.task_result_id).update(
            status="RUNNING", started_at=timezone.now() - datetime.timedelta(hours=1)
        )
        past = timezone.now() - datetime.timedelta(minutes=5)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.RUNNING,
            attempts=1,
            worker_id="dead",
            heartbeat_at=past,
            lease_expires_at=past,
        )
        return job

    def test_idempotent_job_of_a_dead_worker_is_retried_once_then_finishes(self):
        job = self.claimed_then_dead(sample_tasks.count_to, n=2)
        old_task = job.task_result_id
        self.assertEqual(services.jobs_recover(), {"retried": 1, "failed": 0})
        job.refresh_from_db()
        self.assertEqual(job.status, JobStatus.QUEUED)
        self.assertNotEqual(job.task_result_id, old_task)
        self.assertEqual(DBTaskResult.objects.get(id=old_task).status, "FAILED")
        run_worker()
        job.refresh_from_db()
        self.assertEqual((job.status, job.attempts), (JobStatus.SUCCEEDED, 2))

    def test_a_job_out_of_attempts_is_failed_with_a_reason(self):
        job = self.claimed_then_dead(sample_tasks.once)
        self.assertEqual(services.jobs_recover(), {"retried": 0, "failed": 1})
        job.refresh_from_db()
        self.assertEqual(job.status, JobStatus.FAILED)
        self.assertIn("stopped without finishing it", job.error)
        self.assertEqual(DBTaskResult.objects.get(id=job.task_result_id).status, "FAILED")

    def test_a_live_lease_is_left_alone(self):
        job = self.claimed_then_dead(sample_tasks.once)
        Job.objects.filter(pk=job.pk).update(
            lease_expires_at=timezone.now() + datetime.timedelta(minutes=1)
        )
        self.assertEqual(services.jobs_recover(), {"retried": 0, "failed": 0})

    def test_claimed_but_never_started_is_recovered(self):
        job = enqueue(sample_tasks.once)
        DBTaskResult.objects.filter(id=job.task_result_id).update(
            status="RUNNING", started_at=timezone.now() - datetime.timedelta(hours=1)
        )
        self.assertEqual(services.jobs_recover(), {"retried": 0, "failed": 1})
        self.assertEqual(Job.objects.get(pk=job.pk).status, JobStatus.FAILED)


SCHEDULES = {
    "hourly-count": {
        "task": "retour.jobs.tests.sample_tasks.count_to",
        "every_seconds": 3600,
        "kwargs": {"n": 1},
    },
    "daily-once": {"task": "retour.jobs.tests.sample_tasks.once", "daily_at": "07:00"},
}


@override_settings(RETOUR_SCHEDULES=SCHEDULES)
class SchedulerTests(TenantTestCase):
    def test_two_ticks_for_the_same_slot_enqueue_once(self):
        now = timezone.make_aware(datetime.datetime(2025, 3, 4, 10, 15))
        first = scheduler.tick(now=now, backend="database")
        second = scheduler.tick(now=now + datetime.timedelta(minutes=20), backend="database")
        self.assertEqual(sorted(j.kind for j in first), ["tests.count", "tests.once"])
        self.assertEqual(second, [])
        self.assertEqual(ScheduleRun.objects.count(), 2)
        daily = ScheduleRun.objects.get(name="daily-once")
        self.assertEqual(timezone.localtime(daily.slot).strftime("%H:%M"), "07:00")
        later = scheduler.tick(now=now + datetime.timedelta(hours=1), backend="database")
        self.assertEqual([j.kind for j in later], ["tests.count"])

    def test_a_slot_already_taken_by_another_worker_is_skipped(self):
        now = timezone.make_aware(datetime.datetime(2025, 3, 4, 10, 15))
        for schedule in scheduler.schedules():
            ScheduleRun.objects.create(name=schedule.name, slot=schedule.slot(now))
        self.assertEqual(scheduler.tick(now=now, backend="database"), [])
        self.assertFalse(Job.objects.exists())

    def test_schedules_page_shows_last_run_and_outcome(self):
        scheduler.tick()
        url = reverse("jobs_admin:schedules")
        for role in ALL_ROLES:
            self.assert_refused(self.client_for(self.user(role)).get(url))
        page = self.client_for(self.superuser).get(url)
        self.assertContains(page, "hourly-count")
        self.assertContains(page, "every 3600 s")
        self.assertContains(page, "Finished")


class AdminTests(TenantTestCase):
    def test_job_pages_are_scoped_to_the_organisation_for_every_role(self):
        job = enqueue(sample_tasks.count_to, org=self.org_a, n=2)
        run_worker()
        for name in ("jobs_admin:detail", "jobs_admin:progress"):
            url = reverse(name, kwargs={"job_uuid": job.uuid})
            self.assert_roles(url, allowed=set(ALL_ROLES))
        listing = self.client_for(self.user(Role.EDITOR)).get(reverse("jobs_admin:list"))
        self.assertContains(listing, str(job.uuid))
        other = self.client_for(self.user(Role.EDITOR, "b")).get(reverse("jobs_admin:list"))
        self.assertNotContains(other, str(job.uuid))

    def test_platform_jobs_are_for_superusers_only(self):
        job = enqueue(sample_tasks.once)
        url = reverse("jobs_admin:detail", kwargs={"job_uuid": job.uuid})
        for role in ALL_ROLES:
            self.assert_not_found(self.client_for(self.user(role)).get(url))
        self.assertEqual(self.client_for(self.superuser).get(url).status_code, 200)

    def test_progress_endpoint_and_page_fallback_without_js(self):
        job = enqueue(sample_tasks.once, org=self.org_a)
        Job.objects.filter(pk=job.pk).update(done=40, total=100, message="checking")
        client = self.client_for(self.user(Role.CASEWORKER))
        state = client.get(reverse("jobs_admin:progress", kwargs={"job_uuid": job.uuid})).json()
        self.assertEqual(
            (state["done"], state["total"], state["finished"], state["phase"]),
            (40, 100, False, "checking"),
        )
        page = client.get(reverse("jobs_admin:detail", kwargs={"job_uuid": job.uuid}))
        self.assertContains(page, "<progress")
        self.assertContains(page, 'http-equiv="refresh"')
        self.assertContains(page, "jobs/progress.js")
        self.assertNotContains(page, "<script>")
        run_worker()
        state = client.get(reverse("jobs_admin:progress", kwargs={"job_uuid": job.uuid})).json()
        self.assertTrue(state["finished"])

    def test_unknown_job_is_404(self):
        import uuid

        url = reverse("jobs_admin:detail", kwargs={"job_uuid": uuid.uuid4()})
        self.assert_not_found(self.client_for(self.user(Role.ADMIN)).get(url))

    def test_selectors_visible_jobs(self):
        mine = enqueue(sample_tasks.once, org=self.org_a)
        platform = enqueue(sample_tasks.once)
        self.assertEqual(list(selectors.jobs_visible(self.user(Role.ADMIN), self.org_a)), [mine])
        self.assertEqual(set(selectors.jobs_visible(self.superuser, self.org_a)), {mine, platform})


class ConfiguredScheduleTests(TenantTestCase):
    def test_every_configured_schedule_runs_and_succeeds(self):
        from django.conf import settings

        jobs = scheduler.tick()
        self.assertEqual(len(jobs), len(settings.RETOUR_SCHEDULES))
        for job in jobs:
            job.refresh_from_db()
            self.assertEqual(job.status, JobStatus.SUCCEEDED, f"{job.kind}: {job.error}")
            self.assertEqual(job.started_by.split(":")[0], "system")

    def test_scheduled_runs_write_no_audit_row_but_a_requested_job_does(self):
        from retour.core.models import AuditEvent

        scheduler.tick()
        self.assertFalse(AuditEvent.objects.filter(action="job.enqueue").exists())
        enqueue(sample_tasks.once, org=self.org_a)
        self.assertEqual(AuditEvent.objects.filter(action="job.enqueue").count(), 1)


class PruneTests(TenantTestCase):
    def test_prune_is_scheduled_daily(self):
        from django.utils.module_loading import import_string

        from retour.jobs import tasks

        schedule = next(s for s in scheduler.schedules() if s.name == "jobs-prune")
        self.assertIs(import_string(schedule.task_path), tasks.jobs_prune)
        self.assertIsNotNone(schedule.daily_at)

    def test_old_finished_rows_go_and_each_schedules_last_run_stays(self):
        t0 = timezone.make_aware(datetime.datetime(2025, 1, 1, 10, 15))
        with override_settings(RETOUR_SCHEDULES=SCHEDULES):
            scheduler.tick(now=t0, backend="database")  # hourly 10:00 and daily 07:00
            scheduler.tick(now=t0 + datetime.timedelta(hours=1), backend="database")  # 11:00
        one_off = enqueue(sample_tasks.once, org=self.org_a)
        run_worker()
        done = t0 + datetime.timedelta(hours=2)
        Job.objects.update(finished_at=done)
        DBTaskResult.objects.update(finished_at=done)
        recent = enqueue(sample_tasks.count_to, n=1)
        run_worker()
        waiting = enqueue(sample_tasks.once)
        Job.objects.filter(pk=waiting.pk).update(created_at=t0)
        counts = services.jobs_prune(
            actor=SystemActor.job("jobs-prune"),
            keep_days=30,
            now=t0 + datetime.timedelta(days=40),
        )
        self.assertEqual(counts, {"schedule_runs": 1, "jobs": 2, "task_results": 4})
        last = {r.name: r for r in ScheduleRun.objects.select_related("job")}
        self.assertEqual(set(last), {"hourly-count", "daily-once"})
        self.assertEqual(timezone.localtime(last["hourly-count"].slot).hour, 11)
        self.assertTrue(all(r.job is not None for r in last.values()))
        left = set(Job.objects.values_list("pk", flat=True))
        self.assertNotIn(one_off.pk, left)
        self.assertTrue({recent.pk, waiting.pk} <= left)
        self.assertTrue(DBTaskResult.objects.filter(id=waiting.task_result_id).exists())

    def test_prune_runs_as_a_job_and_refuses_people_and_strings(self):
        from django.core.exceptions import PermissionDenied

        from retour.jobs import tasks

        job = services.job_enqueue(
            actor=SystemActor.job("jobs-prune"), task=tasks.jobs_prune, backend="inline"
        )
        self.assertEqual(job.status, JobStatus.SUCCEEDED, job.error)
        self.assertEqual(set(job.result), {"schedule_runs", "jobs", "task_results"})
        with self.assertRaises(PermissionDenied):
            services.jobs_prune(actor=self.user(Role.ADMIN), keep_days=30)
        with self.assertRaises(TypeError):
            services.jobs_prune(actor="cli:prune", keep_days=30)
