"""Wagtail admin views: the per-organisation freshness and translation dashboards."""

from __future__ import annotations

from django.http import Http404, HttpResponseBadRequest, HttpResponseForbidden
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


def translations_dashboard(request):
    """Per-language translation status of the organisation's pages (computed from the text)."""
    from django.conf import settings

    from .selectors import language_name, translation_overview
    from .translation_status import TranslationStatus

    org = request.org
    if org is None:
        raise Http404
    if not policy.has_perm(request.user, PERM, org=org):
        return HttpResponseForbidden(_("Your role does not include the content dashboard."))
    languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    language = request.GET.get("lang") or languages[0]
    if language not in languages:
        # A clear 4xx for a hand-edited address, not an empty page.
        return HttpResponseBadRequest(_("Unknown language: %(code)s") % {"code": language[:20]})
    # One overview per language (it reads every page and its translation), not one per
    # status, and the chosen language's is shown from the same one.
    overviews = {code: translation_overview(org, language=code) for code in languages}
    summary = [
        {
            "code": code,
            "name": language_name(code),
            "counts": [overviews[code]["counts"][s] for s in TranslationStatus.ORDER],
        }
        for code in languages
    ]
    return render(
        request,
        "content/admin/translations.html",
        {
            "page_title": _("Translations"),
            "organisation": org,
            "language": language,
            "language_name": language_name(language),
            "overview": overviews[language],
            "summary": summary,
            "statuses": [(s, TranslationStatus.LABELS[s]) for s in TranslationStatus.ORDER],
        },
    )
