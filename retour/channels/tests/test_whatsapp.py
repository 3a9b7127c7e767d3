"""WhatsApp Cloud API through the real webhook: signed notifications, statuses,
interactive list replies; the fake Graph API answers as documented."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json

from django.urls import reverse

from retour.channels.models import Delivery, OutboxMessage, OutboxStatus
from retour.search.models import QueryLog
from retour.search.tests.factories import make_document

from .base import ChannelTestCase, payload


class WhatsAppTests(ChannelTestCase):
    kind = "whatsapp"
    secrets = {"app_secret": "wa-app-secret", "verify_token": "wa-verify", "access_token": "tok"}

    def wa(self, data, *, sign=True, secret="wa-app-secret", raw=None):
        body = (raw if raw is not None else json.dumps(data)).encode()
        headers = {}
        if sign:
            digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
            headers["HTTP_X_HUB_SIGNATURE_256"] = f"sha256={digest}"
        return self.deliver(body, **headers)

    def test_verify_handshake(self):
        ok = {
            "hub.mode": "subscribe",
            "hub.verify_token": "wa-verify",
            "hub.challenge": "1158201444",
        }
        response = self.client.get(self.url, ok)
        self.assertEqual((response.status_code, response.content), (200, b"1158201444"))
        self.assertEqual(
            self.client.get(self.url, {**ok, "hub.verify_token": "no"}).status_code, 403
        )
        self.assertEqual(self.client.get(self.url, {}).status_code, 400)

    def test_forged_signature_is_refused_and_stores_nothing(self):
        data = payload("whatsapp_text")
        self.assertEqual(self.wa(data, sign=False).status_code, 401)
        self.assertEqual(self.wa(data, secret="other").status_code, 403)
        self.assertEqual(self.wa(None, raw="{oops").status_code, 400)
        self.assertEqual(self.wa({"object": "page", "entry": []}).status_code, 400)
        self.assertEqual((Delivery.objects.count(), QueryLog.objects.count()), (0, 0))
        self.assertEqual(self.transport.calls, [])

    def test_arabic_text_answered_in_arabic_through_the_graph_api(self):
        response = self.wa(payload("whatsapp_text"))
        self.assertEqual(response.json(), {"ok": True, "handled": 1, "duplicates": 0})
        welcome, card = self.sent_json()
        self.assertEqual(welcome["to"], "10000000001")
        self.assertIn("لسنا سلطات الهجرة", welcome["text"]["body"])
        self.assertIn("منحة نقدية صغيرة", card["text"]["body"])
        call = self.transport.calls[0]
        self.assertTrue(call.url.endswith("/100000000000002/messages"))
        self.assertEqual(call.headers["Authorization"], "Bearer tok")
        self.assertEqual(QueryLog.objects.get().language, "ar")
        self.assertTrue(
            OutboxMessage.objects.filter(provider_message_id__startswith="wamid.").exists()
        )

    def test_replayed_message_id_is_answered_once(self):
        self.wa(payload("whatsapp_text"))
        again = self.wa(payload("whatsapp_text"))
        self.assertEqual(again.json(), {"ok": True, "handled": 0, "duplicates": 1})
        self.assertEqual(len(self.transport.calls), 2)

    def test_status_notifications_are_acknowledged(self):
        response = self.wa(payload("whatsapp_status"))
        self.assertEqual(response.json(), {"ok": True, "handled": 0, "duplicates": 0})

    def test_choices_go_out_as_an_interactive_list_and_the_reply_is_answered(self):
        make_document(
            organisation=self.org,
            title="Can I change the date of my plane ticket?",
            summary="Sample answer: ask your counsellor to change the plane ticket date.",
        )
        data = payload("whatsapp_text")
        data["entry"][0]["changes"][0]["value"]["messages"][0]["text"]["body"] = "plane ticket"
        self.wa(data)
        offer = self.sent_json()[-1]
        self.assertEqual((offer["type"], offer["interactive"]["type"]), ("interactive", "list"))
        rows = offer["interactive"]["action"]["sections"][0]["rows"]
        self.assertEqual(len(rows), 2)
        self.assertTrue(all(len(r["title"]) <= 24 for r in rows))
        self.transport.reset()
        reply = copy.deepcopy(data)
        message = reply["entry"][0]["changes"][0]["value"]["messages"][0]
        message.pop("text")
        message.update(
            id="wamid.REPLY0001",
            type="interactive",
            interactive={
                "type": "list_reply",
                "list_reply": {"id": rows[0]["id"], "title": rows[0]["title"]},
            },
        )
        self.wa(reply)
        self.assertIn("plane ticket", self.sent_json()[0]["text"]["body"])

    def test_outage_keeps_the_reply_for_a_retry(self):
        self.transport.outage = 503
        self.assertEqual(self.wa(payload("whatsapp_text")).status_code, 200)
        self.assertEqual(
            set(OutboxMessage.objects.values_list("status", flat=True)), {OutboxStatus.PENDING}
        )

    def test_odd_shapes_never_500(self):
        for odd in (
            {"object": "whatsapp_business_account", "entry": ["x", {"changes": "y"}]},
            {"object": "whatsapp_business_account", "entry": [{"changes": [{"value": []}]}]},
            {
                "object": "whatsapp_business_account",
                "entry": [{"changes": [{"value": {"metadata": 3, "messages": [{"text": "a"}]}}]}],
            },
        ):
            self.assertEqual(self.wa(odd).status_code, 200, odd)


class WhatsAppFailedStatusTests(ChannelTestCase):
    """Meta accepted a reply and later reports it undeliverable (``statuses``)."""

    kind = WhatsAppTests.kind
    secrets = WhatsAppTests.secrets
    wa = WhatsAppTests.wa

    def failed_status(self, wamid: str) -> dict:
        data = payload("whatsapp_status_failed")
        data["entry"][0]["changes"][0]["value"]["statuses"][0]["id"] = wamid
        return data

    def test_failed_status_makes_the_reply_a_dead_letter_with_the_reason(self):
        self.wa(payload("whatsapp_text"))
        welcome, card = OutboxMessage.objects.order_by("pk")
        self.assertTrue(welcome.provider_message_id.startswith("wamid."))
        response = self.wa(self.failed_status(card.provider_message_id))
        self.assertEqual(response.json(), {"ok": True, "handled": 0, "duplicates": 0})
        card.refresh_from_db()
        welcome.refresh_from_db()
        self.assertEqual(card.status, OutboxStatus.DEAD)
        self.assertTrue(card.last_error.startswith("WhatsApp 131047: Re-engagement message"))
        self.assertIn("24 hours", card.last_error)
        self.assertEqual(welcome.status, OutboxStatus.SENT)  # only the one reported
        # Admins see why; its text is gone, so it is not offered for a retry.
        admin = self.client_for(self.user("admin"))
        page = admin.get(reverse("channels_admin:channels"))
        self.assertContains(page, "WhatsApp 131047: Re-engagement message")
        self.assertContains(page, "Accepted by the provider, then not delivered.")
        self.assertNotContains(
            page, reverse("channels_admin:outbox-retry", kwargs={"outbox_uuid": card.uuid})
        )
        with self.captureOnCommitCallbacks(execute=True):
            admin.post(reverse("channels_admin:outbox-retry", kwargs={"outbox_uuid": card.uuid}))
        card.refresh_from_db()
        self.assertEqual((card.status, card.attempts), (OutboxStatus.DEAD, 1))

    def test_other_statuses_and_forged_ones_change_nothing(self):
        self.wa(payload("whatsapp_text"))
        row = OutboxMessage.objects.order_by("pk").first()
        delivered = payload("whatsapp_status")
        delivered["entry"][0]["changes"][0]["value"]["statuses"][0]["id"] = row.provider_message_id
        self.wa(delivered)
        self.assertEqual(
            self.wa(self.failed_status(row.provider_message_id), secret="forged").status_code, 403
        )
        row.refresh_from_db()
        self.assertEqual((row.status, row.last_error), (OutboxStatus.SENT, ""))

    def test_failure_for_an_unknown_message_is_acknowledged(self):
        response = self.wa(self.failed_status("wamid.NOT-OURS"))
        self.assertEqual(response.status_code, 200)
