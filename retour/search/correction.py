"""When a question word may be "corrected" to a word of the index — and when never.

Typo tolerance (engine._Vocabulary) finds the indexed word closest to an
unknown one. Unguarded, it turns real words into other real words ("much" →
"such", "lost" → "cost", nl "buurt" → "duurt") and, worst, drops a negation
(fa "ندارم", I do not have → "دارم", I have). So a word is corrected only when

- the language has a lexicon (wordfreq; none for ps, ti, so, sq: no correction
  there at all), and the word is not a real word of it (frequency below
  REAL_WORD_ZIPF: once per million words), and
- the correction does not add or remove a negation (NEGATIONS).

The web page then says "Showing results for … / Search instead for …"; the
readable form of a corrected stem is the most frequent lexicon word with that
stem (display_word).
"""

from __future__ import annotations

from functools import lru_cache

from . import text

# Launch locale → wordfreq language (installed lexicons only).
LEXICONS = {
    "en": "en",
    "fr": "fr",
    "nl": "nl",
    "no": "nb",
    "de": "de",
    "ar": "ar",
    "fa": "fa",
    "ru": "ru",
    "ur": "ur",
}
REAL_WORD_ZIPF = 3.0
DISPLAY_VOCABULARY = 30_000
# Negation prefixes per language (on words and on their stems): a correction
# that only adds or removes one of them reverses the question.
NEGATIONS: dict[str, tuple[str, ...]] = {
    "en": ("un", "in", "non", "dis", "not"),
    "fr": ("in", "im", "non", "dé", "de", "ne"),
    "nl": ("on", "niet", "geen"),
    "no": ("u", "ikke"),
    "de": ("un", "nicht", "kein"),
    "ar": ("لا", "ما", "غير", "لم", "لن", "مش"),
    "fa": ("ن", "نمی", "نه", "بی", "نا"),
    "ru": ("не", "без", "ни"),
    "ur": ("نہ", "ن", "بے", "نا"),
}


def has_lexicon(lang: str) -> bool:
    return lang in LEXICONS


def is_real_word(word: str, lang: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, LEXICONS[lang]) >= REAL_WORD_ZIPF


def _differs_by_negation(a: str, b: str, lang: str) -> bool:
    a, b = text.clean(a), text.clean(b)
    for prefix in NEGATIONS.get(lang, ()):
        p = text.clean(prefix)
        if (a.startswith(p) and a[len(p) :] == b) or (b.startswith(p) and b[len(p) :] == a):
            return True
    return False


def may_correct(*, words: list[str], stem: str, candidate: str, lang: str) -> bool:
    """May the question stem ``stem`` (from the typed ``words``) become ``candidate``?"""
    if not has_lexicon(lang) or not words:
        return False
    if any(is_real_word(w, lang) for w in words):
        return False
    if _differs_by_negation(stem, candidate, lang):
        return False
    return not any(_differs_by_negation(w, display_word(candidate, lang), lang) for w in words)


@lru_cache(maxsize=16)
def _display_forms(lang: str) -> dict[str, str]:
    """Stem → the most frequent word with that stem (built once per language)."""
    from wordfreq import top_n_list

    forms: dict[str, str] = {}
    for word in top_n_list(LEXICONS[lang], DISPLAY_VOCABULARY):
        forms.setdefault(text.normalise_token(text.clean(word), lang), word)
    return forms


def display_word(stem: str, lang: str) -> str:
    if not has_lexicon(lang):
        return stem
    return _display_forms(lang).get(stem, stem)


def surface_words(question: str, lang: str) -> dict[str, list[str]]:
    """Stem → the words of the question that have it (to check and to display)."""
    out: dict[str, list[str]] = {}
    for token in text.tokens(question):
        out.setdefault(text.normalise_token(token, lang), []).append(token)
    return out


def corrected_question(question: str, corrections: dict[str, str], lang: str) -> str:
    """The question with each corrected word replaced by its readable correction."""
    if not corrections:
        return question
    out = []
    for token in text.tokens(question):
        stem = text.normalise_token(token, lang)
        out.append(display_word(corrections[stem], lang) if stem in corrections else token)
    return " ".join(out)
