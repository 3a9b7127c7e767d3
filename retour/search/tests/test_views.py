import datetime

from django.core.cache import cache
from django.db import connection
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from retour.search import answers, backends
from retour.search.models import QueryLog
from retour.testing.factories import OrganisationFactory

from .factories import make_document


@override_settings(LANGUAGE_CODE="en")
class SearchPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Sample Counselling", slug="sample")
        cls.doc = make_document(
            organisation=cls.org,
            title="Can I get a cash grant?",
            summary="Sample: most programmes pay a small cash grant.",
        )
        cls.stale = make_document(
            organisation=cls.org,
            title="Old travel documents page",
            summary="Sample: travel documents.",
            last_verified=datetime.date(2020, 1, 1),
            review_by=datetime.date(2020, 6, 1),
        )
        cls.url = reverse("search:search")

    def test_empty_and_long_queries_get_a_clear_message_and_no_log(self):
        response = self.client.get(self.url, {"q": "  "})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Type a question", status_code=400)
        response = self.client.get(self.url, {"q": "a" * 501})
        self.assertContains(response, "too long", status_code=400)
        self.assertEqual(QueryLog.objects.count(), 0)

    def test_form_without_query_shows_no_error(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'role="alert"')

    def test_results_are_logged_without_personal_data_and_open_is_counted(self):
        # With a cold cache: country facets, terms df, the document count in the
        # locale (the weights' and the backend's, one cached query), candidates,
        # score columns, display rows, and the log insert in its savepoint. A
        # warm cache saves the first and third.
        # PostgreSQL adds one: its parser normalises the query terms (once per
        # process); and, as "cash" and "grant" are synonyms, one concept, it
        # matches in two tiers (title, then text): one more query per search.
        # The cleared cache also reloads the concept list (two queries: its
        # terms and the countries with a sheet, whose cities name them; then
        # once per process). The page then runs the answer path's search (the
        # answer kinds, as the API and chat) and the full list's: the second adds
        # terms df, candidates, score columns and display rows (PostgreSQL's
        # normalised terms are cached by then).
        cache.clear()
        backends.reset_caches()
        with self.assertNumQueries(15 + 3 * (connection.vendor == "postgresql")):
            response = self.client.get(self.url, {"q": "Cash GRANTS"})
        self.assertContains(response, "Can I get a cash grant?")
        self.assertContains(response, "Sample Counselling")
        log = QueryLog.objects.get()
        self.assertEqual((log.query, log.language, log.channel), ("cash grants", "en", "web"))
        self.assertTrue(log.answered)
        open_url = reverse("search:open", kwargs={"document_uuid": self.doc.uuid})
        response = self.client.get(open_url, {"log": str(log.uuid)})
        self.assertRedirects(response, self.doc.url, fetch_redirect_response=False)
        log.refresh_from_db()
        self.assertEqual(log.opened_document, self.doc)

    def test_open_with_garbage_log_still_redirects(self):
        open_url = reverse("search:open", kwargs={"document_uuid": self.doc.uuid})
        response = self.client.get(open_url, {"log": "not-a-uuid"})
        self.assertEqual(response.status_code, 302)

    def test_stale_page_carries_the_notice(self):
        response = self.client.get(self.url, {"q": "travel documents"})
        self.assertContains(response, "overdue for review")

    def test_page_has_no_inline_script_or_style(self):
        response = self.client.get(self.url, {"q": "grant"})
        body = response.content.decode()
        self.assertNotIn("<script>", body)
        self.assertNotIn("style=", body)


class AnswerApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Sample Counselling", slug="sample")
        cls.answer = make_document(
            organisation=cls.org,
            title="Who pays for the plane ticket?",
            summary="Sample: the programme pays the ticket.",
            review_by=datetime.date(2020, 6, 1),
            last_verified=datetime.date(2020, 1, 1),
        )
        cls.point = make_document(
            organisation=cls.org,
            title="Sample drop-in point Brussels",
            kind="service_point",
            summary="Sample service point.",
            meta={"lat": 50.85, "lon": 4.35, "city": "Brussels", "languages": ["en", "ar"]},
        )
        cls.url = reverse("api:answer")

    def test_bad_input_is_400_with_reason(self):
        for params in (
            {},
            {"q": ""},
            {"q": "x" * 501},
            {"q": "ticket", "lang": "xx"},
            {"q": "ticket", "country": "Iraq"},
            {"q": "ticket", "near": "x" * 101},
        ):
            response = self.client.get(self.url, params)
            self.assertEqual(response.status_code, 400, params)
            self.assertTrue(response.json(), params)

    def test_answer_with_provenance_and_stale_notice(self):
        data = self.client.get(self.url, {"q": "plane ticket", "lang": "en"}).json()
        self.assertTrue(data["answered"])
        first = data["answers"][0]
        self.assertEqual(first["answer"], "Sample: the programme pays the ticket.")
        self.assertEqual(first["organisation"]["name"], "Sample Counselling")
        self.assertEqual(first["revision_id"], self.answer.revision_id)
        self.assertTrue(first["url"].startswith("http://testserver/"))
        self.assertTrue(first["stale"])
        self.assertIn("due for review", first["stale_notice"])
        self.assertGreaterEqual(first["confidence"], 0.5)

    def test_message_and_stale_notice_are_in_the_askers_language(self):
        # English-only content asked about from the French site: the answer
        # is labelled as another language, the words around it are French.
        data = self.client.get(self.url, {"q": "plane ticket", "lang": "fr"}).json()
        first = data["answers"][0]
        self.assertTrue(first["other_language"])
        self.assertEqual(first["language"], "en")
        with translation.override("fr"):
            self.assertEqual(data["message"], translation.gettext("Reviewed answer found."))
            self.assertEqual(first["stale_notice"], answers.stale_notice(self.answer))
        self.assertNotIn("due for review", first["stale_notice"])

    def test_nothing_good_enough_offers_a_service_point(self):
        data = self.client.get(self.url, {"q": "divorce papers", "near": "Antwerp"}).json()
        self.assertFalse(data["answered"])
        self.assertEqual(data["answers"], [])
        self.assertEqual(data["service_point"]["title"], "Sample drop-in point Brussels")
        self.assertGreater(data["service_point"]["distance_km"], 30)
        self.assertFalse(QueryLog.objects.get().answered)


class ServicePointFinderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        org = OrganisationFactory(name="Sample Counselling", slug="sample")
        always = {d: [["00:00", "23:59"]] for d in ("mo", "tu", "we", "th", "fr", "sa", "su")}
        cls.brussels = make_document(
            organisation=org,
            title="Sample point Brussels",
            kind="service_point",
            meta={
                "lat": 50.85,
                "lon": 4.35,
                "city": "Brussels",
                "languages": ["fr", "ar"],
                "services": ["legal_aid"],
                "opening_hours": always,
            },
        )
        cls.liege = make_document(
            organisation=org,
            title="Sample point Liège",
            kind="service_point",
            meta={
                "lat": 50.63,
                "lon": 5.57,
                "city": "Liège",
                "languages": ["fr"],
                "services": ["health"],
                "opening_hours": {},
            },
        )

    def test_nearest_first_and_filters(self):
        url = reverse("search:service-points")
        response = self.client.get(url, {"near": "Namur"})
        body = response.content.decode()
        self.assertLess(body.index("Sample point Liège"), body.index("Sample point Brussels"))
        response = self.client.get(url, {"near": "50.85,4.35", "language": "ar"})
        self.assertContains(response, "Sample point Brussels")
        self.assertNotContains(response, "Sample point Liège")
        response = self.client.get(url, {"open_now": "1"})
        self.assertNotContains(response, "Sample point Liège")
        response = self.client.get(url, {"near": "Atlantis"})
        # The message is in the reader's language (the catalogues translate it): assert
        # that the unknown place is named in an error, not on one language's wording.
        self.assertContains(response, 'class="message error" role="alert"')
        self.assertContains(response, "Atlantis")


class SearchPageInReadersLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        org = OrganisationFactory(name="Sample Counselling", slug="sample-i18n")
        make_document(
            organisation=org,
            title="Kan ik een uitkering krijgen?",
            summary="Voorbeeldtekst.",
            locale="nl",
            country="AF",
        )

    def test_countries_are_named_in_the_readers_language(self):
        response = self.client.get("/ar/search/")
        self.assertContains(response, '<option value="AF" >أفغانستان</option>', html=False)
        response = self.client.get("/fr/search/")
        self.assertContains(response, "Afghanistan")

    def test_result_in_another_language_is_labelled_in_the_readers_language(self):
        response = self.client.get("/en/search/", {"q": "uitkering"})
        self.assertContains(response, "This page is in <bdi>Dutch</bdi>")
        self.assertContains(response, '<h3 lang="nl" dir="ltr">')

    def test_refusals_are_in_the_readers_language(self):
        with translation.override("fr"):
            expected = translation.gettext("Type a question or a few words to search.")
        response = self.client.get("/fr/search/", {"q": " "})
        self.assertContains(response, expected, status_code=400)


@override_settings(LANGUAGE_CODE="en")
class SearchPageOrderTests(TestCase):
    """The page shows the answer path's decision first (as the API and chat), then
    the other results; a type filter shows the ranked list of that type alone."""

    @classmethod
    def setUpTestData(cls):
        org = OrganisationFactory(name="Sample Counselling", slug="sample")
        cls.answer = make_document(organisation=org, title="Who pays for the plane ticket?")
        cls.point = make_document(
            organisation=org,
            title="Sample point: plane ticket desk",
            kind="service_point",
            meta={"lat": 50.85, "lon": 4.35, "city": "Brussels", "languages": ["en"]},
        )

    def test_answer_first_and_never_shown_twice(self):
        response = self.client.get("/en/search/", {"q": "who pays the plane ticket"})
        html = response.content.decode()
        self.assertEqual(html.count("Who pays for the plane ticket?</a>"), 1)
        self.assertLess(html.index("Who pays for the plane ticket?"), html.index("More results"))
        self.assertIn(self.point, [h.document for h in response.context["more"]])

    def test_a_type_filter_lists_that_type_alone(self):
        response = self.client.get("/en/search/", {"q": "plane ticket", "kind": "service_point"})
        self.assertNotIn("outcome", response.context)
        self.assertEqual([h.document for h in response.context["more"]], [self.point])
        self.assertEqual(QueryLog.objects.get().kind_filter, "service_point")
