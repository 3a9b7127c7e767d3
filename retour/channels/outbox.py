"""The durable outbox: every reply is a row first, then delivery attempts.

A row is PENDING until an attempt claims it (SENDING, with a lease), then
SENT, or PENDING again with a later ``next_attempt_at`` (exponential backoff),
or DEAD after MAX_ATTEMPTS or an error retrying cannot fix (admins see dead
letters and can retry them). Attempts run as tasks (tasks.outbox_send) queued
after the commit; the periodic sweep (tasks.outbox_sweep) re-queues rows that
are due, so a lost enqueue or a killed worker delays a reply but never drops it.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import OutboxMessage, OutboxStatus
from .types import Outgoing, SendError, get
from .types.transport import get_transport

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF_SECONDS = (10, 60, 300, 1800, 7200)  # after attempts 1..5
LEASE_SECONDS = 60


def _queue(row_ids: list[int]) -> None:
    from .tasks import outbox_send

    for row_id in row_ids:
        try:
            outbox_send.enqueue(row_id)
        except Exception:  # the sweep will pick the row up; the reply is not lost
            logger.exception("could not queue outbox row %s", row_id)


def enqueue(*, channel, conversation, messages: list[Outgoing]) -> list[OutboxMessage]:
    """Insert rows in the caller's transaction; queue their delivery after it commits."""
    rows = OutboxMessage.objects.bulk_create(
        OutboxMessage(
            channel=channel,
            conversation=conversation,
            address=m.address,
            account=m.account,
            payload=m.as_payload(),
        )
        for m in messages
    )
    ids = [r.pk for r in rows if r.pk] or list(
        OutboxMessage.objects.filter(uuid__in=[r.uuid for r in rows]).values_list("pk", flat=True)
    )
    transaction.on_commit(lambda: _queue(ids))
    return rows


def claim(row_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Take a due row for one attempt. Atomic, so two workers never send it twice."""
    now = now or timezone.now()
    return bool(
        OutboxMessage.objects.filter(
            pk=row_id, status=OutboxStatus.PENDING, next_attempt_at__lte=now
        ).update(
            status=OutboxStatus.SENDING,
            attempts=F("attempts") + 1,
            lease_until=now + datetime.timedelta(seconds=LEASE_SECONDS),
        )
    )


def attempt(row_id: int, *, transport=None) -> str:
    """One delivery attempt of a row; returns its status afterwards."""
    if not claim(row_id):
        return "not due"
    row = OutboxMessage.objects.select_related("channel").get(pk=row_id)
    ctype = get(row.channel.kind)
    message = Outgoing.from_payload(row.payload or {}, address=row.address, account=row.account)
    try:
        provider_id = ctype.deliver(row.channel, message, transport or get_transport())
    except SendError as exc:
        return _failed(row, exc)
    # Sent: nothing personal stays in the row.
    OutboxMessage.objects.filter(pk=row.pk).update(
        status=OutboxStatus.SENT,
        sent_at=timezone.now(),
        provider_message_id=provider_id,
        address="",
        payload={},
        lease_until=None,
        last_error="",
    )
    return OutboxStatus.SENT


def _failed(row: OutboxMessage, exc: SendError) -> str:
    # The error says what the provider answered; it never holds the recipient.
    error = str(exc)[:300]
    if not exc.retryable or row.attempts >= MAX_ATTEMPTS:
        logger.warning("outbox %s dead after %s attempts: %s", row.uuid, row.attempts, error)
        status, due = OutboxStatus.DEAD, row.next_attempt_at
    else:
        status = OutboxStatus.PENDING
        delay = BACKOFF_SECONDS[min(row.attempts, len(BACKOFF_SECONDS)) - 1]
        due = timezone.now() + datetime.timedelta(seconds=delay)
    OutboxMessage.objects.filter(pk=row.pk).update(
        status=status, next_attempt_at=due, last_error=error, lease_until=None
    )
    return status


def sweep(*, now: datetime.datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Release expired claims and queue every due row."""
    now = now or timezone.now()
    released = OutboxMessage.objects.filter(
        status=OutboxStatus.SENDING, lease_until__lt=now
    ).update(status=OutboxStatus.PENDING, lease_until=None, next_attempt_at=now)
    due = list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    _queue(due)
    return {"released": released, "queued": len(due)}


def dead_letter_retry(row: OutboxMessage) -> None:
    OutboxMessage.objects.filter(pk=row.pk, status=OutboxStatus.DEAD).update(
        status=OutboxStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    transaction.on_commit(lambda: _queue([row.pk]))
