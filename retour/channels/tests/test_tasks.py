"""The chat channels' periodic work is scheduled, and the scheduled task does it.

Webhook deliveries (provider ids already processed) and sent or dead outbox
rows are kept for replays and retries only; the daily chat-retention job
deletes them afterwards, together with idle conversations.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.module_loading import import_string

from retour.channels import tasks
from retour.channels.models import ChannelKind, ChatChannel, Delivery, OutboxMessage, OutboxStatus
from retour.channels.services import DELIVERY_DAYS
from retour.core.actors import SystemActor
from retour.jobs import scheduler, services
from retour.jobs.models import JobStatus
from retour.testing.base import TenantTestCase


class ChatSchedulesTests(TenantTestCase):
    def schedule(self, name: str) -> scheduler.Schedule:
        return next(s for s in scheduler.schedules() if s.name == name)

    def test_retention_and_outbox_sweep_are_scheduled(self):
        retention = self.schedule("chat-retention")
        self.assertIs(import_string(retention.task_path), tasks.retention_run)
        self.assertIsNotNone(retention.daily_at)
        sweep = self.schedule("chat-outbox-sweep")
        self.assertIs(import_string(sweep.task_path), tasks.outbox_sweep)
        self.assertEqual(sweep.every_seconds, 60)

    def test_the_retention_job_prunes_old_deliveries_and_finished_outbox_rows(self):
        channel = ChatChannel.objects.create(
            organisation=self.org_a, kind=ChannelKind.TELEGRAM, name="Test"
        )
        old = timezone.now() - datetime.timedelta(days=DELIVERY_DAYS + 1)
        Delivery.objects.create(channel=channel, provider_id="old", received_at=old)
        recent = Delivery.objects.create(channel=channel, provider_id="recent")
        for status in (OutboxStatus.SENT, OutboxStatus.DEAD, OutboxStatus.PENDING):
            OutboxMessage.objects.create(channel=channel, status=status, created_at=old)
        fresh = OutboxMessage.objects.create(channel=channel, status=OutboxStatus.SENT)
        job = services.job_enqueue(
            actor=SystemActor.job("chat-retention"),
            task=import_string(self.schedule("chat-retention").task_path),
            backend="inline",
        )
        self.assertEqual(job.status, JobStatus.SUCCEEDED, job.error)
        self.assertEqual((job.result["deliveries"], job.result["outbox"]), (1, 2))
        self.assertEqual(list(Delivery.objects.all()), [recent])
        # A pending reply is never pruned, however old: it is still to be sent.
        self.assertEqual(
            set(OutboxMessage.objects.values_list("status", flat=True)),
            {OutboxStatus.PENDING, OutboxStatus.SENT},
        )
        self.assertTrue(OutboxMessage.objects.filter(pk=fresh.pk).exists())
