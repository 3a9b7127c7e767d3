"""Chat channels of an organisation, conversations, the outbox and rumours.

What is kept, and for how long (see README.md):

* A sender is a keyed hash (privacy.sender_hash); the address needed to reply
  (chat id, phone number) is encrypted with the field keys and wiped when the
  conversation closes.
* Message text lives only while a conversation is open; closing it deletes
  the messages. Retention (ChatSettings.retention_days, per organisation)
  closes idle conversations and deletes closed ones (tasks.retention_run).
* A Delivery row remembers that a provider's delivery id was processed, so a
  provider's retry is acknowledged and not answered twice. It holds no text.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from retour.core.crypto import EncryptedJSONField, EncryptedTextField
from retour.orgs.models import Organisation, OrgOwned


class ChannelKind(models.TextChoices):
    TELEGRAM = "telegram", _("Telegram")
    WHATSAPP = "whatsapp", _("WhatsApp Cloud API")
    RAPIDPRO = "rapidpro", _("RapidPro / TextIt")
    SMS = "sms", _("SMS (Twilio-compatible)")
    LOCAL = "local", _("Local test chat")


class ChatChannel(OrgOwned):
    """One bot account of an organisation on one provider."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("type"), max_length=12, choices=ChannelKind.choices)
    name = models.CharField(_("name"), max_length=120)
    # Tokens, app secrets: encrypted at rest like case fields; never shown back.
    secrets = EncryptedJSONField(_("secrets"), default=dict, blank=True)
    # Non-secret settings of the type (phone number id, sender number, …).
    config = models.JSONField(default=dict, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # The channel behind the legacy /channels/<type>/ URLs, whose secrets come
    # from RETOUR_<TYPE>_* settings instead of the database.
    from_environment = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ChannelKind.values), name="chatchannel_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(from_environment=True),
                name="chatchannel_one_env_per_kind",
            ),
        ]
        permissions = [("manage_chatchannel", "Can configure chat channels")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class ChatSettings(models.Model):
    """Per-organisation chat settings: how long conversations are kept."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="chat_settings"
    )
    retention_days = models.PositiveSmallIntegerField(
        _("keep conversations for (days)"),
        default=30,
        help_text=_("Idle conversations are closed and their messages deleted after this."),
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(retention_days__gte=1) & Q(retention_days__lte=365),
                name="chatsettings_retention_range",
            )
        ]

    def __str__(self) -> str:
        return f"chat settings of {self.organisation}"


class Delivery(models.Model):
    """A provider delivery already processed (Telegram update_id, WhatsApp message id…)."""

    channel = models.ForeignKey(ChatChannel, on_delete=models.CASCADE, related_name="+")
    provider_id = models.CharField(max_length=200)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    # RapidPro reads its reply from the webhook response: a replay gets the same.
    response = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "provider_id"], name="delivery_unique_per_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel_id}:{self.provider_id}"


class ConversationStatus(models.TextChoices):
    BOT = "bot", _("Answered by the bot")
    WAITING = "waiting", _("Waiting for a counsellor")
    COUNSELLOR = "counsellor", _("With a counsellor")
    CLOSED = "closed", _("Closed")


class Conversation(OrgOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.ForeignKey(ChatChannel, on_delete=models.CASCADE, related_name="+")
    sender = models.CharField(max_length=64, db_index=True)  # keyed hash, never the number
    address = EncryptedTextField(blank=True)  # to reply; wiped on close
    account = models.CharField(max_length=64, blank=True)  # e.g. WhatsApp phone_number_id
    language = models.CharField(max_length=12, default="en")
    status = models.CharField(
        max_length=12, choices=ConversationStatus.choices, default=ConversationStatus.BOT
    )
    # Either "" or "language": a pending menu the next number answers.
    awaiting = models.CharField(max_length=12, blank=True)
    # Search documents offered as numbered choices (their uuids, in order).
    choices = models.JSONField(default=list, blank=True)
    # Why the bot handed over: "no_answer" or "asked".
    handoff_reason = models.CharField(max_length=12, blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    last_activity = models.DateTimeField(default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ConversationStatus.values), name="conversation_status_valid"
            ),
            # One open conversation per sender and channel.
            models.UniqueConstraint(
                fields=["channel", "sender"],
                condition=~Q(status="closed"),
                name="conversation_one_open_per_sender",
            ),
        ]
        permissions = [("reply_conversation", "Can answer chat conversations")]

    def __str__(self) -> str:
        return f"conversation {self.uuid} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status != ConversationStatus.CLOSED


class Author(models.TextChoices):
    PERSON = "person", _("Person")
    BOT = "bot", _("Bot")
    COUNSELLOR = "counsellor", _("Counsellor")


class ChatMessage(models.Model):
    """Text of an open conversation; deleted with it when it closes."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.CharField(max_length=12, choices=Author.choices)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    # The counsellor who wrote it (counsellor replies only).
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(author__in=Author.values), name="chatmessage_author_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:30]}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    DEAD = "dead", _("Failed (dead letter)")


class OutboxMessage(models.Model):
    """A reply to deliver. The row is the durable record: tasks only attempt it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.ForeignKey(ChatChannel, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        Conversation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    address = EncryptedTextField(blank=True)  # wiped once sent
    account = models.CharField(max_length=64, blank=True)
    # {"text": "...", "choices": [{"id": "1", "title": "...", "description": "..."}]};
    # encrypted because a counsellor's reply is personal; emptied once sent.
    payload = EncryptedJSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # While SENDING: until when the attempt holds the row (a dead worker's
    # claim expires and the sweep makes the row due again).
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    provider_message_id = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=OutboxStatus.values), name="outbox_status_valid"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"outbox {self.uuid} ({self.status})"


class Rumour(OrgOwned):
    """A question that repeats misinformation, linked to the page that corrects it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The claim in a counsellor's words (scrubbed of numbers and addresses).
    claim = models.CharField(_("claim"), max_length=300)
    language = models.CharField(max_length=12)
    channel = models.CharField(max_length=12, choices=ChannelKind.choices)
    corrected_by = models.ForeignKey(
        "search.SearchDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("corrected by"),
    )
    day = models.DateField(default=timezone.localdate, db_index=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=ChannelKind.values), name="rumour_channel_valid"
            )
        ]

    def __str__(self) -> str:
        return self.claim[:60]


class LocalPhoneMessage(models.Model):
    """The phone of the local test channel: what its "provider" delivered.

    ``phone`` is a random id the demo chat page gives each browser session,
    never a person's number; rows are deleted by the retention job after a day.
    """

    channel = models.ForeignKey(ChatChannel, on_delete=models.CASCADE, related_name="+")
    phone = models.CharField(max_length=64, db_index=True)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"to {self.phone}"
