"""WhatsApp Cloud API: signed webhook notifications in, /messages out.

https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks — every POST
is signed with the app secret (``X-Hub-Signature-256``); GET is the one-time
verification handshake. A message's ``id`` (wamid) is its delivery id: Meta
retries an unacknowledged notification for up to 7 days. Choices go out as an
interactive list.

``statuses`` report what became of a message we sent (sent, delivered, read,
failed). A ``failed`` one names the message by the id the send returned and
says why in ``errors[]`` (``code``, ``title``, ``error_data.details``); its
outbox row becomes a dead letter with that reason, so admins see that the
person got nothing (e.g. 131047, outside the 24-hour customer service window).
https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples#message-status-updates
"""

from __future__ import annotations

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
    items,
    obj,
    read_body,
    read_json,
    same,
)

API = "https://graph.facebook.com/v21.0/{phone_id}/messages"


@register
class WhatsApp(ChannelType):
    code = "whatsapp"
    name = "WhatsApp Cloud API"
    max_length = 4096
    native_choices = True
    secrets = (
        SecretSpec("app_secret", "RETOUR_WHATSAPP_APP_SECRET", "Meta app secret"),
        SecretSpec("verify_token", "RETOUR_WHATSAPP_VERIFY_TOKEN", "Webhook verify token"),
        SecretSpec("access_token", "RETOUR_WHATSAPP_TOKEN", "Graph API access token"),
    )

    def handshake(self, request: HttpRequest, channel) -> HttpResponse:
        params = request.GET
        if params.get("hub.mode") != "subscribe" or "hub.challenge" not in params:
            raise Refused(400, "expected hub.mode=subscribe and hub.challenge")
        if not same(params.get("hub.verify_token", ""), self.secret(channel, "verify_token")):
            raise Refused(403, "verify token does not match")
        challenge = params["hub.challenge"]
        if not challenge.isdigit() or len(challenge) > 64:
            raise Refused(400, "hub.challenge must be numeric")
        return HttpResponse(challenge, content_type="text/plain")

    def verify(self, request: HttpRequest, channel) -> None:
        signature = request.headers.get("X-Hub-Signature-256", "")
        if not signature:
            raise Refused(401, "missing X-Hub-Signature-256")
        key = self.secret(channel, "app_secret").encode()
        expected = "sha256=" + hmac.new(key, read_body(request), hashlib.sha256).hexdigest()
        if not same(signature, expected):
            raise Refused(403, "signature does not match the body")

    def parse(self, request: HttpRequest, channel) -> list[Incoming]:
        data = read_json(request)
        if data.get("object") != "whatsapp_business_account" or not isinstance(
            data.get("entry"), list
        ):
            raise Refused(400, "not a WhatsApp Business Account notification")
        found = []
        for entry in items(data.get("entry")):
            for change in items(obj(entry).get("changes")):
                value = obj(obj(change).get("value"))
                account = str(obj(value.get("metadata")).get("phone_number_id", ""))[:40]
                # value["statuses"] (sent/delivered/read receipts) need no answer.
                for msg in items(value.get("messages")):
                    parsed = self._message(obj(msg), account)
                    if parsed is not None:
                        found.append(parsed)
        return found

    def failed_deliveries(self, request: HttpRequest, channel) -> list[tuple[str, str]]:
        failed = []
        for entry in items(read_json(request).get("entry")):
            for change in items(obj(entry).get("changes")):
                for status in items(obj(obj(change).get("value")).get("statuses")):
                    status = obj(status)
                    msg_id = status.get("id")
                    if status.get("status") != "failed" or not isinstance(msg_id, str):
                        continue
                    failed.append((msg_id[:200], self._reason(items(status.get("errors")))))
        return failed

    @staticmethod
    def _reason(errors: list) -> str:
        error = obj(errors[0]) if errors else {}
        details = str(obj(error.get("error_data")).get("details") or "")
        reason = f"WhatsApp {error.get('code', '?')}: {error.get('title') or 'failed'}"
        return f"{reason} ({details})"[:300] if details else reason[:300]

    @staticmethod
    def _message(msg: dict, account: str) -> Incoming | None:
        sender, msg_id = msg.get("from"), msg.get("id")
        if not isinstance(sender, str | int) or not isinstance(msg_id, str) or not msg_id:
            return None
        base = {"provider_id": msg_id[:200], "address": str(sender)[:40], "account": account}
        if msg.get("type") == "text":
            body = obj(msg.get("text")).get("body")
            return Incoming(text=body, **base) if isinstance(body, str) else None
        if msg.get("type") == "interactive":
            interactive = obj(msg.get("interactive"))
            reply = obj(interactive.get("list_reply") or interactive.get("button_reply"))
            if isinstance(reply.get("id"), str):
                return Incoming(choice=reply["id"][:64], **base)
        return None  # images, audio, locations: acknowledged, not answered

    def requests_for(self, channel, message: Outgoing) -> list[ProviderCall]:
        body: dict = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": message.address,
        }
        if message.choices:
            body["type"] = "interactive"
            body["interactive"] = {
                "type": "list",
                "body": {"text": message.text[:1024]},
                "action": {
                    "button": "1, 2, 3 …",
                    "sections": [
                        {
                            "title": "Retour",
                            "rows": [
                                {
                                    "id": c.id[:200],
                                    "title": c.title[:24],
                                    "description": (c.description or c.title)[:72],
                                }
                                for c in message.choices[:10]
                            ],
                        }
                    ],
                },
            }
        else:
            body["type"] = "text"
            body["text"] = {"preview_url": False, "body": message.text}
        headers = {"Authorization": f"Bearer {self.secret(channel, 'access_token')}"}
        url = API.format(phone_id=message.account or channel.config.get("phone_number_id", ""))
        return [ProviderCall(url=url, json=body, headers=headers)]

    def check_answer(self, answer: ProviderAnswer) -> str:
        body = answer.body if isinstance(answer.body, dict) else {}
        if answer.status < 300:
            first = obj((items(body.get("messages")) or [{}])[0])
            return str(first.get("id", ""))
        retryable = answer.status == 429 or answer.status >= 500
        error = obj(body.get("error"))
        raise SendError(
            f"WhatsApp HTTP {answer.status}: {str(error.get('message', ''))[:120]}",
            retryable=retryable,
        )
