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
    found = pooled([(i, 0.0) for i in ids], everywhere(prepared), kinds=kinds, country=country)
    mean = {h.document.translation_key: h.score for h in found}
    for hit in hits:
        key = hit.document.translation_key
        if key in mean:
            hit.score = OWN_WEIGHT * hit.score + (1 - OWN_WEIGHT) * mean[key]
    hits.sort(key=lambda h: (-h.score, h.document.title))
    return hits


def pooled(
    candidates: list[tuple[int, float]],
    prepared: _Prepared,
    *,
    kinds,
    country: str,
    lang: str = "",
) -> list[Hit]:
    """One hit per page, scored by the mean over all its translations.

    The best single translation is a poor judge: a page has eight or more,
    and one of them holds a query word by accident more often than not
    (Somali "ganacsiga dadka", trade in people, holds the word for business).
    A page that answers the question holds its concepts in every language,
    so the mean over the translations (one that holds none counts 0) keeps
    it and drops the accident; the translation shown is the best-scoring one."""
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
    members: dict[object, int] = {}
    for doc_id, key in siblings.values_list("id", "translation_key"):
        raw.setdefault(doc_id, 0.0)
        members[key] = members.get(key, 0) + 1
    hits = engine._rank(list(raw.items()), prepared, country, len(raw))
    pooled: dict[object, list[Hit]] = {}
    for hit in hits:
        pooled.setdefault(hit.document.translation_key or hit.document.pk, []).append(hit)
    out = []
    for page, group in pooled.items():
        best = group[0]  # _rank sorts best first
        best.score = sum(h.score for h in group) / max(members.get(page, 1), len(group))
        out.append(best)
    out.sort(key=lambda h: (-h.score, h.document.title))
    return out
