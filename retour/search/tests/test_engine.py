import datetime
import uuid

import pytest
from django.test import TestCase

from retour.search import engine
from retour.search.models import SearchDocument, SearchTerm
from retour.search.services import documents_sync
from retour.testing.factories import OrganisationFactory

from .factories import make_document


class EngineTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Sample Counselling", slug="sample")
        cls.grant = make_document(
            organisation=cls.org,
            title="Can I get a cash grant when I return?",
            summary="Most programmes pay a small cash grant at departure (sample text).",
            country="IQ",
        )
        cls.ticket = make_document(
            organisation=cls.org,
            title="Who pays for the plane ticket?",
            summary="The programme pays the ticket and travel documents (sample text).",
        )
        cls.ar = make_document(
            organisation=cls.org,
            title="هل يمكنني الحصول على منحة نقدية عند العودة؟",
            summary="معظم البرامج تدفع منحة نقدية صغيرة (نص تجريبي).",
            locale="ar",
        )
        cls.fa_only = make_document(
            organisation=cls.org,
            title="کمک پزشکی بعد از بازگشت",
            summary="برخی برنامه‌ها هزینه درمان را می‌پردازند (نمونه).",
            locale="fa",
        )

    def test_empty_and_oversized_queries_are_refused_with_a_reason(self):
        with pytest.raises(engine.QueryError, match="Type a question"):
            engine.search("   ", lang="en")
        with pytest.raises(engine.QueryError, match="too long"):
            engine.search("x" * 501, lang="en")

    def test_best_match_first_with_confidence(self):
        result = engine.search("cash grants", lang="en")
        assert result.best.document == self.grant
        assert result.best.confidence == 1.0
        assert result.answered

    def test_typo_in_short_query_is_corrected(self):
        result = engine.search("plane tikcet", lang="en")
        assert result.best.document == self.ticket
        assert result.corrections  # the correction is reported, not hidden

    def test_country_filter_keeps_general_pages_and_drops_other_countries(self):
        make_document(organisation=self.org, title="Cash grant for Afghanistan", country="AF")
        hits = engine.search("cash grant", lang="en", country="IQ").hits
        countries = {h.document.country for h in hits}
        assert "AF" not in countries and "IQ" in countries

    def test_kind_filter(self):
        make_document(organisation=self.org, title="Cash grant office", kind="service_point")
        hits = engine.search("cash grant", lang="en", kinds=["service_point"]).hits
        assert {h.document.kind for h in hits} == {"service_point"}

    def test_arabic_query_with_variant_letters(self):
        # Alef with hamza and teh marbuta typed differently from the page.
        result = engine.search("منحه نقديه", lang="ar")
        assert result.best.document == self.ar
        assert not result.other_language

    def test_other_language_only_when_nothing_in_readers_language_and_labelled(self):
        result = engine.search("کمک پزشکی", lang="ar")
        assert result.other_language
        assert result.best.document == self.fa_only and result.best.other_language
        result = engine.search("منحة", lang="ar")
        assert not result.other_language

    def test_unrelated_query_is_not_answered(self):
        result = engine.search("weather tomorrow", lang="en")
        assert not result.answered

    def test_resync_and_removal_keep_document_frequencies_right(self):
        key = self.ticket.source_key
        before = SearchTerm.objects.get(term="ticket").doc_count
        documents_sync(sources=[], remove_keys=[key])
        assert SearchTerm.objects.get(term="ticket").doc_count == before - 1
        assert not SearchDocument.objects.filter(source_key=key).exists()
        assert engine.search("plane ticket", lang="en").best is None or (
            engine.search("plane ticket", lang="en").best.document.source_key != key
        )

    def test_the_page_whose_own_question_holds_the_words_beats_a_long_page(self):
        # A country sheet's long body holds every word of most questions by
        # chance; the short answer asking the same question comes first.
        family = make_document(
            organisation=self.org,
            title="Can my family return with me?",
            summary="Yes, family members can return together (sample).",
        )
        filler = " ".join(f"topic{i} advice" for i in range(80))
        make_document(
            organisation=self.org,
            title="Sample country sheet: Iraq",
            summary="Sample content.",
            body=f"{filler} family return children school",
            kind="country_sheet",
            country="IQ",
        )
        result = engine.search("family return children school", lang="en")
        assert result.best.document == family

    def test_stale_flag(self):
        doc = make_document(
            organisation=self.org,
            title="Old page",
            last_verified=datetime.date(2020, 1, 1),
            review_by=datetime.date(2020, 6, 1),
        )
        assert doc.is_stale and not self.grant.is_stale


class OtherLanguagePoolingTests(TestCase):
    """A page found in other languages is judged by all its translations."""

    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Sample Counselling", slug="sample")
        kiosk, other = uuid.uuid4(), uuid.uuid4()
        titles = {
            "en": "Can I get help to open a kiosk or a small shop?",
            "fr": "Puis-je avoir de l'aide pour ouvrir un kiosk ou une petite boutique ?",
            "nl": "Kan ik hulp krijgen om een kiosk of een kleine winkel te openen?",
        }
        cls.kiosk = {
            lang: make_document(
                organisation=cls.org, title=title, locale=lang, translation_key=kiosk
            )
            for lang, title in titles.items()
        }
        # One translation of an unrelated page holds the word by accident, in
        # a short title: the best single translation would be this one.
        for lang, title in {"en": "Victims support", "fr": "Soutien aux victimes"}.items():
            make_document(organisation=cls.org, title=title, locale=lang, translation_key=other)
        cls.accident = make_document(
            organisation=cls.org, title="Kiosk", locale="nl", translation_key=other
        )

    def test_the_page_every_translation_answers_beats_one_accidental_match(self):
        result = engine.search("kiosk kiosk", lang="so")
        assert result.other_language
        keys = [h.document.translation_key for h in result.hits]
        assert keys[0] == self.kiosk["en"].translation_key
        assert self.accident.translation_key in keys[1:]  # still found, lower
        assert len(keys) == len(set(keys))  # one hit per page


class BlendTests(TestCase):
    """The reader's-language hits are reordered by all translations of each page."""

    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Sample Counselling", slug="sample")
        kiosk, other = uuid.uuid4(), uuid.uuid4()
        titles = {
            "en": "Can I get help to open a kiosk or a small shop?",
            "fr": "Puis-je avoir de l'aide pour ouvrir un kiosk ou une petite boutique ?",
            "nl": "Kan ik hulp krijgen om een kiosk of een kleine winkel te openen?",
            "so": "Ma heli karaa caawimaad aan ku furo kiosk ama dukaan yar?",
        }
        cls.kiosk = {
            lang: make_document(
                organisation=cls.org, title=title, locale=lang, translation_key=kiosk
            )
            for lang, title in titles.items()
        }
        # The English and Somali wordings of an unrelated page hold the word
        # in a short title; its other translations do not.
        cls.accident = {
            lang: make_document(
                organisation=cls.org, title=title, locale=lang, translation_key=other
            )
            for lang, title in {
                "en": "Kiosk",
                "so": "Kiosk",
                "fr": "Soutien aux victimes",
                "nl": "Steun voor slachtoffers",
            }.items()
        }

    def test_the_page_its_translations_agree_on_comes_first(self):
        own_only = engine.search("kiosk", lang="en", other_languages=False).hits
        assert own_only[0].document == self.accident["en"]  # one wording alone
        hits = engine.search("kiosk", lang="en").hits
        assert [h.document for h in hits[:2]] == [self.kiosk["en"], self.accident["en"]]
        assert not any(h.other_language for h in hits)

    def test_not_in_a_language_without_a_stemmer(self):
        hits = engine.search("kiosk", lang="so").hits
        assert hits[0].document == self.accident["so"]
