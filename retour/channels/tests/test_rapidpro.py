"""RapidPro / TextIt flow webhooks: the reply is in the response, with quick replies."""

from __future__ import annotations

import datetime
import json
from unittest import mock

import httpx
from django.utils import timezone

from retour.channels import outbox, services
from retour.channels.models import (
    Conversation,
    ConversationStatus,
    Delivery,
    OutboxMessage,
    OutboxStatus,
)
from retour.channels.types.transport import HttpxTransport
from retour.orgs.models import Role
from retour.search.models import QueryLog

from .base import ChannelTestCase, payload


class RapidProTests(ChannelTestCase):
    kind = "rapidpro"
    secrets = {"token": "rp-token"}

    def rp(self, data, token="rp-token"):
        headers = {"HTTP_AUTHORIZATION": f"Token {token}"} if token else {}
        return self.deliver(json.dumps(data), **headers)

    def test_refusals(self):
        data = payload("rapidpro_webhook")
        self.assertEqual(self.rp(data, token="").status_code, 401)
        self.assertEqual(self.rp(data, token="bad").status_code, 403)
        self.assertEqual(self.rp({"contact": {"uuid": "x"}}).status_code, 400)
        self.assertEqual(Delivery.objects.count(), 0)

    def test_flow_gets_the_reply_in_persian(self):
        body = self.rp(payload("rapidpro_webhook")).json()
        self.assertEqual(body["language"], "fa")
        self.assertTrue(all(len(m) <= 640 for m in body["messages"]))
        self.assertIn("ادارهٔ مهاجرت", body["messages"][0])
        self.assertTrue(body["messages"][-1].endswith("https://retour.example.org" + self.fa.url))
        self.assertEqual(self.transport.calls, [])  # RapidPro sends it, not us

    def test_replay_gets_the_same_answer_without_processing_again(self):
        first = self.rp(payload("rapidpro_webhook")).json()
        again = self.rp(payload("rapidpro_webhook")).json()
        self.assertEqual(first, again)
        self.assertEqual(QueryLog.objects.count(), 1)

    def test_choices_are_quick_replies(self):
        data = payload("rapidpro_webhook")
        data["input"]["text"] = "MENU"
        data["input"]["uuid"] = "a1b2c3d4-7777-4e8f-9a0b-000000000099"
        body = self.rp(data).json()
        self.assertEqual(len(body["quick_replies"]), 3)
        self.assertTrue(body["quick_replies"][0].startswith("1. "))

    def test_flood_gets_429(self):
        with self.settings(RETOUR_CHANNEL_RATE=(3, 60)):
            codes = []
            for n in range(5):
                data = payload("rapidpro_webhook")
                data["input"]["uuid"] = f"a1b2c3d4-7777-4e8f-9a0b-{n:012d}"
                codes.append(self.rp(data).status_code)
        self.assertEqual(codes[-1], 429)


class RapidProCounsellorReplyTests(ChannelTestCase):
    """A counsellor's reply is no answer to a webhook call: it goes through the
    outbox to RapidPro's broadcasts API, and an outage is retried, then dead."""

    kind = "rapidpro"
    secrets = {"token": "rp-token", "api_token": "rp-api-token"}
    config = {"api_base": "https://rapidpro.example.org/"}

    def setUp(self):
        super().setUp()
        data = payload("rapidpro_webhook")
        data["input"]["text"] = "HUMAN"
        self.deliver(json.dumps(data), HTTP_AUTHORIZATION="Token rp-token")
        self.conv = Conversation.objects.get()
        self.assertEqual(self.conv.status, ConversationStatus.WAITING)

    def reply(self, text="Hello, I can help."):
        with self.captureOnCommitCallbacks(execute=True):
            services.conversation_reply(
                actor=self.user(Role.CASEWORKER), conversation=self.conv, text=text
            )
        return OutboxMessage.objects.get()

    def retry_until_dead(self, row, *, transport=None):
        for _ in range(outbox.MAX_ATTEMPTS - 1):
            row.refresh_from_db()
            later = row.next_attempt_at + datetime.timedelta(seconds=1)
            with mock.patch("retour.channels.outbox.timezone.now", return_value=later):
                outbox.attempt(row.pk, transport=transport)
        row.refresh_from_db()
        return row

    def test_reply_goes_to_the_contact_through_the_broadcasts_api(self):
        row = self.reply()
        (call,) = self.transport.calls
        self.assertEqual(call.url, "https://rapidpro.example.org/api/v2/broadcasts.json")
        self.assertEqual(call.headers["Authorization"], "Token rp-api-token")
        self.assertEqual(
            call.json,
            {"contacts": ["2f7b5c7e-1111-4e5e-9b7a-000000000001"], "text": "Hello, I can help."},
        )
        self.assertEqual(row.status, OutboxStatus.SENT)
        self.assertTrue(row.provider_message_id.startswith("0b7f1c2e-"))

    def test_provider_outage_is_retried_then_dead_lettered(self):
        self.transport.outage = 503
        row = self.reply()
        self.assertEqual((row.status, row.attempts), (OutboxStatus.PENDING, 1))
        self.assertIn("RapidPro HTTP 503", row.last_error)
        self.assertGreater(row.next_attempt_at, timezone.now())
        row = self.retry_until_dead(row)
        self.assertEqual((row.status, row.attempts), (OutboxStatus.DEAD, outbox.MAX_ATTEMPTS))
        self.assertEqual(len(self.transport.calls), outbox.MAX_ATTEMPTS)
        self.assertEqual(row.payload["text"], "Hello, I can help.")  # kept for a retry

    def test_connection_error_is_retried_then_dead_lettered(self):
        def refuse(request):
            raise httpx.ConnectError("connection refused", request=request)

        down = HttpxTransport(httpx.Client(transport=httpx.MockTransport(refuse)))
        with mock.patch("retour.channels.outbox.get_transport", return_value=down):
            row = self.reply()
        self.assertEqual((row.status, row.attempts), (OutboxStatus.PENDING, 1))
        self.assertEqual(row.last_error, "transport error: ConnectError")
        row = self.retry_until_dead(row, transport=down)
        self.assertEqual((row.status, row.attempts), (OutboxStatus.DEAD, outbox.MAX_ATTEMPTS))

    def test_a_4xx_is_dead_at_once(self):
        self.transport.fail_next, self.transport.fail_status = 1, 400
        row = self.reply()
        self.assertEqual((row.status, row.attempts), (OutboxStatus.DEAD, 1))

    def test_without_an_api_token_the_reply_is_a_dead_letter_saying_why(self):
        self.channel.secrets = {"token": "rp-token"}
        self.channel.save()
        self.conv.channel.refresh_from_db()
        row = self.reply()
        self.assertEqual(row.status, OutboxStatus.DEAD)
        self.assertIn("API token not set", row.last_error)
        self.assertEqual(self.transport.calls, [])
        # Flows are still answered: the API token is not needed for that.
        data = payload("rapidpro_webhook")
        data["input"]["uuid"] = "a1b2c3d4-7777-4e8f-9a0b-000000000123"
        response = self.deliver(json.dumps(data), HTTP_AUTHORIZATION="Token rp-token")
        self.assertEqual(response.status_code, 200)
