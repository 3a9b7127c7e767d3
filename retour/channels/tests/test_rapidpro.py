"""RapidPro / TextIt flow webhooks: the reply is in the response, with quick replies."""

from __future__ import annotations

import json

from retour.channels.models import Delivery
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
