"""Questions about place: detection in every launch language, the gazetteer,
distance ranking, the answer path's fallback, the API and the finder page."""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from retour.search import answers, place
from retour.search.gazetteer import gazetteer, haversine_km
from retour.search.models import Channel
from retour.search.outcome import Outcome
from retour.testing.factories import OrganisationFactory

from .factories import make_document

SERVED = frozenset({"BE", "NO"})


class PlaceDetectionTests(SimpleTestCase):
    """No database: the served countries are given."""

    def detect(self, q: str) -> place.PlaceQuery:
        return place.place_query_detect(q, served=SERVED)

    def test_named_places_in_every_launch_language_and_script(self):
        cases = {
            "where i find counselor in antwerpen for return": "Antwerp",
            "c'est où le bureau pour le retour à Anvers ?": "Antwerp",
            "waar kan ik praten met iemand over terugkeer in gent": "Gent",
            "hvor kan jeg snakke med noen om retur i oslo": "Oslo",
            "wo ist rückkehrberatung in köln": "Köln",
            "أين أجد مستشارا في أنتويرب": "Antwerp",
            "وين القى مستشار للعودة الطوعية ببروكسل": "Brussels",
            "کجا میتونم با یه مشاور حرف بزنم در آنتورپ": "Antwerp",
            "مشوره ورکوونکی په بروکسل کې چېرته دی": "Brussels",
            "xagee ka heli karaa qof ku caawiya ku antwerpen": "Antwerp",
            "где найти консультанта в Антверпене": "Antwerp",
            "ku ta gjej nje keshilltar per kthim ne bruksel": "Brussels",
            "counsellor kahan milega antwerpen mein": "Antwerp",
            "ምኽሪ ዝህብ ሰብ ኣብ Liège ኣበይ ክረክብ": "Liège",
            "LIEGE": "Liège",
        }
        for q, city in cases.items():
            with self.subTest(q=q):
                found = self.detect(q)
                self.assertIsNotNone(found.city, q)
                self.assertEqual(found.city.name, city)
                self.assertTrue(found.is_place_question)

    def test_ambiguous_names_prefer_served_countries_then_size(self):
        # Bergen (Norway, 290,000 people) and Bergen (Netherlands, 30,000).
        self.assertEqual(self.detect("help in bergen").city.country, "NO")
        self.assertEqual(
            place.place_query_detect("help in bergen", served=frozenset({"NL"})).city.country,
            "NL",
        )

    def test_where_without_a_place(self):
        for q in (
            "where can I find a counsellor near me?",
            "مشوره ورکوونکی چېرته پیدا کړم",
            "ምኽሪ ዝህብ ሰብ ኣበይ ክረክብ እኽእል",
            "xagee ka heli karaa qof ila hadla",
            "где найти консультанта",
            "نزدیک‌ترین دفتر کجاست",
        ):
            with self.subTest(q=q):
                found = self.detect(q)
                self.assertTrue(found.asks_where)
                self.assertIsNone(found.city)

    def test_common_words_and_codes_are_not_places(self):
        for q in (
            "in most cases who pays the ticket",  # Most, Czechia
            "le billet d avion cest gratuit ou je dois payer",  # Avion, France; "ou" = or
            "hvor mye penger får jeg hvis jeg reiser hjem",  # "hvor mye" = how much
            "fikk endelig avslag fra une hvor lang tid har jeg",  # FRA, an airport code
            "how long it take from i say yes until the flight",
            "وضع الامن في بغداد حاليا",  # Baghdad is not in the European gazetteer
            "can I get a cash grant for my business",
        ):
            with self.subTest(q=q):
                self.assertIsNone(self.detect(q).city)

    def test_unknown_place_message_is_in_the_readers_language(self):
        with translation.override("fr"), self.assertRaises(place.PlaceError) as ctx:
            place.place_resolve("Atlantis")
        self.assertIn("Atlantis", str(ctx.exception))
        with translation.override("fr"):
            expected = translation.gettext(
                "We don't know the place “%(place)s”. Try a nearby city or coordinates."
            )
        self.assertEqual(str(ctx.exception), expected % {"place": "Atlantis"})

    def test_suggestions_for_typos(self):
        names = [c.name for c in place.place_suggestions("Antwrep")]
        self.assertIn("Antwerp", names)
        self.assertEqual(place.place_suggestions("a"), [])

    def test_gazetteer_distance_is_great_circle(self):
        antwerp = gazetteer().lookup("Antwerpen")[0]
        brussels = gazetteer().lookup("Bruxelles")[0]
        self.assertAlmostEqual(
            haversine_km(antwerp.lat, antwerp.lon, brussels.lat, brussels.lon), 41.3, delta=1.5
        )


def _point(org, city: str, lat: float, lon: float, **kw):
    return make_document(
        organisation=org,
        title=f"Sample point {city}",
        kind="service_point",
        summary="Sample service point.",
        meta={"lat": lat, "lon": lon, "city": city, "languages": ["en"]},
        **kw,
    )


@override_settings(LANGUAGE_CODE="en")
class NearestAndAnswerTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Sample Counselling", slug="sample-place")
        key = uuid.uuid4()
        cls.brussels = _point(cls.org, "Brussels", 50.8467, 4.3525, translation_key=key)
        cls.brussels_ar = make_document(
            organisation=cls.org,
            title="نقطة خدمة بروكسل",
            kind="service_point",
            locale="ar",
            meta={"lat": 50.8467, "lon": 4.3525, "city": "Brussels", "languages": ["ar"]},
            translation_key=key,
        )
        cls.antwerp = _point(cls.org, "Antwerp", 51.2194, 4.4025)
        cls.bergen = _point(cls.org, "Bergen", 60.3913, 5.3221)
        cls.ghent = _point(cls.org, "Ghent", 51.0543, 3.7174)
        make_document(
            organisation=cls.org,
            title="Who pays for the plane ticket?",
            summary="Sample: the programme pays the ticket.",
        )

    def test_ranked_by_distance_one_entry_per_point_in_the_readers_language(self):
        found = place.service_points_nearest(lat=51.2194, lon=4.4025, lang="ar", limit=10)
        self.assertEqual(
            [n.document.meta["city"] for n in found], ["Antwerp", "Brussels", "Ghent", "Bergen"]
        )
        self.assertEqual(found[1].document, self.brussels_ar)
        self.assertFalse(found[1].other_language)
        self.assertTrue(found[0].other_language)  # only described in English
        self.assertAlmostEqual(found[1].distance_km, 41.3, delta=1)
        self.assertAlmostEqual(found[2].distance_km, 50.5, delta=1.5)
        self.assertGreater(found[3].distance_km, 1000)
        fr = place.service_points_nearest(lat=51.2194, lon=4.4025, lang="fr", limit=10)
        self.assertEqual(fr[1].document, self.brussels)  # the default language's version

    def test_place_question_gets_the_nearest_point_in_native_script(self):
        for q in ("أين أجد مستشارا في أنتويرب", "کجا مشاور پیدا کنم در آنتورپ"):
            with self.subTest(q=q):
                outcome = answers.answer(q, lang="ar", channel=Channel.API)
                self.assertEqual(outcome.where.city.name, "Antwerp")
                self.assertEqual(outcome.service_point.document, self.antwerp)
                self.assertEqual(outcome.service_points[1].document, self.brussels_ar)
                self.assertEqual(outcome.service_points[2].document, self.ghent)

    def test_resolve_near(self):
        self.assertEqual(place.place_resolve("50.85, 4.35").lat, 50.85)
        self.assertEqual(place.place_resolve("Antwerpen, Belgium").city.name, "Antwerp")
        self.assertEqual(place.place_resolve("آنتورپ").city.name, "Antwerp")
        for bad in ("", "91,4", "Atlantis"):
            with self.subTest(bad=bad), self.assertRaises(place.PlaceError):
                place.place_resolve(bad)

    def test_no_place_no_point(self):
        # Nothing answers this and no place is known: no random point.
        outcome = answers.answer("divorce papers", lang="en", channel=Channel.API)
        self.assertFalse(outcome.answered)
        self.assertIsNone(outcome.service_point)
        self.assertEqual(outcome.service_points, [])

    def test_api_near_and_place_in_question(self):
        url = reverse("api:answer")
        data = self.client.get(url, {"q": "divorce papers", "near": "Antwerpen"}).json()
        self.assertEqual(data["service_point"]["city"], "Antwerp")
        self.assertLess(data["service_point"]["distance_km"], 1)
        self.assertEqual(data["place"]["city"], "Antwerp")
        self.assertEqual(data["place_message"], "")
        self.assertIn("/en/search/service-points/?near=Antwerpen", data["finder_url"])
        # The question's place beats where the asker is.
        data = self.client.get(url, {"q": "help in Bergen", "near": "Antwerpen"}).json()
        self.assertEqual(data["service_points"][0]["city"], "Bergen")
        self.assertTrue(data["place_question"])

    def test_api_unknown_or_missing_place_says_so_and_links_the_finder(self):
        url = reverse("api:answer")
        data = self.client.get(url, {"q": "divorce papers", "near": "Atlantis", "lang": "fr"})
        self.assertEqual(data.status_code, 200)
        data = data.json()
        self.assertIsNone(data["service_point"])
        self.assertIsNone(data["place"])
        self.assertIn("Atlantis", data["place_message"])
        data = self.client.get(url, {"q": "where is the nearest office?"}).json()
        self.assertIsNone(data["service_point"])
        self.assertTrue(data["place_question"])
        self.assertIn("don't know where you are", data["place_message"])
        self.assertTrue(data["finder_url"].endswith("/en/search/service-points/"))

    def test_answered_question_about_something_else_gets_no_points(self):
        data = self.client.get(
            reverse("api:answer"), {"q": "who pays the plane ticket", "near": "Antwerpen"}
        ).json()
        self.assertTrue(data["answered"])
        self.assertEqual(data["service_points"], [])
        self.assertIn("near=Antwerpen", data["finder_url"])

    def test_finder_page_sorts_by_distance_from_a_native_script_name(self):
        response = self.client.get("/fa/search/service-points/", {"near": "آنتورپ"})
        body = response.content.decode()
        self.assertLess(body.index("Sample point Antwerp"), body.index("Sample point Ghent"))
        self.assertLess(body.index("Sample point Ghent"), body.index("Sample point Bergen"))
        self.assertIn('class="distance"', body)
        self.assertIn('dir="rtl"', body)

    def test_finder_page_unknown_place_suggests_and_no_place_says_so(self):
        url = "/en/search/service-points/"
        response = self.client.get(url, {"near": "Antwrep"})
        self.assertContains(response, "know the place")
        self.assertContains(response, "?near=Antwerp")
        response = self.client.get(url)
        self.assertContains(response, "know where you are")
        self.assertContains(response, '<option value="Antwerp">', html=False)
        self.assertContains(response, "retour/finder.js")


@override_settings(LANGUAGE_CODE="en")
class OfficeQuestionTests(TestCase):
    """ "Is there an office in Antwerp?" asks for a point, one that offers what
    the question is after (return counselling unless it names another service)."""

    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Sample Offices", slug="sample-offices")

        def point(city, lat, lon, services):
            return make_document(
                organisation=cls.org,
                title=f"Sample point {city}",
                kind="service_point",
                country="NO" if lat > 55 else "BE",
                summary="Sample service point.",
                meta={"lat": lat, "lon": lon, "city": city, "services": services},
            )

        cls.brussels = point("Brussels", 50.8467, 4.3525, ["return_counselling"])
        cls.antwerp = point("Antwerp", 51.2194, 4.4025, ["drop_in"])
        cls.oslo = point("Oslo", 59.9139, 10.7522, ["shelter", "drop_in"])
        cls.bergen = point("Bergen", 60.3913, 5.3221, ["return_counselling"])
        for title in (
            "Can I get help to return home?",
            "How long does it take to organise a return?",
            "Can my baby travel with me when I return?",
        ):
            make_document(organisation=cls.org, title=title, summary="Sample answer.")

    def setUp(self):
        cache.clear()  # a fresh concept generation per test

    def test_office_question_gets_the_nearest_point_with_return_counselling_first(self):
        outcome = answers.answer(
            "is there an office in antwerp where i can talk about return",
            lang="en",
            channel=Channel.API,
        )
        self.assertEqual(outcome.service_point.document, self.brussels)
        # The pages that only share "return" are not offered before it.
        self.assertEqual(outcome.kind, Outcome.NONE)
        self.assertEqual(outcome.answers, [])

    def test_the_service_a_question_names_picks_the_point(self):
        outcome = answers.answer(
            "where can i sleep tonight in oslo", lang="en", channel=Channel.API
        )
        self.assertEqual(outcome.service_point.document, self.oslo)

    def test_a_city_named_for_another_reason_keeps_the_pages(self):
        outcome = answers.answer(
            "my baby was born in antwerp can she travel with me when i return",
            lang="en",
            channel=Channel.API,
        )
        self.assertTrue(outcome.answers)
        self.assertNotEqual(outcome.kind, Outcome.NONE)

    def test_an_office_word_next_to_a_bare_city_name_is_a_place_question(self):
        # Somali "xafiis oslo" (office Oslo): no "in", no "where".
        outcome = answers.answer("xafiis oslo", lang="so", channel=Channel.API)
        self.assertEqual(outcome.where.city.name, "Oslo")
        self.assertEqual(outcome.service_point.document, self.bergen)  # return counselling

    def test_opening_hours_next_to_a_city_get_the_nearest_point(self):
        # Hours are on the points' pages only ("apningstider": opening hours).
        outcome = answers.answer("apningstider trondheim", lang="no", channel=Channel.API)
        self.assertEqual(outcome.where.city.name, "Trondheim")
        self.assertEqual(outcome.service_point.document, self.bergen)
        self.assertEqual(outcome.answers, [])

    def test_a_complaint_about_a_counsellor_in_a_city_keeps_the_pages(self):
        complaint = make_document(
            organisation=self.org,
            title="How can I complain about a service?",
            summary="Ask the service point first (sample).",
        )
        outcome = answers.answer(
            "i want to complain about the counsellor in antwerp", lang="en", channel=Channel.API
        )
        # The only page is below the answer bar here, so the outcome may be
        # "none"; what matters is that the question is not read as one for an office.
        self.assertEqual(outcome.result.best.document, complaint)
        named = answers.concept_names("i want to complain about the counsellor in antwerp", "en")
        self.assertFalse(answers.asks_for_office(outcome, named))
