"""Service point finder: nearest points to a city or coordinates, computed
locally (haversine). No map tiles and no geocoding service are ever called.

Place names are resolved by ``place.place_resolve`` with the offline gazetteer
(``gazetteer.py``); ranking from a point is ``place.service_points_nearest``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .gazetteer import haversine_km
from .models import DocumentKind, SearchDocument

__all__ = ["Nearby", "haversine_km", "is_open", "nearest"]

WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")


def is_open(hours: dict, when: datetime.datetime) -> bool:
    day = WEEKDAYS[when.weekday()]
    now = when.strftime("%H:%M")
    return any(opens <= now < closes for opens, closes in hours.get(day, []))


@dataclass
class Nearby:
    document: SearchDocument
    distance_km: float | None
    open_now: bool
    other_language: bool = False  # shown in another language: none in the reader's


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
