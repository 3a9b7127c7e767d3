"""Route registrations for the cross-organisation walker."""

from retour.testing.routes import platform_route, public_route


def _open_kwargs(tc):
    from .factories import make_document

    doc = make_document(organisation=tc.org_b, title=f"Public answer {tc.canary}")
    return {"document_uuid": doc.uuid}


public_route("search:search", reason="public search over published content")
public_route(
    "search:open",
    reason="redirects to a published, public page; counts the open anonymously",
    kwargs=_open_kwargs,
)
public_route("search:service-points", reason="public directory of published service points")
public_route("api:answer", reason="public answer API over published content")
platform_route(
    "wagtailsnippets_search_concept:",
    reason="the concept list: platform-wide language knowledge, no organisation data; "
    "superusers only (wagtail_hooks.SuperuserOnly)",
)
platform_route(
    "wagtailsnippetchoosers_search_concept:",
    reason="chooser of the platform concept list; superusers only",
)
