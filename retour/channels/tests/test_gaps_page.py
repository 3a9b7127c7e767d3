"""Chat gaps on the admin's dissemination-gap page: unanswered chat questions
and rumours, by language and channel, for the organisation's own staff."""

from __future__ import annotations

import csv
import io
import json

from django.urls import reverse

from retour.channels import services
from retour.channels.models import Conversation
from retour.orgs.models import Role

from .base import ChannelTestCase
from .test_telegram import SECRET, update


class ChatGapsPageTests(ChannelTestCase):
    kind = "telegram"
    secrets = {"webhook_secret": "tg-secret", "bot_token": "123:abc"}

    def setUp(self):
        super().setUp()
        # Unanswered questions count in the languages the organisation serves.
        self.org.languages = ["en", "fr", "ar"]
        self.org.save(update_fields=["languages"])
        # Two questions the bot cannot answer, in English and in Arabic…
        for n, (text, lang) in enumerate(
            [
                ("Can I bring my pet parrot?", "en"),  # nothing in the fixture is near it
                ("ما اسم أطول نهر في قارة أفريقيا؟", "ar"),  # nothing in the demo is near it
            ],
            start=1,
        ):
            self.deliver(json.dumps(update(text, update_id=n, chat=100 + n, lang=lang)), **SECRET)
        # …and a rumour a counsellor marked on the Arabic conversation.
        conv = Conversation.objects.get(language="ar")
        services.rumour_mark(
            actor=self.user(Role.CASEWORKER),
            conversation=conv,
            claim="Returnees must pay the ticket back",
            corrected_by=self.ticket,
        )

    def page(self, role=Role.ANALYST, org="a"):
        return self.client_for(self.user(role, org)).get(reverse("search_admin:gaps"))

    def test_gaps_page_shows_chat_gaps_by_language_and_channel(self):
        response = self.page()
        self.assertEqual(response.status_code, 200)
        rows = response.context["chat_gaps"]
        cells = {(g.language, g.channel): (g.unanswered, g.rumours) for g, _name in rows}
        self.assertEqual(cells, {("en", "telegram"): (1, 0), ("ar", "telegram"): (1, 1)})
        self.assertEqual(rows[0][0].language, "ar")  # most gaps first
        self.assertContains(response, "Chat: unanswered questions and rumours")
        self.assertContains(response, '<span lang="ar">العربيّة</span> (ar)', html=True)
        self.assertContains(response, "<td>Telegram</td>", html=True)

    def test_chat_gaps_csv(self):
        client = self.client_for(self.user(Role.EDITOR))
        response = client.get(reverse("search_admin:gaps-csv"), {"table": "chat"})
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        self.assertEqual(rows[0], ["language", "channel", "unanswered_questions", "rumours"])
        self.assertEqual(
            sorted(rows[1:]), [["ar", "telegram", "1", "1"], ["en", "telegram", "1", "0"]]
        )

    def test_another_organisation_sees_none_of_the_rumours(self):
        # Rumours are the marking organisation's own; unanswered questions are
        # everyone's who serves the language (Bravo serves en and fr, not ar).
        response = self.page(org="b")
        self.assertEqual(response.status_code, 200)
        self.assertEqual([g for g, _name in response.context["chat_gaps"] if g.rumours], [])
        self.assertContains(response, "Chat: unanswered questions and rumours")
