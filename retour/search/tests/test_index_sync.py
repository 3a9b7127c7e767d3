"""The bulk indexing path (services.documents_sync): what it stores, and the
document frequencies it keeps, on both database backends."""

from __future__ import annotations

import datetime
import uuid

from django.test import TestCase

from retour.search import engine, text
from retour.search.models import SearchDocument, SearchTerm
from retour.search.services import documents_sync
from retour.search.sources import SourceDoc
from retour.testing.factories import OrganisationFactory


def _source(org, key: str, title: str, body: str = "", **extra) -> SourceDoc:
    return SourceDoc(
        source_key=key,
        organisation=org,
        kind=extra.pop("kind", "short_answer"),
        locale=extra.pop("locale", "en"),
        title=title,
        url=f"/en/{key}/",
        body=body,
        **extra,
    )


def _df(term: str, locale: str = "en") -> int | None:
    row = SearchTerm.objects.filter(locale=locale, term=term).first()
    return row.doc_count if row else None


class IndexSyncTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Index org", slug="index-org")

    def test_inserted_rows_hold_what_the_orm_would_store(self):
        key = uuid.uuid4()
        documents_sync(
            sources=[
                _source(
                    self.org,
                    "t:1",
                    "Flight tickets",
                    "Counselling before the flight",
                    country="IQ",
                    page_id=7,
                    translation_key=key,
                    revision_id=3,
                    last_verified=datetime.date(2026, 10, 1),
                    review_by=datetime.date(2027, 4, 1),
                    meta={"lat": 50.85, "services": ["legal"], "city": "Bruxelles"},
                )
            ]
        )
        doc = SearchDocument.objects.get(source_key="t:1")
        assert doc.organisation_id == self.org.pk
        assert doc.translation_key == key
        assert (doc.page_id, doc.revision_id, doc.country) == (7, 3, "IQ")
        assert doc.last_verified == datetime.date(2026, 10, 1)
        assert doc.review_by == datetime.date(2027, 4, 1)
        assert doc.meta == {"lat": 50.85, "services": ["legal"], "city": "Bruxelles"}
        assert isinstance(doc.uuid, uuid.UUID)
        assert doc.index_title == text.index_text("Flight tickets ", "en")
        assert doc.index_body == text.index_text("Counselling before the flight", "en")
        assert engine.search("flight tickets", lang="en").best.document == doc

    def test_a_batch_counts_each_term_once_per_document(self):
        documents_sync(
            sources=[
                _source(self.org, "t:a", "Ticket ticket ticket", "ticket"),
                _source(self.org, "t:b", "Plane ticket"),
                _source(self.org, "t:c", "Ticket", locale="fr"),
            ]
        )
        ticket = text.terms("ticket", "en")[0]
        assert _df(ticket) == 2
        assert _df(text.terms("ticket", "fr")[0], "fr") == 1
        assert _df(text.terms("plane", "en")[0]) == 1

    def test_changes_and_removals_move_the_counts(self):
        documents_sync(
            sources=[
                _source(self.org, "t:a", "Plane ticket"),
                _source(self.org, "t:b", "Plane seat"),
            ]
        )
        plane, ticket, seat, bus = (
            text.terms(w, "en")[0] for w in ("plane", "ticket", "seat", "bus")
        )
        assert (_df(plane), _df(ticket), _df(seat)) == (2, 1, 1)
        documents_sync(sources=[_source(self.org, "t:a", "Bus ticket")])
        assert (_df(plane), _df(ticket), _df(bus)) == (1, 1, 1)
        assert engine.search("bus", lang="en").best.document.source_key == "t:a"
        documents_sync(sources=[], remove_keys=["t:a", "t:b", "t:missing"])
        assert (_df(plane), _df(ticket), _df(seat), _df(bus)) == (0, 0, 0, 0)
        assert not SearchDocument.objects.exists()
        assert engine.search("bus", lang="en").best is None

    def test_a_count_never_goes_below_zero(self):
        documents_sync(sources=[_source(self.org, "t:a", "Plane ticket")])
        plane = text.terms("plane", "en")[0]
        SearchTerm.objects.filter(term=plane).update(doc_count=0)
        documents_sync(sources=[], remove_keys=["t:a"])
        assert _df(plane) == 0
        assert _df(text.terms("ticket", "en")[0]) == 0

    def test_an_unchanged_page_is_not_rewritten(self):
        source = _source(self.org, "t:a", "Plane ticket", meta={"city": "Gent"})
        documents_sync(sources=[source])
        first = SearchDocument.objects.get(source_key="t:a")
        documents_sync(sources=[source])
        again = SearchDocument.objects.get(source_key="t:a")
        assert again.indexed_at == first.indexed_at
        assert _df(text.terms("plane", "en")[0]) == 1
        source.meta = {"city": "Antwerpen"}
        documents_sync(sources=[source])
        changed = SearchDocument.objects.get(source_key="t:a")
        assert changed.meta == {"city": "Antwerpen"}
        assert changed.indexed_at > first.indexed_at
        assert _df(text.terms("plane", "en")[0]) == 1

    def test_many_documents_in_one_call_span_several_statements(self):
        # More rows than one INSERT carries on SQLite (999 parameters).
        sources = [_source(self.org, f"t:{i}", f"Page {i} grant") for i in range(130)]
        documents_sync(sources=sources)
        assert SearchDocument.objects.count() == 130
        assert _df(text.terms("grant", "en")[0]) == 130
        assert len(engine.search("grant", lang="en", limit=10).hits) == 10


def test_term_cache_keeps_stop_word_modes_apart():
    assert text.terms("how do I return", "en") == text.terms("return", "en")
    assert "how" in text.terms("how do I return", "en", keep_stopwords=True)
    assert text.terms("how do I return", "en") == text.terms("return", "en")
    assert text.index_text("Returning RETURNS", "en") == " ".join(
        text.terms("return returns", "en")
    )


def _fts_ids(term: str) -> set[int]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [f'"{term}"'])
        return {row[0] for row in cur.fetchall()}


class ExternalContentIndexTests(TestCase):
    """SQLite: FTS5 reads its terms from the rows (external content), so an
    update or removal must take the old terms out before the row changes; the
    index after any sequence of syncs equals one rebuilt from the rows."""

    @classmethod
    def setUpTestData(cls):
        cls.org = OrganisationFactory(name="Index org", slug="index-org")

    def setUp(self):
        from django.db import connection

        if connection.vendor != "sqlite":
            self.skipTest("the FTS5 table is SQLite's")

    def _every_term(self) -> set[str]:
        return {"flight", "ticket", "boat", "medicin", "counsel", "zzlen", "zzlfr", "zzcaf"}

    def _snapshot(self) -> dict[str, set[int]]:
        return {t: _fts_ids(t) for t in self._every_term()}

    def test_updates_and_removals_leave_what_a_rebuild_makes(self):
        from retour.search.backends import get_backend

        documents_sync(
            sources=[
                _source(self.org, "x:1", "Flight tickets", "Counselling"),
                _source(self.org, "x:2", "Medicine", "Counselling", country="AF"),
                _source(self.org, "x:3", "Boat", "", locale="fr"),
            ]
        )
        one = SearchDocument.objects.get(source_key="x:1").pk
        self.assertEqual(_fts_ids("flight"), {one})
        documents_sync(  # x:1 changes its words and its locale; x:3 goes
            sources=[_source(self.org, "x:1", "Boat", "Counselling", locale="fr")],
            remove_keys=["x:3"],
        )
        self.assertEqual(_fts_ids("flight"), set())  # the old terms are out
        self.assertEqual(_fts_ids("boat"), {one})
        self.assertEqual(_fts_ids("zzlen"), {SearchDocument.objects.get(source_key="x:2").pk})
        incremental = self._snapshot()
        get_backend().rebuild()
        self.assertEqual(self._snapshot(), incremental)

    def test_entries_left_under_an_id_are_rebuilt_not_doubled(self):
        from retour.search.backends import get_backend

        documents_sync(sources=[_source(self.org, "y:1", "Flight", "")])
        doc = SearchDocument.objects.get(source_key="y:1")
        # The row changes behind the index's back, then is synced again.
        SearchDocument.objects.filter(pk=doc.pk).update(index_title="boat")
        get_backend().sync([doc.pk])
        self.assertEqual((_fts_ids("flight"), _fts_ids("boat")), (set(), {doc.pk}))
