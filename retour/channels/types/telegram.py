"""Telegram Bot API: webhook Update in, sendMessage out (inline keyboards for choices).

https://core.telegram.org/bots/api#update — the webhook is registered with a
``secret_token`` that Telegram sends back in ``X-Telegram-Bot-Api-Secret-Token``.
An Update's ``update_id`` is its delivery id: Telegram re-sends the same
update until it gets a 2xx.

A tap on an inline button (``callback_query``) keeps a spinner on the button
until the bot calls answerCallbackQuery
(https://core.telegram.org/bots/api#answercallbackquery). We answer it in the
webhook's own response, as the Bot API allows ("Making requests when getting
updates": a JSON body whose ``method`` names the call): no extra request, and
the spinner stops as soon as Telegram has our 200, whatever the outbox does
next. A replay of the same update is answered the same way.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse

from . import register
from .base import (
    ChannelType,
    Incoming,
    Outgoing,
    ProviderAnswer,
    ProviderCall,
    Refused,
    SecretSpec,
    SendError,
    obj,
    read_json,
    same,
)

API = "https://api.telegram.org/bot{token}/{method}"


@register
class Telegram(ChannelType):
    code = "telegram"
    name = "Telegram"
    max_length = 4096
    native_choices = True
    secrets = (
        SecretSpec("webhook_secret", "RETOUR_TELEGRAM_SECRET", "Webhook secret_token"),
        SecretSpec("bot_token", "RETOUR_TELEGRAM_BOT_TOKEN", "Bot API token"),
    )

    def verify(self, request: HttpRequest, channel) -> None:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not given:
            raise Refused(401, "missing X-Telegram-Bot-Api-Secret-Token")
        if not same(given, self.secret(channel, "webhook_secret")):
            raise Refused(403, "wrong secret token")

    def parse(self, request: HttpRequest, channel) -> list[Incoming]:
        data = read_json(request)
        update_id = data.get("update_id")
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            raise Refused(400, "not a Telegram update: update_id missing")
        message, callback = data.get("message"), data.get("callback_query")
        if isinstance(callback, dict):
            chat = obj(obj(callback.get("message")).get("chat"))
            sender = obj(callback.get("from"))
            chat_id = chat.get("id", sender.get("id"))
            if not isinstance(chat_id, int | str) or not isinstance(callback.get("data"), str):
                raise Refused(400, "callback_query without chat or data")
            return [
                Incoming(
                    provider_id=str(update_id),
                    address=str(chat_id),
                    choice=callback["data"][:64],
                    lang_hint=str(sender.get("language_code") or ""),
                    ack_id=str(callback.get("id") or "")[:64],
                )
            ]
        if not isinstance(message, dict):
            return []  # edited messages, channel posts…: acknowledged, not answered
        message_chat = message.get("chat")
        if not isinstance(message_chat, dict) or not isinstance(message_chat.get("id"), int | str):
            raise Refused(400, "message.chat.id missing")
        if not isinstance(message.get("text"), str):
            return []  # stickers, photos: acknowledged, not answered
        return [
            Incoming(
                provider_id=str(update_id),
                address=str(message_chat["id"]),
                text=message["text"],
                lang_hint=str(obj(message.get("from")).get("language_code") or ""),
            )
        ]

    def acknowledge(self, results: list, incoming: list[Incoming]) -> HttpResponse:
        callback = next((m.ack_id for m in incoming if m.ack_id), "")
        if callback:
            return JsonResponse({"method": "answerCallbackQuery", "callback_query_id": callback})
        return super().acknowledge(results, incoming)

    def requests_for(self, channel, message: Outgoing) -> list[ProviderCall]:
        body: dict = {
            "chat_id": message.address,
            "text": message.text,
            "link_preview_options": {"is_disabled": True},
        }
        if message.choices:
            # One button per row: titles are long and RTL-safe that way.
            body["reply_markup"] = {
                "inline_keyboard": [
                    [{"text": c.title[:64], "callback_data": c.id[:64]}] for c in message.choices
                ]
            }
        token = self.secret(channel, "bot_token")
        return [ProviderCall(url=API.format(token=token, method="sendMessage"), json=body)]

    def check_answer(self, answer: ProviderAnswer) -> str:
        body = answer.body if isinstance(answer.body, dict) else {}
        if answer.status < 300 and body.get("ok"):
            return str(obj(body.get("result")).get("message_id", ""))
        retryable = answer.status == 429 or answer.status >= 500
        # 403: the person blocked the bot; retrying will not help.
        raise SendError(
            f"Telegram HTTP {answer.status}: {str(body.get('description', ''))[:120]}",
            retryable=retryable,
        )
