"""Chat webhooks: Telegram, WhatsApp Cloud API and RapidPro/TextIt.

Every refusal is a 4xx with a JSON reason and happens before anything is
processed or stored. Telegram and WhatsApp retry deliveries that do not get a
2xx (WhatsApp for days), so a *valid* update we choose not to answer — a
sticker, a status receipt, a flooding sender — is acknowledged with 200 and
dropped rather than refused.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from retour.search.models import Channel

from . import conversation
from .senders import Outgoing, SendError, get_sender, secret

logger = logging.getLogger(__name__)

MAX_BODY = 64 * 1024  # real updates are a few KB; anything larger is refused


def _refuse(status: int, reason: str) -> JsonResponse:
    return JsonResponse({"ok": False, "error": reason}, status=status)


def _read_json(request) -> tuple[dict | None, JsonResponse | None]:
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_BODY:
        return None, _refuse(413, f"payload larger than {MAX_BODY} bytes")
    body = request.body
    if len(body) > MAX_BODY:
        return None, _refuse(413, f"payload larger than {MAX_BODY} bytes")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None, _refuse(400, "body is not valid JSON")
    if not isinstance(data, dict):
        return None, _refuse(400, "JSON body must be an object")
    return data, None


def _send_all(channel: str, recipient: str, reply, account: str = "") -> bool:
    sender = get_sender()
    try:
        for text in reply.messages:
            sender.send(Outgoing(channel=channel, recipient=recipient, text=text, account=account))
    except SendError as exc:
        logger.warning("%s send failed: %s", channel, exc)  # no recipient in the log
        return False
    return True


@csrf_exempt
@require_http_methods(["POST"])
def telegram(request):
    expected = secret("RETOUR_TELEGRAM_SECRET")
    given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
    if not expected:
        return _refuse(403, "Telegram webhook is not configured")
    if not given:
        return _refuse(401, "missing X-Telegram-Bot-Api-Secret-Token")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        return _refuse(403, "wrong secret token")
    data, error = _read_json(request)
    if error:
        return error
    if not isinstance(data.get("update_id"), int):
        return _refuse(400, "not a Telegram update: update_id missing")
    message = data.get("message")
    if not isinstance(message, dict):
        return JsonResponse({"ok": True, "ignored": "not a new message"})
    chat, sender, text = message.get("chat"), _obj(message.get("from")), message.get("text")
    if not isinstance(chat, dict) or not isinstance(chat.get("id"), int | str):
        return _refuse(400, "message.chat.id missing")
    if not isinstance(text, str):
        return JsonResponse({"ok": True, "ignored": "not a text message"})
    hint = sender.get("language_code", "")
    reply = conversation.handle(
        channel=Channel.TELEGRAM,
        sender_id=str(sender.get("id") or chat["id"]),
        text=text,
        lang_hint=hint if isinstance(hint, str) else "",
    )
    if reply.rate_limited:
        return JsonResponse({"ok": True, "dropped": "rate limited"})
    sent = _send_all("telegram", str(chat["id"]), reply)
    return JsonResponse({"ok": True, "sent": sent, "messages": len(reply.messages)})


def _whatsapp_verify(request):
    params = request.GET
    expected = secret("RETOUR_WHATSAPP_VERIFY_TOKEN")
    token = params.get("hub.verify_token", "")
    if params.get("hub.mode") != "subscribe" or "hub.challenge" not in params:
        return _refuse(400, "expected hub.mode=subscribe and hub.challenge")
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        return _refuse(403, "verify token does not match")
    challenge = params["hub.challenge"]
    if not challenge.isdigit() or len(challenge) > 64:
        return _refuse(400, "hub.challenge must be numeric")
    return HttpResponse(challenge, content_type="text/plain")


def _obj(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _whatsapp_messages(data: dict):
    """(phone_number_id, sender phone, text) for each text message in a notification."""
    for entry in _list(data.get("entry")):
        for change in _list(_obj(entry).get("changes")):
            value = _obj(_obj(change).get("value"))
            account = str(_obj(value.get("metadata")).get("phone_number_id", ""))[:40]
            for msg in _list(value.get("messages")):
                msg = _obj(msg)
                body = _obj(msg.get("text")).get("body")
                sender = msg.get("from")
                if msg.get("type") == "text" and isinstance(body, str) and sender:
                    yield account, str(sender)[:40], body


@csrf_exempt
@require_http_methods(["GET", "POST"])
def whatsapp(request):
    if request.method == "GET":
        return _whatsapp_verify(request)
    app_secret = secret("RETOUR_WHATSAPP_APP_SECRET")
    if not app_secret:
        return _refuse(403, "WhatsApp webhook is not configured")
    signature = request.headers.get("X-Hub-Signature-256", "")
    if not signature:
        return _refuse(401, "missing X-Hub-Signature-256")
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_BODY:
        return _refuse(413, f"payload larger than {MAX_BODY} bytes")
    expected = "sha256=" + hmac.new(app_secret.encode(), request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature.encode(), expected.encode()):
        return _refuse(403, "signature does not match the body")
    data, error = _read_json(request)
    if error:
        return error
    if data.get("object") != "whatsapp_business_account" or not isinstance(data.get("entry"), list):
        return _refuse(400, "not a WhatsApp Business Account notification")
    handled = 0
    for account, sender, text in _whatsapp_messages(data):
        reply = conversation.handle(channel=Channel.WHATSAPP, sender_id=sender, text=text)
        if reply.rate_limited:
            continue
        _send_all("whatsapp", sender, reply, account=account)
        handled += 1
    return JsonResponse({"ok": True, "handled": handled})


# RapidPro stores ISO 639-3 codes on contacts.
ISO3_TO_SITE = {
    "eng": "en", "fra": "fr", "nld": "nl", "nor": "no", "nob": "no", "nno": "no", "deu": "de",
    "ara": "ar", "fas": "fa", "prs": "fa", "pus": "ps", "pbt": "ps", "tir": "ti", "som": "so",
    "rus": "ru", "sqi": "sq", "urd": "ur",
}  # fmt: skip


@csrf_exempt
@require_http_methods(["POST"])
def rapidpro(request):
    expected = secret("RETOUR_RAPIDPRO_TOKEN")
    auth = request.headers.get("Authorization", "")
    if not expected:
        return _refuse(403, "RapidPro webhook is not configured")
    if not auth.startswith("Token "):
        return _refuse(401, "missing 'Authorization: Token …' header")
    if not hmac.compare_digest(auth[6:].encode(), expected.encode()):
        return _refuse(403, "wrong token")
    data, error = _read_json(request)
    if error:
        return error
    contact, inp = _obj(data.get("contact")), _obj(data.get("input"))
    text = inp.get("text")
    if not isinstance(text, str):
        return _refuse(400, "input.text missing: call this from a flow after a message")
    sender = contact.get("uuid") or (inp.get("urn") if isinstance(inp.get("urn"), str) else "")
    if not sender:
        return _refuse(400, "contact.uuid missing")
    hint = ISO3_TO_SITE.get(str(contact.get("language") or ""), "")
    reply = conversation.handle(
        channel=Channel.RAPIDPRO, sender_id=str(sender), text=text, lang_hint=hint
    )
    if reply.rate_limited:
        # RapidPro does not retry: a 429 sends the flow down its failure branch.
        return _refuse(429, "too many messages from this contact; try again in a minute")
    return JsonResponse(
        {
            "answered": reply.answered,
            "language": reply.language,
            "confidence": reply.confidence,
            "text": reply.messages[0] if reply.messages else "",
            "messages": reply.messages,
            "url": reply.link,
        }
    )
