"""Read-only JSON API for published content (public, anonymous)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.rich_text import expand_db_html

from retour.api.throttling import ClientAnonRateThrottle
from retour.orgs.validators import VALID_COUNTRIES

from . import eligibility, hsds
from .models import (
    CountrySheetPage,
    DecisionExplainerPage,
    OwnedPage,
    Purpose,
    ResidenceStatus,
    ReturnProgrammePage,
    ServicePointPage,
    ShortAnswerPage,
)
from .names import country_names
from .selectors import translation_status

LANGS = [code for code, _ in settings.LANGUAGES]
TYPES: dict[str | None, Any] = {
    "country_sheet": CountrySheetPage,
    "programme": ReturnProgrammePage,
    "decision_explainer": DecisionExplainerPage,
    "service_point": ServicePointPage,
    "short_answer": ShortAnswerPage,
}
TYPE_OF = {model: name for name, model in TYPES.items()}


class PageFilter(serializers.Serializer):
    type = serializers.ChoiceField(choices=sorted(TYPES), required=False)
    locale = serializers.ChoiceField(choices=LANGS, required=False)
    country = serializers.RegexField(r"^[A-Z]{2}$", required=False)
    purpose = serializers.ChoiceField(choices=Purpose.values, required=False)


class OwnerOut(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()


class PageOut(serializers.Serializer):
    translation_key = serializers.UUIDField(help_text="Shared by all translations of a page.")
    locale = serializers.CharField()
    type = serializers.ChoiceField(choices=sorted(TYPES))
    title = serializers.CharField()
    url = serializers.CharField()
    organisation = OwnerOut()
    purpose = serializers.CharField()
    is_sample = serializers.BooleanField()
    last_verified = serializers.DateField()
    review_by = serializers.DateField()
    stale = serializers.BooleanField()
    last_published_at = serializers.DateTimeField(allow_null=True)


class PageDetailOut(PageOut):
    translation_status = serializers.CharField()
    # Documents the response only (extend_schema); the API's field is named "data".
    data = serializers.DictField(help_text="Type-specific, machine-readable fields.")  # type: ignore[assignment]


def _stream(value) -> list:
    """Raw StreamField JSON, with rich text expanded to ordinary HTML links."""
    if value is None:
        return []
    blocks = []
    for block in value.get_prep_value():
        item = dict(block)
        if isinstance(item.get("value"), dict):
            item["value"] = {
                k: expand_db_html(v) if k in ("body", "explanation") and isinstance(v, str) else v
                for k, v in item["value"].items()
            }
        blocks.append(item)
    return blocks


def _in_language(lang: str, fn):
    with translation.override(lang):
        return fn()


def page_data(page) -> dict:
    """Machine-readable fields of one page, by type."""
    if isinstance(page, CountrySheetPage):
        return {
            "country": page.country,
            "summary": page.summary,
            "sections": _stream(page.sections),
        }
    if isinstance(page, ReturnProgrammePage):
        return {
            "operator": page.operator,
            "funders": page.funders,
            "summary": page.summary,
            "eligibility": {
                "nationalities": page.eligible_nationalities,
                # Names for people, in the page's language; the codes are for machines.
                "nationality_names": country_names(
                    page.eligible_nationalities, page.locale.language_code
                ),
                "residence_statuses": page.eligible_residence_statuses,
                "residence_status_labels": _in_language(
                    page.locale.language_code, page.residence_status_labels
                ),
                "deadline": page.application_deadline,
                "deadline_date": page.deadline_date.isoformat() if page.deadline_date else None,
                # "not_stated" and [] (host countries) mean the page does not say.
                "host_countries": page.host_countries,
                "family": page.family_condition,
                "medical_needs": page.health_condition,
            },
            "coverage": {
                "ticket": page.covers_ticket,
                "cash_grant": None
                if page.cash_grant_amount is None
                else {"amount": str(page.cash_grant_amount), "currency": page.cash_grant_currency},
                "cash_grant_per_child": None
                if page.cash_grant_per_child is None
                else {
                    "amount": str(page.cash_grant_per_child),
                    "currency": page.cash_grant_currency,
                },
                "in_kind": page.in_kind_support,
                "vulnerable_extras": page.vulnerable_extras,
            },
            "how_to_apply": expand_db_html(page.how_to_apply),
            "valid_from": page.valid_from.isoformat(),
            "valid_until": page.valid_until.isoformat() if page.valid_until else None,
        }
    if isinstance(page, DecisionExplainerPage):
        return {
            "summary": page.summary,
            "body": expand_db_html(page.body),
            "options": _stream(page.options),
        }
    if isinstance(page, ServicePointPage):
        return hsds.service_point_to_hsds(page)
    if isinstance(page, ShortAnswerPage):
        return {
            "question": page.title,
            "answer": page.answer,
            "backing_pages": [p.full_url for p in page.backing()],
        }
    return {}


def page_summary(page, request) -> dict:
    org = page.organisation
    return {
        "translation_key": page.translation_key,
        "locale": page.locale.language_code,
        "type": TYPE_OF.get(page.specific_class, "page"),
        "title": page.title,
        "url": request.build_absolute_uri(page.url) if page.url else "",
        "organisation": {"uuid": org.uuid, "name": org.name},
        "purpose": page.purpose,
        "is_sample": page.is_sample,
        "last_verified": page.last_verified,
        "review_by": page.review_by,
        "stale": page.is_stale(),
        "last_published_at": page.last_published_at,
    }


def _published(filters: dict):
    model = TYPES.get(filters.get("type"), OwnedPage)
    qs = model.objects.live().public().select_related("organisation", "locale")
    if filters.get("locale"):
        qs = qs.filter(locale__language_code=filters["locale"])
    if filters.get("purpose"):
        qs = qs.filter(purpose=filters["purpose"])
    if filters.get("country"):
        qs = qs.filter(
            pk__in=CountrySheetPage.objects.filter(country=filters["country"]).values("pk")
        ) | qs.filter(
            pk__in=ServicePointPage.objects.filter(country=filters["country"]).values("pk")
        )
    return qs.order_by("path")


class PageListView(generics.GenericAPIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ClientAnonRateThrottle]
    serializer_class = PageOut

    @extend_schema(
        summary="Published pages",
        parameters=[PageFilter],
        responses=PageOut(many=True),
        tags=["content"],
    )
    def get(self, request):
        params = PageFilter(data=request.query_params)
        params.is_valid(raise_exception=True)
        queryset = _published(params.validated_data)
        page = self.paginate_queryset(queryset)
        # The base queryset gives organisation and locale in one query; the
        # type-specific rows are not needed for the summary.
        return self.get_paginated_response([page_summary(p, request) for p in page])


class PageDetailView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ClientAnonRateThrottle]

    @extend_schema(
        summary="One published page in one language",
        parameters=[
            OpenApiParameter("locale", OpenApiTypes.STR, enum=LANGS, required=False),
        ],
        responses=PageDetailOut,
        tags=["content"],
    )
    def get(self, request, translation_key):
        locale = request.query_params.get("locale", settings.LANGUAGE_CODE)
        if locale not in LANGS:
            raise serializers.ValidationError(
                {"locale": f"Unknown language {locale!r}; choose one of {', '.join(LANGS)}."}
            )
        page = (
            OwnedPage.objects.live()
            .public()
            .filter(translation_key=translation_key, locale__language_code=locale)
            .select_related("organisation", "locale")
            .first()
        )
        if page is None:
            raise Http404
        specific = page.specific
        body = page_summary(specific, request)
        body["translation_status"] = translation_status(specific)
        body["data"] = page_data(specific)
        return Response(body)


class HsdsExportView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ClientAnonRateThrottle]

    @extend_schema(
        summary="Service points as Open Referral HSDS 3.0 JSON",
        parameters=[OpenApiParameter("locale", OpenApiTypes.STR, enum=LANGS, required=False)],
        responses=OpenApiTypes.OBJECT,
        tags=["content"],
    )
    def get(self, request):
        locale = request.query_params.get("locale", settings.LANGUAGE_CODE)
        if locale not in LANGS:
            raise serializers.ValidationError(
                {"locale": f"Unknown language {locale!r}; choose one of {', '.join(LANGS)}."}
            )
        return Response(hsds.export(locale))


# -- "What support can I get?" ---------------------------------------------------
def _choice(choices) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=choices, required=False, allow_blank=True, default="", help_text='"": unknown.'
    )


# One choice set for both country questions, named once in the OpenAPI
# document (settings: SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]).
COUNTRY_CODES = sorted(VALID_COUNTRIES)


class SupportQuery(serializers.Serializer):
    locale = serializers.ChoiceField(choices=LANGS, required=False, default=settings.LANGUAGE_CODE)
    nationality = _choice(COUNTRY_CODES)
    status = _choice(ResidenceStatus.values)
    host_country = _choice(COUNTRY_CODES)
    household = _choice(eligibility.Household.values)
    health_needs = _choice(["yes", "no"])


class MoneyOut(serializers.Serializer):
    amount = serializers.CharField(help_text="Decimal as a string.")
    currency = serializers.CharField(help_text="ISO 4217.")


class SuggestionOut(serializers.Serializer):
    translation_key = serializers.UUIDField()
    locale = serializers.CharField()
    fallback = serializers.BooleanField(help_text="In another language than asked for.")
    title = serializers.CharField()
    url = serializers.CharField()
    organisation = OwnerOut()
    is_sample = serializers.BooleanField()
    last_verified = serializers.DateField()
    review_by = serializers.DateField()
    stale = serializers.BooleanField(help_text="Past its review-by date: may be out of date.")
    covers_ticket = serializers.BooleanField()
    cash_grant = MoneyOut(allow_null=True)
    cash_grant_per_child = MoneyOut(allow_null=True)
    deadline_date = serializers.DateField(allow_null=True)
    deadline = serializers.CharField(help_text="In words, in the page's language.")
    to_check = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(eligibility.CONDITION_LABELS)),
        help_text="Conditions the page does not state, or questions left unanswered.",
    )
    notes = serializers.ListField(child=serializers.CharField())


class SuggestionsOut(serializers.Serializer):
    fits = SuggestionOut(many=True)
    check_with_counsellor = SuggestionOut(many=True)
    notice = serializers.CharField()


def _money(amount, currency: str) -> dict | None:
    return None if amount is None else {"amount": str(amount), "currency": currency}


def suggestion_data(item: eligibility.Suggestion, request) -> dict:
    page = item.page
    return {
        "translation_key": page.translation_key,
        "locale": page.locale.language_code,
        "fallback": item.fallback,
        "title": page.title,
        "url": request.build_absolute_uri(item.url) if item.url else "",
        "organisation": {"uuid": page.organisation.uuid, "name": page.organisation.name},
        "is_sample": page.is_sample,
        "last_verified": page.last_verified,
        "review_by": page.review_by,
        "stale": item.stale,
        "covers_ticket": page.covers_ticket,
        "cash_grant": _money(page.cash_grant_amount, page.cash_grant_currency),
        "cash_grant_per_child": _money(page.cash_grant_per_child, page.cash_grant_currency),
        "deadline_date": page.deadline_date,
        "deadline": page.application_deadline,
        "to_check": item.verdict.to_check,
        "notes": item.verdict.note_texts(),
    }


class SupportSuggestView(APIView):
    """The questionnaire's answers in, the programmes that may fit out. Nothing is
    stored or logged; the answers travel in the body, never in the URL."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ClientAnonRateThrottle]

    @extend_schema(
        summary="Return programmes whose published conditions may fit (not a decision)",
        request=SupportQuery,
        responses=SuggestionsOut,
        tags=["content"],
    )
    def post(self, request):
        query = SupportQuery(data=request.data)
        query.is_valid(raise_exception=True)
        answers = dict(query.validated_data)
        lang = answers.pop("locale")
        found = eligibility.suggest(eligibility.Answers(**answers), lang=lang)
        with translation.override(lang):
            body = {
                "fits": [suggestion_data(i, request) for i in found.fits],
                "check_with_counsellor": [suggestion_data(i, request) for i in found.maybe],
                "notice": str(eligibility.NOT_A_DECISION),
            }
        response = Response(SuggestionsOut(body).data)
        response["Cache-Control"] = "no-store"
        return response
