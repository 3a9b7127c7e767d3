"""Reads of the channels app, scoped to one organisation."""

from __future__ import annotations

import datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from .models import (
    Author,
    ChatChannel,
    ChatMessage,
    Conversation,
    ConversationStatus,
    OutboxMessage,
    OutboxStatus,
    Rumour,
)


def inbox(org, *, show: str = "waiting") -> QuerySet[Conversation]:
    """Open conversations of ``org``, the ones waiting for a counsellor first."""
    first_question = (
        ChatMessage.objects.filter(conversation=OuterRef("pk"), author=Author.PERSON)
        .order_by("-created_at", "-id")
        .values("text")[:1]
    )
    rows = Conversation.objects.for_org(org).exclude(status=ConversationStatus.CLOSED)
    if show == "waiting":
        rows = rows.filter(status__in=[ConversationStatus.WAITING, ConversationStatus.COUNSELLOR])
    return (
        rows.select_related("channel")
        .annotate(last_question=Subquery(first_question), n_messages=Count("messages"))
        .order_by("-status", "-last_activity")
    )


def channels(org) -> QuerySet[ChatChannel]:
    return ChatChannel.objects.for_org(org).order_by("name")


def dead_letters(org) -> QuerySet[OutboxMessage]:
    return (
        OutboxMessage.objects.filter(channel__organisation=org, status=OutboxStatus.DEAD)
        .select_related("channel")
        .order_by("-created_at")
    )


def outbox_counts(org) -> dict[str, int]:
    return OutboxMessage.objects.filter(channel__organisation=org).aggregate(
        pending=Count("id", filter=Q(status=OutboxStatus.PENDING)),
        dead=Count("id", filter=Q(status=OutboxStatus.DEAD)),
    )


def rumour_counts(org, since: datetime.date) -> dict[tuple[str, str], int]:
    """{(language, channel): rumours marked since ``since``} of one organisation
    (registered with search's gap analytics in ChannelsConfig.ready)."""
    rows = (
        Rumour.objects.for_org(org)
        .filter(day__gte=since)
        .values("language", "channel")
        .annotate(n=Count("id"))
    )
    return {(row["language"], row["channel"]): row["n"] for row in rows}
