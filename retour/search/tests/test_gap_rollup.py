"""The gaps analytics read exact daily rollups: every figure equals a naive count of the log."""

from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict

from django.urls import reverse
from django.utils import timezone

from retour.core.actors import SystemActor
from retour.jobs import services as jobs_services
from retour.jobs.models import Job, JobStatus
from retour.orgs.models import Role
from retour.search import analytics, tasks
from retour.search.models import (
    Channel,
    QueryLog,
    QueryLogDailyCount,
    QueryLogDailyQuestion,
    QueryLogRollupDay,
)
from retour.testing.base import TenantTestCase
from retour.testing.factories import OrganisationFactory

LANGUAGES = ["en", "ar", "fr", "fa"]
QUESTIONS = [f"question {i}" for i in range(12)]


def naive(org) -> dict:
    """The gap figures straight from every row of the log, in Python: no rollup, no SQL grouping."""
    today = timezone.localdate()
    since = today - datetime.timedelta(days=analytics.WINDOW_DAYS)
    start = today - datetime.timedelta(days=today.weekday() + 7 * (analytics.CHANNEL_WEEKS - 1))
    langs = set(org.languages or [])
    mine = [
        r
        for r in QueryLog.objects.all()
        if r.answered_by_id == org.pk or (not r.answered and (not langs or r.language in langs))
    ]
    window = [r for r in mine if r.day >= since]
    demand: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in window:
        demand[r.language][0] += 1
        demand[r.language][1] += 0 if r.answered else 1
    weekly: dict[str, list[int]] = {}
    for r in mine:
        if start <= r.day <= today:
            weekly.setdefault(r.channel, [0] * analytics.CHANNEL_WEEKS)[
                (r.day - start).days // 7
            ] += 1
    chat = Counter(
        (r.language, r.channel)
        for r in window
        if not r.answered and r.channel in analytics.CHAT_CHANNELS
    )
    asked = Counter((r.language, r.query) for r in window if not r.answered)
    top: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (language, query), n in sorted(asked.items(), key=lambda kv: (-kv[1], kv[0][1]))[:500]:
        if len(top[language]) < 10:
            top[language].append((query, n))
    names = dict(Channel.choices)
    return {
        "coverage": {k: tuple(v) for k, v in demand.items()},
        "channels": {str(names[k]): v for k, v in weekly.items()},
        "chat": dict(chat),
        "sample": sum(1 for r in window if r.is_sample),
        "top": dict(top),
    }


def computed(org) -> dict:
    data = analytics.gaps(org)
    return {
        "coverage": {c.language: (c.questions, c.unanswered) for c in data.coverage if c.questions},
        "channels": data.series,
        "chat": {(g.language, g.channel): g.unanswered for g in data.chat if g.unanswered},
        "sample": data.sample_count,
        "top": {
            lang: [(r["query"], r["n"]) for r in rows] for lang, rows in data.unanswered.items()
        },
    }


def run_rollup(**kwargs) -> Job:
    """The scheduled job, run as the scheduler enqueues it (inline in tests)."""
    job = jobs_services.job_enqueue(
        actor=SystemActor.job("search-gaps-rollup"), task=tasks.gaps_rollup, kwargs=kwargs
    )
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    return job


def add_logs(orgs, n: int, *, seed: int, days: range = range(0, 110)) -> None:
    rng = random.Random(seed)
    today = timezone.localdate()
    rows = []
    for _ in range(n):
        answered = rng.random() < 0.5
        rows.append(
            QueryLog(
                day=today - datetime.timedelta(days=rng.choice(days)),
                channel=rng.choice(Channel.values),
                language=rng.choice(LANGUAGES),
                query=rng.choice(QUESTIONS),
                answered=answered,
                result_count=2 if answered else 0,
                answered_by=rng.choice(orgs) if answered else None,
                is_sample=rng.random() < 0.1,
            )
        )
    QueryLog.objects.bulk_create(rows)


class GapRollupTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.org_a.languages = ["en", "ar"]
        cls.org_a.save()
        cls.org_c = OrganisationFactory.create(name="Charlie", slug="charlie")  # no languages
        add_logs([cls.org_a, cls.org_b, cls.org_c], 1500, seed=14)

    def assert_exact(self, orgs=None):
        for org in orgs or (self.org_a, self.org_b, self.org_c):
            self.assertEqual(computed(org), naive(org), org.slug)

    def test_cold_then_rolled_up_equals_the_naive_count(self):
        self.assertFalse(QueryLogRollupDay.objects.exists())
        days = analytics.window_days(days=analytics.WINDOW_DAYS, refresh=False)
        self.assertEqual(days.rolled, [])
        # Straight from the log (nothing counted yet) ...
        cold = analytics.top_unanswered(self.org_a, days=days)
        self.assertEqual(
            {k: [(r["query"], r["n"]) for r in v] for k, v in cold.items()},
            naive(self.org_a)["top"],
        )
        counts = analytics.day_counts(self.org_b, days)
        self.assertEqual(analytics.sample_count(self.org_b, counts), naive(self.org_b)["sample"])
        self.assertFalse(QueryLogRollupDay.objects.exists())
        self.assert_exact()  # ... the page reads never count (the job does) ...
        self.assertFalse(QueryLogRollupDay.objects.exists())
        run_rollup()  # ... then the scheduled job counts the closed days
        rolled = analytics.window_days(days=analytics.WINDOW_DAYS, refresh=False)
        self.assertEqual(
            len(rolled.rolled), analytics.WINDOW_DAYS + 1 - analytics.ROLLUP_MIN_AGE_DAYS
        )
        self.assertEqual(len(rolled.raw), analytics.ROLLUP_MIN_AGE_DAYS)
        self.assertTrue(QueryLogDailyQuestion.objects.exists())
        self.assert_exact()
        # The marks agree with the log, day by day.
        per_day = Counter(QueryLog.objects.values_list("day", flat=True))
        for mark in QueryLogRollupDay.objects.all():
            self.assertEqual(mark.rows, per_day.get(mark.day, 0), mark.day)

    def test_refresh_is_idempotent(self):
        self.assertGreater(run_rollup().result["days_counted"], 0)
        self.assertEqual(run_rollup().result["days_counted"], 0)  # nothing new: nothing counted
        before = sorted(QueryLogDailyCount.objects.values_list("day", "language", "channel", "n"))
        since = timezone.localdate() - datetime.timedelta(days=200)
        self.assertGreater(analytics.rollup_refresh(since=since), 0)  # the older days
        self.assertEqual(analytics.rollup_refresh(since=since), 0)
        after = QueryLogDailyCount.objects.filter(
            day__gte=timezone.localdate() - datetime.timedelta(days=analytics.WINDOW_DAYS)
        )
        self.assertEqual(sorted(after.values_list("day", "language", "channel", "n")), before)
        self.assert_exact()

    def test_rows_added_to_a_counted_day_are_seen_at_once(self):
        run_rollup()
        # An import with explicit days, into days the rollup has already counted.
        add_logs([self.org_a, self.org_b], 200, seed=15, days=range(5, 40))
        days = analytics.window_days(days=analytics.WINDOW_DAYS, refresh=False)
        self.assertTrue(days.raw[0] < timezone.localdate() - datetime.timedelta(days=4))
        self.assert_exact()  # read from the log until recounted ...
        counted = run_rollup().result["days_counted"]  # ... by the next run, those days only
        self.assertEqual(counted, len({d for d in days.raw if d < timezone.localdate()}))
        self.assertEqual(
            len(analytics.window_days(days=analytics.WINDOW_DAYS, refresh=False).raw),
            analytics.ROLLUP_MIN_AGE_DAYS,
        )
        self.assert_exact()

    def test_new_questions_today_count_without_a_refresh(self):
        run_rollup()
        add_logs([self.org_a], 50, seed=16, days=range(0, 1))
        self.assert_exact()

    def test_deleting_an_organisation_keeps_the_rollup_equal_to_the_log(self):
        run_rollup()
        pk = self.org_c.pk
        self.assertTrue(QueryLogDailyCount.objects.filter(answered_by_id=pk).exists())
        self.org_c.delete()  # answered_by is SET_NULL in the log and the rollup alike
        self.assertFalse(QueryLogDailyCount.objects.filter(answered_by_id=pk).exists())
        self.assert_exact([self.org_a, self.org_b])

    def test_page_shows_the_rolled_up_figures_and_stays_404_without_an_org(self):
        client = self.client_for(self.user(Role.ANALYST))
        url = reverse("search_admin:gaps")
        self.assert_refused(self.client_for(self.outsider).get(url))
        response = client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(QueryLogRollupDay.objects.exists())  # the page never counts
        self.assertContains(response, "Some days are not counted yet")
        job = run_rollup()
        response = client.get(url)
        self.assertTrue(QueryLogRollupDay.objects.exists())
        shown_at = timezone.localtime(job.finished_at).strftime("%Y-%m-%d %H:%M")
        self.assertContains(response, f"Daily counts up to {shown_at}")
        self.assertNotContains(response, "Some days are not counted yet")
        shown = {
            k: [(r["query"], r["n"]) for r in v] for k, v in response.context["unanswered"].items()
        }
        self.assertEqual(shown, naive(self.org_a)["top"])
        query = shown["en"][0][0]
        self.assertContains(response, query)
        self.assertNotContains(response, 'lang="fr"')  # French is not one of org A's languages
