"""Public search pages (no JavaScript needed) and the result-open redirect."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from retour.core.countries import country_choices

from . import answers, engine, finder, place, selectors
from .models import Channel, DocumentKind, QueryLog, SearchDocument
from .services import query_log_open, query_log_record

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _lang() -> str:
    lang = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return lang if lang in LANGUAGE_NAMES else settings.LANGUAGE_CODE


def search(request):
    lang = _lang()
    q = request.GET.get("q")
    country = (request.GET.get("country") or "").upper()[:2]
    kind = request.GET.get("kind") or ""
    if kind not in DocumentKind.values:
        kind = ""
    context = {
        "q": q or "",
        "country": country,
        "kind": kind,
        "kinds": DocumentKind.choices,
        "countries": country_choices(selectors.indexed_countries(), lang),
        "language_names": LANGUAGE_NAMES,
        "max_chars": engine.text.MAX_QUERY_CHARS,
    }
    status = 200
    if q is not None:
        # "Search instead for …": the words as typed, no correction.
        correct = request.GET.get("exact") != "1"
        try:
            if kind:
                # Browsing one type of information: the ranked list alone.
                context.update(_listing(q, lang=lang, country=country, kind=kind, correct=correct))
            else:
                context.update(_answered(q, lang=lang, country=country, correct=correct))
        except engine.QueryError as exc:
            context["error"] = str(exc)
            status = 400
    return render(request, "search/search.html", context, status=status)


def _listing(q: str, *, lang: str, country: str, kind: str, correct: bool) -> dict:
    result = engine.search(q, lang=lang, country=country, kinds=[kind], correct=correct)
    log = query_log_record(
        channel=Channel.WEB, result=result, language=lang, country=country, kind_filter=kind
    )
    return {"result": result, "log_uuid": log.uuid, "more": result.hits, **_place_context(q, lang)}


def _answered(q: str, *, lang: str, country: str, correct: bool) -> dict:
    """The page a migrant reads: the same decision as the answer API and chat
    (one page, a few choices, or none, with calibrated thresholds; the nearest
    points for a question about place), then every other result."""
    found = answers.answer(q, lang=lang, country=country, channel=Channel.WEB, correct=correct)
    result = engine.search(q, lang=lang, country=country, correct=correct)
    asked = found.place_query
    place_question = asked is not None and asked.is_place_question
    nearest = found.service_points if place_question or not found.answers else []
    shown = {h.document.pk for h in found.answers} | {p.document.pk for p in nearest}
    return {
        "result": result,
        "outcome": found,
        "log_uuid": found.log_uuid,
        "place_question": place_question,
        "where": found.where,
        "nearest": nearest,
        # The office is the answer ("where is the office in Ghent"): the points lead.
        "points_first": bool(nearest) and not found.answers,
        "more": [h for h in result.hits if h.document.pk not in shown],
        "finder_url": place.finder_url(lang, found.where),
    }


def _place_context(q: str, lang: str) -> dict:
    """A list of one type of information: the nearest service points above it
    for a question about place ("where", "near me", "in Antwerp")."""
    asked = place.place_query_detect(q, lang=lang)
    where = asked.where
    context: dict = {"place_question": asked.is_place_question, "where": where}
    if where is not None and asked.is_place_question:
        context["nearest"] = place.service_points_nearest(lat=where.lat, lon=where.lon, lang=lang)
    context["finder_url"] = place.finder_url(lang, where)
    return context


def open_result(request, document_uuid):
    """Count which result was opened, then go to the page. No reader identity kept."""
    doc = get_object_or_404(SearchDocument, uuid=document_uuid)
    try:
        log_uuid = uuid.UUID(request.GET.get("log", ""))
    except ValueError:
        log_uuid = None
    if log_uuid:
        log = QueryLog.objects.filter(uuid=log_uuid).first()
        if log is not None:
            query_log_open(log=log, document=doc)
    target = doc.url if url_has_allowed_host_and_scheme(doc.url, allowed_hosts=None) else "/"
    return HttpResponseRedirect(target)


def service_points(request):
    """The finder: service points nearest a city (any language, any script) or
    "lat,lon" (the optional "use my location" button fills it in)."""
    lang = _lang()
    context = {
        "near": request.GET.get("near", "")[:100],
        "language": request.GET.get("language", "")[:12],
        "service": request.GET.get("service", "")[:40],
        "open_now": request.GET.get("open_now") == "1",
        "language_names": LANGUAGE_NAMES,
        "services": selectors.indexed_services(),
        "cities": selectors.service_point_cities(),
    }
    filters = {
        "language": context["language"],
        "service": context["service"],
        "open_now": context["open_now"],
    }
    where = None
    if context["near"].strip():
        try:
            where = place.place_resolve(context["near"])
        except place.PlaceError as exc:
            context["error"] = str(exc)
            context["suggestions"] = place.place_suggestions(context["near"])
    if where is not None:
        context["where"] = where
        context["found"] = place.service_points_nearest(
            lat=where.lat, lon=where.lon, lang=lang, limit=10, **filters
        )
    elif "error" not in context:
        found = []
        for locale in (lang, None):  # no place: a directory, the reader's language first
            found = finder.nearest(locale=locale, **filters)
            if found:
                context["other_language"] = locale is None
                break
        context["found"] = found
    context["gazetteer_note"] = _(
        "Places are looked up in an offline list of European cities (GeoNames); "
        "nothing you type leaves this site. Distances are straight-line estimates."
    )
    return render(request, "search/service_points.html", context)
