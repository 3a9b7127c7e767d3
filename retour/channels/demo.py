"""`retour demo` loader: a local test channel, so a newcomer can chat with the bot
without any external service (the chat page plays the provider)."""

from __future__ import annotations

import secrets

from django.urls import reverse

from retour.core.actors import SystemActor

from . import replies, services
from .models import ChannelKind, ChatChannel

ACTOR = SystemActor.demo()


def load(*, context) -> None:
    org = context.org_a
    channel = ChatChannel.objects.filter(organisation=org, kind=ChannelKind.LOCAL).first()
    secret = secrets.token_urlsafe(18)  # a fresh one each run, printed below
    channel = services.chat_channel_save(
        actor=ACTOR,
        organisation=org,
        kind=ChannelKind.LOCAL,
        name="Demo test chat (sample)",
        secrets={"webhook_secret": secret},
        channel=channel,
    )
    services.chat_settings_update(actor=ACTOR, organisation=org, retention_days=30)
    chat = replies.absolute(reverse("channels:local-chat", kwargs={"channel_uuid": channel.uuid}))
    hook = replies.absolute(
        reverse("channels:webhook", kwargs={"kind": channel.kind, "channel_uuid": channel.uuid})
    )
    context.log(
        f"  chat: open {chat} to talk to the bot (local test channel;\n"
        f"        webhook {hook}, signing secret {secret})"
    )
