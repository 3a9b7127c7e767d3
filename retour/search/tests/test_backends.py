"""The candidate retrieval of each database backend.

The PostgreSQL backend skips scoring pages that cannot make the top (see
PostgresBackend.candidates); these tests hold it to the answer that scoring
every match by brute force gives, on a corpus with the skewed word
frequencies of real text.
"""

import itertools
import math
import random

import pytest
from django.db import connection
from django.test import TestCase

from retour.search.backends import (
    TITLE_FACTOR,
    Filters,
    PostgresBackend,
    QueryTerm,
    _first_threshold,
    _minimal_sets,
    get_backend,
)
from retour.search.models import SearchDocument
from retour.search.services import documents_sync
from retour.search.sources import SourceDoc
from retour.testing.factories import OrganisationFactory

WORDS = [f"w{i:02d}x" for i in range(40)]


def test_minimal_sets_are_exactly_the_minimal_subsets_reaching_the_need():
    rng = random.Random(3)
    for _ in range(200):
        weights = sorted((rng.uniform(0.2, 5) for _ in range(rng.randint(1, 7))), reverse=True)
        need = rng.uniform(0, sum(weights) * 1.1)
        expected = set()
        for r in range(1, len(weights) + 1):
            for subset in itertools.combinations(range(len(weights)), r):
                total = sum(weights[i] for i in subset)
                if total >= need and all(total - weights[i] < need for i in subset):
                    expected.add(subset)
        assert set(_minimal_sets(weights, need)) == expected


def test_first_threshold_is_a_reachable_score_and_lower_for_common_words():
    rare = [
        QueryTerm(forms=("a",), weight=5.0, matches=3),
        QueryTerm(forms=("b",), weight=1.0, matches=900),
    ]
    common = [
        QueryTerm(forms=("a",), weight=1.2, matches=800),
        QueryTerm(forms=("b",), weight=1.0, matches=900),
    ]
    # Few pages hold the rare word, so θ must drop to what the common word alone reaches.
    assert _first_threshold(rare, limit=60, population=1000) == pytest.approx(1.0, abs=0.06)
    # Two common words: about 720 pages hold both, so θ is both weights together.
    assert _first_threshold(common, limit=60, population=1000) == pytest.approx(2.2, abs=0.06)
    # Without a population the first try is the strictest: every concept.
    assert _first_threshold(common, limit=60, population=0) == pytest.approx(2.2, abs=0.06)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL backend")
class PostgresCandidatesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        org = OrganisationFactory(slug="bench-like")
        rng = random.Random(20261201)

        def zipf(n):
            return " ".join(
                WORDS[min(int(rng.paretovariate(0.9)) - 1, len(WORDS) - 1)] for _ in range(n)
            )

        sources = [
            SourceDoc(
                source_key=f"exact:{i}",
                organisation=org,
                kind="short_answer" if i % 3 else "country_sheet",
                locale="en" if i % 4 else "fr",
                title=f"Sample {zipf(3)}",
                url=f"/en/exact/{i}/",
                summary="",
                body=zipf(30),
                country=rng.choice(["AF", "IQ", ""]),
            )
            for i in range(400)
        ]
        documents_sync(sources=sources)
        get_backend().optimise()

    def brute_force(self, query, locale, kinds=None):
        scores = {}
        docs = SearchDocument.objects.filter(locale=locale)
        if kinds:
            docs = docs.filter(kind__in=kinds)
        for pk, title, body in docs.values_list("pk", "index_title", "index_body"):
            title_terms, all_terms = set(title.split()), set(title.split()) | set(body.split())
            score = sum(
                g.weight * (1 + TITLE_FACTOR * any(f in title_terms for f in g.forms))
                for g in query
                if any(f in all_terms for f in g.forms)
            )
            if score > 0:
                scores[pk] = score
        return scores

    def test_matches_scoring_every_page_by_brute_force(self):
        rng = random.Random(11)
        backend = PostgresBackend()
        population = SearchDocument.objects.filter(locale="en").count()
        df = {
            w: SearchDocument.objects.filter(locale="en", index_body__contains=w).count()
            for w in WORDS
        }
        for case in range(120):
            n = rng.choice([1, 1, 2, 3, 4, 6, 12])
            query = []
            for word in rng.sample(WORDS[:25], n):
                forms = (word, rng.choice(WORDS)) if rng.random() < 0.2 else (word,)
                if query and rng.random() < 0.1:
                    forms = query[-1].forms  # a synonym of the previous word: the same forms
                query.append(
                    QueryTerm(
                        forms=forms,
                        weight=math.log(1 + (population + 1) / (df[word] + 1)),
                        matches=sum(df[f] for f in forms),
                    )
                )
            kinds = ["short_answer"] if case % 5 == 0 else None
            limit = rng.choice([5, 20, 60])
            # A wrong or missing population makes the first threshold too strict
            # or too loose; the answer must not change, only the work.
            guess = rng.choice([population, 0, population * 50, 1])
            got = backend.candidates(query, Filters(locales=["en"], kinds=kinds), limit, guess)
            expected = self.brute_force(query, "en", kinds)
            top = sorted(expected.values(), reverse=True)[:limit]
            assert [round(s, 6) for _, s in got] == [round(s, 6) for s in top], (case, query)
            for pk, score in got:  # the right pages, with their true score
                assert expected[pk] == pytest.approx(score), (case, pk)

    def test_words_the_parser_would_split_still_match(self):
        # A term with an apostrophe or backslash must neither break the query
        # nor match anything by accident.
        backend = PostgresBackend()
        weird = QueryTerm(forms=("o'brien\\", "w00x"), weight=1.0, matches=10)
        got = backend.candidates([weird], Filters(locales=["en"]), 10, 300)
        assert got
