"""An incoming delivery, processed exactly once, with its replies in the outbox.

One transaction claims the delivery (a row unique on channel + provider id),
runs the dialogue and inserts the replies. A provider's retry of the same
delivery hits the unique constraint and is acknowledged without being
processed again; if anything fails before the commit, nothing is claimed and
the webhook answers 5xx, so the provider retries. Replies are sent after the
commit by the outbox, never inside the webhook.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from . import conversation, outbox, privacy
from .models import Delivery
from .types import Incoming, Outgoing, get


@dataclass
class Result:
    handled: bool = False
    duplicate: bool = False
    rate_limited: bool = False
    response: dict | None = None  # inline replies (RapidPro)


def receive(*, channel, incoming: Incoming) -> Result:
    ctype = get(channel.kind)
    with transaction.atomic():
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(
                    channel=channel, provider_id=incoming.provider_id
                )
        except IntegrityError:
            previous = Delivery.objects.filter(
                channel=channel, provider_id=incoming.provider_id
            ).first()
            return Result(duplicate=True, response=previous.response if previous else None)
        sender = privacy.sender_hash(str(channel.uuid), incoming.address)
        if privacy.rate_limited(sender):
            # Claimed but not answered: a flooding sender's retries stay dropped.
            return Result(rate_limited=True)
        turn = conversation.handle(channel=channel, incoming=incoming)
        messages = [
            Outgoing(address=incoming.address, text=text, choices=options, account=incoming.account)
            for text, options in turn.replies
        ]
        if ctype.replies_inline:
            response = ctype.inline_response(messages, language=turn.language)
            delivery.response = response
            delivery.save(update_fields=["response"])
            return Result(handled=True, response=response)
        outbox.enqueue(channel=channel, conversation=turn.conversation, messages=messages)
    return Result(handled=True)
