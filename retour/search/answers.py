"""From a question to reviewed short answers — never generated text.

Shared by the answer API and the chat channels. Every answer returned is the
verbatim text of a published short answer (or page summary), with the page
that backs it, its owner, revision and freshness.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from . import engine, finder, outcome
from . import place as places
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
    # Nearest service points from a known place (place.py); empty when none is known.
    service_points: list[finder.Nearby] = field(default_factory=list)
    place_query: places.PlaceQuery | None = None
    where: places.Where | None = None
    log_uuid: str = ""
    # answer (one page clearly best), choices (a few plausible) or none.
    kind: outcome.Outcome = outcome.Outcome.NONE

    @property
    def answered(self) -> bool:
        return bool(self.answers)


def language_label(locale: str, *, lang: str) -> str:
    """ "This page is in English", in the reader's language ``lang``."""
    with translation.override(lang):
        try:
            name = translation.get_language_info(locale)["name_translated"]
        except KeyError:
            name = locale
        return _("This page is in %(language)s") % {"language": name}


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
    place: places.Where | tuple[float, float] | None = None,
) -> AnswerOutcome:
    """Best short answer(s) for ``q``; raises engine.QueryError for bad queries."""
    # A few more than we return: the short answers are picked among them.
    result = engine.search(q, lang=lang, country=country, kinds=ANSWER_KINDS, limit=6)
    # Thresholds calibrated per language (outcome.py, calibration.json).
    decision = result.decision
    chosen = list(decision.hits)
    found = AnswerOutcome(result=result, answers=chosen, kind=decision.outcome)
    places_attach(found, q, lang=lang, place=place)
    log = query_log_record(channel=channel, result=result, language=lang, country=country)
    found.log_uuid = str(log.uuid)
    return found


def places_attach(
    outcome: AnswerOutcome,
    q: str,
    *,
    lang: str,
    place: places.Where | tuple[float, float] | None = None,
) -> None:
    """Service points by distance from the place given (``near``) or named in
    the question, for a question about place or one we cannot answer.

    Never a point picked without a place: with none known, the caller says
    so and links the finder (``place.finder_url``)."""
    detected = places.place_query_detect(q, lang=lang)
    if isinstance(place, tuple):
        place = places.Where(place[0], place[1], f"{place[0]:.4f}, {place[1]:.4f}")
    # A place the question names ("in Ghent") beats where the asker is (``near``).
    where = detected.where or place
    outcome.place_query, outcome.where = detected, where
    if where is None or not (detected.is_place_question or not outcome.answers):
        return
    outcome.service_points = places.service_points_nearest(
        lat=where.lat, lon=where.lon, lang=lang, limit=3
    )
    outcome.service_point = outcome.service_points[0] if outcome.service_points else None
