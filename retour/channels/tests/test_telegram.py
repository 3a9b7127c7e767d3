"""Telegram through the real webhook: Bot API Update payloads, the fake Bot API."""

from __future__ import annotations

import copy
import datetime
import json
from unittest import mock

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from retour.channels import outbox
from retour.channels.models import (
    ChatChannel,
    Conversation,
    ConversationStatus,
    Delivery,
    OutboxMessage,
    OutboxStatus,
)
from retour.search.models import QueryLog
from retour.search.tests.factories import make_document

from .base import ChannelTestCase, payload

SECRET = {"HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN": "tg-secret"}


def update(text: str, *, update_id: int = 815204315, chat: int = 5123456789, lang: str = "en"):
    data = payload("telegram_text")
    data["update_id"] = update_id
    data["message"]["text"] = text
    data["message"]["chat"]["id"] = data["message"]["from"]["id"] = chat
    data["message"]["from"]["language_code"] = lang
    return data


class TelegramTests(ChannelTestCase):
    kind = "telegram"
    secrets = {"webhook_secret": "tg-secret", "bot_token": "123:abc"}

    def tg(self, data, headers=SECRET, raw=None):
        return self.deliver(raw if raw is not None else json.dumps(data), **headers)

    def texts(self) -> list[str]:
        return [c.json["text"] for c in self.transport.calls]

    def test_forged_and_malformed_calls_are_refused_and_store_nothing(self):
        data = payload("telegram_text")
        self.assertEqual(self.tg(data, headers={}).status_code, 401)
        wrong = {"HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN": "guess"}
        self.assertEqual(self.tg(data, headers=wrong).status_code, 403)
        self.assertEqual(self.tg(None, raw="{not json").status_code, 400)
        self.assertEqual(self.tg(None, raw="[1, 2]").status_code, 400)
        self.assertEqual(self.tg({"message": {}}).status_code, 400)
        self.assertEqual(self.tg({"update_id": 1, "message": {"text": "x"}}).status_code, 400)
        big = copy.deepcopy(data)
        big["message"]["text"] = "x" * 70_000
        self.assertEqual(self.tg(big).status_code, 413)
        self.assertEqual(Delivery.objects.count(), 0)
        self.assertEqual(QueryLog.objects.count(), 0)
        self.assertEqual(self.transport.calls, [])

    def test_channel_without_secrets_is_not_configured(self):
        self.channel.secrets = {}
        self.channel.save()
        self.assertEqual(self.tg(payload("telegram_text")).status_code, 403)

    def test_another_types_url_for_this_channel_is_404(self):
        url = reverse(
            "channels:webhook", kwargs={"kind": "whatsapp", "channel_uuid": self.channel.uuid}
        )
        self.assertEqual(
            self.client.post(url, "{}", content_type="application/json").status_code, 404
        )

    def test_start_is_a_welcome_not_a_random_programme(self):
        response = self.tg(update("/start"))
        self.assertEqual(response.status_code, 200, response.content)
        (text,) = self.texts()
        self.assertIn(self.org.name, text)
        self.assertIn("not the immigration authorities", text)
        self.assertIn("delete", text)
        self.assertIn("HUMAN", text)
        self.assertNotIn("plane ticket", text)
        self.assertEqual(QueryLog.objects.count(), 0)  # a greeting is not a question

    def test_welcome_in_the_askers_language(self):
        self.tg(update("/start", lang="ar"))
        (text,) = self.texts()
        self.assertIn("مرحبًا", text)
        self.assertNotIn("Welcome", text)

    def test_first_question_gets_welcome_then_a_card_with_a_public_link(self):
        self.tg(update("Who pays for my plane ticket home?"))
        welcome, card = self.texts()
        self.assertIn("not the immigration authorities", welcome)
        self.assertIn("Who pays for the plane ticket?", card)  # page title
        self.assertIn("the return programme pays the plane ticket", card)
        self.assertIn(f"{self.org.name} · checked on", card)  # organisation + verified date
        self.assertTrue(card.endswith("https://retour.example.org" + self.ticket.url), card)
        self.assertNotIn("127.0.0.1", card)
        self.assertEqual(
            self.transport.calls[0].url, "https://api.telegram.org/bot123:abc/sendMessage"
        )
        log = QueryLog.objects.get()
        self.assertEqual((log.channel, log.language, log.answered), ("telegram", "en", True))
        self.assertNotIn("5123456789", json.dumps(list(QueryLog.objects.values()), default=str))

    def test_arabic_question_links_to_the_arabic_page(self):
        self.tg(update("هل يمكنني الحصول على منحة نقدية عند العودة؟", lang=""))
        card = self.texts()[-1]
        self.assertIn("منحة نقدية صغيرة", card)
        self.assertTrue(card.endswith("https://retour.example.org/ar/" + self.ar.url[4:]), card)

    def test_replayed_update_is_acknowledged_and_answered_once(self):
        data = update("Who pays for my plane ticket home?")
        first = self.tg(data)
        again = self.tg(data)
        self.assertEqual(first.json()["handled"], 1)
        self.assertEqual((again.status_code, again.json()["duplicates"]), (200, 1))
        self.assertEqual(len(self.transport.calls), 2)  # welcome + answer, once
        self.assertEqual(QueryLog.objects.count(), 1)
        self.assertEqual(Delivery.objects.count(), 1)

    def test_failure_while_processing_is_a_5xx_and_claims_nothing(self):
        self.client.raise_request_exception = False
        data = update("Who pays for my plane ticket home?")
        with mock.patch("retour.channels.conversation.handle", side_effect=RuntimeError("db")):
            self.assertEqual(self.tg(data).status_code, 500)
        self.assertEqual(Delivery.objects.count(), 0)
        # Telegram's retry of the same update is then processed normally.
        self.assertEqual(self.tg(data).json()["handled"], 1)
        self.assertEqual(len(self.transport.calls), 2)

    def test_provider_outage_is_retried_then_dead_lettered(self):
        self.transport.outage = 502
        response = self.tg(update("/start"))
        # Acknowledged: the reply is safely in the outbox, not lost.
        self.assertEqual(response.status_code, 200)
        row = OutboxMessage.objects.get()
        self.assertEqual((row.status, row.attempts), (OutboxStatus.PENDING, 1))
        self.assertIn("502", row.last_error)
        self.assertGreater(row.next_attempt_at, timezone.now())
        # Not due yet: the sweep leaves it alone.
        self.assertEqual(outbox.sweep()["queued"], 0)
        for _ in range(outbox.MAX_ATTEMPTS - 1):
            later = OutboxMessage.objects.get().next_attempt_at + datetime.timedelta(seconds=1)
            with self.captureOnCommitCallbacks(execute=True):
                outbox.sweep(now=later)
            self._attempt_due(later)
        row.refresh_from_db()
        self.assertEqual((row.status, row.attempts), (OutboxStatus.DEAD, outbox.MAX_ATTEMPTS))
        self.assertEqual(len(self.transport.calls), outbox.MAX_ATTEMPTS)
        # The dead letter is visible to the organisation's admins, and can be retried.
        admin = self.client_for(self.user("admin"))
        page = admin.get(reverse("channels_admin:channels"))
        self.assertContains(page, "Telegram HTTP 502")
        self.transport.outage = None
        with self.captureOnCommitCallbacks(execute=True):
            admin.post(reverse("channels_admin:outbox-retry", kwargs={"outbox_uuid": row.uuid}))
        row.refresh_from_db()
        self.assertEqual(row.status, OutboxStatus.SENT)
        self.assertEqual((row.address, row.payload), ("", {}))  # nothing personal kept

    def _attempt_due(self, now):
        for row_id in OutboxMessage.objects.filter(status=OutboxStatus.PENDING).values_list(
            "pk", flat=True
        ):
            with mock.patch("retour.channels.outbox.timezone.now", return_value=now):
                outbox.attempt(row_id)

    def test_a_blocked_bot_is_dead_at_once(self):
        self.transport.fail_next, self.transport.fail_status = 1, 403
        self.tg(update("/start"))
        row = OutboxMessage.objects.get()
        self.assertEqual((row.status, row.attempts), (OutboxStatus.DEAD, 1))

    def test_close_pages_are_offered_as_inline_keyboard_and_the_pick_is_answered(self):
        make_document(
            organisation=self.org,
            title="Can I change the date of my plane ticket?",
            summary="Sample answer: ask your counsellor to change the plane ticket date.",
        )
        self.tg(update("plane ticket", update_id=1))
        offer = self.transport.calls[-1].json
        buttons = offer["reply_markup"]["inline_keyboard"]
        self.assertEqual(len(buttons), 2)
        picked = buttons[1][0]["callback_data"]
        self.transport.reset()
        callback = {
            "update_id": 2,
            "callback_query": {
                "id": "4382bfdwdsb323b2d9",
                "from": {
                    "id": 5123456789,
                    "is_bot": False,
                    "first_name": "S",
                    "language_code": "en",
                },
                "message": {
                    "message_id": 42,
                    "chat": {"id": 5123456789, "type": "private"},
                    "date": 1,
                },
                "chat_instance": "-1",
                "data": picked,
            },
        }
        self.tg(callback)
        (card,) = self.texts()
        self.assertIn(buttons[1][0]["text"], card)
        # A bare number picks too (as typed on a phone without buttons).
        self.tg(update("plane ticket", update_id=3))
        self.transport.reset()
        self.tg(update("1", update_id=4))
        self.assertIn(buttons[0][0]["text"], self.texts()[0])

    def test_button_tap_is_answered_with_answer_callback_query(self):
        self.tg(update("MENU", update_id=1))
        offered = self.transport.calls[-1].json["reply_markup"]["inline_keyboard"]
        self.assertIn("cmd:human", [row[0]["callback_data"] for row in offered])
        self.transport.reset()
        tap = payload("telegram_callback")  # the Bot API's documented callback_query
        response = self.tg(tap)
        # The spinner on the button stops with our response itself (the Bot API
        # runs the method named in a webhook's JSON response).
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(
            response.json(),
            {"method": "answerCallbackQuery", "callback_query_id": "4382bfdwdsb323b2d9"},
        )
        # …and the tap itself is answered through the outbox: "cmd:human" hands over.
        (handoff,) = self.texts()
        self.assertIn("counsellor", handoff)
        row = OutboxMessage.objects.order_by("-pk").first()
        self.assertEqual(row.status, OutboxStatus.SENT)
        self.assertEqual(Conversation.objects.get().status, ConversationStatus.WAITING)
        # Telegram's retry of the same update: the spinner is answered again,
        # the tap is not processed twice.
        again = self.tg(tap)
        self.assertEqual(again.json()["callback_query_id"], "4382bfdwdsb323b2d9")
        self.assertEqual(len(self.transport.calls), 1)

    def test_plain_messages_are_not_answered_as_callbacks(self):
        response = self.tg(update("/start"))
        self.assertNotIn("method", response.json())

    def test_stop_forgets_the_sender(self):
        self.tg(update("/start", update_id=1))
        self.assertEqual(Conversation.objects.count(), 1)
        self.tg(update("STOP", update_id=2))
        self.assertEqual(Conversation.objects.count(), 0)
        self.assertIn("deleted", self.texts()[-1])

    def test_no_answer_goes_to_the_counsellor_inbox(self):
        self.tg(update("Can I bring my pet parrot?", update_id=1))
        conv = Conversation.objects.get()
        self.assertEqual(
            (conv.status, conv.handoff_reason), (ConversationStatus.WAITING, "no_answer")
        )
        self.assertIn("counsellor", self.texts()[-2])
        self.assertIn("/en/search/service-points/", self.texts()[-1])

    def test_sticker_is_acknowledged_and_ignored(self):
        response = self.tg(payload("telegram_sticker"))
        self.assertEqual(response.json(), {"ok": True, "handled": 0, "duplicates": 0})
        self.assertEqual(self.transport.calls, [])


@override_settings(
    RETOUR_TELEGRAM_SECRET="env-secret",
    RETOUR_TELEGRAM_BOT_TOKEN="9:env",
    RETOUR_CHANNEL_ORGANISATION="alpha",
)
class LegacyTelegramUrlTests(ChannelTestCase):
    def test_environment_configured_channel_still_answers(self):
        url = reverse("channels:legacy", kwargs={"kind": "telegram"})
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                url,
                json.dumps(update("/start")),
                content_type="application/json",
                HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN="env-secret",
            )
        self.assertEqual(response.status_code, 200, response.content)
        channel = ChatChannel.objects.get(from_environment=True)
        self.assertEqual(channel.organisation, self.org_a)
        self.assertEqual(
            self.transport.calls[0].url, "https://api.telegram.org/bot9:env/sendMessage"
        )

    @override_settings(RETOUR_TELEGRAM_SECRET="")
    def test_unconfigured_environment_channel_is_403(self):
        url = reverse("channels:legacy", kwargs={"kind": "telegram"})
        self.assertEqual(
            self.client.post(url, "{}", content_type="application/json").status_code, 403
        )
