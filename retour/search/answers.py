"""From a question to reviewed short answers — never generated text.

Shared by the answer API and the chat channels. Every answer returned is the
verbatim text of a published short answer (or page summary), with the page
that backs it, its owner, revision and freshness.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from . import concepts, engine, finder, outcome, text
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


# What a question about place is after, by the concepts it names (their names
# in the editors' list): shelter, a lawyer, a doctor; any other question is
# after return counselling, what the portal is for. Points that offer the
# service come first (the tuning sets' labels agree: "an office in Antwerp"
# is the nearest point with return counselling, not the Antwerp drop-in);
# where none does, any point.
SERVICE_BY_CONCEPT = {"shelter": "shelter", "lawyer": "legal_aid", "health": "health"}
DEFAULT_SERVICE = "return_counselling"
# A question that asks where, or names an office or a counsellor, and a place
# with a point near it ("is there an office in Ghent") asks for the point:
# pages offered as choices only push it down (chat lists the points alone).
OFFICE_CONCEPTS = frozenset({"office", "counsellor", "opening_hours"})
# Opening hours are on the points' pages alone: such a question gets the
# points first even when one page would otherwise answer it.
HOURS_CONCEPT = "opening_hours"
# "Complain about the counsellor in Ghent" names a counsellor and a place but
# asks how to complain: the pages stay.
NOT_FOR_AN_OFFICE = frozenset({"complaint"})
# A point farther than this is in another country than the place named
# ("an office in Lahore"): then the pages stay.
OFFICE_MAX_KM = 600.0


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
    correct: bool = True,
) -> AnswerOutcome:
    """Best short answer(s) for ``q``; raises engine.QueryError for bad queries.
    ``correct=False``: the words as typed (the web's "Search instead for …")."""
    # A few more than we return: the short answers are picked among them.
    result = engine.search(
        q, lang=lang, country=country, kinds=ANSWER_KINDS, limit=6, correct=correct
    )
    # Thresholds calibrated per language (outcome.py, calibration.json).
    decision = result.decision
    chosen = list(decision.hits)
    found = AnswerOutcome(result=result, answers=chosen, kind=decision.outcome)
    named = concept_names(q, lang)
    places_attach(found, q, lang=lang, place=place, named=named)
    leads = found.kind == outcome.Outcome.CHOICES or HOURS_CONCEPT in named
    if found.answers and leads and asks_for_office(found, named):
        found.answers, found.kind = [], outcome.Outcome.NONE
    log = query_log_record(channel=channel, result=result, language=lang, country=country)
    found.log_uuid = str(log.uuid)
    return found


def places_attach(
    outcome: AnswerOutcome,
    q: str,
    *,
    lang: str,
    place: places.Where | tuple[float, float] | None = None,
    named: frozenset[str] | None = None,
) -> None:
    """Service points by distance from the place given (``near``) or named in
    the question, for a question about place or one we cannot answer.

    Never a point picked without a place: with none known, the caller says
    so and links the finder (``place.finder_url``)."""
    detected = places.place_query_detect(q, lang=lang)
    named = concept_names(q, lang) if named is None else named
    if detected.city is None and named & OFFICE_CONCEPTS:
        # "xafiis oslo", "office bergen": a word for an office next to a bare
        # name is the cue that "in" or "where" is elsewhere; a city of a
        # country with service points only, as small towns share names with
        # everyday words.
        loose = places.place_query_detect(q, lang=lang, loose=True)
        if loose.city is not None and loose.city.country in places.served_countries():
            detected = dataclasses.replace(detected, city=loose.city, named=loose.named)
    if isinstance(place, tuple):
        place = places.Where(place[0], place[1], f"{place[0]:.4f}, {place[1]:.4f}")
    # A place the question names ("in Ghent") beats where the asker is (``near``).
    where = detected.where or place
    outcome.place_query, outcome.where = detected, where
    if where is None or not (detected.is_place_question or not outcome.answers):
        return
    wanted = next((s for c, s in SERVICE_BY_CONCEPT.items() if c in named), DEFAULT_SERVICE)
    outcome.service_points = places.service_points_nearest(
        lat=where.lat, lon=where.lon, lang=lang, limit=3, service=wanted
    ) or places.service_points_nearest(lat=where.lat, lon=where.lon, lang=lang, limit=3)
    outcome.service_point = outcome.service_points[0] if outcome.service_points else None


def concept_names(q: str, lang: str) -> frozenset[str]:
    """The names of the concepts ``q`` names (concepts.recognise)."""
    return frozenset(r.name for r in concepts.recognise(q, lang, text.script_languages(q, lang)))


def asks_for_office(found: AnswerOutcome, named: frozenset[str]) -> bool:
    """Does the question ask for a place to go, with one near the place known?"""
    asked = found.place_query
    if asked is None or found.where is None or not found.service_points:
        return False
    if not (asked.asks_where or named & OFFICE_CONCEPTS) or named & NOT_FOR_AN_OFFICE:
        return False
    distance = found.service_points[0].distance_km
    return distance is not None and distance <= OFFICE_MAX_KM
