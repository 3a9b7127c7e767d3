"""Reads of the search app (public facets; gap analytics live in analytics.py)."""

from __future__ import annotations

from django.core.cache import cache

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
    try:
        from retour.content.models import ServiceKind

        labels = dict(ServiceKind.choices)
    except ImportError:
        labels = {}
    return sorted(((s, str(labels.get(s, s))) for s in services), key=lambda item: item[1])
