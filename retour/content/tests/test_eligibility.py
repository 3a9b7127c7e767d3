"""The "What support can I get?" selector and page (eligibility.py, views.support)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from retour.content import eligibility
from retour.content.eligibility import Answers, Fit, programme_verdict
from retour.content.models import (
    FamilyCondition,
    HealthCondition,
    ProgrammeIndexPage,
    Purpose,
    ReturnProgrammePage,
)
from retour.core.actors import SystemActor
from retour.testing.factories import OrganisationFactory

from .. import services
from .factories import _add, tree

# The view uses today's date, so the catalogue is built around it.
TODAY = timezone.localdate()


def _programme(**extra) -> ReturnProgrammePage:
    values = {
        "title": "Sample programme",
        "operator": "Sample operator",
        "valid_from": TODAY - datetime.timedelta(days=10),
        "eligible_nationalities": ["AF", "IQ"],
        "eligible_residence_statuses": ["asylum_rejected", "irregular"],
        "host_countries": ["BE"],
        "family_condition": FamilyCondition.ANYONE,
        "health_condition": HealthCondition.SUPPORTED,
        "is_sample": True,
    }
    values.update(extra)
    return ReturnProgrammePage(**values)


FULL = Answers(
    nationality="AF",
    status="asylum_rejected",
    host_country="BE",
    household="children",
    health_needs="yes",
)


class VerdictTests(TestCase):
    """One condition at a time, on unsaved pages. A TestCase all the same: an
    unsaved Wagtail page can still look up its (default) locale, which hit the
    database in the parallel run whenever no earlier test had cached it."""

    def test_every_condition_fits(self):
        verdict = programme_verdict(_programme(), FULL)
        self.assertEqual(verdict.fit, Fit.YES)
        self.assertEqual(verdict.to_check, [])

    def test_wrong_nationality_does_not_fit(self):
        answers = Answers(**{**FULL.__dict__, "nationality": "GE"})
        self.assertEqual(programme_verdict(_programme(), answers).fit, Fit.NO)

    def test_empty_nationality_list_means_any(self):
        answers = Answers(**{**FULL.__dict__, "nationality": "GE"})
        page = _programme(eligible_nationalities=[])
        self.assertEqual(programme_verdict(page, answers).fit, Fit.YES)

    def test_status_and_host_country_exclude(self):
        for key, value in (("status", "permit"), ("host_country", "NO")):
            answers = Answers(**{**FULL.__dict__, key: value})
            self.assertEqual(programme_verdict(_programme(), answers).fit, Fit.NO, key)

    def test_unstated_condition_is_to_check(self):
        page = _programme(host_countries=[], family_condition=FamilyCondition.NOT_STATED)
        verdict = programme_verdict(page, FULL)
        self.assertEqual(verdict.fit, Fit.UNKNOWN)
        self.assertEqual(verdict.to_check, ["host_country", "household"])
        self.assertEqual(verdict.to_check_labels(), ["the country where you live now", "family"])

    def test_unanswered_question_is_to_check_where_the_programme_restricts_it(self):
        verdict = programme_verdict(_programme(), Answers(nationality="AF"))
        self.assertEqual(verdict.fit, Fit.UNKNOWN)
        # Family "anyone" and "medical needs supported" fit whatever the answer.
        self.assertEqual(verdict.to_check, ["status", "host_country"])

    def test_family_conditions(self):
        alone_only = _programme(family_condition=FamilyCondition.ALONE_ONLY)
        families = _programme(family_condition=FamilyCondition.FAMILIES_ONLY)
        self.assertEqual(programme_verdict(alone_only, FULL).fit, Fit.NO)
        self.assertEqual(programme_verdict(families, FULL).fit, Fit.YES)
        alone = Answers(**{**FULL.__dict__, "household": "alone"})
        self.assertEqual(programme_verdict(alone_only, alone).fit, Fit.YES)
        self.assertEqual(programme_verdict(families, alone).fit, Fit.NO)

    def test_health_conditions(self):
        no_needs = Answers(**{**FULL.__dict__, "health_needs": "no"})
        required = _programme(health_condition=HealthCondition.REQUIRED)
        self.assertEqual(programme_verdict(required, FULL).fit, Fit.YES)
        self.assertEqual(programme_verdict(required, no_needs).fit, Fit.NO)
        unstated = _programme(health_condition=HealthCondition.NOT_STATED)
        self.assertEqual(programme_verdict(unstated, FULL).fit, Fit.UNKNOWN)
        self.assertEqual(programme_verdict(unstated, no_needs).fit, Fit.YES)
        not_covered = programme_verdict(
            _programme(health_condition=HealthCondition.NOT_SUPPORTED), FULL
        )
        self.assertEqual(not_covered.fit, Fit.YES)
        self.assertEqual(
            not_covered.note_texts(), ["This programme says it does not cover medical needs."]
        )


class CatalogueTestCase(TestCase):
    org_a: Any
    org_b: Any
    index: ProgrammeIndexPage

    @classmethod
    def setUpTestData(cls):
        cls.org_a = OrganisationFactory(name="Sample Org A", slug="support-a")
        cls.org_b = OrganisationFactory(name="Sample Org B", slug="support-b")
        home, _indexes = tree()
        for code in ("fr", "ar"):
            Locale.objects.get_or_create(language_code=code)
        cls.index = home.add_child(
            instance=ProgrammeIndexPage(title="Programmes", slug="programmes", locale=home.locale)
        )
        cls.fits = cls.add(
            title="Fitting programme",
            organisation=cls.org_a,
            cash_grant_amount=Decimal("100.00"),
            cash_grant_per_child=Decimal("50.00"),
            cash_grant_currency="EUR",
            deadline_date=TODAY + datetime.timedelta(days=30),
        )
        cls.other_org = cls.add(
            title="Other org programme", organisation=cls.org_b, host_countries=[]
        )
        cls.wrong_country = cls.add(title="Georgia programme", eligible_nationalities=["GE"])
        cls.draft = cls.add(title="Draft programme", publish=False)
        cls.enforcement = cls.add(title="Enforcement programme", purpose=Purpose.ENFORCEMENT)
        cls.expired = cls.add(
            title="Expired programme", valid_until=TODAY - datetime.timedelta(days=1)
        )
        cls.closed = cls.add(title="Closed programme", deadline_date=TODAY - datetime.timedelta(1))
        cls.restricted = cls.add(title="Restricted programme")
        PageViewRestriction.objects.create(
            page=cls.restricted, restriction_type=PageViewRestriction.LOGIN
        )
        cls.stale = cls.add(
            title="Overdue programme",
            last_verified=TODAY - datetime.timedelta(days=200),
            review_by=TODAY - datetime.timedelta(days=100),
        )

    @classmethod
    def add(cls, *, publish=True, organisation=None, **extra) -> ReturnProgrammePage:
        page = _programme(organisation=organisation or cls.org_a, **extra)
        return _add(cls.index, page, publish)

    def setUp(self):
        cache.clear()


class SuggestTests(CatalogueTestCase):
    def titles(self, items) -> list[str]:
        return [item.page.title for item in items]

    def test_fits_and_to_check_lists(self):
        found = eligibility.suggest(FULL, lang="en", today=TODAY)
        self.assertEqual(self.titles(found.fits), ["Fitting programme", "Overdue programme"])
        self.assertEqual(self.titles(found.maybe), ["Other org programme"])
        self.assertEqual(found.maybe[0].verdict.to_check, ["host_country"])
        self.assertEqual(found.maybe[0].page.organisation, self.org_b)

    def test_never_unpublished_restricted_enforcement_expired_or_closed(self):
        found = eligibility.suggest(Answers(), lang="en", today=TODAY)
        shown = set(self.titles(found.fits + found.maybe))
        for page in (self.draft, self.enforcement, self.expired, self.closed, self.restricted):
            self.assertNotIn(page.title, shown)
        # Nationality not answered: the Georgian programme is one to check, not a fit.
        self.assertIn("Georgia programme", self.titles(found.maybe))
        self.assertEqual(found.fits, [])

    def test_overdue_page_is_flagged(self):
        found = eligibility.suggest(FULL, lang="en", today=TODAY)
        flags = {item.page.title: item.stale for item in found.fits}
        self.assertEqual(flags, {"Fitting programme": False, "Overdue programme": True})

    def test_amounts_in_the_reader_language(self):
        item = eligibility.suggest(FULL, lang="en", today=TODAY).fits[0]
        self.assertEqual((item.amount, item.child_amount), ("€100.00", "€50.00"))
        item = eligibility.suggest(FULL, lang="fr", today=TODAY).fits[0]
        self.assertEqual(item.amount.replace("\u202f", " ").replace("\xa0", " "), "100,00 €")

    def test_translation_first_else_labelled_fallback(self):
        fr = services.page_translate(
            actor=SystemActor.cli("test"),
            page=self.fits,
            locale=Locale.objects.get(language_code="fr"),
            fields={"title": "Programme qui convient", "operator": "Opérateur exemple"},
        )
        found = eligibility.suggest(FULL, lang="fr", today=TODAY)
        by_key = {item.page.translation_key: item for item in found.fits}
        self.assertEqual(by_key[fr.translation_key].page.pk, fr.pk)
        self.assertFalse(by_key[fr.translation_key].fallback)
        overdue = by_key[self.stale.translation_key]
        self.assertTrue(overdue.fallback)
        self.assertTrue(overdue.url.startswith("/fr/"), overdue.url)


class SupportPageTests(CatalogueTestCase):
    URL = "/en/support/"
    ANSWERS = {
        "nationality": "AF",
        "status": "asylum_rejected",
        "host_country": "BE",
        "household": "children",
        "health_needs": "yes",
    }

    def post(self, data, url=URL):
        return self.client.post(url, data, HTTP_HOST="localhost")

    def test_form_then_results(self):
        response = self.client.get(self.URL, HTTP_HOST="localhost")
        self.assertContains(response, "What support can I get?")
        self.assertContains(response, "Your answers are not stored")
        self.assertNotContains(response, "Fitting programme")
        response = self.post(self.ANSWERS)
        self.assertContains(response, "Fitting programme")
        self.assertContains(response, "(sample amount)")
        self.assertContains(response, "plus <bdi>€50.00</bdi> per child")
        self.assertContains(response, "This is not a decision; talk to a counsellor.")
        self.assertContains(response, 'href="/en/search/service-points/"')
        self.assertContains(response, "may be out of date")  # the overdue one, with notice
        self.assertContains(response, "Check with a counsellor:")
        self.assertNotContains(response, "Draft programme")
        self.assertNotContains(response, "Georgia programme")

    def test_arabic_names_and_direction(self):
        response = self.client.get("/ar/support/", HTTP_HOST="localhost")
        body = response.content.decode()
        self.assertIn('dir="rtl"', body)
        self.assertIn("أفغانستان", body)

    def test_unknown_choice_is_a_400_with_a_message(self):
        response = self.post({**self.ANSWERS, "nationality": "ZZ", "household": "<script>"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Some answers were not understood", status_code=400)
        self.assertNotContains(response, "<script>", status_code=400)

    def test_no_cookie_no_cache_and_nothing_written(self):
        before = _database_snapshot()
        with self.assertNoLogs(level="DEBUG"):
            response = self.post(self.ANSWERS)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(dict(response.cookies), {})
        self.assertEqual(dict(self.client.cookies), {})
        self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(_database_snapshot(), before)


def _database_snapshot() -> dict[str, list]:
    """Every row of every table: the answers must leave no trace anywhere."""
    tables = connection.introspection.table_names()
    snapshot = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            snapshot[table] = sorted(map(repr, cursor.fetchall()))
    return snapshot


class SupportApiTests(CatalogueTestCase):
    URL = "/api/v1/content/programmes/suggest/"

    def post(self, data):
        return self.client.post(self.URL, data, content_type="application/json")

    def test_answers_in_suggestions_out(self):
        before = _database_snapshot()
        response = self.post({**SupportPageTests.ANSWERS, "locale": "fr"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(_database_snapshot(), before)
        self.assertEqual(dict(response.cookies), {})
        body = response.json()
        self.assertEqual(
            [p["title"] for p in body["fits"]], ["Fitting programme", "Overdue programme"]
        )
        first = body["fits"][0]
        self.assertEqual(first["cash_grant"], {"amount": "100.00", "currency": "EUR"})
        self.assertEqual(first["cash_grant_per_child"], {"amount": "50.00", "currency": "EUR"})
        self.assertTrue(first["fallback"])  # no French translation: the English page
        self.assertTrue(first["url"].startswith("http://testserver/fr/"), first["url"])
        self.assertEqual(
            [(p["title"], p["to_check"]) for p in body["check_with_counsellor"]],
            [("Other org programme", ["host_country"])],
        )
        self.assertEqual(
            body["notice"],
            "Ceci n’est pas une décision ; parlez-en à un conseiller ou une conseillère.",
        )

    def test_unknown_values_are_a_400_naming_the_field(self):
        response = self.post({"nationality": "ZZ", "household": "many"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("nationality", response.content.decode())
        self.assertIn("household", response.content.decode())

    def test_programme_detail_has_the_conditions(self):
        response = self.client.get(f"/api/v1/content/pages/{self.fits.translation_key}/?locale=en")
        data = response.json()["data"]
        self.assertEqual(data["eligibility"]["host_countries"], ["BE"])
        self.assertEqual(data["eligibility"]["family"], "anyone")
        self.assertEqual(data["eligibility"]["medical_needs"], "supported")
        self.assertEqual(data["eligibility"]["deadline_date"], self.fits.deadline_date.isoformat())

    def test_schema_documents_the_operation(self):
        schema = self.client.get("/api/v1/schema/?format=json").json()
        operation = schema["paths"][self.URL]["post"]
        self.assertIn("requestBody", operation)
        self.assertIn("SuggestionsOut", str(operation["responses"]["200"]))


class ProgrammePageShowsConditionsTests(CatalogueTestCase):
    def test_conditions_on_the_programme_page(self):
        response = self.client.get(self.fits.url, HTTP_HOST="localhost")
        self.assertContains(response, "Apply by ")
        self.assertContains(response, "plus 50.00 EUR per child")
        self.assertContains(response, "People alone and families")
        self.assertContains(response, "Medical needs can be supported")
        self.assertContains(response, "Belgium")
        # "Not stated" conditions are left out rather than shown as a fact.
        response = self.client.get(self.other_org.url, HTTP_HOST="localhost")
        self.assertNotContains(response, "Apply from")
