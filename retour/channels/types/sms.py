"""SMS through a Twilio-compatible API (Twilio, and gateways that copy it).

Inbound: Twilio POSTs form fields (``MessageSid``, ``From``, ``To``, ``Body``)
and signs them: ``X-Twilio-Signature`` is base64(HMAC-SHA1(auth token, the
webhook URL followed by every POST parameter name and value, sorted by name)).
https://www.twilio.com/docs/usage/webhooks/webhooks-security
Outbound: POST /2010-04-01/Accounts/{AccountSid}/Messages.json with basic auth.
Choices are numbered in the text; the person answers with the number.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from django.http import HttpRequest, HttpResponse

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
    read_body,
    same,
)

API = "{base}/2010-04-01/Accounts/{sid}/Messages.json"


def signature(auth_token: str, url: str, params: dict[str, str]) -> str:
    payload = url + "".join(f"{k}{params[k]}" for k in sorted(params))
    digest = hmac.new(auth_token.encode(), payload.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


@register
class Sms(ChannelType):
    code = "sms"
    name = "SMS (Twilio-compatible)"
    max_length = 1600  # Twilio's limit for one (concatenated) message
    secrets = (SecretSpec("auth_token", "RETOUR_SMS_AUTH_TOKEN", "Auth token"),)
    config_fields = (
        ("account_sid", "Account SID"),
        ("from_number", "Sender number (E.164)"),
        ("api_base", "API base URL (default https://api.twilio.com)"),
        ("webhook_url", "Public webhook URL, as configured at the provider"),
    )

    def _url(self, request: HttpRequest, channel) -> str:
        # Behind a proxy the URL we see is not the one Twilio signed.
        return channel.config.get("webhook_url") or request.build_absolute_uri()

    def verify(self, request: HttpRequest, channel) -> None:
        given = request.headers.get("X-Twilio-Signature", "")
        if not given:
            raise Refused(401, "missing X-Twilio-Signature")
        read_body(request)
        params = {k: request.POST.get(k, "") for k in request.POST}
        expected = signature(
            self.secret(channel, "auth_token"), self._url(request, channel), params
        )
        if not same(given, expected):
            raise Refused(403, "signature does not match")

    def parse(self, request: HttpRequest, channel) -> list[Incoming]:
        sid, sender, body = (request.POST.get(k) for k in ("MessageSid", "From", "Body"))
        if not sid or not sender or body is None:
            raise Refused(400, "MessageSid, From and Body are required")
        return [Incoming(provider_id=sid[:200], address=sender[:40], text=body)]

    def acknowledge(self, results: list, incoming: list[Incoming]) -> HttpResponse:
        # Empty TwiML: we reply through the API (the outbox), not in the response.
        return HttpResponse(
            '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
            content_type="text/xml",
        )

    def requests_for(self, channel, message: Outgoing) -> list[ProviderCall]:
        sid = channel.config.get("account_sid", "")
        base = (channel.config.get("api_base") or "https://api.twilio.com").rstrip("/")
        return [
            ProviderCall(
                url=API.format(base=base, sid=sid),
                data={
                    "To": message.address,
                    "From": channel.config.get("from_number", ""),
                    "Body": self.numbered(message),
                },
                auth=(sid, self.secret(channel, "auth_token")),
            )
        ]

    def check_answer(self, answer: ProviderAnswer) -> str:
        body = answer.body if isinstance(answer.body, dict) else {}
        if answer.status < 300:
            return str(body.get("sid", ""))
        retryable = answer.status == 429 or answer.status >= 500
        raise SendError(
            f"SMS HTTP {answer.status}: {str(body.get('message', ''))[:120]}", retryable=retryable
        )
