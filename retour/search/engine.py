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

import bisect
import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.cache import cache
from django.utils.translation import gettext as _

from retour.core import language

from . import concepts, correction, outcome, pooling, text
from .backends import Filters, QueryTerm, get_backend
from .models import DocumentKind, SearchDocument, SearchTerm

CANDIDATES = 60
TYPO_MAX_QUERY_TERMS = 4
UNKNOWN_FACTOR = (
    0.5  # weight of a query word no indexed page holds  # "short queries" get typo correction
)
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
    # The reader's-language version of an other-language page, when published.
    translation: SearchDocument | None = None


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
    def corrected_query(self) -> str:
        """The question as searched, for "Showing results for …"."""
        return correction.corrected_question(self.query, self.corrections, self.lang)

    _decision: outcome.Decision | None = field(default=None, repr=False, compare=False)

    @property
    def best(self) -> Hit | None:
        return self.hits[0] if self.hits else None

    @property
    def decision(self) -> outcome.Decision:
        """Answer, choices or none, with thresholds calibrated for the reader's
        language (outcome.py); computed once."""
        if self._decision is None:
            self._decision = outcome.decide(self.hits, lang=self.lang)
        return self._decision

    @property
    def answered(self) -> bool:
        return self.decision.outcome != outcome.Outcome.NONE


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
        self.ordered: list[str] = []  # the terms sorted, for prefix look-ups

    def refresh(self) -> None:
        generation = _vocab_generation()
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
        self.ordered = sorted(df)

    def extensions(self, prefix: str, max_suffix: int) -> list[str]:
        """Indexed terms that are ``prefix`` plus at most ``max_suffix`` characters."""
        start = bisect.bisect_left(self.ordered, prefix)
        out = []
        for term in self.ordered[start:]:
            if not term.startswith(prefix):
                break
            if len(term) - len(prefix) <= max_suffix:
                out.append(term)
        return out

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


def _vocab_generation() -> object:
    """The shared vocabulary token. A cleared or evicted cache gets a new one,
    so every process rebuilds: a counter falling back to 0 matched the
    vocabulary a process had built at 0 before the pages changed."""
    generation = cache.get(VOCAB_GENERATION_KEY)
    if generation is None:
        cache.add(VOCAB_GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(VOCAB_GENERATION_KEY)
    return generation


def bump_generation() -> None:
    """Tell every process that the vocabulary changed."""
    cache.set(VOCAB_GENERATION_KEY, uuid.uuid4().hex, None)


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
    # Concepts a question names only through stop words ("how much", "combien")
    # count less: they qualify the question, they are not its subject.
    factor: dict[str, float] = field(default_factory=dict)
    countries: frozenset[str] = frozenset()  # ISO codes the question names
    # A concept's words by language (concepts.Recognised.by_lang) and the
    # reader's language: a page counts only the words of its own language.
    by_lang: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    lang: str = ""
    # A concept's phrases as pages hold them, by language (concepts.Recognised.phrases).
    phrases: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = field(default_factory=dict)
    names: frozenset[str] = frozenset()  # the concepts' names in the editors' list
    _phrase_cache: dict[tuple[str, str], tuple[frozenset[str], ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _groups: dict[str, tuple[str, ...]] | None = field(default=None, repr=False, compare=False)

    def phrases_for(self, term: str, locale: str) -> tuple[frozenset[str], ...]:
        """The phrases of ``term``'s concept a page in ``locale`` may hold
        (computed once per query and page language: _strengths asks per page)."""
        key = (term, locale)
        found = self._phrase_cache.get(key)
        if found is None:
            said = self.phrases.get(term) or {}
            langs = text.ARABIC_SCRIPT_LANGS if locale in text.ARABIC_SCRIPT_LANGS else (locale,)
            found = self._phrase_cache[key] = tuple(
                frozenset(p) for g in langs for p in said.get(g, ())
            )
        return found

    def forms_for(self, term: str, group: tuple[str, ...], locale: str) -> tuple[str, ...]:
        """The forms of ``term``'s concept a page in ``locale`` may hold."""
        words = self.by_lang.get(term)
        if not words:
            return group
        langs = text.ARABIC_SCRIPT_LANGS if locale in text.ARABIC_SCRIPT_LANGS else (locale,)
        allowed = {w for lang in langs for w in words.get(lang, ())}
        if locale == self.lang:
            allowed.add(term)
        return tuple(f for f in group if f in allowed)

    def groups(self) -> dict[str, tuple[str, ...]]:
        # Forms no page holds are dropped (a country's name in 13 languages):
        # they cannot match and would only lengthen the backend query.
        # Computed once: terms, alternatives and counts are fixed by now.
        if self._groups is None:
            self._groups = {
                t: tuple(
                    dict.fromkeys((t, *(a for a in self.alts.get(t, ()) if self.df.get(a, 0))))
                )
                for t in self.terms
            }
        return self._groups

    def weights(self) -> dict[str, float]:
        # A concept is weighted by its most common member, so an unknown
        # synonym does not inflate the weight.
        # A word no page holds at all ("give", a misspelt name) tells little
        # about which page fits: it counts half, so chatty questions are not
        # penalised for their extra words, while the share of the question the
        # index cannot cover still lowers the confidence.
        out = {}
        for t, g in self.groups().items():
            most = max(self.df.get(a, 0) for a in g)
            weight = math.log(1 + (self.n_docs + 1) / (most + 1))
            out[t] = self.factor.get(t, 1.0) * weight * (UNKNOWN_FACTOR if not most else 1.0)
        return out

    def concepts(self) -> list[QueryTerm]:
        """The query as weighted concepts for the backend (see backends.QueryTerm)."""
        weights = self.weights()
        out = []
        for t, group in self.groups().items():
            forms = group + tuple(w for w in self.phrase_keys(t) if w not in group)
            matches = sum(self.df.get(f, 0) for f in forms)
            out.append(QueryTerm(forms=forms, weight=weights[t], matches=matches))
        return out

    def phrase_words(self) -> set[str]:
        """Every word of the query concepts' phrases (their document counts are needed)."""
        return {w for said in self.phrases.values() for ps in said.values() for p in ps for w in p}

    def phrase_keys(self, term: str) -> tuple[str, ...]:
        """For the backend, the rarest indexed word of each of ``term``'s
        phrases: a page that holds a phrase holds that word, and the reranker
        (_strengths) checks the rest."""
        keys = []
        for phrases in self.phrases.get(term, {}).values():
            for phrase in phrases:
                held = [w for w in phrase if self.df.get(w, 0)]
                if len(held) == len(phrase):
                    keys.append(min(held, key=lambda w: self.df[w]))
        return tuple(dict.fromkeys(keys))


# Ranking weights (bench/answer_quality.py on the tuning set v2 + labelled.jsonl).
# A query concept found in the page's own question (its title) is the
# strongest sign; in the short answer / summary a little less; only somewhere
# in a long body (a country sheet's sections) least, as a long text holds
# most words of any question by chance.
W_COVERAGE, W_TITLE, W_RAW = 0.55, 0.30, 0.10
SUMMARY_STRENGTH = 0.85
BODY_STRENGTH = 0.6
BODY_PIVOT = 60  # body terms at which a body match starts to count less
# How much of the page's own question the query covers: "What if my passport
# has expired?" is half covered by "no passport, how do I go back", "Can I get
# help to return home?" less, though both hold "return".
W_PRECISION = 0.15
COUNTRY_BONUS = 0.05
OTHER_COUNTRY_PENALTY = 0.08


@lru_cache(maxsize=4096)
def _title_terms(title: str, locale: str) -> frozenset[str]:
    return frozenset(text.index_text(title, locale).split())


def _strengths(
    prepared: _Prepared,
    base: dict[str, tuple[str, ...]],
    by_locale: dict[str, dict[str, tuple[str, ...]]],
    row: tuple,
) -> tuple[dict[str, float], list[str], float]:
    """Per query concept, how strongly the page holds it (0–1); the concepts
    found anywhere (for the confidence); the share of the page's own question
    that the query's concepts cover. ``by_locale`` caches, per page language,
    the forms a page of that language may hold (one computation per query)."""
    index_title, index_body, _country, _kind, title, locale = row
    question = _title_terms(title, locale)
    groups = by_locale.get(locale) or by_locale.setdefault(
        locale, {t: prepared.forms_for(t, g, locale) for t, g in base.items()}
    )
    summary = set(index_title.split())
    body: set[str] | None = None  # split only when a concept is not in the title
    body_strength = BODY_STRENGTH * min(
        1.0, math.sqrt(BODY_PIVOT / max(index_body.count(" ") + 1, 1))
    )
    strength: dict[str, float] = {}
    matched: list[str] = []
    for t in prepared.terms:
        forms = groups[t]
        said = prepared.phrases_for(t, locale) if prepared.phrases else ()
        if any(a in question for a in forms) or _holds(question, said):
            strength[t] = 1.0
        elif any(a in summary for a in forms) or _holds(summary, said):
            strength[t] = SUMMARY_STRENGTH
        else:
            if body is None:
                body = set(index_body.split())
            if not (any(a in body for a in forms) or _holds(body, said)):
                continue
            strength[t] = body_strength
        matched.append(t)
    asked = {f for t in matched for f in groups[t]}
    precision = len(question & asked) / len(question) if question else 0.0
    return strength, matched, precision


def _holds(words: frozenset[str] | set[str], phrases: tuple[frozenset[str], ...]) -> bool:
    return any(phrase <= words for phrase in phrases)


def _rank(
    candidates: list[tuple[int, float]], prepared: _Prepared, country: str, limit: int
) -> list[Hit]:
    return _hits(_scores(candidates, prepared, country)[:limit])


# (score, title, document id, confidence, matched terms), best first.
Scored = tuple[float, str, int, float, list[str]]


def _scores(candidates: list[tuple[int, float]], prepared: _Prepared, country: str) -> list[Scored]:
    """Score the candidates on the index columns only (cheap); _hits loads
    the display fields of the few actually returned."""
    if not candidates:
        return []
    rows = {
        r[0]: r[1:]
        for r in SearchDocument.objects.filter(pk__in=[c[0] for c in candidates]).values_list(
            "id", "index_title", "index_body", "country", "kind", "title", "locale"
        )
    }
    groups = prepared.groups()
    by_locale: dict[str, dict[str, tuple[str, ...]]] = {}
    weights = prepared.weights()
    total = sum(weights.values()) or 1.0
    top_raw = max((raw for _, raw in candidates), default=1.0) or 1.0
    # Titles are read for concepts only when the question names one of a
    # contrast (most do not; recognising a title costs about 0.1 ms).
    contrasting = bool(prepared.names & _CONTRAST_NAMES)
    generation = concepts.current_generation() if contrasting else None
    scored: list[Scored] = []
    for doc_id, raw in candidates:
        row = rows.get(doc_id)
        if row is None:
            continue
        doc_country, kind, title = row[2], row[3], row[4]
        strength, matched, precision = _strengths(prepared, groups, by_locale, row)
        if not matched:
            continue  # found by the backend only through another language's word
        # The confidence stays the plain share of the question the page holds.
        coverage = sum(weights[t] for t in matched) / total
        strong = sum(weights[t] * s for t, s in strength.items()) / total
        question_cov = sum(weights[t] for t, s in strength.items() if s == 1.0) / total
        score = (
            W_COVERAGE * strong
            + W_TITLE * question_cov
            + W_PRECISION * precision
            + W_RAW * max(raw, 0.0) / abs(top_raw)
        )
        if doc_country:
            if doc_country == country or doc_country in prepared.countries:
                score += COUNTRY_BONUS  # the reader's (or the named) country beats a general page
            elif prepared.countries:
                # The question names another country: this sheet is not about it.
                score -= OTHER_COUNTRY_PENALTY
        if contrasting and _contradicts(prepared.names, title, row[5], generation):
            score -= CONTRAST_PENALTY
        if kind == DocumentKind.SHORT_ANSWER:
            score += 0.02  # a direct answer beats a long page on a tie
        scored.append((score, title, doc_id, round(coverage, 2), matched))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return scored


# Concepts that name opposite situations. A page whose own question names
# one ("What if my passport has expired?") is not about the other ("I lost my
# passport"), though its text mentions both: it yields to pages that do not
# contradict the question. "How much" is not "how long": French "combien"
# is in both ("combien de temps"), so a how-much question found the duration page.
CONTRASTS = (("lost", "expired"), ("home", "third_country"), ("amount", "duration"))
CONTRAST_PENALTY = 0.15
_CONTRAST_NAMES = frozenset(name for pair in CONTRASTS for name in pair)


@lru_cache(maxsize=4096)
def _title_concepts(title: str, locale: str, generation: object) -> frozenset[str]:
    found = concepts.recognise(title, locale, text.script_languages(title, locale))
    return frozenset(r.name for r in found if r.name)


def _contradicts(asked: frozenset[str], title: str, locale: str, generation: object) -> bool:
    held = _title_concepts(title, locale, generation)
    return any(
        (a in asked and b in held and b not in asked)
        or (b in asked and a in held and a not in asked)
        for a, b in CONTRASTS
    )


def _hits(scored: list[Scored]) -> list[Hit]:
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


def _in_other_languages(
    q: str, prepared: _Prepared, *, lang: str, kinds, country: str, limit: int
) -> list[Hit]:
    # Was the question written in another language (Dutch words on the English
    # site)? Then search that language, with its own stemmer and statistics.
    detected = language.detect(q, hint=lang)
    if detected != lang and total_documents(detected):
        hits = search(
            q, lang=detected, country=country, kinds=kinds, limit=limit, other_languages=False
        ).hits
        if hits:
            return hits
    # Otherwise every other language, with the reader's stems and the concept
    # list's words for them in every language.
    everywhere = pooling.everywhere(prepared)
    filters = Filters(exclude_locales=[lang], kinds=kinds, country=country)
    candidates = get_backend().candidates(everywhere.concepts(), filters, CANDIDATES)
    return pooling.pooled(
        candidates, everywhere, lang=lang, kinds=kinds, country=country, limit=limit
    )


@dataclass
class _Expanded:
    terms: list[str]
    alts: dict[str, list[str]]
    factor: dict[str, float]
    countries: frozenset[str]
    by_lang: dict[str, dict[str, frozenset[str]]]
    phrases: dict[str, dict[str, tuple[tuple[str, ...], ...]]]
    names: frozenset[str] = frozenset()


def _expand(q: str, lang: str, terms: list[str]) -> _Expanded:
    """Merge the concepts the question names (concepts.py) into its terms: a
    term's alternatives are its concept's words in every language; a concept
    named only by stop words ("how much") is added at reduced weight; the
    words of a recognised phrase, and a concept's synonyms, count once."""
    alts: dict[str, set[str]] = {}
    by_lang: dict[str, dict[str, set[str]]] = {}
    said: dict[str, dict[str, set[tuple[str, ...]]]] = {}
    factor: dict[str, float] = {}
    countries: set[str] = set()
    out = list(terms)
    langs = text.script_languages(q, lang)
    found = concepts.recognise(q, lang, langs)
    claimed = {s: rec for rec in found for s in rec.covers}
    for rec in found:
        # Every word of the question that is one of this concept's words
        # ("پشیمون شدم … کنسل کنم", "I regret it, cancel"): one concept, said
        # twice, not a second term no page holds as typed.
        own = {w for g in langs for w in rec.by_lang.get(g, ())}
        present = [s for s in rec.covers if s in out]
        present += [t for t in out if t in own and claimed.get(t, rec) is rec and t not in present]
        if present:
            key = present[0]
            out = [t for t in out if t == key or t not in present[1:]]
        else:
            key = rec.key
            if key not in out:
                out.append(key)
                factor[key] = 0.5
        alts.setdefault(key, set()).update(rec.forms - {key})
        for word_lang, stems in rec.by_lang.items():
            by_lang.setdefault(key, {}).setdefault(word_lang, set()).update(stems)
        for word_lang, held in rec.phrases.items():
            said.setdefault(key, {}).setdefault(word_lang, set()).update(held)
        if rec.country:
            countries.add(rec.country)
    words = {t: {k: frozenset(v) for k, v in by_lang[t].items()} for t in out if t in by_lang}
    phrases = {t: {k: tuple(v) for k, v in said[t].items()} for t in out if t in said}
    return _Expanded(
        out,
        {t: sorted(alts.get(t, ())) for t in out},
        factor,
        frozenset(countries),
        words,
        phrases,
        frozenset(rec.name for rec in found if rec.name),
    )


def _own_words(
    lang: str,
    terms: list[str],
    alts: dict[str, list[str]],
    by_lang: dict[str, dict[str, frozenset[str]]],
    phrases: dict[str, dict[str, tuple[tuple[str, ...], ...]]],
) -> set[str]:
    """The words whose document counts the reader's-locale search needs: a
    concept's words of the reader's language (its script group for Arabic
    script) and their phrases' words. A page counts only the words of its own
    language (_Prepared.forms_for), so the other languages' words (a concept
    holds a few hundred) need not be counted; the other-language search
    counts all of them over every locale."""
    langs = text.ARABIC_SCRIPT_LANGS if lang in text.ARABIC_SCRIPT_LANGS else (lang,)
    wanted = set(terms)
    for t in terms:
        words = by_lang.get(t)
        if words:
            wanted.update(w for g in langs for w in words.get(g, ()))
        else:
            wanted.update(alts.get(t, ()))
        for g in langs:
            for phrase in phrases.get(t, {}).get(g, ()):
                wanted.update(phrase)
    return wanted


def _inflections(
    lang: str,
    terms: list[str],
    alts: dict[str, list[str]],
    by_lang: dict[str, dict[str, frozenset[str]]],
) -> None:
    """In a language without a stemmer, the pages' inflected forms of each
    concept word ("baasaboorkaygu" for "baasaboor") join its alternatives (in
    place): the index keeps words as written, so only the vocabulary knows them."""
    if lang not in concepts.PREFIX_LANGS:
        return
    vocab = _vocabulary(lang)
    for t in terms:
        words = by_lang.get(t)
        if not words:
            continue  # a word of no concept: its inflections may mean anything
        own = set(words.get(lang, ()))
        extra = {
            e
            for f in own
            if len(f) >= concepts.PREFIX_MIN
            for e in vocab.extensions(f, concepts.PREFIX_MAX_SUFFIX)
        }
        if lang == "ti":
            # Pages join prepositions to the word as questions do ("ንቆልዑ").
            extra.update(
                e
                for f in own
                for joined in concepts.ti_prefixed(f)
                for e in vocab.extensions(joined, concepts.PREFIX_MAX_SUFFIX)
            )
        extra -= own
        if not extra:
            continue
        alts[t] = sorted({*alts.get(t, ()), *extra} - {t})
        by_lang[t] = {**words, lang: frozenset(own | extra)}


def search(
    q: str,
    *,
    lang: str,
    country: str = "",
    kinds: Sequence[str] | None = None,
    limit: int = 10,
    other_languages: bool = True,
    correct: bool = True,
) -> SearchResult:
    """Search published content. Raises QueryError for empty / oversized queries.
    ``correct=False`` searches the words as typed ("Search instead for …");
    ``other_languages=False`` looks at the reader's-language pages alone (no
    other-language fallback, no reordering by translations: pooling.py)."""
    q = validate_query(q)
    country = (country or "").upper()[:2]
    terms = text.query_terms(q, lang)
    result = SearchResult(query=q, normalised=text.clean(q), lang=lang, terms=terms)
    if not terms:
        return result

    expanded = _expand(q, lang, terms)
    terms, alts, factor, named, by_lang = (
        expanded.terms,
        expanded.alts,
        expanded.factor,
        expanded.countries,
        expanded.by_lang,
    )
    _inflections(lang, terms, alts, by_lang)
    wanted = _own_words(lang, terms, alts, by_lang, expanded.phrases)
    df = dict(
        SearchTerm.objects.filter(locale=lang, term__in=wanted).values_list("term", "doc_count")
    )

    def known(term: str) -> bool:
        return any(df.get(a, 0) for a in (term, *alts.get(term, ())))

    if correct and len(terms) <= TYPO_MAX_QUERY_TERMS and not all(known(t) for t in terms):
        terms, alts = _correct(q, lang, terms, alts, df, known, result)

    result.terms = terms
    prepared = _Prepared(
        terms=terms,
        alts=alts,
        df=df,
        n_docs=total_documents(lang),
        factor=factor,
        countries=named,
        by_lang=by_lang,
        lang=lang,
        phrases=expanded.phrases,
        names=expanded.names,
    )
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
    if hits and other_languages:
        hits = pooling.blend(hits, prepared, lang=lang, kinds=kinds, country=country)
    if not hits and other_languages:
        # Only when nothing exists in the reader's language, and labelled so.
        hits = _in_other_languages(
            q, prepared, lang=lang, kinds=kinds, country=country, limit=limit
        )
        for hit in hits:
            hit.other_language = hit.document.locale != lang
        result.other_language = any(hit.other_language for hit in hits)
        _attach_translations(hits, lang)
    result.hits = hits[:limit]
    return result


def _correct(q, lang, terms, alts, df, known, result):
    """Replace unknown terms by the closest indexed one (see correction.py for
    what may never be corrected); records each change in result.corrections."""
    if not correction.has_lexicon(lang):
        return terms, alts
    vocab = _vocabulary(lang)
    words = correction.surface_words(q, lang)
    fixed = []
    for t in terms:
        if not known(t):
            better = vocab.correct(t)
            if better and correction.may_correct(
                words=words.get(t, []), stem=t, candidate=better, lang=lang
            ):
                result.corrections[t] = better
                df[better] = vocab.df[better]
                t = better
        fixed.append(t)
    terms = list(dict.fromkeys(fixed))
    new_alts = {t: alts.get(t, []) for t in terms}
    return terms, new_alts


def _attach_translations(hits: list[Hit], lang: str) -> None:
    """Link each other-language hit to the reader's-language version of its
    page when one is published (one query for all hits)."""
    keys = [h.document.translation_key for h in hits if h.other_language]
    keys = [k for k in keys if k]
    if not keys:
        return
    mine = {
        d.translation_key: d
        for d in SearchDocument.objects.filter(locale=lang, translation_key__in=keys).only(
            "id", "uuid", "url", "title", "translation_key", "locale"
        )
    }
    for hit in hits:
        hit.translation = mine.get(hit.document.translation_key)
