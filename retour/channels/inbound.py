"""An incoming delivery, processed exactly once, with its replies in the outbox.

One transaction claims the delivery (a row unique on channel + provider id),
runs the dialogue and inserts the replies. A provider's retry of the same
delivery finds the row and is acknowledged without being processed again; if
anything fails before the commit, nothing is claimed and the webhook answers
5xx, so the provider retries. Replies are sent after the commit by the
outbox, never inside the webhook's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from . import conversation, outbox, privacy
from .models import Delivery
from .types import Incoming, Outgoing, get


@dataclass
class Result:
    handled: bool = False
    duplicate: bool = False
    rate_limited: bool = False
    response: dict | None = None  # inline replies (RapidPro)


def _claim(channel, provider_id: str) -> int | None:
    """The new Delivery's id, or None when this delivery was claimed before.

    INSERT … ON CONFLICT DO NOTHING RETURNING (PostgreSQL, SQLite ≥ 3.35): a
    replay is told apart in one statement, without the savepoint an
    IntegrityError would need. A concurrent first attempt of the same delivery
    makes PostgreSQL wait for it, then do nothing if it committed.
    """
    table = Delivery._meta.db_table
    received = Delivery._meta.get_field("received_at").get_db_prep_value(timezone.now(), connection)
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {table} (channel_id, provider_id, received_at) "  # noqa: S608
            "VALUES (%s, %s, %s) ON CONFLICT DO NOTHING RETURNING id",
            [channel.pk, provider_id, received],
        )
        row = cur.fetchone()
    return row[0] if row else None


def receive(*, channel, incoming: Incoming) -> Result:
    ctype = get(channel.kind)
    with transaction.atomic():
        delivery_id = _claim(channel, incoming.provider_id)
        if delivery_id is None:
            previous = (
                Delivery.objects.filter(channel=channel, provider_id=incoming.provider_id)
                .values_list("response", flat=True)
                .first()
            )
            return Result(duplicate=True, response=previous)
        sender = privacy.sender_hash(str(channel.uuid), incoming.address)
        if privacy.rate_limited(sender):
            # Claimed but not answered: a flooding sender's retries stay dropped.
            return Result(rate_limited=True)
        turn = conversation.handle(channel=channel, incoming=incoming, sender=sender)
        messages = [
            Outgoing(address=incoming.address, text=text, choices=options, account=incoming.account)
            for text, options in turn.replies
        ]
        if ctype.replies_inline:
            response = ctype.inline_response(messages, language=turn.language)
            Delivery.objects.filter(pk=delivery_id).update(response=response)
            return Result(handled=True, response=response)
        if messages:
            outbox.enqueue(channel=channel, conversation=turn.conversation, messages=messages)
    return Result(handled=True)
