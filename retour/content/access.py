"""Org scoping of the Wagtail page admin.

Wagtail page permissions (GroupPagePermission) say *what* an org group may do
in the page tree; they know nothing about organisations. Every Wagtail admin
view that takes a ``page_id`` therefore passes through :func:`guard_page_view`,
which answers 404 when the page belongs to an organisation the user is not a
member of, so another organisation's page is indistinguishable from a missing
one. Structural pages (home and index pages, owned by nobody) are managed by
platform administrators only.
"""

from __future__ import annotations

import functools

from django.db.models import Q
from django.http import Http404
from wagtail.models import Page

from retour.orgs import policy


def owning_organisation(page_id) -> tuple[bool, object]:
    """(exists, organisation or None) for a page id, in one query."""
    row = Page.objects.filter(pk=page_id).values_list("pk", "ownedpage__organisation_id").first()
    if row is None:
        return False, None
    org_id = row[1]
    if org_id is None:
        return True, None
    from retour.orgs.models import Organisation

    return True, Organisation.objects.filter(pk=org_id).first()


def check_page_access(user, page_id) -> None:
    """Raise Http404 unless ``user`` may reach the admin views of this page."""
    if user is None or not user.is_authenticated:
        return  # Wagtail's own admin-access check sends them to the login page
    if user.is_superuser:
        return
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        raise Http404 from None
    exists, org = owning_organisation(page_id)
    if not exists:
        return  # the view itself answers 404
    # Structural pages (org None) belong to the platform, not to any member org.
    if org is None or not policy.is_member(user, org):
        raise Http404


def guard_page_view(view):
    """Wrap a URL callback so that its ``page_id`` is checked first."""
    if getattr(view, "_retour_page_guard", False):
        return view

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if "page_id" in kwargs:
            check_page_access(request.user, kwargs["page_id"])
        return view(request, *args, **kwargs)

    wrapper._retour_page_guard = True  # type: ignore[attr-defined]
    return wrapper


def guard_urlpatterns(patterns) -> None:
    """Guard, in place, every pattern (recursively) whose route has ``page_id``."""
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            guard_urlpatterns(pattern.url_patterns)
        callback = getattr(pattern, "callback", None)
        if callback is None:
            continue
        converters = getattr(pattern.pattern, "converters", {}) or {}
        regex = getattr(pattern.pattern, "regex", None)
        names = set(converters) | (set(regex.groupindex) if regex is not None else set())
        if "page_id" in names:
            pattern.callback = guard_page_view(callback)


def visible_pages_q(user) -> Q:
    """Pages a staff user may see in the explorer and choosers."""
    if user.is_superuser:
        return Q()
    orgs = policy.user_organisations(user)
    return Q(ownedpage__isnull=True) | Q(ownedpage__organisation__in=orgs)


def live_q() -> Q:
    return Q(live=True)
