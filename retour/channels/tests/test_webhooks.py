"""Webhooks with recorded, real-shaped payloads and a fake sender."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
from pathlib import Path

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse

from retour.channels import replies
from retour.channels.senders import get_sender
from retour.search.models import QueryLog
from retour.search.tests.factories import make_document
from retour.testing.factories import OrganisationFactory

PAYLOADS = Path(__file__).parent / "payloads"


def payload(name: str) -> dict:
    return json.loads((PAYLOADS / f"{name}.json").read_text())


@override_settings(
    RETOUR_CHANNEL_SENDER="retour.channels.senders.FakeSender",
    RETOUR_TELEGRAM_SECRET="tg-secret",
    RETOUR_WHATSAPP_APP_SECRET="wa-app-secret",
    RETOUR_WHATSAPP_VERIFY_TOKEN="wa-verify",
    RETOUR_RAPIDPRO_TOKEN="rp-token",
    RETOUR_CHANNEL_RATE=(5, 60),
)
class WebhookTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        org = OrganisationFactory(name="Sample Counselling", slug="sample")
        cls.ticket = make_document(
            organisation=org,
            title="Who pays for the plane ticket?",
            summary="Sample answer: the return programme pays the plane ticket.",
        )
        cls.ar = make_document(
            organisation=org,
            title="هل يمكنني الحصول على منحة نقدية عند العودة؟",
            summary="نص تجريبي: معظم البرامج تدفع منحة نقدية صغيرة.",
            locale="ar",
        )
        cls.fa = make_document(
            organisation=org,
            title="کمک مالی برای بازگشت",
            summary="نمونه: بیشتر برنامه‌ها کمک مالی کوچکی می‌پردازند.",
            locale="fa",
        )

    def setUp(self):
        cache.clear()
        self.sender = get_sender()
        self.sender.sent.clear()

    # -- Telegram ------------------------------------------------------------
    def tg(self, data, secret="tg-secret", raw=None):
        headers = {"HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN": secret} if secret else {}
        body = raw if raw is not None else json.dumps(data)
        return self.client.post(
            reverse("channels:telegram"), body, content_type="application/json", **headers
        )

    def test_telegram_refusals_store_nothing(self):
        update = payload("telegram_text")
        self.assertEqual(self.tg(update, secret="").status_code, 401)
        self.assertEqual(self.tg(update, secret="wrong").status_code, 403)
        self.assertEqual(self.tg(None, raw="{not json").status_code, 400)
        self.assertEqual(self.tg(None, raw="[1, 2]").status_code, 400)
        self.assertEqual(self.tg({"message": {}}).status_code, 400)
        big = copy.deepcopy(update)
        big["message"]["text"] = "x" * 70_000
        response = self.tg(big)
        self.assertEqual(response.status_code, 413)
        self.assertIn("larger", response.json()["error"])
        self.assertEqual(QueryLog.objects.count(), 0)
        self.assertEqual(self.sender.sent, [])

    @override_settings(RETOUR_TELEGRAM_SECRET="")
    def test_telegram_unconfigured_is_refused(self):
        self.assertEqual(self.tg(payload("telegram_text")).status_code, 403)

    def test_telegram_text_gets_answer_ending_with_link(self):
        response = self.tg(payload("telegram_text"))
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(len(self.sender.sent), 1)
        out = self.sender.sent[0]
        self.assertEqual((out.channel, out.recipient), ("telegram", "5123456789"))
        self.assertIn("the return programme pays the plane ticket", out.text)
        self.assertTrue(out.text.endswith(self.ticket.url))
        log = QueryLog.objects.get()
        self.assertEqual((log.channel, log.language, log.answered), ("telegram", "en", True))
        # Nothing that identifies the sender is stored anywhere in the log row.
        row = json.dumps(list(QueryLog.objects.values()), default=str)
        self.assertNotIn("5123456789", row)

    def test_telegram_sticker_is_acknowledged_and_ignored(self):
        response = self.tg(payload("telegram_sticker"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["ignored"], "not a text message")
        self.assertEqual(self.sender.sent, [])

    def test_flood_from_one_sender_is_rate_limited(self):
        for _ in range(5):
            self.tg(payload("telegram_text"))
        response = self.tg(payload("telegram_text"))
        self.assertEqual(response.json().get("dropped"), "rate limited")
        self.assertEqual(len(self.sender.sent), 5)
        self.assertEqual(QueryLog.objects.count(), 5)
        other = payload("telegram_text")
        other["message"]["from"]["id"] = other["message"]["chat"]["id"] = 42
        self.tg(other)
        self.assertEqual(len(self.sender.sent), 6)

    def test_personal_numbers_are_scrubbed_from_the_log(self):
        update = payload("telegram_text")
        update["message"]["text"] = "my case number is 2026-123456, mail me at a@b.org"
        self.tg(update)
        query = QueryLog.objects.get().query
        self.assertNotIn("123456", query)
        self.assertNotIn("a@b.org", query)

    # -- WhatsApp --------------------------------------------------------------
    def wa(self, data, *, sign=True, secret="wa-app-secret", raw=None):
        body = (raw if raw is not None else json.dumps(data)).encode()
        headers = {}
        if sign:
            digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
            headers["HTTP_X_HUB_SIGNATURE_256"] = f"sha256={digest}"
        return self.client.post(
            reverse("channels:whatsapp"), body, content_type="application/json", **headers
        )

    def test_whatsapp_verify_handshake(self):
        url = reverse("channels:whatsapp")
        ok = {
            "hub.mode": "subscribe",
            "hub.verify_token": "wa-verify",
            "hub.challenge": "1158201444",
        }
        response = self.client.get(url, ok)
        self.assertEqual((response.status_code, response.content), (200, b"1158201444"))
        self.assertEqual(self.client.get(url, {**ok, "hub.verify_token": "no"}).status_code, 403)
        self.assertEqual(self.client.get(url, {}).status_code, 400)

    def test_whatsapp_signature_is_required_and_checked(self):
        data = payload("whatsapp_text")
        self.assertEqual(self.wa(data, sign=False).status_code, 401)
        self.assertEqual(self.wa(data, secret="other").status_code, 403)
        self.assertEqual(self.wa(None, raw="{oops").status_code, 400)
        self.assertEqual(self.wa({"object": "page", "entry": []}).status_code, 400)
        self.assertEqual(QueryLog.objects.count(), 0)
        self.assertEqual(self.sender.sent, [])

    def test_whatsapp_arabic_text_answered_in_arabic(self):
        response = self.wa(payload("whatsapp_text"))
        self.assertEqual(response.json(), {"ok": True, "handled": 1})
        out = self.sender.sent[0]
        self.assertEqual((out.recipient, out.account), ("10000000001", "100000000000002"))
        self.assertIn("منحة نقدية صغيرة", out.text)
        self.assertEqual(QueryLog.objects.get().language, "ar")

    def test_whatsapp_status_updates_are_acknowledged(self):
        response = self.wa(payload("whatsapp_status"))
        self.assertEqual(response.json(), {"ok": True, "handled": 0})

    def test_whatsapp_odd_shapes_never_500(self):
        for odd in (
            {"object": "whatsapp_business_account", "entry": ["x", {"changes": "y"}]},
            {"object": "whatsapp_business_account", "entry": [{"changes": [{"value": []}]}]},
            {
                "object": "whatsapp_business_account",
                "entry": [{"changes": [{"value": {"metadata": 3, "messages": [{"text": "a"}]}}]}],
            },
        ):
            self.assertEqual(self.wa(odd).status_code, 200, odd)

    # -- RapidPro --------------------------------------------------------------
    def rp(self, data, token="rp-token"):
        headers = {"HTTP_AUTHORIZATION": f"Token {token}"} if token else {}
        return self.client.post(
            reverse("channels:rapidpro"),
            json.dumps(data),
            content_type="application/json",
            **headers,
        )

    def test_rapidpro_returns_json_for_the_flow(self):
        data = payload("rapidpro_webhook")
        self.assertEqual(self.rp(data, token="").status_code, 401)
        self.assertEqual(self.rp(data, token="bad").status_code, 403)
        self.assertEqual(self.rp({"contact": {"uuid": "x"}}).status_code, 400)
        response = self.rp(data)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["language"], "fa")
        self.assertTrue(body["answered"])
        self.assertTrue(all(len(m) <= 640 for m in body["messages"]))
        self.assertTrue(body["text"].endswith(self.fa.url))

    def test_rapidpro_flood_gets_429(self):
        data = payload("rapidpro_webhook")
        codes = [self.rp(data).status_code for _ in range(7)]
        self.assertEqual(codes[-1], 429)


class SplitTests(TestCase):
    def test_every_part_fits_and_ends_with_the_link(self):
        body = " ".join(["word"] * 400) + " " + "x" * 900
        parts = replies.split(body, "https://example.org/en/page/", 160)
        self.assertGreater(len(parts), 5)
        for part in parts:
            self.assertLessEqual(len(part), 160)
            self.assertTrue(part.endswith("https://example.org/en/page/"))
        joined = " ".join(p.removesuffix("\nhttps://example.org/en/page/") for p in parts)
        self.assertEqual(joined.replace(" ", ""), body.replace(" ", ""))
