"""Chat: questions about place get the nearest service points, by distance."""

from __future__ import annotations

import json

from retour.search.tests.factories import make_document

from .base import ChannelTestCase
from .test_telegram import SECRET, update


class PlaceInChatTests(ChannelTestCase):
    kind = "telegram"
    secrets = {"webhook_secret": "tg-secret", "bot_token": "123:abc"}

    def setUp(self):
        super().setUp()
        for city, lat, lon in (("Bergen", 60.3913, 5.3221), ("Antwerp", 51.2194, 4.4025)):
            make_document(
                organisation=self.org,
                title=f"Sample point {city}",
                kind="service_point",
                meta={"lat": lat, "lon": lon, "city": city, "languages": ["en"]},
            )

    def say(self, text: str, update_id: int) -> str:
        self.deliver(json.dumps(update(text, update_id=update_id)), **SECRET)
        return "\n".join(c.json["text"] for c in self.transport.calls)

    def test_named_place_in_native_script_gets_nearest_points_with_km(self):
        sent = self.say("وين القى مستشار في أنتويرب", 1)
        self.assertIn("Sample point Antwerp", sent)
        self.assertLess(sent.index("Sample point Antwerp"), sent.index("Sample point Bergen"))
        self.assertIn("service-points/?near=", sent)

    def test_no_place_asks_for_the_city_and_links_the_finder(self):
        sent = self.say("where is the nearest office?", 1)
        self.assertIn("tell me your city", sent)
        self.assertIn("/en/search/service-points/", sent)
        self.assertNotIn("Sample point", sent)

    def test_a_question_naming_a_place_gets_its_pages_before_the_points(self):
        # The API's order: pages first, then the nearest points. Naming a place is
        # not asking for an office (chat once listed the points alone here).
        make_document(
            organisation=self.org,
            title="Can I get my insulin after return?",
            summary="Sample answer: a counsellor checks how you keep getting your medicine.",
            body="insulin medicine diabetes treatment after return",
        )
        sent = self.say("insulin after return in antwerp", 1)
        self.assertIn("Can I get my insulin after return?", sent)
        self.assertIn("Sample point Antwerp", sent)
        self.assertLess(
            sent.index("Can I get my insulin after return?"), sent.index("Sample point Antwerp")
        )
