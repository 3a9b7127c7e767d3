"""Serving public pages fast: a front cache in front of Wagtail's router.

Anonymous GET requests for a page are answered from the cache by
:func:`serve_front`, before Wagtail routes the path (which costs several
queries). Any publish, unpublish, move or delete bumps a generation number,
which invalidates every cached page at once: simple and always correct,
at the price of re-rendering after each publication. Dates are part of the
key because stale notices change at midnight.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone, translation

GENERATION_KEY = "content:generation"
CACHE_SECONDS = 600


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY) or 1
    return value


def invalidate() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def _key(request) -> str:
    return (
        f"content:page:{generation()}:{timezone.localdate().isoformat()}:"
        f"{translation.get_language()}:{request.path}"
    )


def cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
    )


def cached_response(request) -> HttpResponse | None:
    if not cacheable(request):
        return None
    hit = cache.get(_key(request))
    if hit is None:
        return None
    page_id, content, content_type = hit
    read_record(page_id=page_id)
    response = HttpResponse(content, content_type=content_type)
    response["X-Retour-Cache"] = "hit"
    return response


def serve_cached(page, request, serve, *args, **kwargs):
    """Called from OwnedPage.serve: render, count the read, store for next time."""
    read_record(page_id=page.pk)
    response = serve(request, *args, **kwargs)
    if cacheable(request) and response.status_code == 200:
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        cache.set(
            _key(request),
            (page.pk, response.content, response["Content-Type"]),
            CACHE_SECONDS,
        )
    return response


# -- read counter -------------------------------------------------------------
def read_record(*, page_id: int) -> None:
    """Count one read. Buffered in the cache and written every N reads so that a
    popular page does not turn every view into a database write."""
    every = getattr(settings, "RETOUR_READS_FLUSH_EVERY", 25)
    day = timezone.localdate()
    key = f"content:reads:{page_id}:{day.isoformat()}"
    try:
        count = cache.incr(key)
    except ValueError:
        cache.add(key, 0, 2 * 24 * 3600)
        count = cache.incr(key)
    if count % every == 0:
        reads_flush(page_id=page_id, day=day, count=every)


def reads_flush(*, page_id: int, day, count: int) -> None:
    from .models import PageDailyReads

    updated = PageDailyReads.objects.filter(page_id=page_id, day=day).update(
        count=F("count") + count
    )
    if not updated:
        obj, created = PageDailyReads.objects.get_or_create(
            page_id=page_id, day=day, defaults={"count": count}
        )
        if not created:
            PageDailyReads.objects.filter(pk=obj.pk).update(count=F("count") + count)
