"""The concept list, as the engine reads it: question words → concepts → the
words of the same concept in every language.

Three sources, merged into one in-process index:

- the editors' concept list (models.Concept / ConceptTerm, Wagtail snippet);
- names from CLDR via Babel: every country in every launch language (plus
  the exemplar cities of its time zones, so "Kabul" / "کابل" means the
  Afghanistan concept) and the launch languages' own names;
- cities (GeoNames, through the gazetteer's table) of the countries that have
  a country sheet, in Latin, Arabic, Cyrillic and Ethiopic script. A new
  sheet's country joins when the list is next rebuilt (a concept saved, or a
  new process).

The index is built once per process; saving or deleting a concept bumps a
generation counter in the shared cache (signals below) and every process
rebuilds on its next search. Looking a term up costs no database query.

Terms are normalised with the same pipeline as pages (text.terms) in their
own language. Single words are matched directly; a phrase ("how much",
"کارت شناسایی") is recognised when all its words are in the question. On a
page, a single word counts alone; a phrase only when the page holds all its
words (a phrase's words alone mean less).
"""

from __future__ import annotations

import threading
import unicodedata
import uuid
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache

from . import text

GENERATION_KEY = "search:concepts-generation"
# Terms this short match too much by accident across languages.
MIN_FOREIGN_CHARS = 4
# Languages without a stemmer (text.STEMMERS) inflect by suffixes the index
# keeps as typed: Somali "baasaboorkayga" (my passport), Albanian "pasaportën",
# Pashto "ماشومانو", Urdu "بچوں". A question word that is no concept word is
# read as the longest concept word it starts with, of at least PREFIX_MIN
# characters and followed by at most PREFIX_MAX_SUFFIX more.
PREFIX_LANGS = frozenset({"ps", "ti", "so", "sq", "ur"})
PREFIX_MIN = 4
PREFIX_MAX_SUFFIX = 5


@dataclass
class Recognised:
    """A concept found in a question: the question's stems it covers and the
    page stems (every language) that mean the same."""

    key: str  # the question stem that stands for the concept
    covers: tuple[str, ...]
    forms: frozenset[str]
    country: str = ""  # ISO code when the concept is a country
    # The same stems by the language they are words of: "pass" is Norwegian
    # for passport but also the stem of French "passe", so a page counts a
    # form only when it is a word of the page's language (engine._strengths).
    by_lang: dict[str, frozenset[str]] = field(default_factory=dict)
    # The concept's phrases as a page holds them (stop words left out, as in
    # the index), by language: "van gedachten veranderen" → (gedacht, verander).
    phrases: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # The concept's name in the editors' list ("office", "shelter"), or its
    # CLDR key ("AF", "lang:fa"): what answers.py asks a question about.
    name: str = ""


@dataclass
class _Index:
    generation: object = None
    words: dict[tuple[str, str], set[int]] = field(default_factory=dict)  # (lang, stem)
    any_lang: dict[str, set[int]] = field(default_factory=dict)  # stem → concepts
    phrases: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)
    # (lang, a phrase's first stem) → positions in ``phrases[lang]``: a question
    # is checked against the phrases that start with one of its words only.
    phrase_starts: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    forms: list[frozenset[str]] = field(default_factory=list)  # concept id → page stems
    by_lang: list[dict[str, frozenset[str]]] = field(default_factory=list)  # … per language
    countries: dict[int, str] = field(default_factory=dict)  # concept id → ISO code
    page_phrases: list[dict[str, tuple[tuple[str, ...], ...]]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # concept id → name


_lock = threading.Lock()
_index = _Index()


def _launch() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


# A phrase's stems never change within a process, and a rebuild (a concept
# saved, a cleared cache: every test) restems some 20,000 phrases otherwise.
@lru_cache(maxsize=65536)
def _stems(phrase: str, lang: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(text.terms(phrase, lang, keep_stopwords=True)))


@lru_cache(maxsize=65536)
def _page_stems(phrase: str, lang: str) -> tuple[str, ...]:
    """A phrase as a page's index holds it (stop words left out)."""
    return tuple(dict.fromkeys(text.terms(phrase, lang)))


def _babel_locale(lang: str):
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse({"no": "nb"}.get(lang, lang))
    except (UnknownLocaleError, ValueError):
        return None


@lru_cache(maxsize=1)
def cldr_concepts() -> tuple[tuple[str, dict[str, tuple[str, ...]]], ...]:
    """(country code or "lang:xx", {lang: names}) from CLDR, for every launch
    language. Built once per process (it does not change without an upgrade)."""
    from babel.core import get_global

    territory_zones = get_global("territory_zones")
    names: dict[str, dict[str, set[str]]] = {}
    langs = _launch()
    for lang in langs:
        loc = _babel_locale(lang)
        if loc is None:
            continue
        for code, name in loc.territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(code, {}).setdefault(lang, set()).add(name)
        for code, zones in territory_zones.items():
            if len(code) != 2 or not code.isalpha():
                continue
            for zone in zones:
                # CLDR leaves a city out where it is the zone's own English
                # name (Asia/Kabul → Kabul).
                city = loc.time_zones.get(zone, {}).get("city") or (
                    zone.rsplit("/", 1)[-1].replace("_", " ") if lang == "en" else ""
                )
                if city:
                    names.setdefault(code.upper(), {}).setdefault(lang, set()).add(city)
        for code in langs:
            name = loc.languages.get({"no": "nb"}.get(code, code))
            if name:
                names.setdefault(f"lang:{code}", {}).setdefault(lang, set()).add(name)
    return tuple(
        (key, {lang: tuple(sorted(v)) for lang, v in by_lang.items()})
        for key, by_lang in sorted(names.items())
    )


# A city name typed in the question stands for its country only when the
# name cannot be an everyday word: one-word Latin names of five letters or
# more, Arabic-script names of four or more.
CITY_MIN_LATIN, CITY_MIN_ARABIC = 5, 4
# The script of a GeoNames alternate name → the launch languages whose
# stemmer reads it (Arabic script: Arabic and Persian stems differ).
_SCRIPT_LANGS = {"latin": ("en",), "arabic": ("ar", "fa"), "cyrillic": ("ru",), "ethiopic": ("ti",)}


def _script(name: str) -> str:
    if name.isascii():
        return "latin"
    scripts = {
        "arabic"
        if "\u0600" <= ch <= "\u06ff"
        else "cyrillic"
        if "\u0400" <= ch <= "\u04ff"
        else "ethiopic"
        if "\u1200" <= ch <= "\u137f"
        else "latin"
        if ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")
        else "other"
        for ch in name
        if ch.isalpha()
    }
    return scripts.pop() if len(scripts) == 1 else "other"


def _sheet_countries() -> frozenset[str]:
    """The countries the index has a country sheet for (one query per rebuild)."""
    from .models import DocumentKind, SearchDocument

    return frozenset(
        SearchDocument.objects.filter(kind=DocumentKind.COUNTRY_SHEET)
        .exclude(country="")
        .values_list("country", flat=True)
        .distinct()
    )


@lru_cache(maxsize=4)
def city_names(countries: frozenset[str]) -> dict[str, dict[str, tuple[str, ...]]]:
    """{country: {lang: names}} of the GeoNames cities (15,000+ people, the
    table the gazetteer ships) of ``countries``, in the scripts the launch
    languages are written in: "Mosul", "الموصل", "Мосул" all name Iraq, so a
    question about Herat or Jalalabad finds the Afghanistan sheet. CLDR only
    names each country's time-zone city (Kabul, Baghdad)."""
    if not countries:
        return {}
    import json
    import os

    from . import gazetteer

    with open(os.path.join(gazetteer.DATA_DIR, gazetteer.CITIES_FILE), encoding="utf-8") as f:
        raw = json.load(f)
    out: dict[str, dict[str, set[str]]] = {}
    for row in raw.values():
        code = row["countrycode"]
        if code not in countries:
            continue
        for alias in {row["name"], *row.get("alternatenames", [])}:
            words = alias.split()
            if (
                gazetteer._is_code(alias)
                or not 0 < len(words) <= 3
                or any(c.isdigit() for c in alias)
            ):
                continue
            script = _script(alias)
            if script not in _SCRIPT_LANGS:
                continue
            shortest = CITY_MIN_LATIN if script != "arabic" else CITY_MIN_ARABIC
            if len(words) == 1 and len(alias) < shortest:
                continue
            for lang in _SCRIPT_LANGS[script]:
                out.setdefault(code, {}).setdefault(lang, set()).add(alias)
    return {code: {lang: tuple(sorted(v)) for lang, v in d.items()} for code, d in out.items()}


# Languages whose writers join a compound's parts with a zero-width
# non-joiner ("کسب‌وکار", business): text.py drops it, so the index holds the
# compound as one word ("کسبوکار") where the concept list spells it apart.
ZWNJ_LANGS = frozenset({"fa", "ps", "ur"})


def _with_joined(phrases: list[str], lang: str, *, named: bool) -> list[str]:
    """``phrases``, and in ZWNJ_LANGS each editor's multi-word phrase also
    written as one word (what the index makes of it written with ZWNJs)."""
    if named or lang not in ZWNJ_LANGS:
        return phrases
    joined = ["".join(p.split()) for p in phrases if len(p.split()) > 1]
    return [*phrases, *joined]


def _build(generation: object) -> _Index:
    from .models import ConceptTerm

    entries: list[tuple[str, dict[str, list[str]]]] = []
    grouped: dict[int, dict[str, list[str]]] = {}
    named: dict[int, str] = {}
    for concept_id, name, lang, term in ConceptTerm.objects.values_list(
        "concept_id", "concept__name", "language", "text"
    ):
        grouped.setdefault(concept_id, {}).setdefault(lang, []).append(term)
        named[concept_id] = name
    entries += [("", by_lang) for _, by_lang in sorted(grouped.items())]
    labels = [named[cid] for cid in sorted(grouped)]
    cities = city_names(_sheet_countries())
    for key, names in cldr_concepts():
        by_lang = {k: list(v) for k, v in names.items()}
        for lang, more in cities.get(key, {}).items():
            by_lang.setdefault(lang, []).extend(more)
        entries.append((key, by_lang))
        labels.append(key)

    index = _Index(generation=generation, names=labels)
    for cid, (key, by_lang) in enumerate(entries):
        forms: dict[str, set[str]] = {}
        said: dict[str, set[tuple[str, ...]]] = {}
        for lang, phrases in by_lang.items():
            for phrase in _with_joined(phrases, lang, named=bool(key)):
                stems = _stems(phrase, lang)
                if not stems:
                    continue
                if len(stems) == 1:
                    index.words.setdefault((lang, stems[0]), set()).add(cid)
                    index.any_lang.setdefault(stems[0], set()).add(cid)
                    forms.setdefault(lang, set()).add(stems[0])
                else:
                    listed = index.phrases.setdefault(lang, [])
                    index.phrase_starts.setdefault((lang, stems[0]), []).append(len(listed))
                    listed.append((stems, cid))
                    if key:  # a multi-word name ("sierra leone") is looked for whole
                        forms.setdefault(lang, set()).update(stems)
                        continue
                    # A page says "change my mind" where the question says
                    # "cancel": the phrase counts on a page that holds all its
                    # words (engine._strengths), not one of them alone.
                    on_page = _page_stems(phrase, lang)
                    if len(on_page) > 1:
                        said.setdefault(lang, set()).add(on_page)
        index.forms.append(frozenset(f for group in forms.values() for f in group))
        index.by_lang.append({lang: frozenset(group) for lang, group in forms.items()})
        index.page_phrases.append({lang: tuple(sorted(group)) for lang, group in said.items()})
        if key and not key.startswith("lang:"):
            index.countries[cid] = key
    return index


def _generation() -> object:
    """The shared generation token; a cleared or evicted cache gets a new one,
    so every process rebuilds rather than trusting a stale list."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _current() -> _Index:
    global _index
    generation = _generation()
    if _index.generation != generation or not _index.forms:
        with _lock:
            if _index.generation != generation or not _index.forms:
                _index = _build(generation)
    return _index


def current_generation() -> object:
    """The concept list's generation (one shared-cache read): a key for
    caches of what the list recognises."""
    return _current().generation


def bump_generation(**kwargs) -> None:
    """Tell every process that the concept list changed (signal receiver)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def concept_prefix(stem: str, lang: str, known) -> str | None:
    """The longest ``known`` word (a callable: is it a word?) that ``stem``
    starts with and that is an inflection away from it; None if none is.
    The stem's last letter may differ where the language changes it before
    a suffix (_stem_variants)."""
    if lang not in PREFIX_LANGS or stem.isdigit():
        return None
    shortest = PREFIX_MIN_ETHIOPIC if _is_ethiopic(stem) else PREFIX_MIN
    for cut in range(len(stem) - 1, max(shortest, len(stem) - PREFIX_MAX_SUFFIX) - 1, -1):
        if known(stem[:cut]):
            return stem[:cut]
        for variant in _stem_variants(stem[:cut], lang):
            if known(variant):
                return variant
    return None


# Before a suffix, Somali and Albanian nouns lose or change their last vowel
# ("magangelyo" asylum → "magangelyadii" the asylum): the word before the
# suffix plus one vowel may be the concept word.
STEM_VOWELS = {"so": "aeiou", "sq": "aeëiou"}
# An Ethiopic letter is a syllable; before a suffix the last one changes its
# vowel, not its consonant ("ሃገር" country → "ሃገረይ" my country): the eight
# letters of one consonant are consecutive code points (U+1200 + 8 × n).
# Three syllables are about as specific as PREFIX_MIN Latin letters.
PREFIX_MIN_ETHIOPIC = 3


def _is_ethiopic(word: str) -> bool:
    return bool(word) and all("\u1200" <= ch <= "\u137f" for ch in word)


def _stem_variants(head: str, lang: str) -> list[str]:
    """Spellings of ``head`` with the last letter as it is before no suffix."""
    if lang in STEM_VOWELS and head and head[-1] not in STEM_VOWELS[lang]:
        return [head + v for v in STEM_VOWELS[lang]]
    if lang == "ti" and _is_ethiopic(head) and "\u1200" <= head[-1] <= "\u135a":
        first = 0x1200 + (ord(head[-1]) - 0x1200) // 8 * 8
        return [head[:-1] + chr(first + k) for k in range(8) if chr(first + k) != head[-1]]
    return []


# Tigrinya writes its prepositions and the relative marker joined to the next
# word: "ንቆልዑ" for children, "ንምምላስ" for returning, "ብገንዘብ" with money,
# "ካብ", "ምስ", "ከም" likewise. A word is read without one of them when the rest
# is a concept word (or inflects one); a word that is itself a concept word
# ("ንብረት" belongings) is read as it is first.
TI_PREFIXES = ("ከም", "ምስ", "ካብ", "ን", "ብ", "ዝ")


def ti_unprefixed(stem: str) -> list[str]:
    """``stem`` without each joined preposition it may start with."""
    if not _is_ethiopic(stem):
        return []
    return [stem[len(p) :] for p in TI_PREFIXES if stem.startswith(p) and len(stem) - len(p) >= 2]


def ti_prefixed(word: str) -> list[str]:
    """``word`` with each joined preposition (the pages' spellings of it)."""
    return [p + word for p in TI_PREFIXES] if _is_ethiopic(word) and len(word) >= 2 else []


def _concepts_of(stem: str, lang: str, index: _Index) -> set[int]:
    own = index.words.get((lang, stem))
    if own:
        return own
    known = lambda p: (lang, p) in index.words  # noqa: E731
    prefix = concept_prefix(stem, lang, known)
    if prefix is not None:
        return index.words[(lang, prefix)]
    if lang == "ti":
        for rest in ti_unprefixed(stem):
            word = rest if known(rest) else concept_prefix(rest, lang, known)
            if word is not None:
                return index.words[(lang, word)]
    # A word of another language (English on the Persian site, Finglish typed
    # on any site); short ones match too much by accident.
    if len(stem) >= MIN_FOREIGN_CHARS:
        return index.any_lang.get(stem, set())
    return set()


# Spoken Arabic writes the article as a bare ل ("لفلوس" the money, "لبلاد")
# and joins و and ع (for على) to it ("والدوا" and the medicine, "عالعودة" onto
# the return). The stemmer strips ال, بال and لل but not these, so the word
# stayed unknown. A word is also read with the article spelled out when the
# reading is a concept word: for ل and عال only when the word's own stem is no
# concept word ("لبنان" is Lebanon); for وال also beside its own stem, which
# the stemmer often cuts into another word ("والدوا" → "والد" father).
SPOKEN_ARTICLES = ("وال", "عال", "ل")


def _spoken_article_stems(question: str, index: _Index) -> list[str]:
    found = []
    for tok in text.tokens(question):
        if tok.startswith(("ال", "لل")):
            continue  # the stemmer's own case
        clitic = next((c for c in SPOKEN_ARTICLES if tok.startswith(c)), "")
        rest = tok[len(clitic) :]
        if not clitic or len(rest) < 3:
            continue
        if clitic != "وال" and ("ar", text.normalise_token(tok, "ar")) in index.words:
            continue
        alt = text.normalise_token("ال" + rest, "ar")
        if ("ar", alt) in index.words:
            found.append(alt)
    return found


def recognise(question: str, lang: str, langs: tuple[str, ...] | None = None) -> list[Recognised]:
    """The concepts named in ``question`` read as ``lang`` (and ``langs``),
    stop words included: question words ("combien", "چقدر") are concepts."""
    index = _current()
    found: dict[int, Recognised] = {}
    for read_as in langs or (lang,):
        stems = _stems(question, read_as)
        if read_as == "ar":
            stems += tuple(_spoken_article_stems(question, index))
        present = set(stems)
        covered: set[str] = set()
        listed = index.phrases.get(read_as, [])
        starting = sorted(
            i for stem in present for i in index.phrase_starts.get((read_as, stem), ())
        )
        for phrase, cid in (listed[i] for i in starting):
            if all(s in present for s in phrase) and cid not in found:
                found[cid] = Recognised(
                    phrase[0],
                    phrase,
                    index.forms[cid],
                    index.countries.get(cid, ""),
                    index.by_lang[cid],
                    index.page_phrases[cid],
                    index.names[cid],
                )
                covered.update(phrase)
        for stem in stems:
            if stem in covered:
                continue
            for cid in _concepts_of(stem, read_as, index):
                if cid not in found:
                    found[cid] = Recognised(
                        stem,
                        (stem,),
                        index.forms[cid],
                        index.countries.get(cid, ""),
                        index.by_lang[cid],
                        index.page_phrases[cid],
                        index.names[cid],
                    )
    return list(found.values())


def countries_named(question: str, lang: str) -> list[str]:
    """ISO codes of the countries (or their cities) a question names."""
    return sorted({r.country for r in recognise(question, lang) if r.country})
