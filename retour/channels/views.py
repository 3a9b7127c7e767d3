"""The one chat webhook, dispatching to the channel's type, and the demo chat page.

Every refusal is a 4xx with a JSON reason and happens before anything is
processed or stored. A delivery is acknowledged (2xx) only once it and its
replies are committed; if processing fails the provider gets a 5xx and
retries, and its retry is processed then. A valid delivery we choose not to
answer (a sticker, a status receipt, a replay, a flooding sender) is
acknowledged with 200 so the provider stops retrying.
"""

from __future__ import annotations

import logging
import secrets
import uuid

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.translation import get_language_info
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import inbound, outbox, privacy, services
from .models import (
    ChannelKind,
    ChatChannel,
    Conversation,
    ConversationStatus,
    LocalPhoneMessage,
)
from .types import Refused, get
from .types.local import body_for, sign

logger = logging.getLogger(__name__)


def _refuse(status: int, reason: str) -> JsonResponse:
    return JsonResponse({"ok": False, "error": reason}, status=status)


def dispatch(request: HttpRequest, channel: ChatChannel | None, kind: str) -> HttpResponse:
    ctype = get(kind)
    if channel is None or not channel.is_active or not ctype.is_configured(channel):
        return _refuse(403, f"{ctype.name} webhook is not configured")
    try:
        if request.method == "GET":
            return ctype.handshake(request, channel)
        ctype.verify(request, channel)
        messages = ctype.parse(request, channel)
        failures = ctype.failed_deliveries(request, channel)
    except Refused as exc:
        return _refuse(exc.status, exc.reason)
    if failures:
        outbox.provider_failed(channel=channel, failures=failures)
    results = [inbound.receive(channel=channel, incoming=m) for m in messages]
    return ctype.acknowledge(results, messages)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def webhook(request: HttpRequest, kind: str, channel_uuid: uuid.UUID) -> HttpResponse:
    if kind not in ChannelKind.values:
        raise Http404
    channel = (
        ChatChannel.objects.select_related(*services.CHANNEL_RELATED)
        .filter(uuid=channel_uuid, kind=kind)
        .first()
    )
    if channel is None:
        raise Http404
    return dispatch(request, channel, kind)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def legacy(request: HttpRequest, kind: str) -> HttpResponse:
    """/channels/<type>/: the channel configured by RETOUR_<TYPE>_* settings."""
    if kind not in ChannelKind.values:
        raise Http404
    ctype = get(kind)
    if not all(ctype.secret(_EnvProbe, s.name) for s in ctype.secrets if s.required):
        return _refuse(403, f"{ctype.name} webhook is not configured")
    return dispatch(request, services.environment_channel(kind), kind)


class _EnvProbe:
    """Stands for a not-yet-created environment channel when checking settings."""

    secrets: dict = {}
    from_environment = True


# -- the demo chat page: plays the provider of a local test channel -----------------

SESSION_PHONE = "channels_local_phone"


def _local_channel(channel_uuid: uuid.UUID) -> ChatChannel:
    return get_object_or_404(
        ChatChannel.objects.select_related(*services.CHANNEL_RELATED),
        uuid=channel_uuid,
        kind=ChannelKind.LOCAL,
        is_active=True,
    )


@require_http_methods(["GET", "POST"])
def local_chat(request: HttpRequest, channel_uuid: uuid.UUID) -> HttpResponse:
    """A phone in the browser: what you type is signed and POSTed to the webhook
    exactly as a provider would; what the bot sends appears when the outbox
    has delivered it."""
    channel = _local_channel(channel_uuid)
    phone = request.session.get(SESSION_PHONE)
    if not phone:
        phone = request.session[SESSION_PHONE] = f"local-{secrets.token_hex(8)}"
    if request.method == "POST":
        text = request.POST.get("text", "")[:2000]
        choice = request.POST.get("choice", "")[:64]
        if text.strip() or choice:
            echoed = text.strip() or request.POST.get("label", "")[:120]
            sent = request.session.get("channels_local_sent", [])[-50:]
            sent.append({"at": timezone.now().isoformat(), "text": echoed})
            request.session["channels_local_sent"] = sent
            _provider_post(channel, phone=phone, text=text, choice=choice)
        return redirect(request.path)
    shown = list(LocalPhoneMessage.objects.filter(channel=channel, phone=phone))
    sent = request.session.get("channels_local_sent", [])
    conv = (
        Conversation.objects.filter(
            channel=channel, sender=privacy.sender_hash(str(channel.uuid), phone)
        )
        .exclude(status=ConversationStatus.CLOSED)
        .first()
    )
    lang = conv.language if conv else settings.LANGUAGE_CODE
    # The page plays the person's phone: its own words are in their language too.
    with translation.override(lang):
        return render(
            request,
            "channels/local_chat.html",
            {
                "channel": channel,
                "language": lang,
                "direction": "rtl" if get_language_info(lang)["bidi"] else "ltr",
                "thread": _thread(shown, sent),
                "waiting": _waiting(channel, shown, sent),
            },
        )


def _waiting(channel: ChatChannel, received: list, sent: list) -> bool:
    """Whether a reply is still on its way (the page then refreshes itself)."""
    from .models import OutboxMessage, OutboxStatus

    last_sent = sent[-1]["at"] if sent else ""
    last_received = received[-1].created_at.isoformat() if received else ""
    pending = OutboxMessage.objects.filter(
        channel=channel, status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING]
    ).exists()
    return bool(last_sent) and (last_sent > last_received or pending)


def _thread(received: list[LocalPhoneMessage], sent: list[dict]) -> list[dict]:
    items = [{"at": m.created_at.isoformat(), "mine": False, **m.payload} for m in received]
    items += [{"mine": True, **s} for s in sent]
    return sorted(items, key=lambda i: i["at"])


def _provider_post(channel: ChatChannel, *, phone: str, text: str, choice: str) -> None:
    body = body_for(delivery_id=secrets.token_hex(12), phone=phone, text=text, choice=choice)
    secret = get(channel.kind).secret(channel, "webhook_secret")
    fake = RequestFactory().post(
        f"/channels/local/{channel.uuid}/",
        data=body,
        content_type="application/json",
        HTTP_X_RETOUR_SIGNATURE=sign(secret, body),
    )
    response = dispatch(fake, channel, channel.kind)
    if response.status_code >= 300:
        logger.warning("local channel refused the demo page: %s", response.status_code)
