"""The local test channel: the demo chat page plays the provider, end to end."""

from __future__ import annotations

from django.urls import reverse

from retour.channels.models import LocalPhoneMessage
from retour.channels.types.local import body_for, sign

from .base import ChannelTestCase


class LocalChannelTests(ChannelTestCase):
    kind = "local"
    secrets = {"webhook_secret": "local-secret"}

    def test_forged_signature_is_refused(self):
        body = body_for(delivery_id="1", phone="p", text="hi")
        self.assertEqual(self.deliver(body).status_code, 401)
        bad = {"HTTP_X_RETOUR_SIGNATURE": sign("guess", body)}
        self.assertEqual(self.deliver(body, **bad).status_code, 403)
        self.assertEqual(LocalPhoneMessage.objects.count(), 0)

    def test_signed_delivery_reaches_the_phone_once(self):
        body = body_for(delivery_id="1", phone="p", text="hi")
        headers = {"HTTP_X_RETOUR_SIGNATURE": sign("local-secret", body)}
        self.deliver(body, **headers)
        self.deliver(body, **headers)
        (message,) = LocalPhoneMessage.objects.all()
        self.assertIn("Welcome", message.payload["text"])

    def test_chat_page_talks_to_the_bot(self):
        url = reverse("channels:local-chat", kwargs={"channel_uuid": self.channel.uuid})
        self.assertContains(self.client.get(url), "Say hello")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(url, {"text": "menu"})
        page = self.client.get(url)
        self.assertContains(page, "Talk to a counsellor")
        self.assertContains(page, 'name="choice" value="cmd:human"')
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(url, {"choice": "cmd:human", "label": "Talk to a counsellor"})
        self.assertContains(self.client.get(url), "will answer you here")

    def test_other_types_have_no_chat_page(self):
        from retour.channels.models import ChatChannel

        telegram = ChatChannel.objects.create(organisation=self.org, kind="telegram", name="t")
        url = reverse("channels:local-chat", kwargs={"channel_uuid": telegram.uuid})
        self.assertEqual(self.client.get(url).status_code, 404)
