"""Reads of the search app (public facets; gap analytics live in analytics.py)."""

from __future__ import annotations

from django.core.cache import cache

from retour.content.models import ServiceKind

from .models import DocumentKind, SearchDocument


def indexed_countries() -> list[str]:
    countries = cache.get("search:countries")
    if countries is None:
        countries = sorted(
            set(SearchDocument.objects.exclude(country="").values_list("country", flat=True))
        )
        cache.set("search:countries", countries, 300)
    return countries


def indexed_services() -> list[tuple[str, str]]:
    """(value, label) of the services that indexed service points offer."""
    services: set[str] = set()
    for meta in SearchDocument.objects.filter(kind=DocumentKind.SERVICE_POINT).values_list(
        "meta", flat=True
    ):
        services.update((meta or {}).get("services", []))
    labels = dict(ServiceKind.choices)
    return sorted(((s, str(labels.get(s, s))) for s in services), key=lambda item: item[1])


def service_points_by_key(language: str) -> dict[str, tuple[str, str]]:
    """translation key -> (label, name) of every published service point, in the
    reader's language where the point has a version in it."""
    docs = (
        SearchDocument.objects.filter(kind=DocumentKind.SERVICE_POINT)
        .exclude(translation_key=None)
        .only("translation_key", "locale", "title", "meta")
    )
    best: dict[str, SearchDocument] = {}
    for doc in docs:
        key = str(doc.translation_key)
        if key not in best or doc.locale == language:
            best[key] = doc
    points = {
        key: (
            f"{doc.title} ({doc.meta.get('city')})" if doc.meta.get("city") else doc.title,
            doc.title,
        )
        for key, doc in best.items()
    }
    return dict(sorted(points.items(), key=lambda item: item[1][0].casefold()))


def service_point_cities() -> list[str]:
    """Cities of the published service points, for the finder's suggestions."""
    cities = cache.get("search:service-point-cities")
    if cities is None:
        metas = SearchDocument.objects.filter(kind=DocumentKind.SERVICE_POINT).values_list(
            "meta", flat=True
        )
        cities = sorted({(m or {}).get("city", "") for m in metas} - {""}, key=str.casefold)
        cache.set("search:service-point-cities", cities, 300)
    return cities
