"""Serving public pages fast: a front cache in front of Wagtail's router.

Anonymous GET requests for a page are answered from the cache by
:func:`serve_front`, before Wagtail routes the path (which costs several
queries). Any publish, unpublish, move or delete bumps a generation number,
which invalidates every cached page at once: simple and always correct,
at the price of re-rendering after each publication. Dates are part of the
key because stale notices change at midnight.
"""

from __future__ import annotations

import threading

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
    # The generation is not part of the key but stored with the entry, so a
    # hit costs one cache round trip (get_many) instead of two.
    return f"content:page:{timezone.localdate().isoformat()}:{translation.get_language()}:{request.path}"


def cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
    )


def cached_response(request) -> HttpResponse | None:
    if not cacheable(request):
        return None
    key = _key(request)
    found = cache.get_many([GENERATION_KEY, key])
    hit = found.get(key)
    if hit is None:
        return None
    gen, page_id, content, content_type = hit
    if gen != found.get(GENERATION_KEY):
        return None
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
            (generation(), page.pk, response.content, response["Content-Type"]),
            CACHE_SECONDS,
        )
    return response


# -- read counter -------------------------------------------------------------
# Reads are counted in this process and written every N reads (or on the first
# read of a new day) so that a popular page does not turn every view into a
# database write. Each process adds its own counts with F(), so several app
# servers never overwrite each other; at most N-1 reads per page and process
# are lost when a process stops.
_pending: dict[tuple[int, object], int] = {}
_lock = threading.Lock()


def read_record(*, page_id: int) -> None:
    every = getattr(settings, "RETOUR_READS_FLUSH_EVERY", 100)
    day = timezone.localdate()
    key = (page_id, day)
    with _lock:
        count = _pending.get(key, 0) + 1
        if count >= every:
            _pending.pop(key, None)
        else:
            _pending[key] = count
    if count >= every:
        reads_flush(page_id=page_id, day=day, count=count)


def reads_flush_all() -> None:
    """Write every pending count (the digest and dashboard call this first)."""
    with _lock:
        items = list(_pending.items())
        _pending.clear()
    for (page_id, day), count in items:
        reads_flush(page_id=page_id, day=day, count=count)


def reads_flush(*, page_id: int, day, count: int) -> None:
    from wagtail.models import Page

    from .models import PageDailyReads

    # The page may have been deleted while its reads were pending: drop them
    # rather than write a row that points nowhere.
    if not Page.objects.filter(pk=page_id).exists():
        return
    updated = PageDailyReads.objects.filter(page_id=page_id, day=day).update(
        count=F("count") + count
    )
    if not updated:
        obj, created = PageDailyReads.objects.get_or_create(
            page_id=page_id, day=day, defaults={"count": count}
        )
        if not created:
            PageDailyReads.objects.filter(pk=obj.pk).update(count=F("count") + count)
