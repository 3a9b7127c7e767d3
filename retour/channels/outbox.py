"""The durable outbox: every reply is a row first, then delivery attempts.

A row is PENDING until an attempt claims it (SENDING, with a lease), then
SENT, or PENDING again with a later ``next_attempt_at`` (exponential backoff),
or DEAD after MAX_ATTEMPTS or an error retrying cannot fix (admins see dead
letters and can retry them). A provider that accepted a message and later
reports it failed (WhatsApp ``statuses``) makes it DEAD too (``provider_failed``).

Attempts run as tasks (tasks.outbox_send), one per batch: the replies of one
turn of the dialogue, queued after the webhook's commit. A batch costs three
statements whatever its size: one claims every due row of it (and returns
them), one reads their channels (none when the webhook that wrote them runs
the attempt itself), one marks the sent ones. The periodic sweep
(tasks.outbox_sweep) re-queues rows that are due, grouped by conversation, so
a lost enqueue or a killed worker delays a reply but never drops it.
"""

from __future__ import annotations

import datetime
import logging
import threading

from django.db import connection, transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from retour.core.sql import concrete_field

from .models import ChatChannel, OutboxMessage, OutboxStatus
from .types import Outgoing, SendError, get
from .types.transport import get_transport

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF_SECONDS = (10, 60, 300, 1800, 7200)  # after attempts 1..5
LEASE_SECONDS = 60


# Channels the current request already read, while its own commit hook queues
# their replies: a task backend that runs the attempt right there (the
# immediate one) reuses them instead of reading them again. Empty otherwise;
# a worker running the task later always reads the channel afresh.
_local = threading.local()


def _fresh_channels() -> dict[int, ChatChannel]:
    if not hasattr(_local, "channels"):
        _local.channels = {}
    return _local.channels


def _queue(batches: list[list[int]], channel: ChatChannel | None = None) -> None:
    from .tasks import outbox_send

    if channel is not None:
        _fresh_channels()[channel.pk] = channel
    try:
        for ids in batches:
            if not ids:
                continue
            try:
                outbox_send.enqueue(ids)
            except Exception:  # the sweep will pick the rows up; the reply is not lost
                logger.exception("could not queue outbox rows %s", ids)
    finally:
        _fresh_channels().clear()


def enqueue(*, channel, conversation, messages: list[Outgoing]) -> list[OutboxMessage]:
    """Insert rows in the caller's transaction; queue one delivery task for
    all of them after it commits (they go out in order, in one attempt)."""
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
    transaction.on_commit(lambda: _queue([sorted(ids)], channel))
    return rows


def _db(field: str, value):
    return concrete_field(OutboxMessage, field).get_db_prep_value(value, connection)


def claim(row_ids: list[int], *, now: datetime.datetime | None = None) -> list[OutboxMessage]:
    """Take the due rows among ``row_ids`` for one attempt and return them, in
    id order. One UPDATE … RETURNING: atomic, so two workers never send a row
    twice, and a single round trip (and commit) however many rows there are."""
    if not row_ids:
        return []
    now = now or timezone.now()
    table = OutboxMessage._meta.db_table
    marks = ", ".join(["%s"] * len(row_ids))
    # Table name from the model, values as parameters.
    sql = (
        f"UPDATE {table} SET status = %s, attempts = attempts + 1, lease_until = %s "  # noqa: S608
        f"WHERE id IN ({marks}) AND status = %s AND next_attempt_at <= %s RETURNING *"
    )
    lease = now + datetime.timedelta(seconds=LEASE_SECONDS)
    params = [
        OutboxStatus.SENDING,
        _db("lease_until", lease),
        *row_ids,
        OutboxStatus.PENDING,
        _db("next_attempt_at", now),
    ]
    return sorted(OutboxMessage.objects.raw(sql, params), key=lambda r: r.pk)


def attempt_many(row_ids: list[int], *, transport=None) -> dict[int, str]:
    """One delivery attempt of each due row; returns {row id: status afterwards}.

    Rows are sent in id order. When one fails, the later rows of the same
    conversation are put back unattempted, due with it, so a retry still
    delivers them in order (the welcome before the answer).
    """
    rows = claim(row_ids)
    if not rows:
        return {}
    wanted = {r.channel_id for r in rows}
    fresh = _fresh_channels()
    channels = {pk: fresh[pk] for pk in wanted if pk in fresh}
    if len(channels) < len(wanted):
        channels.update(ChatChannel.objects.in_bulk(wanted - set(channels)))
    transport = transport or get_transport()
    outcome: dict[int, str] = {}
    sent: list[tuple[int, str]] = []
    held: dict[int | None, datetime.datetime] = {}  # conversation -> due again at
    for row in rows:
        if row.conversation_id in held:
            continue
        channel = channels[row.channel_id]
        message = Outgoing.from_payload(row.payload or {}, address=row.address, account=row.account)
        try:
            provider_id = get(channel.kind).deliver(channel, message, transport)
        except SendError as exc:
            outcome[row.pk], due = _failed(row, exc)
            held[row.conversation_id] = due
            continue
        sent.append((row.pk, provider_id))
        outcome[row.pk] = OutboxStatus.SENT
    _mark_sent(sent)
    _put_back([r for r in rows if r.pk not in outcome], held)
    return outcome


def attempt(row_id: int, *, transport=None) -> str:
    """One delivery attempt of one row; returns its status afterwards."""
    return attempt_many([row_id], transport=transport).get(row_id, "not due")


def _mark_sent(sent: list[tuple[int, str]]) -> None:
    if not sent:
        return
    ids = {provider_id for _pk, provider_id in sent}
    provider_ids = (
        Value(ids.pop())
        if len(ids) == 1
        else Case(*(When(pk=pk, then=Value(pid)) for pk, pid in sent), default=Value(""))
    )
    # Sent: nothing personal stays in the row.
    OutboxMessage.objects.filter(pk__in=[pk for pk, _pid in sent]).update(
        status=OutboxStatus.SENT,
        sent_at=timezone.now(),
        provider_message_id=provider_ids,
        address="",
        payload={},
        lease_until=None,
        last_error="",
    )


def _put_back(rows: list[OutboxMessage], held: dict) -> None:
    """Unclaim rows held behind a failed one: not an attempt of theirs."""
    for conversation_id, due in held.items():
        ids = [r.pk for r in rows if r.conversation_id == conversation_id]
        if ids:
            OutboxMessage.objects.filter(pk__in=ids).update(
                status=OutboxStatus.PENDING,
                attempts=F("attempts") - 1,
                next_attempt_at=due,
                lease_until=None,
            )


def _failed(row: OutboxMessage, exc: SendError) -> tuple[str, datetime.datetime]:
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
    return status, due


def provider_failed(*, channel, failures: list[tuple[str, str]]) -> int:
    """Messages the provider accepted and then reported undeliverable
    (provider message id, reason): dead letters with the provider's reason.
    Their text was wiped when they were accepted, so they cannot be retried;
    the admins see why the person got nothing."""
    changed = 0
    for provider_id, reason in failures:
        changed += OutboxMessage.objects.filter(
            channel=channel, provider_message_id=provider_id
        ).update(status=OutboxStatus.DEAD, last_error=reason[:300], lease_until=None)
    return changed


def sweep(*, now: datetime.datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Release expired claims and queue every due row, one task per conversation."""
    now = now or timezone.now()
    released = OutboxMessage.objects.filter(
        status=OutboxStatus.SENDING, lease_until__lt=now
    ).update(status=OutboxStatus.PENDING, lease_until=None, next_attempt_at=now)
    due = OutboxMessage.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
    batches: dict[int | None, list[int]] = {}
    for pk, conversation_id in due.order_by("next_attempt_at", "pk").values_list(
        "pk", "conversation_id"
    )[:limit]:
        batches.setdefault(conversation_id, []).append(pk)
    _queue([sorted(ids) for ids in batches.values()])
    return {"released": released, "queued": sum(len(ids) for ids in batches.values())}


def dead_letter_retry(row: OutboxMessage) -> bool:
    """Send a dead letter again. Not one the provider accepted: its text is gone."""
    retried = OutboxMessage.objects.filter(
        pk=row.pk, status=OutboxStatus.DEAD, sent_at__isnull=True
    ).update(status=OutboxStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error="")
    if retried:
        transaction.on_commit(lambda: _queue([[row.pk]]))
    return bool(retried)
