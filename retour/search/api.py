"""GET /api/v1/answer: reviewed short answers for a question, never generated text."""

from __future__ import annotations

import re

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

from . import answers, engine, finder
from .models import Channel

LANGS = [code for code, _ in settings.LANGUAGES]


def _any_case(name: str) -> str:
    return "".join(f"[{c}{c.upper()}]" if c.upper() != c else re.escape(c) for c in name)


# What finder.parse_place accepts, spelled out for the schema: coordinates in
# range, or a gazetteer name in any case, with blanks around.
_LAT = r"[-+]?(?:90(?:\.0+)?|[1-8]?\d(?:\.\d+)?)"
_LON = r"[-+]?(?:180(?:\.0+)?|(?:1[0-7]\d|[1-9]?\d)(?:\.\d+)?)"
NEAR_PATTERN = (
    rf"^\s*(?:{_LAT}\s*,\s*{_LON}|"
    + "|".join(_any_case(name) for name in sorted(finder.GAZETTEER))
    + r")\s*$"
)


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


class ServicePointOut(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    city = serializers.CharField(allow_blank=True)
    organisation = OrganisationOut()
    distance_km = serializers.FloatField(allow_null=True)
    languages = serializers.ListField(child=serializers.CharField())


class AnswerResponse(serializers.Serializer):
    query = serializers.CharField()
    language = serializers.CharField()
    answered = serializers.BooleanField()
    message = serializers.CharField()
    answers = AnswerOut(many=True)
    service_point = ServicePointOut(allow_null=True)


def _abs(request, url: str) -> str:
    return request.build_absolute_uri(url) if url.startswith("/") else url


def answer_payload(request, hit) -> dict:
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
                {"type": "string", "pattern": r"\S", "maxLength": engine.text.MAX_QUERY_CHARS},
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
            OpenApiParameter(
                "near",
                OpenApiTypes.STR,
                pattern=NEAR_PATTERN,
                description="'lat,lon' or a city of the gazetteer",
            ),
        ],
        responses={200: AnswerResponse},
        tags=["answers"],
    )
    def get(self, request):
        params = AnswerQuery(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        place = None
        if data.get("near"):
            try:
                place = finder.parse_place(data["near"])
            except finder.PlaceError as exc:
                raise serializers.ValidationError({"near": [str(exc)]}) from exc
        # The message and any stale notice are for the asker: in their language,
        # not the server's or the HTTP client's.
        with translation.override(data["lang"]):
            outcome = answers.answer(
                data["q"],
                lang=data["lang"],
                country=(data.get("country") or "").upper(),
                channel=Channel.API,
                place=place,
            )
            if outcome.answered:
                message = _("Reviewed answer(s) found.")
            elif outcome.service_point:
                message = _(
                    "We have no reviewed answer good enough for this question. "
                    "A service point can help you."
                )
            else:
                message = _("We have no reviewed answer good enough for this question.")
            payload = {
                "query": outcome.result.query,
                "language": data["lang"],
                "answered": outcome.answered,
                "message": message,
                "answers": [answer_payload(request, h) for h in outcome.answers],
                "service_point": service_point_payload(request, outcome.service_point),
            }
        return Response(payload)
