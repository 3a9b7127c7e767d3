"""Outgoing messages behind one interface: a real HTTP client in production,
a fake in tests and benchmarks (settings.RETOUR_CHANNEL_SENDER)."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def secret(name: str) -> str:
    """Channel secrets come from settings, else the environment; never the DB."""
    return getattr(settings, name, "") or os.environ.get(name, "")


@dataclass(frozen=True)
class Outgoing:
    channel: str
    recipient: str  # chat id / phone, used for this call only, never stored
    text: str
    account: str = ""  # WhatsApp phone_number_id that received the message


class Sender(Protocol):
    def send(self, message: Outgoing) -> None: ...


class SendError(RuntimeError):
    pass


@dataclass
class FakeSender:
    """Collects messages in memory."""

    sent: list[Outgoing] = field(default_factory=list)

    def send(self, message: Outgoing) -> None:
        self.sent.append(message)


class HttpSender:
    """httpx client with short timeouts and bounded retries on 429/5xx/transport errors."""

    TELEGRAM = "https://api.telegram.org/bot{token}/sendMessage"
    WHATSAPP = "https://graph.facebook.com/v21.0/{phone_id}/messages"
    RETRIES = 3

    def __init__(self, client=None):
        import httpx

        self._client = client or httpx.Client(timeout=httpx.Timeout(5.0, connect=3.0))

    def _request(self, url: str, *, json: dict, headers: dict | None = None) -> None:
        import httpx

        delay = 0.5
        for attempt in range(1, self.RETRIES + 1):
            try:
                response = self._client.post(url, json=json, headers=headers or {})
            except httpx.TransportError as exc:
                error = f"transport error: {type(exc).__name__}"
            else:
                if response.status_code < 400:
                    return
                error = f"HTTP {response.status_code}"
                if response.status_code != 429 and response.status_code < 500:
                    raise SendError(error)  # our request is wrong: retrying won't help
            if attempt < self.RETRIES:
                time.sleep(delay)
                delay *= 2
        raise SendError(error)

    def send(self, message: Outgoing) -> None:
        if message.channel == "telegram":
            token = secret("RETOUR_TELEGRAM_BOT_TOKEN")
            self._request(
                self.TELEGRAM.format(token=token),
                json={
                    "chat_id": message.recipient,
                    "text": message.text,
                    "link_preview_options": {"is_disabled": True},
                },
            )
        elif message.channel == "whatsapp":
            self._request(
                self.WHATSAPP.format(phone_id=message.account),
                json={
                    "messaging_product": "whatsapp",
                    "recipient_type": "individual",
                    "to": message.recipient,
                    "type": "text",
                    "text": {"preview_url": False, "body": message.text},
                },
                headers={"Authorization": f"Bearer {secret('RETOUR_WHATSAPP_TOKEN')}"},
            )
        else:
            raise SendError(f"no sender for channel {message.channel}")


@lru_cache(maxsize=4)
def _sender_for(path: str) -> Sender:
    return import_string(path)()


def get_sender() -> Sender:
    path = getattr(settings, "RETOUR_CHANNEL_SENDER", "retour.channels.senders.HttpSender")
    return _sender_for(path)
