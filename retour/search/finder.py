"""Service point finder: nearest points to a city or coordinates, computed
locally (haversine). No map tiles and no geocoding service are ever called."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.utils import timezone

from .models import DocumentKind, SearchDocument

# SAMPLE gazetteer for the demo: approximate city-centre coordinates (public
# knowledge, rounded to 2 decimals) so people can type a city name instead of
# coordinates. Not a geocoder: unknown places get a clear message.
GAZETTEER: dict[str, tuple[float, float]] = {
    "brussels": (50.85, 4.35),
    "bruxelles": (50.85, 4.35),
    "brussel": (50.85, 4.35),
    "antwerp": (51.22, 4.40),
    "antwerpen": (51.22, 4.40),
    "anvers": (51.22, 4.40),
    "ghent": (51.05, 3.72),
    "gent": (51.05, 3.72),
    "gand": (51.05, 3.72),
    "liege": (50.63, 5.57),
    "liège": (50.63, 5.57),
    "luik": (50.63, 5.57),
    "charleroi": (50.41, 4.44),
    "namur": (50.47, 4.87),
    "leuven": (50.88, 4.70),
    "bruges": (51.21, 3.22),
    "brugge": (51.21, 3.22),
    "mons": (50.45, 3.95),
    "oslo": (59.91, 10.75),
    "bergen": (60.39, 5.32),
    "amsterdam": (52.37, 4.90),
    "rotterdam": (51.92, 4.48),
    "berlin": (52.52, 13.40),
    "paris": (48.86, 2.35),
    "lille": (50.63, 3.06),
}

WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")


class PlaceError(ValueError):
    pass


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def parse_place(value: str) -> tuple[float, float]:
    """ "50.85,4.35" or a city name from the sample gazetteer."""
    value = (value or "").strip()
    if not value:
        raise PlaceError("Enter a city or coordinates (latitude, longitude).")
    if "," in value:
        try:
            lat_s, lon_s = value.split(",", 1)
            lat, lon = float(lat_s), float(lon_s)
        except ValueError:
            pass
        else:
            if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat + lon):
                raise PlaceError("Coordinates out of range.")
            return lat, lon
    key = value.casefold()
    if key in GAZETTEER:
        return GAZETTEER[key]
    raise PlaceError(f"We don't know the place “{value[:60]}”. Try a nearby city or coordinates.")


def is_open(hours: dict, when: datetime.datetime) -> bool:
    day = WEEKDAYS[when.weekday()]
    now = when.strftime("%H:%M")
    return any(opens <= now < closes for opens, closes in hours.get(day, []))


@dataclass
class Nearby:
    document: SearchDocument
    distance_km: float | None
    open_now: bool


def nearest(
    *,
    lat: float | None = None,
    lon: float | None = None,
    locale: str | None = None,
    language: str = "",
    service: str = "",
    open_now: bool = False,
    country: str = "",
    limit: int = 10,
    when: datetime.datetime | None = None,
    documents=None,
) -> list[Nearby]:
    """Service points sorted by distance (those without coordinates last)."""
    when = timezone.localtime(when) if when else timezone.localtime()
    qs = documents if documents is not None else SearchDocument.objects.all()
    qs = qs.filter(kind=DocumentKind.SERVICE_POINT)
    if locale:
        qs = qs.filter(locale=locale)
    if country:
        qs = qs.filter(country=country.upper())
    found = []
    for doc in qs.select_related("organisation"):
        meta = doc.meta or {}
        if language and language not in meta.get("languages", []):
            continue
        if service and service not in meta.get("services", []):
            continue
        opened = is_open(meta.get("opening_hours", {}), when)
        if open_now and not opened:
            continue
        dist = None
        if lat is not None and lon is not None and meta.get("lat") is not None:
            dist = haversine_km(lat, lon, meta["lat"], meta["lon"])
        found.append(Nearby(document=doc, distance_km=dist, open_now=opened))
    found.sort(key=lambda n: (n.distance_km is None, n.distance_km or 0.0, n.document.title))
    return found[:limit]
