"""Cross-organisation builders for the route walker: organisation B's chat objects."""

from retour.channels.models import (
    Author,
    ChannelKind,
    ChatChannel,
    ChatMessage,
    Conversation,
    OutboxMessage,
    OutboxStatus,
)
from retour.testing.routes import public_route, register_param, register_route


def _channel_b(tc, kind: str = ChannelKind.TELEGRAM) -> ChatChannel:
    return ChatChannel.objects.create(
        organisation=tc.org_b, kind=kind, name=tc.canary, secrets={"webhook_secret": "x"}
    )


def _conversation_b(tc) -> Conversation:
    conv = Conversation.objects.create(
        organisation=tc.org_b, channel=_channel_b(tc), sender=tc.canary[:64], address="1"
    )
    ChatMessage.objects.create(conversation=conv, author=Author.COUNSELLOR, text=tc.canary)
    return conv


@register_param("conversation_uuid")
def _conversation(tc):
    return _conversation_b(tc).uuid


@register_param("outbox_uuid")
def _outbox(tc):
    channel = _channel_b(tc)
    return OutboxMessage.objects.create(
        channel=channel, status=OutboxStatus.DEAD, last_error=tc.canary[:300]
    ).uuid


@register_route("channels_admin:short-answer")
def _short_answer(tc):
    conv = _conversation_b(tc)
    return {"conversation_uuid": conv.uuid, "message_uuid": conv.messages.get().uuid}


@register_route("channels_admin:channel-edit")
def _channel_edit(tc):
    return {"kind": ChannelKind.TELEGRAM, "channel_uuid": _channel_b(tc).uuid}


@register_param("kind", selector=True)
def _kind(tc):
    return ChannelKind.TELEGRAM


public_route(
    "channels:webhook",
    reason="signed chat webhook; answers only from published public content",
    kwargs=lambda tc: {"kind": "telegram", "channel_uuid": _channel_b(tc).uuid},
)
public_route(
    "channels:legacy",
    reason="signed chat webhook configured by settings",
    kwargs=lambda tc: {"kind": "telegram"},
)
public_route(
    "channels:local-chat",
    reason="the local test channel's demo phone: shows only this browser's own chat",
    kwargs=lambda tc: {"channel_uuid": _channel_b(tc, ChannelKind.LOCAL).uuid},
)
