"""One page, many translations: scores that use every language version.

A page is published in up to thirteen languages, all sharing a translation
key. The engine (engine.py) ranks one document at a time; here a page is
judged by all its versions, matched through the concept list's words in
each language: for the pages found only in other languages (pooled), and to
reorder the reader's own-language hits (blend).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# engine imports this module; its names are looked up when called.
from . import concepts, engine
from .models import SearchDocument, SearchTerm

if TYPE_CHECKING:
    from .engine import Hit, _Prepared


def everywhere(prepared: _Prepared) -> _Prepared:
    """``prepared`` with document counts over all locales, for ranking pages
    of every language (the reader's own locale may hold nothing)."""
    wanted = {f for group in prepared.alts.values() for f in group} | set(prepared.terms)
    wanted |= prepared.phrase_words()
    df: dict[str, int] = {}
    for term, count in SearchTerm.objects.filter(term__in=wanted).values_list("term", "doc_count"):
        df[term] = df.get(term, 0) + count
    return engine._Prepared(
        terms=prepared.terms,
        alts=prepared.alts,
        df=df,
        n_docs=engine.total_documents(),
        factor=prepared.factor,
        countries=prepared.countries,
        by_lang=prepared.by_lang,
        lang=prepared.lang,
        phrases=prepared.phrases,
        names=prepared.names,
    )


# The reader's-language page's own score and the mean over all its
# translations count alike (blend): the plain choice; 0.3 and 0.7 did no
# better on the tuning sets.
OWN_WEIGHT = 0.5


def blend(hits: list[Hit], prepared: _Prepared, *, lang: str, kinds, country: str) -> list[Hit]:
    """Reorder the reader's-language hits by their own score blended with the
    mean over every translation of the page (pooled), in place.

    One wording can hold a question's word by accident or miss its synonym;
    the same page in eight languages, matched through the concept list's
    words in each, says more reliably whether it is about the question. Not
    where the reader's language has no stemmer (concepts.PREFIX_LANGS): its
    concepts are recognised by prefix guesses, and the other translations
    would only repeat a wrong guess with more weight (on the tuning sets
    Somali and Tigrinya lost with it)."""
    if lang in concepts.PREFIX_LANGS:
        return hits
    keys = {h.document.translation_key for h in hits if h.document.translation_key}
    if not keys:
        return hits
    ids = SearchDocument.objects.filter(translation_key__in=keys).values_list("id", flat=True)
    pages = _page_scores(
        [(i, 0.0) for i in ids], everywhere(prepared), kinds=kinds, country=country, lang=""
    )
    by_key = {page: mean for mean, _best, page in pages}
    for hit in hits:
        key = hit.document.translation_key
        if key in by_key:
            hit.score = OWN_WEIGHT * hit.score + (1 - OWN_WEIGHT) * by_key[key]
    hits.sort(key=lambda h: (-h.score, h.document.title))
    return hits


def pooled(
    candidates: list[tuple[int, float]],
    prepared: _Prepared,
    *,
    kinds,
    country: str,
    lang: str = "",
    limit: int = 10,
) -> list[Hit]:
    """One hit per page, scored by the mean over all its translations.

    The best single translation is a poor judge: a page has eight or more,
    and one of them holds a query word by accident more often than not
    (Somali "ganacsiga dadka", trade in people, holds the word for business).
    A page that answers the question holds its concepts in every language,
    so the mean over the translations (one that holds none counts 0) keeps
    it and drops the accident; the translation shown is the best-scoring one."""
    pages = _page_scores(candidates, prepared, kinds=kinds, country=country, lang=lang)[:limit]
    means = {best[2]: mean for mean, best, _page in pages}
    hits = engine._hits([best for _mean, best, _page in pages])
    for hit in hits:
        hit.score = means[hit.document.pk]
    return hits


def _page_scores(
    candidates: list[tuple[int, float]], prepared: _Prepared, *, kinds, country: str, lang: str
) -> list[tuple[float, engine.Scored, object]]:
    """(mean score over the page's translations, its best translation's
    scores, the page's translation key), best page first; a document without
    a translation key is a page of its own (its id)."""
    if not candidates:
        return []
    ids = [c[0] for c in candidates]
    keys = set(
        SearchDocument.objects.filter(pk__in=ids)
        .exclude(translation_key=None)
        .values_list("translation_key", flat=True)
    )
    siblings = SearchDocument.objects.filter(translation_key__in=keys)
    if lang:
        siblings = siblings.exclude(locale=lang)  # the reader's has none
    if kinds:
        siblings = siblings.filter(kind__in=kinds)
    raw = dict(candidates)
    page_of: dict[int, object] = {}
    members: dict[object, int] = {}
    for doc_id, key in siblings.values_list("id", "translation_key"):
        raw.setdefault(doc_id, 0.0)
        page_of[doc_id] = key
        members[key] = members.get(key, 0) + 1
    totals: dict[object, float] = {}
    best: dict[object, engine.Scored] = {}
    for scored in engine._scores(list(raw.items()), prepared, country):
        page = page_of.get(scored[2], scored[2])
        totals[page] = totals.get(page, 0.0) + scored[0]
        best.setdefault(page, scored)  # sorted best first
    pages = [(totals[p] / members.get(p, 1), best[p], p) for p in best]
    pages.sort(key=lambda m: (-m[0], m[1][1]))
    return pages
