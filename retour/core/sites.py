"""Which Wagtail site answers a request, looked up once per host instead of once per request.

Wagtail finds the site for every request that asks (page serving, the redirects
middleware on every 404, the admin's "view live" links) with an annotated query
over ``wagtailcore_site`` (about 4 ms on SQLite, a quarter of a 404's cost when
the cross-organisation probes were profiled). Sites change a few times a year,
so the answer is kept in the shared cache, keyed by host and port, and every
change to a Site row starts a new generation. The shared cache (Redis when
scaled out) means every app server sees the same generation.

Only the Site's own columns are cached, never its root page: a root page can be
renamed or moved without touching its Site, and Wagtail reads it fresh by id.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

_GENERATION_KEY = "retour:site:generation"
_NO_SITE = "-"  # cached when no Site matches, so a bare install does not query either
_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")
_TIMEOUT = 24 * 3600


def _generation() -> str:
    generation = cache.get(_GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.set(_GENERATION_KEY, generation, None)
    return str(generation)


def _new_generation() -> None:
    cache.set(_GENERATION_KEY, uuid.uuid4().hex, None)


def sites_changed(**_kwargs: Any) -> None:
    """Signal receiver: a Site row was saved or deleted, so every cached answer is stale."""
    _new_generation()
    # Again once the change is visible: a request on another server between the
    # save and the commit could have cached the old row under the new generation.
    transaction.on_commit(_new_generation)


def site_for_request(request: HttpRequest) -> Site | None:
    """The Site Wagtail would pick for this request (same rules), from the cache when known."""
    # _get_raw_host, as Wagtail does: ALLOWED_HOSTS is checked elsewhere, and a
    # bad Host header must not turn into a 400 from this lookup.
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    key = f"retour:site:{_generation()}:{hostname}:{port}"
    cached = cache.get(key)
    if cached == _NO_SITE:
        return None
    if isinstance(cached, dict):
        site = Site(**cached)
        site._state.adding = False
        site._state.db = "default"
        return site
    try:
        found = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        cache.set(key, _NO_SITE, _TIMEOUT)
        return None
    cache.set(key, {name: getattr(found, name) for name in _FIELDS}, _TIMEOUT)
    return found


class CachedSiteMiddleware:
    """Answer Wagtail's ``Site.find_for_request`` from the cache (it reads ``request._wagtail_site``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = site_for_request(request)
        return self.get_response(request)
