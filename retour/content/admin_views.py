"""Wagtail admin view: the per-organisation freshness dashboard."""

from __future__ import annotations

from django.http import Http404, HttpResponseForbidden
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from retour.orgs import policy

from . import rendering
from .selectors import pages_needing_review

PERM = "content.view_content_dashboard"


def dashboard(request):
    org = request.org
    if org is None:
        raise Http404
    if not policy.has_perm(request.user, PERM, org=org):
        # An explicit 403: Wagtail would turn PermissionDenied into a redirect.
        return HttpResponseForbidden(_("Your role does not include the content dashboard."))
    today = timezone.localdate()
    rendering.reads_flush_all()
    pages = list(pages_needing_review(org, today=today))
    return render(
        request,
        "content/admin/dashboard.html",
        {
            "page_title": _("Content freshness"),
            "organisation": org,
            "stale": [p for p in pages if p.is_stale(today)],
            "soon": [p for p in pages if not p.is_stale(today)],
            "today": today,
        },
    )
