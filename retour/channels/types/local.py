"""The local test channel: the demo's chat page plays the provider.

Its wire format is deliberately simple and signed like a real provider:
``X-Retour-Signature: sha256=<hex HMAC of the body with the channel secret>``
over ``{"id": …, "from": …, "text": …, "choice": …, "language": …}``. Sending
stores the message on the channel's "phone" (LocalPhoneMessage), where the
chat page reads it; nothing leaves the machine.
"""

from __future__ import annotations

import hashlib
import hmac
import json

from django.http import HttpRequest

from . import register
from .base import (
    ChannelType,
    Incoming,
    Outgoing,
    ProviderCall,
    Refused,
    SecretSpec,
    read_body,
    read_json,
    same,
)


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def body_for(
    *, delivery_id: str, phone: str, text: str = "", choice: str = "", language: str = ""
) -> bytes:
    return json.dumps(
        {"id": delivery_id, "from": phone, "text": text, "choice": choice, "language": language},
        ensure_ascii=False,
    ).encode()


@register
class Local(ChannelType):
    code = "local"
    name = "Local test chat"
    max_length = 2000
    native_choices = True
    secrets = (SecretSpec("webhook_secret", "RETOUR_LOCAL_CHANNEL_SECRET", "Signing secret"),)

    def verify(self, request: HttpRequest, channel) -> None:
        given = request.headers.get("X-Retour-Signature", "")
        if not given:
            raise Refused(401, "missing X-Retour-Signature")
        if not same(given, sign(self.secret(channel, "webhook_secret"), read_body(request))):
            raise Refused(403, "signature does not match the body")

    def parse(self, request: HttpRequest, channel) -> list[Incoming]:
        data = read_json(request)
        fields = {k: data.get(k, "") for k in ("id", "from", "text", "choice", "language")}
        if not all(isinstance(v, str) for v in fields.values()):
            raise Refused(400, "id, from, text, choice and language must be strings")
        if not fields["id"] or not fields["from"]:
            raise Refused(400, "id and from are required")
        return [
            Incoming(
                provider_id=fields["id"][:200],
                address=fields["from"][:64],
                text=fields["text"],
                choice=fields["choice"][:64],
                lang_hint=fields["language"][:12],
            )
        ]

    def requests_for(self, channel, message: Outgoing) -> list[ProviderCall]:
        return []

    def deliver(self, channel, message: Outgoing, transport) -> str:
        from ..models import LocalPhoneMessage

        row = LocalPhoneMessage.objects.create(
            channel=channel, phone=message.address, payload=message.as_payload()
        )
        return f"local:{row.pk}"
