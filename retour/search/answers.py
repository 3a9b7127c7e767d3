"""From a question to reviewed short answers — never generated text.

Shared by the answer API and the chat channels. Every answer returned is the
verbatim text of a published short answer (or page summary), with the page
that backs it, its owner, revision and freshness.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import engine, finder
from .models import DocumentKind
from .services import query_log_record

MAX_ANSWERS = 3

# Kinds that may answer a question; service points are offered separately.
ANSWER_KINDS = [
    DocumentKind.SHORT_ANSWER,
    DocumentKind.PROGRAMME,
    DocumentKind.COUNTRY_SHEET,
    DocumentKind.EXPLAINER,
]


@dataclass
class AnswerOutcome:
    result: engine.SearchResult
    answers: list[engine.Hit] = field(default_factory=list)
    service_point: finder.Nearby | None = None
    log_uuid: str = ""

    @property
    def answered(self) -> bool:
        return bool(self.answers)


def stale_notice(doc) -> str:
    if not doc.is_stale:
        return ""
    return _(
        "This information was due for review on %(date)s and may be out of date. "
        "Check with the organisation before you act on it."
    ) % {"date": doc.review_by.isoformat()}


def answer(
    q: str,
    *,
    lang: str,
    country: str = "",
    channel: str,
    place: tuple[float, float] | None = None,
) -> AnswerOutcome:
    """Best short answer(s) for ``q``; raises engine.QueryError for bad queries."""
    # A few more than we return: the short answers are picked among them.
    result = engine.search(q, lang=lang, country=country, kinds=ANSWER_KINDS, limit=6)
    good = [h for h in result.hits if h.confidence >= engine.GOOD_ENOUGH]
    # Prefer reviewed short answers; fall back to the best page summary.
    shorts = [h for h in good if h.document.kind == DocumentKind.SHORT_ANSWER]
    chosen = (shorts or good)[:MAX_ANSWERS]
    outcome = AnswerOutcome(result=result, answers=chosen)
    if not chosen:
        outcome.service_point = nearest_service_point(q, lang=lang, country=country, place=place)
    log = query_log_record(channel=channel, result=result, language=lang, country=country)
    outcome.log_uuid = str(log.uuid)
    return outcome


def nearest_service_point(
    q: str, *, lang: str, country: str = "", place: tuple[float, float] | None = None
) -> finder.Nearby | None:
    """The service point that best matches the question, else the nearest one."""
    # Same language only: a point described in another language is still
    # found below by distance, without a second full-text pass.
    matches = engine.search(
        q,
        lang=lang,
        country=country,
        kinds=[DocumentKind.SERVICE_POINT],
        limit=5,
        other_languages=False,
    ).hits
    if matches and matches[0].confidence > 0:
        doc = matches[0].document
        dist = None
        if place and doc.meta.get("lat") is not None:
            dist = finder.haversine_km(place[0], place[1], doc.meta["lat"], doc.meta["lon"])
        return finder.Nearby(document=doc, distance_km=dist, open_now=False)
    lat, lon = place if place else (None, None)
    for locale in (lang, None):
        found = finder.nearest(lat=lat, lon=lon, locale=locale, country=country, limit=1)
        if found:
            return found[0]
    return None
