"""Public views: the cached page front, feeds and the HSDS export."""

from __future__ import annotations

from wagtail import views as wagtail_views

from . import rendering


def serve_page(request, path=""):
    """Serve a portal page: from the front cache when possible, else via Wagtail."""
    response = rendering.cached_response(request)
    if response is not None:
        return response
    return wagtail_views.serve(request, path)
