import datetime

from django.urls import reverse
from django.utils import timezone

from retour.content.models import ShortAnswerPage
from retour.content.tests import factories as content
from retour.orgs.models import Role
from retour.search import engine
from retour.search.models import QueryLog
from retour.search.services import query_log_record
from retour.testing.base import TenantTestCase

from .factories import make_document

ALLOWED = {Role.ADMIN, Role.EDITOR, Role.REVIEWER, Role.ANALYST}


class GapAnalyticsTests(TenantTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.org_a.languages = ["en", "ar"]
        cls.org_a.save()
        today = timezone.localdate()
        cls.answer_a = make_document(organisation=cls.org_a, title="Who pays the plane ticket?")
        cls.stale_b = make_document(
            organisation=cls.org_b,
            title=f"Stale page of B {cls.canary if hasattr(cls, 'canary') else 'CANARY-B'}",
            last_verified=datetime.date(2020, 1, 1),
            review_by=datetime.date(2020, 6, 1),
        )
        cls.stale_a = make_document(
            organisation=cls.org_a,
            title="Old page of A",
            last_verified=datetime.date(2020, 1, 1),
            review_by=datetime.date(2020, 6, 1),
        )
        for q, lang, n in (
            ("plane ticket", "en", 3),
            ("car import rules", "en", 4),
            ("هل يمكنني إحضار سيارتي", "ar", 2),
            ("permis de conduire", "fr", 5),
        ):
            for i in range(n):
                query_log_record(
                    channel=["web", "telegram"][i % 2],
                    result=engine.search(q, lang=lang),
                    language=lang,
                    day=today - datetime.timedelta(days=i * 7),
                )
        cls.url = reverse("search_admin:gaps")

    def test_refusals_first(self):
        self.assert_refused(self.client_for(self.user(Role.CASEWORKER)).get(self.url))
        self.assert_refused(self.client_for(self.outsider).get(self.url))
        self.assert_refused(self.client_for(None).get(self.url))
        self.assert_refused(
            self.client_for(self.user(Role.CASEWORKER)).get(reverse("search_admin:gaps-csv"))
        )

    def test_allowed_roles_see_their_scope_only(self):
        for role in ALLOWED:
            response = self.client_for(self.user(role)).get(self.url)
            self.assertEqual(response.status_code, 200, role)
        body = response.content.decode()
        self.assertIn("car import rules", body)
        self.assertIn("هل يمكنني إحضار سيارتي", body)
        # French is not one of org A's languages: its gap is someone else's to fill.
        self.assertNotIn("permis de conduire", body)
        self.assertIn("Old page of A", body)
        self.assertNotIn("Stale page of B", body)
        self.assertIn("<svg", body)
        self.assertIn("too few data", body)

    def test_query_count_is_bounded(self):
        client = self.client_for(self.user(Role.ANALYST))
        client.get(self.url)  # warm per-user caches
        # 9 for session, user, 2FA, org and permissions, 3 for Wagtail's admin
        # chrome, 8 for the analytics (2 of them the chat gaps, 2 the time of the
        # last rollup; the page never counts into the rollup): none per row.
        with self.assertNumQueries(20):
            client.get(self.url)
        for i in range(5):
            make_document(
                organisation=self.org_a,
                title=f"Another old page {i}",
                last_verified=datetime.date(2020, 1, 1),
                review_by=datetime.date(2020, 6, 1),
            )
            query_log_record(channel="whatsapp", result=None, language="ar", query=f"q {i}")
        with self.assertNumQueries(20):
            client.get(self.url)

    def test_csv_exports(self):
        client = self.client_for(self.user(Role.ANALYST))
        url = reverse("search_admin:gaps-csv")
        rows = client.get(url, {"table": "unanswered"}).content.decode().splitlines()
        self.assertEqual(rows[0], "language,question,times_asked")
        self.assertIn("en,car import rules,4", rows)
        coverage = client.get(url, {"table": "coverage"}).content.decode()
        self.assertIn("too_few_data", coverage.splitlines()[0])
        channels = client.get(url, {"table": "channels"}).content.decode().splitlines()
        self.assertEqual(channels[0].split(","), ["week", "Telegram", "Website search"])
        self.assertEqual(sum(int(x) for line in channels[1:] for x in line.split(",")[1:]), 9)
        self.assertIn("Old page of A", client.get(url, {"table": "stale"}).content.decode())
        self.assertEqual(client.get(url, {"table": "nope"}).status_code, 400)


class GapDraftTests(TenantTestCase):
    def setUp(self):
        content.tree()
        self.url = reverse("search_admin:gap-draft")
        self.data = {"question": "can i bring my car back home", "language": "en"}

    def test_refused_without_content_edit_permission(self):
        for role in (Role.ANALYST, Role.CASEWORKER):
            response = self.client_for(self.user(role)).post(self.url, self.data)
            self.assert_refused(response, role)
        self.assert_refused(self.client_for(self.outsider).post(self.url, self.data))
        self.assertFalse(ShortAnswerPage.objects.exists())

    def test_editor_gets_an_unpublished_draft_of_their_org(self):
        response = self.client_for(self.user(Role.EDITOR)).post(self.url, self.data)
        page = ShortAnswerPage.objects.get()
        self.assertRedirects(
            response,
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            fetch_redirect_response=False,
        )
        self.assertEqual(page.title, "Can i bring my car back home")
        self.assertFalse(page.live)
        self.assertEqual(page.organisation, self.org_a)

    def test_empty_question_is_refused_with_a_message(self):
        response = self.client_for(self.user(Role.EDITOR)).post(
            self.url, {"question": "  ", "language": "en"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(ShortAnswerPage.objects.exists())


class PublishSignalTests(TenantTestCase):
    def test_publish_indexes_and_unpublish_removes(self):
        with self.captureOnCommitCallbacks(execute=True):
            page = content.short_answer(
                organisation=self.org_a,
                title="Can I take my cat with me?",
                answer="Sample: ask the counsellor about pets.",
            )
        hit = engine.search("take my cat", lang="en").best
        self.assertEqual(hit.document.page_id, page.pk)
        self.assertEqual(hit.document.summary, "Sample: ask the counsellor about pets.")
        self.assertEqual(hit.document.revision_id, page.live_revision_id)
        with self.captureOnCommitCallbacks(execute=True):
            page.unpublish()
        self.assertIsNone(engine.search("take my cat", lang="en").best)

    def test_service_point_meta_is_indexed(self):
        with self.captureOnCommitCallbacks(execute=True):
            content.service_point(
                organisation=self.org_a,
                title="Sample point",
                latitude="50.85",
                longitude="4.35",
                languages=["ar"],
                services=["legal_aid"],
                opening_hours=[("hours", {"weekday": "mo", "opens": "09:00", "closes": "17:00"})],
            )
        doc = engine.search("sample point", lang="en", kinds=["service_point"]).best.document
        self.assertEqual(doc.meta["languages"], ["ar"])
        self.assertEqual(doc.meta["opening_hours"], {"mo": [["09:00", "17:00"]]})
        self.assertAlmostEqual(doc.meta["lat"], 50.85)
        self.assertEqual(QueryLog.objects.count(), 0)  # searching in code logs nothing
