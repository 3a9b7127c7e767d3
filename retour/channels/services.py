"""Writes of the channels app: channel configuration, counsellor actions, retention.

Every function is a ``@service`` (atomic, keyword-only) and records an audit
event. Audit details never hold message text or addresses.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from retour.core.actors import Actor, SystemActor
from retour.core.audit import record, service
from retour.orgs import policy
from retour.orgs.models import Organisation

from . import outbox
from .models import (
    Author,
    ChatChannel,
    ChatMessage,
    ChatSettings,
    Conversation,
    ConversationStatus,
    Delivery,
    LocalPhoneMessage,
    OutboxMessage,
    OutboxStatus,
    Rumour,
)
from .types import Outgoing, get

# What the dialogue reads of a channel (the welcome names the organisation and
# its retention), loaded with it in one query by the webhook.
CHANNEL_RELATED = ("organisation", "organisation__chat_settings")
DELIVERY_DAYS = 14  # providers retry for at most 7 days (WhatsApp)
SCRUB = re.compile(r"\S+@\S+|\+?\d[\d\s-]{4,}\d")


def _require(actor: Actor, perm: str, organisation) -> None:
    policy.require_actor(actor, perm, org=organisation)


@service
def chat_channel_save(
    *,
    actor: Actor,
    organisation: Organisation,
    kind: str,
    name: str,
    secrets: dict[str, str],
    config: dict[str, str] | None = None,
    is_active: bool = True,
    channel: ChatChannel | None = None,
) -> ChatChannel:
    """Create or update a channel. A blank secret keeps the stored one."""
    _require(actor, "channels.manage_chatchannel", organisation)
    ctype = get(kind)
    channel = channel or ChatChannel(organisation=organisation, kind=kind)
    if channel.organisation_id != organisation.pk or channel.kind != kind:
        raise ValidationError("A channel keeps its organisation and type.")
    stored = dict(channel.secrets or {})
    for spec in ctype.secrets:
        value = (secrets.get(spec.name) or "").strip()
        if value:
            stored[spec.name] = value
    channel.name, channel.secrets, channel.is_active = name.strip()[:120], stored, is_active
    allowed = {key for key, _label in ctype.config_fields}
    channel.config = {k: str(v).strip() for k, v in (config or {}).items() if k in allowed and v}
    channel.save()
    record(
        actor=actor,
        action="channels.channel_save",
        obj=channel,
        # Which secrets are set, never their values.
        detail={"kind": kind, "secrets_set": sorted(stored), "active": is_active},
    )
    return channel


def environment_channel(kind: str) -> ChatChannel | None:
    """The channel behind the legacy /channels/<type>/ URL, secrets from RETOUR_* settings.

    Owned by the organisation named in RETOUR_CHANNEL_ORGANISATION (a slug);
    created on first use. None when that setting names no organisation.
    """
    found = (
        ChatChannel.objects.select_related(*CHANNEL_RELATED)
        .filter(kind=kind, from_environment=True)
        .first()
    )
    if found is not None:
        return found
    slug = getattr(settings, "RETOUR_CHANNEL_ORGANISATION", "")
    org = Organisation.objects.filter(slug=slug).first() if slug else None
    if org is None:
        return None
    try:
        with transaction.atomic():
            return ChatChannel.objects.create(
                organisation=org, kind=kind, name=f"{kind} (environment)", from_environment=True
            )
    except IntegrityError:  # another request created it first
        return ChatChannel.objects.get(kind=kind, from_environment=True)


@service
def conversation_reply(*, actor: Actor, conversation: Conversation, text: str) -> ChatMessage:
    """A counsellor's reply, sent through the conversation's own channel."""
    policy.require_actor(actor, "channels.reply_conversation", obj=conversation)
    text = text.strip()
    if not text:
        raise ValidationError("Write a reply first.")
    if not conversation.is_open or not conversation.address:
        raise ValidationError("This conversation is closed; the person can write again.")
    limit = get(conversation.channel.kind).max_length
    message = ChatMessage.objects.create(
        conversation=conversation,
        author=Author.COUNSELLOR,
        text=text[:limit],
        written_by=actor if not isinstance(actor, SystemActor) else None,
    )
    outbox.enqueue(
        channel=conversation.channel,
        conversation=conversation,
        messages=[
            Outgoing(address=conversation.address, text=text[:limit], account=conversation.account)
        ],
    )
    conversation.status = ConversationStatus.COUNSELLOR
    conversation.last_activity = timezone.now()
    conversation.save(update_fields=["status", "last_activity"])
    record(actor=actor, action="channels.conversation_reply", obj=conversation)
    return message


def _close(conversation: Conversation) -> None:
    conversation.messages.all().delete()
    conversation.status = ConversationStatus.CLOSED
    conversation.address = ""
    conversation.choices = []
    conversation.closed_at = timezone.now()
    conversation.save(update_fields=["status", "address", "choices", "closed_at"])


@service
def conversation_close(*, actor: Actor, conversation: Conversation) -> Conversation:
    """Close and delete the text: what was said is not kept after the conversation."""
    policy.require_actor(actor, "channels.reply_conversation", obj=conversation)
    _close(conversation)
    record(actor=actor, action="channels.conversation_close", obj=conversation)
    return conversation


@service
def conversation_short_answer_draft(
    *, actor: Actor, conversation: Conversation, message: ChatMessage
):
    """Turn a counsellor's reply into a draft short answer, submitted to review.

    The question is the person's last message before the reply, scrubbed of
    numbers and addresses. The page goes through the portal's own service and
    workflow, so nothing is published without a reviewer.
    """
    from retour.search.services import gap_draft_create

    policy.require_actor(actor, "channels.reply_conversation", obj=conversation)
    if message.conversation_id != conversation.pk or message.author != Author.COUNSELLOR:
        raise ValidationError("Pick one of the counsellors' replies in this conversation.")
    asked = (
        conversation.messages.filter(author=Author.PERSON, created_at__lte=message.created_at)
        .order_by("-created_at", "-id")
        .first()
    )
    question = SCRUB.sub("…", asked.text if asked else "")
    page = gap_draft_create(
        actor=actor,
        organisation=conversation.organisation,
        question=question,
        language=conversation.language,
    )
    page.answer = SCRUB.sub("…", message.text)[:700]
    revision = page.save_revision(user=actor)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, actor)
    record(
        actor=actor,
        action="channels.short_answer_draft",
        obj=page,
        organisation=conversation.organisation,
        detail={"conversation": str(conversation.uuid), "revision": revision.pk},
    )
    return page


@service
def rumour_mark(
    *, actor: Actor, conversation: Conversation, claim: str, corrected_by=None
) -> Rumour:
    """Record that the question repeats a rumour, and which page corrects it."""
    policy.require_actor(actor, "channels.reply_conversation", obj=conversation)
    claim = " ".join(SCRUB.sub("…", claim).split())[:300]
    if not claim:
        raise ValidationError("Say what the rumour claims.")
    if corrected_by is not None and corrected_by.organisation_id is None:
        corrected_by = None
    rumour = Rumour.objects.create(
        organisation=conversation.organisation,
        claim=claim,
        language=conversation.language,
        channel=conversation.channel.kind,
        corrected_by=corrected_by,
    )
    record(actor=actor, action="channels.rumour_mark", obj=rumour)
    return rumour


@service
def chat_settings_update(
    *, actor: Actor, organisation: Organisation, retention_days: int
) -> ChatSettings:
    _require(actor, "channels.manage_chatchannel", organisation)
    if not 1 <= retention_days <= 365:
        raise ValidationError("Keep conversations between 1 and 365 days.")
    settings_row, _created = ChatSettings.objects.update_or_create(
        organisation=organisation, defaults={"retention_days": retention_days}
    )
    record(
        actor=actor,
        action="channels.settings_update",
        obj=settings_row,
        organisation=organisation,
        detail={"retention_days": retention_days},
    )
    return settings_row


@service
def outbox_retry(*, actor: Actor, row: OutboxMessage) -> bool:
    """Send a dead letter again; False for one the provider had accepted
    (its text was wiped then: a counsellor has to write again)."""
    _require(actor, "channels.manage_chatchannel", row.channel.organisation)
    if not outbox.dead_letter_retry(row):
        return False
    record(
        actor=actor,
        action="channels.outbox_retry",
        organisation=row.channel.organisation,
        object_type="channels.outboxmessage",
        object_id=str(row.uuid),
    )
    return True


@service
def retention_run(*, actor: Actor, now: datetime.datetime | None = None) -> dict[str, int]:
    """Enforce every organisation's retention (scheduled daily)."""
    policy.require_actor(actor, "channels.manage_chatchannel", platform=True)
    now = now or timezone.now()
    days = dict(ChatSettings.objects.values_list("organisation_id", "retention_days"))
    counts = {"closed": 0, "deleted": 0}
    default = ChatSettings._meta.get_field("retention_days").default
    for org_id in set(Conversation.objects.values_list("organisation_id", flat=True)):
        cutoff = now - datetime.timedelta(days=days.get(org_id, default))
        idle = Conversation.objects.filter(organisation_id=org_id, last_activity__lt=cutoff)
        for conv in idle.exclude(status=ConversationStatus.CLOSED):
            _close(conv)
            counts["closed"] += 1
        deleted, _ = idle.filter(status=ConversationStatus.CLOSED, closed_at__lt=cutoff).delete()
        counts["deleted"] += deleted
    counts["deliveries"] = Delivery.objects.filter(
        received_at__lt=now - datetime.timedelta(days=DELIVERY_DAYS)
    ).delete()[0]
    counts["outbox"] = OutboxMessage.objects.filter(
        status__in=[OutboxStatus.SENT, OutboxStatus.DEAD],
        created_at__lt=now - datetime.timedelta(days=DELIVERY_DAYS),
    ).delete()[0]
    counts["local_phone"] = LocalPhoneMessage.objects.filter(
        created_at__lt=now - datetime.timedelta(days=1)
    ).delete()[0]
    record(actor=actor, action="channels.retention_run", object_type="channels", detail=counts)
    return counts
