"""The search engine: query → ranked hits with an honest confidence.

1. normalise and stem the query (text.py), drop stop words;
2. for short queries, replace unknown terms by the closest indexed term
   (edit distance ≤ 1, or ≤ 2 for longer words) — typo tolerance;
3. ask the database backend for candidates (FTS5 / tsvector, OR semantics);
4. rerank candidates in Python by IDF-weighted coverage of the query terms.

Confidence is that coverage: the share of the question's information (IDF
weight) found in the page, title and text. It is not a probability and is
labelled as such wherever it is shown.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import gettext as _

from retour.core import language

from . import text, thesaurus
from .backends import Filters, QueryTerm, get_backend
from .models import DocumentKind, SearchDocument, SearchTerm

CANDIDATES = 60
TYPO_MAX_QUERY_TERMS = 4  # "short queries" get typo correction
GOOD_ENOUGH = 0.5  # minimum confidence for an answer to be offered as an answer
VOCAB_GENERATION_KEY = "search:vocab-generation"

_DOC_FIELDS = (
    "id",
    "uuid",
    "organisation",
    "kind",
    "locale",
    "country",
    "title",
    "summary",
    "url",
    "page_id",
    "translation_key",
    "revision_id",
    "last_verified",
    "review_by",
    "meta",
)


class QueryError(ValueError):
    """The query cannot be searched (empty or too long); the message says why."""


@dataclass
class Hit:
    document: SearchDocument
    score: float
    confidence: float
    matched: list[str]
    other_language: bool = False


@dataclass
class SearchResult:
    query: str
    normalised: str
    lang: str
    terms: list[str]
    hits: list[Hit] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    other_language: bool = False

    @property
    def best(self) -> Hit | None:
        return self.hits[0] if self.hits else None

    @property
    def answered(self) -> bool:
        return bool(self.hits) and self.hits[0].confidence >= GOOD_ENOUGH


def validate_query(q: str | None) -> str:
    q = (q or "").strip()
    if not q:
        raise QueryError(_("Type a question or a few words to search."))
    if len(q) > text.MAX_QUERY_CHARS:
        raise QueryError(
            _("Your question is too long (%(length)d characters); please use at most %(limit)d.")
            % {"length": len(q), "limit": text.MAX_QUERY_CHARS}
        )
    return q


# -- typo tolerance ------------------------------------------------------------


def _deletes(term: str) -> set[str]:
    return {term[:i] + term[i + 1 :] for i in range(len(term))}


def _distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (Damerau–Levenshtein with adjacent swaps)."""
    if a == b:
        return 0
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


class _Vocabulary:
    """In-process deletion index over one locale's SearchTerm rows (SymSpell
    style), rebuilt when the index generation in the shared cache moves on."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.generation: object = None
        self.df: dict[str, int] = {}
        self.by_delete: dict[str, list[str]] = {}

    def refresh(self) -> None:
        generation = cache.get(VOCAB_GENERATION_KEY, 0)
        if generation == self.generation and self.df:
            return
        df = dict(
            SearchTerm.objects.filter(locale=self.locale, doc_count__gt=0).values_list(
                "term", "doc_count"
            )
        )
        by_delete: dict[str, list[str]] = {}
        for term in df:
            if len(term) < 4:
                continue
            for d in _deletes(term):
                by_delete.setdefault(d, []).append(term)
        self.df, self.by_delete, self.generation = df, by_delete, generation

    def correct(self, term: str) -> str | None:
        if len(term) < 4 or term in self.df or term.isdigit():
            return None
        limit = 1 if len(term) <= 5 else 2
        candidates: set[str] = set(self.by_delete.get(term, ()))
        for d in _deletes(term):
            if d in self.df:
                candidates.add(d)
            candidates.update(self.by_delete.get(d, ()))
        best = None
        for cand in candidates:
            dist = _distance(term, cand)
            if dist <= limit:
                key = (dist, -self.df.get(cand, 0), cand)
                if best is None or key < best[0]:
                    best = (key, cand)
        return best[1] if best else None


_VOCABS: dict[str, _Vocabulary] = {}


def _vocabulary(locale: str) -> _Vocabulary:
    vocab = _VOCABS.get(locale)
    if vocab is None:
        vocab = _VOCABS[locale] = _Vocabulary(locale)
    vocab.refresh()
    return vocab


def bump_generation() -> None:
    """Tell every process that the vocabulary changed."""
    try:
        cache.incr(VOCAB_GENERATION_KEY)
    except ValueError:
        cache.set(VOCAB_GENERATION_KEY, 1, None)


def total_documents(locale: str | None = None) -> int:
    """Indexed documents (in one locale, if given); cached for a minute, as an
    estimate is all the ranking needs."""
    key = f"search:doc-count:{locale or '*'}"
    n = cache.get(key)
    if n is None:
        docs = SearchDocument.objects.all()
        n = (docs.filter(locale=locale) if locale else docs).count()
        cache.set(key, n, 60)
    return n


# -- ranking -------------------------------------------------------------------


@dataclass
class _Prepared:
    """A query ready to rank: its terms (stems, after typo correction), each
    term's thesaurus alternatives, document counts in the reader's locale and
    the index size. A term and its alternatives are one concept."""

    terms: list[str]
    alts: dict[str, list[str]]
    df: dict[str, int]
    n_docs: int

    def groups(self) -> dict[str, tuple[str, ...]]:
        return {t: tuple(dict.fromkeys((t, *self.alts.get(t, ())))) for t in self.terms}

    def weights(self) -> dict[str, float]:
        # A concept is weighted by its most common member, so an unknown
        # synonym does not inflate the weight.
        return {
            t: math.log(1 + (self.n_docs + 1) / (max(self.df.get(a, 0) for a in g) + 1))
            for t, g in self.groups().items()
        }

    def concepts(self) -> list[QueryTerm]:
        """The query as weighted concepts for the backend (see backends.QueryTerm)."""
        weights = self.weights()
        return [
            QueryTerm(forms=forms, weight=weights[t], matches=sum(self.df.get(f, 0) for f in forms))
            for t, forms in self.groups().items()
        ]


def _rank(
    candidates: list[tuple[int, float]], prepared: _Prepared, country: str, limit: int
) -> list[Hit]:
    if not candidates:
        return []
    # Phase 1: score on the index columns only (cheap); phase 2 loads the
    # display fields of the few documents actually returned.
    rows = {
        r[0]: r[1:]
        for r in SearchDocument.objects.filter(pk__in=[c[0] for c in candidates]).values_list(
            "id", "index_title", "index_body", "country", "kind", "title"
        )
    }
    terms = prepared.terms
    groups = prepared.groups()
    weights = prepared.weights()
    total = sum(weights.values()) or 1.0
    top_raw = max((raw for _, raw in candidates), default=1.0) or 1.0
    scored = []
    for doc_id, raw in candidates:
        row = rows.get(doc_id)
        if row is None:
            continue
        index_title, index_body, doc_country, kind, title = row
        title_terms = set(index_title.split())
        body_terms = set(index_body.split())
        in_title = [t for t in terms if any(a in title_terms for a in groups[t])]
        matched = [t for t in terms if t in in_title or any(a in body_terms for a in groups[t])]
        coverage = sum(weights[t] for t in matched) / total
        title_cov = sum(weights[t] for t in in_title) / total
        score = 0.65 * coverage + 0.25 * title_cov + 0.10 * max(raw, 0.0) / abs(top_raw)
        if country and doc_country == country:
            score += 0.05  # the reader's country beats a general page on a tie
        if kind == DocumentKind.SHORT_ANSWER:
            score += 0.02  # a direct answer beats a long page on a tie
        scored.append((score, title, doc_id, round(coverage, 2), matched))
    scored.sort(key=lambda s: (-s[0], s[1]))
    scored = scored[:limit]
    docs = (
        SearchDocument.objects.select_related("organisation")
        .only(*_DOC_FIELDS, "organisation__name", "organisation__uuid")
        .in_bulk([s[2] for s in scored])
    )
    hits = [
        Hit(document=docs[doc_id], score=score, confidence=conf, matched=matched)
        for score, _title, doc_id, conf, matched in scored
        if doc_id in docs
    ]
    return hits


def _dedupe_translations(hits: list[Hit]) -> list[Hit]:
    seen, out = set(), []
    for hit in hits:
        key = hit.document.translation_key or hit.document.pk
        if key in seen:
            continue
        seen.add(key)
        out.append(hit)
    return out


def _in_other_languages(
    q: str, prepared: _Prepared, *, lang: str, kinds, country: str, limit: int
) -> list[Hit]:
    # Was the question written in another language (Dutch words on the English
    # site)? Then search that language, with its own stemmer and statistics.
    detected = language.detect(q, hint=lang)
    if detected != lang:
        hits = search(
            q, lang=detected, country=country, kinds=kinds, limit=limit, other_languages=False
        ).hits
        if hits:
            return hits
    # Otherwise every other language, with the reader's stems.
    filters = Filters(exclude_locales=[lang], kinds=kinds, country=country)
    candidates = get_backend().candidates(prepared.concepts(), filters, CANDIDATES)
    # Rank a few more than asked: translations are deduplicated afterwards.
    return _dedupe_translations(_rank(candidates, prepared, country, limit * 3))


def search(
    q: str,
    *,
    lang: str,
    country: str = "",
    kinds: Sequence[str] | None = None,
    limit: int = 10,
    other_languages: bool = True,
) -> SearchResult:
    """Search published content. Raises QueryError for empty / oversized queries."""
    q = validate_query(q)
    country = (country or "").upper()[:2]
    terms = text.query_terms(q, lang)
    result = SearchResult(query=q, normalised=text.clean(q), lang=lang, terms=terms)
    if not terms:
        return result

    alts = {t: thesaurus.alternatives(t, lang) for t in terms}
    wanted = {*terms, *(a for group in alts.values() for a in group)}
    df = dict(
        SearchTerm.objects.filter(locale=lang, term__in=wanted).values_list("term", "doc_count")
    )

    def known(term: str) -> bool:
        return any(df.get(a, 0) for a in (term, *alts.get(term, ())))

    if len(terms) <= TYPO_MAX_QUERY_TERMS and not all(known(t) for t in terms):
        vocab = _vocabulary(lang)
        fixed = []
        for t in terms:
            if not known(t):
                better = vocab.correct(t)
                if better:
                    result.corrections[t] = better
                    df[better] = vocab.df[better]
                    t = better
            fixed.append(t)
        terms = list(dict.fromkeys(fixed))
        result.terms = terms
        alts = {t: alts.get(t) or thesaurus.alternatives(t, lang) for t in terms}
        missing = {a for group in alts.values() for a in group} - wanted
        if missing:
            df.update(
                SearchTerm.objects.filter(locale=lang, term__in=missing).values_list(
                    "term", "doc_count"
                )
            )

    prepared = _Prepared(terms=terms, alts=alts, df=df, n_docs=total_documents())
    query = prepared.concepts()
    filters = Filters(locales=[lang], kinds=kinds, country=country)
    # Document counts are exact per locale: when no page in the reader's
    # language holds any query term, there is nothing to ask the database.
    candidates = (
        get_backend().candidates(query, filters, CANDIDATES, total_documents(lang))
        if any(concept.matches for concept in query)
        else []
    )
    hits = _rank(candidates, prepared, country, limit)
    if not hits and other_languages:
        # Only when nothing exists in the reader's language, and labelled so.
        hits = _in_other_languages(
            q, prepared, lang=lang, kinds=kinds, country=country, limit=limit
        )
        for hit in hits:
            hit.other_language = True
        result.other_language = bool(hits)
    result.hits = hits[:limit]
    return result
