"""What every channel type provides, and the HTTP transport they send through.

A type knows its provider's wire format and nothing else: how a webhook call
is authenticated (``verify``), what it contains (``parse``), what a reply
looks like on the wire (``requests_for``), how long a message may be and which
secrets it needs. Conversations, the outbox and idempotency are shared
(inbound.py, outbox.py) and never branch on the type.
"""

from __future__ import annotations

import abc
import hmac
import json
import os
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

MAX_BODY = 64 * 1024  # real deliveries are a few KB; anything larger is refused


class Refused(Exception):
    """The call is not from the provider or not in its format: a 4xx, nothing stored."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class SendError(Exception):
    """A reply could not be delivered. ``retryable`` errors are tried again later."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class Incoming:
    provider_id: str  # the provider's id of this delivery: a replay carries the same
    address: str  # where a reply goes: chat id, phone number, contact uuid
    text: str = ""
    choice: str = ""  # id of a picked quick reply / list row / inline button
    lang_hint: str = ""
    account: str = ""  # the provider-side account that received it (WhatsApp number id)
    # An id the provider wants acknowledged in the webhook's response
    # (Telegram's callback_query id, answered with answerCallbackQuery).
    ack_id: str = ""


@dataclass(frozen=True)
class Choice:
    id: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Outgoing:
    address: str
    text: str
    choices: tuple[Choice, ...] = ()
    account: str = ""

    def as_payload(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "choices": [c.__dict__ for c in self.choices],
        }

    @classmethod
    def from_payload(cls, payload: dict, *, address: str, account: str = "") -> Outgoing:
        choices = tuple(Choice(**c) for c in payload.get("choices") or [])
        return cls(address=address, text=payload.get("text", ""), choices=choices, account=account)


@dataclass(frozen=True)
class ProviderCall:
    """One HTTP request to a provider's API."""

    url: str
    json: dict | None = None
    data: dict | None = None  # form-encoded (Twilio)
    headers: dict[str, str] = field(default_factory=dict)
    auth: tuple[str, str] | None = None


@dataclass(frozen=True)
class ProviderAnswer:
    status: int
    body: Any  # parsed JSON, else the text
    retry_after: float | None = None


class Transport(Protocol):
    def post(self, call: ProviderCall) -> ProviderAnswer: ...


@dataclass(frozen=True)
class SecretSpec:
    name: str
    env: str  # the RETOUR_* setting used by the channel of the legacy URL
    label: str
    # Without a required secret the webhook answers 403 "not configured";
    # an optional one only enables a feature (RapidPro's API token).
    required: bool = True


def env_value(name: str) -> str:
    return getattr(settings, name, "") or os.environ.get(name, "")


def same(given: str, expected: str) -> bool:
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def obj(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list:
    return value if isinstance(value, list) else []


def read_body(request: HttpRequest) -> bytes:
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_BODY:
        raise Refused(413, f"payload larger than {MAX_BODY} bytes")
    body = request.body
    if len(body) > MAX_BODY:
        raise Refused(413, f"payload larger than {MAX_BODY} bytes")
    return body


def read_json(request: HttpRequest) -> dict:
    try:
        data = json.loads(read_body(request))
    except (ValueError, UnicodeDecodeError) as exc:
        raise Refused(400, "body is not valid JSON") from exc
    if not isinstance(data, dict):
        raise Refused(400, "JSON body must be an object")
    return data


class ChannelType(abc.ABC):
    """Base of every type. Subclasses live in types/<code>.py and register."""

    code: ClassVar[str]
    name: ClassVar[str]
    max_length: ClassVar[int] = 640  # characters per message
    secrets: ClassVar[tuple[SecretSpec, ...]] = ()
    config_fields: ClassVar[tuple[tuple[str, str], ...]] = ()  # (key, label)
    # RapidPro reads the reply from the webhook response: nothing to send later.
    replies_inline: ClassVar[bool] = False
    # Whether quick replies are shown natively; otherwise choices are numbered
    # in the text.
    native_choices: ClassVar[bool] = False

    def secret(self, channel, name: str) -> str:
        stored = (channel.secrets or {}).get(name, "")
        if stored:
            return stored
        if channel.from_environment:
            spec = next((s for s in self.secrets if s.name == name), None)
            return env_value(spec.env) if spec else ""
        return ""

    def is_configured(self, channel) -> bool:
        return all(self.secret(channel, s.name) for s in self.secrets if s.required)

    def inline_response(self, messages: list[Outgoing], *, language: str) -> dict:
        """The webhook response carrying the replies, for types with ``replies_inline``."""
        raise NotImplementedError(f"{self.code} does not reply inline")

    # -- inbound ---------------------------------------------------------------
    def handshake(self, request: HttpRequest, channel) -> HttpResponse:
        raise Refused(405, "this channel takes POST only")

    @abc.abstractmethod
    def verify(self, request: HttpRequest, channel) -> None:
        """Refuse (raise Refused) a request the provider did not sign."""

    @abc.abstractmethod
    def parse(self, request: HttpRequest, channel) -> list[Incoming]:
        """The incoming messages of a verified request."""

    def failed_deliveries(self, request: HttpRequest, channel) -> list[tuple[str, str]]:
        """(provider message id, reason) for replies the provider accepted and
        now reports undeliverable (WhatsApp ``statuses`` with status failed)."""
        return []

    def acknowledge(self, results: list, incoming: list[Incoming]) -> HttpResponse:
        return JsonResponse(
            {
                "ok": True,
                "handled": sum(1 for r in results if r.handled),
                "duplicates": sum(1 for r in results if r.duplicate),
            }
        )

    # -- outbound --------------------------------------------------------------
    @abc.abstractmethod
    def requests_for(self, channel, message: Outgoing) -> list[ProviderCall]:
        """The provider calls that deliver one outgoing message."""

    def check_answer(self, answer: ProviderAnswer) -> str:
        """The provider's message id, or SendError. 429 and 5xx are retryable."""
        if answer.status < 300:
            return ""
        retryable = answer.status == 429 or answer.status >= 500
        raise SendError(f"HTTP {answer.status}", retryable=retryable)

    def deliver(self, channel, message: Outgoing, transport: Transport) -> str:
        ids = []
        for call in self.requests_for(channel, message):
            ids.append(self.check_answer(transport.post(call)))
        return ",".join(i for i in ids if i)[:200]

    def numbered(self, message: Outgoing) -> str:
        """Choices written into the text, for channels without native ones."""
        if not message.choices:
            return message.text
        lines = [message.text, ""] if message.text else []
        lines += [f"{n}. {c.title}" for n, c in enumerate(message.choices, 1)]
        return "\n".join(lines)
