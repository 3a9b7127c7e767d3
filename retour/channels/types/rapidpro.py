"""RapidPro / TextIt: a flow's "Call webhook" action, answered in the response.

The flow POSTs the run (contact, input, results) with ``Authorization: Token …``
and reads the reply from our JSON (``@webhook.text``, ``@webhook.quick_replies``);
RapidPro sends it on its own channel. So nothing is sent later: the outbox row
is recorded as sent with the response, and a replayed call (same
``input.uuid``) gets the stored response again rather than a second answer.

What is not an answer to a webhook call (a counsellor's reply, later) goes
through the outbox to RapidPro's API: POST /api/v2/broadcasts.json with the
contact's uuid and the text, ``Authorization: Token <workspace API token>``;
201 on success. An outage (5xx, 429, no connection) is retried by the outbox
with backoff, then dead-lettered. Without an API token the channel still
answers flows; a counsellor's reply is then a dead letter saying why.
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

# RapidPro stores ISO 639-3 codes on contacts.
ISO3_TO_SITE = {
    "eng": "en", "fra": "fr", "nld": "nl", "nor": "no", "nob": "no", "nno": "no", "deu": "de",
    "ara": "ar", "fas": "fa", "prs": "fa", "pus": "ps", "pbt": "ps", "tir": "ti", "som": "so",
    "rus": "ru", "sqi": "sq", "urd": "ur",
}  # fmt: skip


@register
class RapidPro(ChannelType):
    code = "rapidpro"
    name = "RapidPro / TextIt"
    max_length = 640
    native_choices = True
    replies_inline = True
    secrets = (
        SecretSpec("token", "RETOUR_RAPIDPRO_TOKEN", "Webhook token"),
        SecretSpec(
            "api_token",
            "RETOUR_RAPIDPRO_API_TOKEN",
            "Workspace API token (to send counsellor replies)",
            required=False,
        ),
    )
    config_fields = (("api_base", "RapidPro / TextIt address (default https://app.rapidpro.io)"),)

    def verify(self, request: HttpRequest, channel) -> None:
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Token "):
            raise Refused(401, "missing 'Authorization: Token …' header")
        if not same(auth[6:], self.secret(channel, "token")):
            raise Refused(403, "wrong token")

    def parse(self, request: HttpRequest, channel) -> list[Incoming]:
        data = read_json(request)
        contact, inp = obj(data.get("contact")), obj(data.get("input"))
        text = inp.get("text")
        if not isinstance(text, str):
            raise Refused(400, "input.text missing: call this from a flow after a message")
        sender = contact.get("uuid") or (inp.get("urn") if isinstance(inp.get("urn"), str) else "")
        if not sender or not isinstance(sender, str):
            raise Refused(400, "contact.uuid missing")
        delivery = inp.get("uuid") or obj(data.get("run")).get("uuid")
        if not isinstance(delivery, str) or not delivery:
            raise Refused(400, "input.uuid missing")
        return [
            Incoming(
                provider_id=delivery[:200],
                address=sender[:64],
                text=text,
                lang_hint=ISO3_TO_SITE.get(str(contact.get("language") or ""), ""),
            )
        ]

    def acknowledge(self, results: list, incoming: list[Incoming]) -> HttpResponse:
        result = results[0] if results else None
        if result is not None and result.rate_limited:
            # RapidPro does not retry: a 429 sends the flow down its failure branch.
            return JsonResponse(
                {
                    "ok": False,
                    "error": "too many messages from this contact; try again in a minute",
                },
                status=429,
            )
        return JsonResponse(result.response if result and result.response else {"messages": []})

    def inline_response(self, messages: list[Outgoing], *, language: str) -> dict:
        """What the flow reads: every message, the first as ``text``, choices as quick replies."""
        texts = [self.numbered(m) for m in messages]
        quick = [f"{n}. {c.title}"[:36] for m in messages for n, c in enumerate(m.choices, 1)]
        return {
            "language": language,
            "text": texts[0] if texts else "",
            "messages": texts,
            "quick_replies": quick,
        }

    def requests_for(self, channel, message: Outgoing) -> list[ProviderCall]:
        token = self.secret(channel, "api_token")
        if not token:
            raise SendError(
                "RapidPro API token not set: add it to the channel to send counsellor replies",
                retryable=False,
            )
        base = (channel.config.get("api_base") or "https://app.rapidpro.io").rstrip("/")
        return [
            ProviderCall(
                url=f"{base}/api/v2/broadcasts.json",
                json={"contacts": [message.address], "text": self.numbered(message)},
                headers={"Authorization": f"Token {token}"},
            )
        ]

    def check_answer(self, answer: ProviderAnswer) -> str:
        body = answer.body if isinstance(answer.body, dict) else {}
        if answer.status < 300:
            return str(body.get("uuid") or body.get("id") or "")
        retryable = answer.status == 429 or answer.status >= 500
        detail = body.get("detail") or body.get("non_field_errors") or ""
        raise SendError(f"RapidPro HTTP {answer.status}: {str(detail)[:120]}", retryable=retryable)
