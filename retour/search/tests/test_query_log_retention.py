"""Logged questions are kept RETOUR_QUERY_LOG_DAYS, then deleted by a scheduled job."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.test import TestCase, override_settings
from django.utils import timezone

from retour.core.actors import SystemActor
from retour.search import services
from retour.search.models import QueryLog


class QueryLogRetentionTests(TestCase):
    def _log(self, days_ago: int) -> QueryLog:
        return QueryLog.objects.create(
            day=timezone.localdate() - datetime.timedelta(days=days_ago),
            channel="web",
            language="en",
            query=f"question {days_ago}",
        )

    def test_the_retention_is_scheduled_daily(self):
        schedule = settings.RETOUR_SCHEDULES["search-query-log-retention"]
        self.assertEqual(schedule["task"], "retour.search.tasks.query_log_retention")
        self.assertIn("daily_at", schedule)

    @override_settings(RETOUR_QUERY_LOG_DAYS=30)
    def test_older_questions_go_and_recent_ones_stay(self):
        old, edge, recent = self._log(31), self._log(30), self._log(1)
        deleted = services.query_log_prune(actor=SystemActor.job("test"))
        self.assertEqual(deleted, 1)
        self.assertEqual(set(QueryLog.objects.all()), {edge, recent})
        self.assertFalse(QueryLog.objects.filter(pk=old.pk).exists())
        # Idempotent: a second run finds nothing more to delete.
        self.assertEqual(services.query_log_prune(actor=SystemActor.job("test")), 0)
