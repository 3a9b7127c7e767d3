"""The counsellor inbox: who may see it, replying through the channel, rumours,
turning a reply into a reviewed short answer, closing, retention."""

from __future__ import annotations

import datetime
import json

from django.urls import reverse
from django.utils import timezone

from retour.channels import services
from retour.channels.models import (
    Author,
    ChatMessage,
    ChatSettings,
    Conversation,
    ConversationStatus,
    Delivery,
    Rumour,
)
from retour.core.actors import SystemActor
from retour.orgs.models import Role
from retour.search import analytics

from .base import ChannelTestCase
from .test_telegram import SECRET, update


class InboxTests(ChannelTestCase):
    kind = "telegram"
    secrets = {"webhook_secret": "tg-secret", "bot_token": "123:abc"}

    def ask(self, text: str, update_id: int = 1):
        return self.deliver(json.dumps(update(text, update_id=update_id)), **SECRET)

    def waiting(self) -> Conversation:
        self.ask("HUMAN", update_id=1)
        self.ask("Can I bring my pet parrot on the flight?", update_id=2)
        return Conversation.objects.get()

    def test_only_counsellors_of_the_owning_organisation_see_it(self):
        conv = self.waiting()
        url = reverse("channels_admin:conversation", kwargs={"conversation_uuid": conv.uuid})
        self.assert_roles(url, allowed={Role.ADMIN, Role.CASEWORKER})
        # The inbox itself is a list: each organisation sees its own, others' never.
        inbox = reverse("channels_admin:inbox")
        self.assertEqual(self.client_for(self.user(Role.EDITOR)).get(inbox).status_code, 403)
        other = self.client_for(self.user(Role.CASEWORKER, "b")).get(inbox)
        self.assertNotContains(other, "parrot")

    def test_inbox_shows_the_question_not_the_number(self):
        self.waiting()
        page = self.client_for(self.user(Role.CASEWORKER)).get(reverse("channels_admin:inbox"))
        self.assertContains(page, "Can I bring my pet parrot on the flight?")
        self.assertNotContains(page, "5123456789")

    def test_counsellor_reply_goes_out_through_the_same_channel(self):
        conv = self.waiting()
        self.assertEqual(conv.status, ConversationStatus.WAITING)
        self.transport.reset()
        client = self.client_for(self.user(Role.CASEWORKER))
        url = reverse("channels_admin:reply", kwargs={"conversation_uuid": conv.uuid})
        with self.captureOnCommitCallbacks(execute=True):
            client.post(url, {"text": "Hello, I can help. Which country?"})
        (call,) = self.transport.calls
        self.assertEqual(call.json["chat_id"], "5123456789")
        self.assertEqual(call.json["text"], "Hello, I can help. Which country?")
        conv.refresh_from_db()
        self.assertEqual(conv.status, ConversationStatus.COUNSELLOR)
        # While a counsellor has it, the bot stays quiet.
        self.transport.reset()
        self.ask("Afghanistan", update_id=3)
        self.assertEqual(self.transport.calls, [])
        page = client.get(
            reverse("channels_admin:conversation", kwargs={"conversation_uuid": conv.uuid})
        )
        self.assertContains(page, "Afghanistan")

    def test_rumour_is_marked_and_feeds_the_gaps(self):
        conv = self.waiting()
        client = self.client_for(self.user(Role.CASEWORKER))
        url = reverse("channels_admin:rumour", kwargs={"conversation_uuid": conv.uuid})
        client.post(
            url,
            {
                "claim": "Returnees must pay back 5000 EUR, call +32 470 00 00 01",
                "corrected_by": self.ticket.uuid,
            },
        )
        rumour = Rumour.objects.get()
        self.assertEqual(
            (rumour.corrected_by, rumour.channel, rumour.language), (self.ticket, "telegram", "en")
        )
        self.assertNotIn("470", rumour.claim)
        gaps = {(g.language, g.channel): g for g in analytics.chat_gaps(self.org)}
        self.assertEqual(gaps[("en", "telegram")].rumours, 1)

    def test_rumour_page_of_another_organisation_is_refused(self):
        from retour.search.tests.factories import make_document

        other = make_document(organisation=self.org_b, title="Bravo page", summary="x")
        conv = self.waiting()
        client = self.client_for(self.user(Role.CASEWORKER))
        url = reverse("channels_admin:rumour", kwargs={"conversation_uuid": conv.uuid})
        client.post(url, {"claim": "a rumour", "corrected_by": other.uuid})
        self.assertEqual(Rumour.objects.count(), 0)

    def test_reply_becomes_a_draft_short_answer_in_review(self):
        from retour.content import services as content_services
        from retour.content.models import ShortAnswerPage
        from retour.content.tests.factories import tree

        home, _indexes = tree()
        content_services.workflow_setup(home=home)
        conv = self.waiting()
        admin = self.user(Role.ADMIN)
        services.conversation_reply(
            actor=admin, conversation=conv, text="Yes: ask for the reintegration grant."
        )
        message = conv.messages.get(author=Author.COUNSELLOR)
        page = services.conversation_short_answer_draft(
            actor=admin, conversation=conv, message=message
        )
        page = ShortAnswerPage.objects.get(pk=page.pk)
        self.assertFalse(page.live)
        self.assertEqual(
            page.get_latest_revision().as_object().answer, "Yes: ask for the reintegration grant."
        )
        # The person's last message before the reply is the question.
        self.assertEqual(page.title, "Can I bring my pet parrot on the flight?")
        self.assertIsNotNone(page.current_workflow_state)  # submitted for review

    def test_close_deletes_the_text_and_the_address(self):
        conv = self.waiting()
        services.conversation_close(actor=self.user(Role.CASEWORKER), conversation=conv)
        conv.refresh_from_db()
        self.assertEqual((conv.status, conv.address), (ConversationStatus.CLOSED, ""))
        self.assertEqual(ChatMessage.objects.count(), 0)

    def test_another_organisations_counsellor_cannot_reply(self):
        from django.http import Http404

        conv = self.waiting()
        with self.assertRaises(Http404):
            services.conversation_reply(
                actor=self.user(Role.CASEWORKER, "b"), conversation=conv, text="x"
            )

    def test_retention_closes_idle_conversations_and_deletes_old_ones(self):
        ChatSettings.objects.create(organisation=self.org, retention_days=7)
        conv = self.waiting()
        Conversation.objects.filter(pk=conv.pk).update(
            last_activity=timezone.now() - datetime.timedelta(days=8)
        )
        actor = SystemActor.job("chat-retention")
        counts = services.retention_run(actor=actor)
        self.assertEqual(counts["closed"], 1)
        self.assertEqual(ChatMessage.objects.count(), 0)
        later = timezone.now() + datetime.timedelta(days=15)
        counts = services.retention_run(actor=actor, now=later)
        self.assertEqual((counts["deleted"], Conversation.objects.count()), (1, 0))
        self.assertEqual(Delivery.objects.count(), 0)

    def test_retention_refuses_a_plain_string_actor(self):
        with self.assertRaises(TypeError):
            services.retention_run(actor="cli:whatever")

    def test_channel_secrets_are_stored_encrypted_and_never_shown(self):
        admin = self.client_for(self.user(Role.ADMIN))
        url = reverse("channels_admin:channel-new", kwargs={"kind": "sms"})
        admin.post(
            url,
            {
                "name": "SMS",
                "is_active": "on",
                "secret_auth_token": "s3cret-token",
                "config_account_sid": "AC1",
            },
        )
        from django.db import connection

        from retour.channels.models import ChatChannel

        channel = ChatChannel.objects.get(kind="sms")
        self.assertEqual(channel.secrets, {"auth_token": "s3cret-token"})
        with connection.cursor() as cursor:
            cursor.execute("SELECT secrets FROM channels_chatchannel WHERE id = %s", [channel.pk])
            self.assertNotIn("s3cret-token", cursor.fetchone()[0])
        edit = reverse(
            "channels_admin:channel-edit", kwargs={"kind": "sms", "channel_uuid": channel.uuid}
        )
        self.assertNotContains(admin.get(edit), "s3cret-token")
        self.assertEqual(self.client_for(self.user(Role.CASEWORKER)).get(url).status_code, 403)
