"""The scheduled job that keeps the gaps page's daily rollup up to date."""

from __future__ import annotations

import datetime
import threading
import time
from collections import Counter
from unittest import mock, skipUnless

from django.conf import settings
from django.db import connection, connections
from django.db.models import Sum
from django.test import TransactionTestCase
from django.utils import timezone

from retour.jobs import scheduler
from retour.jobs.models import Job
from retour.search import analytics
from retour.search.models import QueryLog, QueryLogDailyCount, QueryLogRollupDay
from retour.testing.base import TenantMixin, TenantTestCase
from retour.testing.factories import OrganisationFactory

from .test_gap_rollup import add_logs, computed, naive, run_rollup


def rolled_per_day() -> dict[datetime.date, int]:
    return dict(
        QueryLogDailyCount.objects.values("day")
        .annotate(n=Sum("n"))
        .values_list("day", "n")
        .order_by("day")
    )


def logged_per_day() -> dict[datetime.date, int]:
    """What a count of each rolled-up day straight from the log gives."""
    marked = set(QueryLogRollupDay.objects.values_list("day", flat=True))
    counts = Counter(QueryLog.objects.filter(day__in=marked).values_list("day", flat=True))
    return {d: n for d, n in sorted(counts.items())}


class GapRollupJobTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_logs([cls.org_a, cls.org_b], 600, seed=41)

    def test_scheduled_every_15_minutes_and_after_midnight(self):
        found = {s.name: s for s in scheduler.schedules()}
        every = found["search-gaps-rollup"]
        self.assertEqual(every.task_path, "retour.search.tasks.gaps_rollup")
        self.assertEqual(every.every_seconds, 900)
        daily = found["search-gaps-rollup-day"]
        self.assertEqual(daily.daily_at, datetime.time(0, 5))
        self.assertEqual(daily.kwargs, {"recount_closed_day": True})
        # The scheduler enqueues (and, in tests, runs) each slot once.
        now = timezone.now()
        only = {"search-gaps-rollup": settings.RETOUR_SCHEDULES["search-gaps-rollup"]}
        with self.settings(RETOUR_SCHEDULES=only):
            [job] = scheduler.tick(now=now)
            self.assertEqual(scheduler.tick(now=now), [])
        job.refresh_from_db()
        self.assertEqual(job.kind, analytics.ROLLUP_JOB)
        self.assertGreater(job.result["days_counted"], 0)
        self.assertTrue(QueryLogRollupDay.objects.exists())

    def test_the_job_counts_only_what_is_missing_and_is_idempotent(self):
        first = run_rollup().result["days_counted"]
        # Every closed day of the page's window, each once; today stays in the log.
        since = analytics.gaps_since(timezone.localdate())
        closed = (timezone.localdate() - since).days + 1 - analytics.ROLLUP_MIN_AGE_DAYS
        self.assertEqual(first, closed)
        self.assertNotIn(timezone.localdate(), rolled_per_day())
        before = rolled_per_day()
        self.assertEqual(before, logged_per_day())
        self.assertEqual(run_rollup().result["days_counted"], 0)
        self.assertEqual(rolled_per_day(), before)
        for org in (self.org_a, self.org_b):
            self.assertEqual(computed(org), naive(org))

    def test_the_midnight_run_recounts_the_day_that_closed(self):
        run_rollup()
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        # A question of yesterday committed after the count with a smaller id than
        # the count's largest leaves a wrong count nothing marks as stale: make one.
        lost = QueryLogDailyCount.objects.filter(day=yesterday).order_by("pk").first()
        self.assertIsNotNone(lost)
        QueryLogDailyCount.objects.filter(pk=lost.pk).update(n=lost.n + 1)
        self.assertEqual(run_rollup().result["days_counted"], 0)  # the 15-minute run
        self.assertNotEqual(rolled_per_day(), logged_per_day())
        self.assertEqual(run_rollup(recount_closed_day=True).result["days_counted"], 1)
        self.assertEqual(rolled_per_day(), logged_per_day())

    def test_the_page_reads_without_counting(self):
        with mock.patch.object(analytics, "_roll_days") as roll:
            analytics.gaps(self.org_a)
        roll.assert_not_called()
        self.assertIsNone(analytics.last_rollup_at())
        job = run_rollup()
        self.assertEqual(analytics.last_rollup_at(), job.finished_at)


def _lock_waits() -> int:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0]


@skipUnless(connection.vendor == "postgresql", "row locks: PostgreSQL")
class ConcurrentRollupTests(TenantMixin, TransactionTestCase):
    """Two workers running the job at once: the second waits on the first's row
    locks (or its unique marks) and counts nothing twice."""

    serialized_rollback = True

    def setUp(self):
        self.setup_tenants()
        org = OrganisationFactory.create(name="Concurrent", slug="concurrent")
        add_logs([org, self.org_a], 800, seed=42)

    def test_two_runs_at_once_do_not_double_count(self):
        original = analytics._delete_days
        first_inside, release = threading.Event(), threading.Event()
        calls = [0]
        guard = threading.Lock()

        def held(model, days):
            with guard:
                calls[0] += 1
                hold = calls[0] == 1
            if hold:  # the first run, holding its locks, waits for the second to start
                first_inside.set()
                release.wait(timeout=120)
            return original(model, days)

        counted: list[int] = []
        since = analytics.gaps_since(timezone.localdate())

        def run():
            try:
                counted.append(analytics.rollup_refresh(since=since, max_days=None))
            finally:
                connections.close_all()

        with mock.patch.object(analytics, "_delete_days", held):
            first = threading.Thread(target=run)
            first.start()
            self.assertTrue(first_inside.wait(timeout=120), "the first run never started")
            second = threading.Thread(target=run)
            second.start()
            for _ in range(2400):  # until the second waits for a lock (or is done)
                if _lock_waits() or not second.is_alive():
                    break
                time.sleep(0.05)
            release.set()
            first.join(timeout=120)
            second.join(timeout=120)

        closed = (timezone.localdate() - since).days + 1 - analytics.ROLLUP_MIN_AGE_DAYS
        self.assertEqual(sorted(counted), [0, closed])
        self.assertEqual(rolled_per_day(), logged_per_day())
        self.assertEqual(QueryLogRollupDay.objects.count(), closed)
        self.assertFalse(Job.objects.exists())  # called directly: no job rows needed
