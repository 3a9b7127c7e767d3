"""The outbox's batches: one task per turn, a constant number of statements per
batch whatever its size, and replies kept in order when one of them fails."""

from __future__ import annotations

import datetime
import json
from typing import Any
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from retour.channels import outbox
from retour.channels.models import Conversation, OutboxMessage, OutboxStatus
from retour.channels.types import Outgoing

from .base import ChannelTestCase
from .test_telegram import SECRET, update


class OutboxBatchTests(ChannelTestCase):
    channel: Any  # set in setUpTestData/setUp
    org: Any  # set in setUpTestData/setUp
    kind = "telegram"
    secrets = {"webhook_secret": "tg-secret", "bot_token": "123:abc"}

    def conversation(self, sender: str = "s1") -> Conversation:
        return Conversation.objects.create(
            organisation=self.org, channel=self.channel, sender=sender, address="42"
        )

    def rows(self, n: int, conv: Conversation | None = None) -> list[int]:
        conv = conv or self.conversation()
        created = OutboxMessage.objects.bulk_create(
            OutboxMessage(
                channel=self.channel,
                conversation=conv,
                address="42",
                payload=Outgoing(address="42", text=f"reply {i}").as_payload(),
            )
            for i in range(n)
        )
        return [r.pk for r in created]

    def statements(self, ids: list[int]) -> int:
        with CaptureQueriesContext(connection) as queries:
            outcome = outbox.attempt_many(ids)
        self.assertEqual(set(outcome.values()), {OutboxStatus.SENT})
        return len(queries)

    def test_a_batch_costs_the_same_statements_whatever_its_size(self):
        one = self.statements(self.rows(1))
        five = self.statements(self.rows(5, self.conversation("s2")))
        # Claim (returning the rows), read the channel, mark sent: no query per row.
        self.assertEqual((one, five), (3, 3))
        texts = [c.json["text"] for c in self.transport.calls]
        self.assertEqual(texts, ["reply 0"] + [f"reply {i}" for i in range(5)])
        self.assertEqual(
            {(r.address, str(r.payload)) for r in OutboxMessage.objects.all()}, {("", "{}")}
        )

    def test_a_turn_is_one_task(self):
        with mock.patch("retour.channels.tasks.outbox_send") as task:
            self.deliver(json.dumps(update("Who pays for my plane ticket home?")), **SECRET)
        ids = sorted(OutboxMessage.objects.values_list("pk", flat=True))
        self.assertEqual(len(ids), 2)  # welcome, answer
        task.enqueue.assert_called_once_with(ids)

    def test_a_claimed_row_is_not_sent_twice(self):
        ids = self.rows(2)
        self.assertEqual(len(outbox.claim(ids)), 2)
        self.assertEqual(outbox.claim(ids), [])  # another worker finds nothing due
        self.assertEqual(outbox.attempt_many(ids), {})
        self.assertEqual(self.transport.calls, [])

    def test_a_failure_holds_the_later_replies_of_its_conversation(self):
        first, second = self.rows(2)
        other = self.rows(1, self.conversation("s2"))[0]
        self.transport.fail_next = 1  # the first call (reply 0 of the first conversation)
        outcome = outbox.attempt_many([first, second, other])
        self.assertEqual(outcome, {first: OutboxStatus.PENDING, other: OutboxStatus.SENT})
        failed, held = OutboxMessage.objects.get(pk=first), OutboxMessage.objects.get(pk=second)
        self.assertEqual((failed.attempts, held.attempts), (1, 0))  # held: not an attempt
        self.assertEqual(held.status, OutboxStatus.PENDING)
        self.assertEqual(held.next_attempt_at, failed.next_attempt_at)
        # When they are due again, the sweep queues them together, in order.
        self.transport.reset()
        later = failed.next_attempt_at + datetime.timedelta(seconds=1)
        with mock.patch("retour.channels.outbox.timezone.now", return_value=later):
            self.assertEqual(outbox.sweep(now=later)["queued"], 2)
        self.assertEqual([c.json["text"] for c in self.transport.calls], ["reply 0", "reply 1"])
        self.assertEqual(
            set(OutboxMessage.objects.values_list("status", flat=True)), {OutboxStatus.SENT}
        )

    def test_statements_of_a_message_do_not_grow_with_its_replies(self):
        question = "Who pays for my plane ticket home?"

        def counted(**kwargs) -> tuple[int, int]:
            before = OutboxMessage.objects.count()
            with CaptureQueriesContext(connection) as queries:
                self.deliver(json.dumps(update(question, **kwargs)), **SECRET)
            return len(queries), OutboxMessage.objects.count() - before

        counted(update_id=1, chat=1)  # fills the per-process search caches
        first = counted(update_id=2, chat=2)  # a new conversation: welcome + answer
        follow_up = counted(update_id=3, chat=2)  # the same sender again: the answer only
        self.assertEqual((first[1], follow_up[1]), (2, 1))
        self.assertEqual(first[0], follow_up[0])

    def test_a_forked_worker_gets_its_own_transport(self):
        from retour.channels.types import transport

        here = transport.get_transport()
        self.assertIs(transport.get_transport(), here)  # kept for its connection pool
        with mock.patch("retour.channels.types.transport.os.getpid", return_value=-1):
            self.assertIsNot(transport.get_transport(), here)  # never the parent's sockets
