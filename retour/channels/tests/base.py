"""Shared set-up for the channel tests: an organisation with reviewed answers,
channels with known secrets, the fake provider transport, and helpers that
drive the real webhook and then run what the outbox queued after commit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse

from retour.channels.models import ChannelKind, ChatChannel
from retour.channels.types.transport import get_transport
from retour.search.tests.factories import make_document
from retour.testing.base import TenantMixin

PAYLOADS = Path(__file__).parent / "payloads"
TRANSPORT = "retour.channels.types.transport.FakeTransport"


def payload(name: str) -> dict:
    return json.loads((PAYLOADS / f"{name}.json").read_text())


@override_settings(
    RETOUR_CHANNEL_TRANSPORT=TRANSPORT,
    RETOUR_CHANNEL_RATE=(50, 60),
    RETOUR_PUBLIC_BASE_URL="https://retour.example.org",
)
class ChannelTestCase(TenantMixin, TestCase):
    channel: Any  # set in setUpTestData/setUp
    kind: str = ChannelKind.TELEGRAM
    secrets: dict = {}
    config: dict = {}

    @classmethod
    def setUpTestData(cls):
        cls.setup_tenants()
        cls.org = cls.org_a
        cls.ticket = make_document(
            organisation=cls.org,
            title="Who pays for the plane ticket?",
            summary="Sample answer: the return programme pays the plane ticket.",
        )
        cls.ar = make_document(
            organisation=cls.org,
            title="هل يمكنني الحصول على منحة نقدية عند العودة؟",
            summary="نص تجريبي: معظم البرامج تدفع منحة نقدية صغيرة.",
            locale="ar",
        )
        cls.fa = make_document(
            organisation=cls.org,
            title="کمک مالی برای بازگشت",
            summary="نمونه: بیشتر برنامه‌ها کمک مالی کوچکی می‌پردازند.",
            locale="fa",
        )
        cls.channel = ChatChannel.objects.create(
            organisation=cls.org, kind=cls.kind, name="Test", secrets=cls.secrets, config=cls.config
        )

    def setUp(self):
        cache.clear()
        self.transport = get_transport()
        self.transport.reset()

    @property
    def url(self) -> str:
        return reverse(
            "channels:webhook",
            kwargs={"kind": self.channel.kind, "channel_uuid": self.channel.uuid},
        )

    def deliver(self, body: bytes | str, *, content_type="application/json", **headers):
        """POST to the webhook as the provider would, then run the queued sends."""
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url, body, content_type=content_type, **headers)

    def sent_json(self) -> list[dict]:
        return [c.json or c.data for c in self.transport.calls]
