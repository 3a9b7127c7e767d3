"""GET /api/v1/answer: reviewed short answers for a question, never generated text."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from retour.api.throttling import ClientAnonRateThrottle
from retour.core.countries import country_name

from . import answers, engine
from . import place as places
from .models import Channel
from .outcome import Outcome

LANGS = [code for code, _ in settings.LANGUAGES]


class AnswerQuery(serializers.Serializer):
    q = serializers.CharField(max_length=engine.text.MAX_QUERY_CHARS, allow_blank=True)
    lang = serializers.ChoiceField(choices=LANGS, default=settings.LANGUAGE_CODE)
    country = serializers.RegexField(r"^[A-Za-z]{2}$", required=False, allow_blank=True)
    near = serializers.CharField(max_length=100, required=False, allow_blank=True)

    def validate_q(self, value):
        try:
            return engine.validate_query(value)
        except engine.QueryError as exc:
            raise serializers.ValidationError(str(exc)) from exc


class OrganisationOut(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()


class AnswerOut(serializers.Serializer):
    question = serializers.CharField()
    answer = serializers.CharField(help_text="Verbatim reviewed text; never generated.")
    kind = serializers.CharField()
    url = serializers.CharField(help_text="The page that backs this answer.")
    organisation = OrganisationOut()
    page_id = serializers.IntegerField(allow_null=True)
    revision_id = serializers.IntegerField(allow_null=True, help_text="Published page version.")
    last_verified = serializers.DateField(allow_null=True)
    review_by = serializers.DateField(allow_null=True)
    stale = serializers.BooleanField()
    stale_notice = serializers.CharField(allow_blank=True)
    confidence = serializers.FloatField(
        help_text="Share of the question's (IDF-weighted) terms found in the page, 0–1. "
        "Not a probability."
    )
    language = serializers.CharField()
    other_language = serializers.BooleanField()
    language_label = serializers.CharField(
        allow_blank=True,
        help_text='"This page is in English", in the asker\'s language; blank when the page '
        "is in the asker's language.",
    )
    translation_url = serializers.CharField(
        allow_null=True,
        help_text="The asker's-language version of an other-language page, when published.",
    )


class ServicePointOut(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    city = serializers.CharField(allow_blank=True)
    organisation = OrganisationOut()
    distance_km = serializers.FloatField(
        allow_null=True, help_text="Great-circle distance from `place`, km (1 decimal)."
    )
    languages = serializers.ListField(child=serializers.CharField())
    other_language = serializers.BooleanField(
        default=False, help_text="Described in another language: none in the asker's."
    )


class PlaceOut(serializers.Serializer):
    name = serializers.CharField(help_text="As the asker wrote it, or 'lat, lon'.")
    city = serializers.CharField(
        allow_blank=True, help_text="The gazetteer's name; blank for coordinates."
    )
    country = serializers.CharField(allow_blank=True, help_text="ISO 3166-1 alpha-2")
    country_name = serializers.CharField(allow_blank=True, help_text="In the asker's language.")
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()


class AnswerResponse(serializers.Serializer):
    query = serializers.CharField()
    language = serializers.CharField()
    outcome = serializers.ChoiceField(
        choices=Outcome.values,
        help_text="answer: one page is clearly best (answers has one item); choices: a few "
        "are plausible (answers has them, best first; ask the reader which); none: no "
        "reviewed answer (answers is empty; service_point points to help nearby).",
    )
    answered = serializers.BooleanField(help_text="outcome is answer or choices.")
    message = serializers.CharField()
    answers = AnswerOut(many=True)
    service_point = ServicePointOut(allow_null=True, help_text="The nearest of `service_points`.")
    service_points = ServicePointOut(
        many=True,
        help_text="Nearest first, from `place`; empty when no place is known (never a guess).",
    )
    place = PlaceOut(allow_null=True, help_text="Named in the question, else from `near`.")
    place_question = serializers.BooleanField(help_text="The question asks where / near.")
    place_message = serializers.CharField(
        allow_blank=True, help_text="Why no place is known, in the asker's language."
    )
    finder_url = serializers.CharField(help_text="The service-point finder, for `place` if known.")


def _abs(request, url: str) -> str:
    return request.build_absolute_uri(url) if url.startswith("/") else url


def answer_payload(request, hit, *, lang: str) -> dict:
    doc = hit.document
    return {
        "question": doc.title,
        "answer": doc.summary,
        "kind": doc.kind,
        "url": _abs(request, doc.url),
        "organisation": {"uuid": doc.organisation.uuid, "name": doc.organisation.name},
        "page_id": doc.page_id,
        "revision_id": doc.revision_id,
        "last_verified": doc.last_verified,
        "review_by": doc.review_by,
        "stale": doc.is_stale,
        "stale_notice": answers.stale_notice(doc),
        "confidence": hit.confidence,
        "language": doc.locale,
        "other_language": hit.other_language,
        "language_label": answers.language_label(doc.locale, lang=lang)
        if hit.other_language
        else "",
        "translation_url": _abs(request, hit.translation.url) if hit.translation else None,
    }


def service_point_payload(request, nearby) -> dict | None:
    if nearby is None:
        return None
    doc = nearby.document
    return {
        "title": doc.title,
        "url": _abs(request, doc.url),
        "city": doc.meta.get("city", ""),
        "organisation": {"uuid": doc.organisation.uuid, "name": doc.organisation.name},
        "distance_km": round(nearby.distance_km, 1) if nearby.distance_km is not None else None,
        "languages": doc.meta.get("languages", []),
        "other_language": nearby.other_language,
    }


def place_payload(where: places.Where | None, lang: str) -> dict | None:
    if where is None:
        return None
    city = where.city
    return {
        "name": where.label,
        "city": city.name if city else "",
        "country": city.country if city else "",
        "country_name": country_name(city.country, lang) if city else "",
        "latitude": where.lat,
        "longitude": where.lon,
    }


class AnswerView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ClientAnonRateThrottle]

    @extend_schema(
        operation_id="answer",
        summary="Best reviewed short answer(s) for a question",
        parameters=[
            # The same limits AnswerQuery applies: some non-blank text, at most
            # MAX_QUERY_CHARS; a two-letter country code or nothing.
            OpenApiParameter(
                "q",
                # No NUL anywhere (the serializer refuses it) and one character that
                # Python's str.strip() keeps (its whitespace includes \x1c-\x1f, \x85).
                {
                    "type": "string",
                    "pattern": r"^[^\x00]*[^\x00\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a"
                    r"\u2028\u2029\u202f\u205f\u3000][^\x00]*$",
                    "maxLength": engine.text.MAX_QUERY_CHARS,
                },
                required=True,
                description="1–500 chars",
            ),
            OpenApiParameter("lang", OpenApiTypes.STR, enum=LANGS),
            OpenApiParameter(
                "country",
                OpenApiTypes.STR,
                pattern=r"^([A-Za-z]{2})?$",
                description="ISO 3166-1 alpha-2",
            ),
            # Any text: a place the gazetteer does not know is answered, with
            # place null and place_message saying so, never refused.
            OpenApiParameter(
                "near",
                {"type": "string", "maxLength": 100, "pattern": r"^[^\x00]*$"},
                description="Where the asker is: 'lat,lon' or a city name in any language "
                "and script (offline GeoNames gazetteer, European cities of 15,000+).",
            ),
        ],
        responses={200: AnswerResponse},
        tags=["answers"],
    )
    def get(self, request):
        params = AnswerQuery(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        # The message and any stale notice are for the asker: in their language,
        # not the server's or the HTTP client's.
        with translation.override(data["lang"]):
            place, place_message = None, ""
            if (data.get("near") or "").strip():
                try:
                    place = places.place_resolve(data["near"])
                except places.PlaceError as exc:
                    place_message = str(exc)
            outcome = answers.answer(
                data["q"],
                lang=data["lang"],
                country=(data.get("country") or "").upper(),
                channel=Channel.API,
                place=place,
            )
            if outcome.kind == Outcome.ANSWER:
                message = _("Reviewed answer found.")
            elif outcome.kind == Outcome.CHOICES:
                message = _("Which of these is closest to your question?")
            elif outcome.service_point:
                message = _(
                    "We have no reviewed answer good enough for this question. "
                    "A service point can help you."
                )
            else:
                message = _("We have no reviewed answer good enough for this question.")
            asks = bool(outcome.place_query and outcome.place_query.is_place_question)
            if outcome.where is None and (asks or not outcome.answered) and not place_message:
                place_message = _(
                    "We don't know where you are. Tell us your city, or use the "
                    "service-point finder."
                )
            payload = {
                "query": outcome.result.query,
                "language": data["lang"],
                "outcome": outcome.kind.value,
                "answered": outcome.answered,
                "message": message,
                "answers": [answer_payload(request, h, lang=data["lang"]) for h in outcome.answers],
                "service_point": service_point_payload(request, outcome.service_point),
                "service_points": [
                    service_point_payload(request, n) for n in outcome.service_points
                ],
                "place": place_payload(outcome.where, data["lang"]),
                "place_question": asks,
                "place_message": place_message,
                "finder_url": _abs(request, places.finder_url(data["lang"], outcome.where)),
            }
        return Response(payload)
