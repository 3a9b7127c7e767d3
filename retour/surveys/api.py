"""API views: aggregated, org-scoped results only (never a person's answers)."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from retour.orgs import policy
from retour.orgs.scoped import require_org

from . import selectors
from .analytics import export, rates
from .analytics.data import scored_rounds
from .index.definition import RENAMED_SLUGS
from .models import RoundStatus


class RatesQuery(serializers.Serializer):
    definition = serializers.SlugField(required=False, default="return-reintegration-2015")
    by = serializers.ChoiceField(choices=list(rates.DIMENSIONS), required=False, default="country")
    round = serializers.ChoiceField(
        choices=["3", "6", "12", "latest"], required=False, default="latest"
    )
    missing = serializers.ChoiceField(
        choices=list(rates.MISSING_POLICIES), required=False, default=rates.Missing.EXCLUDE
    )


class RateGroupSerializer(serializers.Serializer):
    key = serializers.CharField()
    # A field named like Field.label: DRF's metaclass takes it out of the class.
    label = serializers.CharField()  # type: ignore[assignment]
    people = serializers.CharField(help_text="Count, or '<5' when suppressed")
    reintegrated = serializers.CharField(allow_blank=True)
    rate = serializers.FloatField(allow_null=True)
    ci95_low = serializers.FloatField(allow_null=True)
    ci95_high = serializers.FloatField(allow_null=True)
    unknown_result = serializers.CharField(
        help_text="People whose result is unknown (answers missing); '<5' when suppressed"
    )
    note = serializers.CharField(allow_blank=True)


class RatesView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Reintegration rates by group (aggregated, small cells suppressed)",
        parameters=[
            OpenApiParameter(
                "definition", str, pattern=r"^[-a-zA-Z0-9_]+$", description="Index definition slug"
            ),
            OpenApiParameter("by", str, enum=list(rates.DIMENSIONS)),
            OpenApiParameter("round", str, enum=["3", "6", "12", "latest"]),
            OpenApiParameter(
                "missing",
                str,
                enum=list(rates.MISSING_POLICIES),
                description="exclude: unknown results left out of the denominator; "
                "not_met: missing answers counted as not met (the literal rule)",
            ),
        ],
        responses=inline_serializer(
            "SurveyRates",
            {
                "definition": serializers.CharField(allow_null=True),
                "version": serializers.CharField(allow_null=True),
                "by": serializers.CharField(),
                "round": serializers.CharField(),
                "missing_data_policy": serializers.CharField(),
                "missing_data_policy_label": serializers.CharField(),
                "min_n_for_rate": serializers.IntegerField(),
                "suppressed_below": serializers.IntegerField(),
                "groups": RateGroupSerializer(many=True),
            },
        ),
    )
    def get(self, request):
        org = require_org(request)
        policy.require(request.user, "surveys.view_analytics", org=org)
        query = RatesQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        q = query.validated_data
        slug = RENAMED_SLUGS.get(q["definition"], q["definition"])
        definition = next((d for d in selectors.current_definitions(org) if d.slug == slug), None)
        groups = []
        if definition is not None:
            frame = scored_rounds(org, definition)
            months = None if q["round"] == "latest" else int(q["round"])
            if len(frame):
                group_rates = rates.rates_by(frame, q["by"], months=months, missing=q["missing"])
                for row in export.suppressed_rows(group_rates, q["by"]):
                    key, label, n, k, rate, low, high, unknown, _policy, note = row
                    groups.append(
                        {
                            "key": key,
                            "label": label,
                            "people": str(n),
                            "reintegrated": str(k),
                            "rate": rate if rate != "" else None,
                            "ci95_low": low if low != "" else None,
                            "ci95_high": high if high != "" else None,
                            "unknown_result": str(unknown),
                            "note": note,
                        }
                    )
        return Response(
            {
                "definition": definition.slug if definition else None,
                "version": definition.version if definition else None,
                "by": q["by"],
                "round": q["round"],
                "missing_data_policy": q["missing"],
                "missing_data_policy_label": str(rates.MISSING_POLICIES[q["missing"]]),
                "min_n_for_rate": rates.MIN_N,
                "suppressed_below": export.SUPPRESS_BELOW,
                "groups": groups,
            }
        )


class RoundsSummaryView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Monitoring rounds by status, and how many are overdue",
        responses=inline_serializer(
            "SurveyRoundsSummary",
            {
                "scheduled": serializers.IntegerField(),
                "completed": serializers.IntegerField(),
                "cancelled": serializers.IntegerField(),
                "overdue": serializers.IntegerField(),
            },
        ),
    )
    def get(self, request):
        org = require_org(request)
        policy.require(request.user, "surveys.view_monitoringround", org=org)
        counts = dict(
            selectors.rounds_for_org(org).order_by().values_list("status").annotate(n=Count("id"))
        )
        body = {status: counts.get(status, 0) for status in RoundStatus.values}
        body["overdue"] = selectors.overdue_count(org, timezone.localdate())
        return Response(body)


class DefinitionsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Index definition versions stored by the organisation",
        responses=inline_serializer(
            "SurveyIndexDefinition",
            {
                "uuid": serializers.UUIDField(),
                "slug": serializers.CharField(),
                "version": serializers.CharField(),
                "title": serializers.CharField(),
                "method": serializers.CharField(),
                "is_builtin": serializers.BooleanField(),
            },
            many=True,
        ),
    )
    def get(self, request):
        org = require_org(request)
        policy.require(request.user, "surveys.view_indexdefinition", org=org)
        return Response(
            [
                {
                    "uuid": str(d.uuid),
                    "slug": d.slug,
                    "version": d.version,
                    "title": d.title,
                    "method": d.method,
                    "is_builtin": d.is_builtin,
                }
                for d in selectors.definitions_for_org(org)
            ]
        )
