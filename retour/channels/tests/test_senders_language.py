"""The real HTTP sender (against a mock transport, no network) and language detection."""

from __future__ import annotations

import json
from unittest import mock

import httpx
import pytest
from django.test import override_settings

from retour.channels.senders import HttpSender, Outgoing, SendError
from retour.search import language


def _sender(responses: list[int], seen: list):
    codes = iter(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(next(codes), json={"ok": True})

    return HttpSender(client=httpx.Client(transport=httpx.MockTransport(handler)))


@override_settings(RETOUR_TELEGRAM_BOT_TOKEN="123:abc")
def test_telegram_send_retries_server_errors_then_succeeds():
    seen: list = []
    with mock.patch("retour.channels.senders.time.sleep") as sleep:
        _sender([502, 500, 200], seen).send(
            Outgoing(channel="telegram", recipient="42", text="hello")
        )
    assert len(seen) == 3 and sleep.call_count == 2
    assert seen[0].url == "https://api.telegram.org/bot123:abc/sendMessage"
    assert json.loads(seen[0].content) == {
        "chat_id": "42",
        "text": "hello",
        "link_preview_options": {"is_disabled": True},
    }


@override_settings(RETOUR_WHATSAPP_TOKEN="wa-token")
def test_whatsapp_client_error_is_not_retried():
    seen: list = []
    with mock.patch("retour.channels.senders.time.sleep"), pytest.raises(SendError):
        _sender([400, 200], seen).send(
            Outgoing(channel="whatsapp", recipient="10000000001", text="hi", account="99")
        )
    assert len(seen) == 1
    assert seen[0].headers["Authorization"] == "Bearer wa-token"
    assert str(seen[0].url).endswith("/99/messages")


def test_gives_up_after_bounded_retries():
    seen: list = []
    with mock.patch("retour.channels.senders.time.sleep"), pytest.raises(SendError):
        _sender([503, 503, 503, 503], seen).send(
            Outgoing(channel="telegram", recipient="1", text="x")
        )
    assert len(seen) == HttpSender.RETRIES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Who pays for my plane ticket home?", "en"),
        ("Qui paie le billet de retour ?", "fr"),
        ("Wie betaalt het ticket naar huis?", "nl"),
        ("هل يمكنني الحصول على منحة نقدية عند العودة؟", "ar"),
        ("آیا برای بازگشت کمک مالی می‌گیرم؟", "fa"),
        ("ایا زه کولی شم د بیرته راتګ لپاره مرسته ترلاسه کړم؟", "ps"),
        ("ናብ ሃገረይ ክምለስ እደሊ", "ti"),
        ("Могу ли я получить деньги на билет?", "ru"),
    ],
)
def test_language_detection(text, expected):
    assert language.detect(text) == expected


def test_hint_wins_when_text_is_too_short_to_tell():
    assert language.detect("ok", hint="fr") == "fr"
