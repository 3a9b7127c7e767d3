"""Questions about place: "where", "near me", "in Antwerp" → the nearest service points.

Two public functions for the answer path (web, API, chat):

* :func:`place_query_detect` reads a question in any launch language and says
  whether it asks *where* (a question word or "near") and which place it names,
  resolved with the offline gazetteer (``gazetteer.py``), in any script
  ("in Antwerpen", "à Anvers", "في أنتويرب", "در آنتورپ", "в Антверпене").
* :func:`service_points_nearest` ranks published service points by
  great-circle distance from a point, one entry per service point in the
  reader's language where it has a version.

:func:`place_resolve` turns the finder's and the API's ``near`` value (a city
or "lat,lon") into a point. No geocoding service is ever called: a place the
gazetteer does not know is said to be unknown, never guessed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from . import text
from .finder import Nearby, is_open
from .gazetteer import MAX_NAME_WORDS, City, fold, gazetteer, haversine_km
from .models import DocumentKind, SearchDocument

# Words that make a question a question about place, in the 13 launch
# languages, folded as gazetteer.fold does (so "où" is "ou", "أين" is "اين").
# Spoken and romanised forms people type on phones are included (وين, tu,
# kahan, koja).
WHERE_WORDS = {
    "en": "where wheres near nearby nearest closest around address location located",
    "fr": "pres proche proches proximite adresse situe trouve",
    "nl": "waar dichtbij buurt dichtstbijzijnde vlakbij adres",
    "no": "hvor nær nærmeste nærheten adresse",
    "de": "wo wohin nahe nachste nachsten umgebung adresse",
    "ar": "اين وين فين قريب بالقرب اقرب عنوان مكان",
    "fa": "كجا كجاست كجان نزديك نزديكترين ادرس نشاني koja kuja",
    "ps": "چيرته كوم ځاي نږدي پته",
    "ti": "ኣበይ ኣበየናይ ቀረባ ኣድራሻ",
    "so": "xagee halkee meeshee dhow cinwaan",
    "ru": "где куда рядом ближайший ближайшая ближайшее близко поблизости адрес",
    "sq": "afer adresa adrese",  # "ku" (where) is also Somali "in": see BEFORE_PLACE
    "ur": "كهاں كدهر قريب نزديك پته kahan kidhar qareeb nazdeek",
}
# Norwegian "hvor" is also "how" before these ("hvor mye" = how much).
NOT_WHERE_AFTER = {
    "hvor": frozenset(["mye", "mange", "lang", "lenge", "stor", "store", "ofte", "gammel"])
}
# Only as typed: without its accent "ou" is French "or".
WHERE_AS_TYPED = frozenset({"où"})
# A word right before a place name that says "in/at/near" (postpositions
# after it for Urdu and Persian colloquial). A name after one of these counts
# even without a question word ("counselling in Ghent").
BEFORE_PLACE = {
    "en": "in at near around",
    "fr": "a à en dans pres de",
    "nl": "in bij te rond",
    "no": "i på ved nær",
    "de": "in im bei nahe",
    "ar": "في فى ب",
    "fa": "در تو توي نزديك",
    "ps": "په",
    "ti": "ኣብ",
    "so": "ku",
    "ru": "в во около возле под",
    "sq": "ne në afer",
    "ur": "ميں",
}
AFTER_PLACE = {"ur": "mein main ميں", "fa": "تو", "ps": "كې كي"}

# Short or common words that are also the name of some city of 15,000 people
# ("most cases" is not Most in Czechia). Checked before a single-word match.
COMMON_WORDS: frozenset[str] = frozenset(
    [
        "most",
        "ans",
        "vis",
        "hier",
        "lens",
        "mol",
        "ham",
        "as",
        "bar",
        "sale",
        "nice",
        "come",
        "gap",
        "ede",
        "zug",
        "ost",
        "tours",
        "bus",
        "mens",
        "mere",
        "niger",
        "golf",
        "hall",
        "oss",
        "leek",
        "best",
        "goes",
        "halle",
        "kan",
        "avion",
    ]
) | frozenset(fold(w) for w in ("اگر", "الامن"))
# A name found with a question word but not right after "in" must be a city
# this large, or in a country with service points.
MIN_LOOSE_POPULATION = 100_000
# Arabic-script letters written onto the next word: "ببروكسل" = "in Brussels".
_ARABIC_PREFIXES = ("بال", "ب", "ل", "و", "في")
# Russian case endings, for "в Антверпене", "в Брюсселе" (→ Брюссель).
_RU_ENDINGS = ("ами", "ом", "ой", "е", "у", "а", "ы", "и")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_COORDS = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*[,;]\s*([-+]?\d+(?:\.\d+)?)\s*$")


def _folded_set(table: dict[str, str]) -> frozenset[str]:
    return frozenset(fold(word) for words in table.values() for word in words.split())


_WHERE = _folded_set(WHERE_WORDS)
_BEFORE = _folded_set(BEFORE_PLACE)
_AFTER = _folded_set(AFTER_PLACE)
_STOP = frozenset(fold(w) for words in text.STOPWORDS.values() for w in words) | COMMON_WORDS


class PlaceError(ValueError):
    """``str(exc)`` is a message for the reader, in the active language."""


@dataclass(frozen=True)
class Where:
    """A point to measure from, and how to name it to the reader."""

    lat: float
    lon: float
    label: str
    city: City | None = None

    @property
    def near_param(self) -> str:
        """What to put in the finder's ``near=`` to get the same point again."""
        return self.label if self.city else f"{self.lat:.4f},{self.lon:.4f}"


@dataclass(frozen=True)
class PlaceQuery:
    asks_where: bool  # a question word or "near" in the question
    city: City | None = None  # the place it names, if the gazetteer knows it
    named: str = ""  # the words that named it, as the reader wrote them

    @property
    def is_place_question(self) -> bool:
        return self.asks_where or self.city is not None

    @property
    def where(self) -> Where | None:
        if self.city is None:
            return None
        return Where(self.city.lat, self.city.lon, self.named or self.city.name, self.city)


def _variants(key: str) -> list[tuple[str, bool]]:
    """(spelling to look up, whether a stripped prefix meant "in") for one word."""
    found = [(key, False)]
    if _ARABIC.search(key):
        found += [
            (key[len(p) :], p in ("ب", "بال", "في")) for p in _ARABIC_PREFIXES if key.startswith(p)
        ]
    if _CYRILLIC.search(key):
        for ending in _RU_ENDINGS:
            if key.endswith(ending) and len(key) - len(ending) >= 4:
                stem = key[: -len(ending)]
                found += [(stem, False), (stem + "ь", False)]
    return [(k, p) for k, p in found if len(k) >= 2]


def _candidates(keys: list[str], served: frozenset[str]):
    """Every (start, words, city, after a place word) that names a city."""
    gaz = gazetteer()
    for i in range(len(keys)):
        for n in range(min(MAX_NAME_WORDS, len(keys) - i), 0, -1):
            words = keys[i : i + n]
            head, last = words[:-1], words[-1]
            for spelling, prefixed in _variants(last):
                key = " ".join([*head, spelling])
                if n == 1 and (key in _STOP or key in _WHERE or len(key) < 3):
                    continue
                cities = gaz.by_key(key)
                if not cities:
                    continue
                before = i > 0 and keys[i - 1] in _BEFORE
                after = i + n < len(keys) and keys[i + n] in _AFTER
                yield i, n, _preferred(cities, served), before or after or (n == 1 and prefixed)
                break


def served_countries() -> frozenset[str]:
    """Countries with at least one published service point (one small query)."""
    rows = SearchDocument.objects.filter(kind=DocumentKind.SERVICE_POINT).values_list("country")
    return frozenset(code for (code,) in rows.distinct() if code)


def _preferred(cities: list[City], served: frozenset[str]) -> City:
    """Of several cities with one name, one in a country we serve, then the largest."""
    return sorted(cities, key=lambda c: (c.country not in served, -c.population))[0]


def place_query_detect(
    q: str, *, lang: str = "", served: frozenset[str] | None = None, loose: bool = False
) -> PlaceQuery:
    """Does ``q`` ask where, and which place does it name? Works in every
    launch language and script; ``lang`` is not needed to find the place
    (people mix languages), it is kept for callers' logs and future rules.
    ``served``: countries with service points (queried when a name is found).
    ``loose``: any name counts (a ``near`` box holds a place, not a question)."""
    del lang  # every language's cue words are tried: questions mix them
    raw = text.tokens(q)[:60]
    keys = [text._stop_key(tok) for tok in raw]
    asks = any(
        k in _WHERE and (i + 1 == len(keys) or keys[i + 1] not in NOT_WHERE_AFTER.get(k, ()))
        for i, k in enumerate(keys)
    ) or any(tok in WHERE_AS_TYPED for tok in raw)
    if not keys:
        return PlaceQuery(asks_where=False)
    if not (asks or loose) and not any(k in _BEFORE or k in _AFTER for k in keys) and len(keys) > 3:
        # Neither a question word nor "in …", and more than a bare name: not
        # a question about place (and no need to load the gazetteer).
        return PlaceQuery(asks_where=False)
    best = None
    candidates = [
        c
        for c in _candidates(keys, served or frozenset())
        if asks or loose or c[3] or c[1] == len(keys)  # could count: see below
    ]
    if candidates and served is None:
        served = served_countries()
        candidates = list(_candidates(keys, served))
    served = served or frozenset()
    for i, n, city, anchored in candidates:
        whole = n == len(keys) or loose
        # Only a question word elsewhere: common words are also names of small
        # towns ("avion", "اگر"), so only a large or served city counts.
        small = city.population < MIN_LOOSE_POPULATION and city.country not in served
        if not (anchored or whole) and (not asks or small):
            continue
        rank = (anchored, n, city.population)
        if best is None or rank > best[0]:
            best = (rank, i, n, city)
    if best is None:
        return PlaceQuery(asks_where=asks)
    _rank, i, n, city = best
    return PlaceQuery(asks_where=asks, city=city, named=" ".join(raw[i : i + n]).title())


def place_resolve(value: str) -> Where:
    """The finder's and the API's ``near``: "lat,lon" or a place name."""
    value = (value or "").strip()[:100]
    if not value:
        raise PlaceError(_("Enter a city or coordinates (latitude, longitude)."))
    match = _COORDS.match(value)
    if match:
        lat, lon = float(match[1]), float(match[2])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat + lon):
            raise PlaceError(_("Coordinates out of range."))
        return Where(lat, lon, f"{lat:.4f}, {lon:.4f}")
    cities = gazetteer().lookup(value)
    if cities:
        city = _preferred(cities, served_countries())
        return Where(city.lat, city.lon, value, city)
    # "Antwerpen, Belgium", "near Gent": a name inside a longer text.
    found = place_query_detect(value, loose=True)
    if found.where is not None:
        return found.where
    raise PlaceError(
        _("We don't know the place “%(place)s”. Try a nearby city or coordinates.")
        % {"place": value[:60]}
    )


def finder_url(lang: str, where: Where | None = None) -> str:
    """The finder in the reader's language, for that place when one is known."""
    from django.urls import reverse
    from django.utils import translation
    from django.utils.http import urlencode

    with translation.override(lang):
        path = reverse("search:service-points")
    return f"{path}?{urlencode({'near': where.near_param})}" if where else path


def place_suggestions(value: str, *, limit: int = 5) -> list[City]:
    """Cities close to what was typed, for the finder's "did you mean"."""
    return gazetteer().suggest(value, limit=limit)


def service_points_nearest(
    *,
    lat: float,
    lon: float,
    lang: str,
    limit: int = 3,
    language: str = "",
    service: str = "",
    open_now: bool = False,
    when=None,
    documents=None,
) -> list[Nearby]:
    """Published service points by distance from (lat, lon), nearest first.

    One entry per service point: the version in ``lang`` where there is one,
    else the default language's, else any (labelled ``other_language``), so
    a point described only in English still counts for an Arabic reader.
    Points without coordinates cannot be ranked and are left out.
    """
    from django.utils import timezone

    when = timezone.localtime(when) if when else timezone.localtime()
    qs = documents if documents is not None else SearchDocument.objects.all()
    qs = qs.filter(kind=DocumentKind.SERVICE_POINT).select_related("organisation")
    default = settings.LANGUAGE_CODE.split("-")[0]
    chosen: dict[str, SearchDocument] = {}
    for doc in qs:
        meta = doc.meta or {}
        if meta.get("lat") is None or meta.get("lon") is None:
            continue
        if language and language not in meta.get("languages", []):
            continue
        if service and service not in meta.get("services", []):
            continue
        group = str(doc.translation_key or doc.source_key)
        held = chosen.get(group)
        if held is None or _locale_rank(doc.locale, lang, default) < _locale_rank(
            held.locale, lang, default
        ):
            chosen[group] = doc
    found = []
    for doc in chosen.values():
        opened = is_open(doc.meta.get("opening_hours", {}), when)
        if open_now and not opened:
            continue
        dist = haversine_km(lat, lon, doc.meta["lat"], doc.meta["lon"])
        found.append(
            Nearby(
                document=doc, distance_km=dist, open_now=opened, other_language=doc.locale != lang
            )
        )
    found.sort(key=lambda n: (n.distance_km, n.document.title))
    return found[:limit]


def _locale_rank(locale: str, lang: str, default: str) -> int:
    return 0 if locale == lang else 1 if locale == default else 2
