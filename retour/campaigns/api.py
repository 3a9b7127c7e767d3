"""Read-only API of the campaign registry (records are shared across the network)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from retour.orgs import policy

from . import exchange, selectors
from .choices import EvaluationLevel


class CanReadRegistry(BasePermission):
    message = "Reading the campaign registry needs campaigns.view_campaign in an organisation."

    def has_permission(self, request, view):
        return policy.has_perm(request.user, "campaigns.view_campaign")


class CostOut(serializers.Serializer):
    # A field named like Field.label: DRF's metaclass takes it out of the class.
    label = serializers.CharField()  # type: ignore[assignment]
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    funder = serializers.CharField()
    is_cofunding = serializers.BooleanField()
    is_estimate = serializers.BooleanField()
    range_low = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    range_high = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    fx_rate = serializers.DecimalField(max_digits=14, decimal_places=6, allow_null=True)
    fx_date = serializers.DateField(allow_null=True)
    note = serializers.CharField()


class ReachOut(serializers.Serializer):
    channel = serializers.CharField()
    value = serializers.IntegerField()
    unit = serializers.CharField()
    is_minimum = serializers.BooleanField()
    is_estimate = serializers.BooleanField()
    how_counted = serializers.CharField()


class AudienceOut(serializers.Serializer):
    group = serializers.CharField()
    age_min = serializers.IntegerField(allow_null=True)
    age_max = serializers.IntegerField(allow_null=True)
    gender = serializers.CharField()
    note = serializers.CharField()


class CampaignSummaryOut(serializers.Serializer):
    uuid = serializers.UUIDField()
    title = serializers.CharField()
    owner = serializers.CharField(source="organisation.name")
    countries = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField()
    actual_start = serializers.DateField(allow_null=True)
    actual_end = serializers.DateField(allow_null=True)
    cost_total = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    cost_is_estimate = serializers.BooleanField()
    channels = serializers.ListField(child=serializers.CharField())
    evaluation_level = serializers.IntegerField()
    provenance = serializers.CharField()


class CampaignDetailOut(CampaignSummaryOut):
    title_language = serializers.CharField()
    implementing_organisation = serializers.CharField()
    subnational_areas = serializers.CharField()
    planned_start = serializers.DateField(allow_null=True)
    planned_end = serializers.DateField(allow_null=True)
    date_precision = serializers.CharField()
    period_as_stated = serializers.CharField()
    duration_months = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    cost_as_stated = serializers.CharField()
    target_audience_as_stated = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    implementing_partners = serializers.ListField(child=serializers.CharField())
    objectives = serializers.CharField()
    key_messages = serializers.CharField()
    channels_as_stated = serializers.CharField()
    evaluation_methods = serializers.CharField()
    effectiveness_as_stated = serializers.CharField()
    perceived_success = serializers.CharField()
    reception = serializers.CharField()
    lessons = serializers.CharField()
    links = serializers.ListField(child=serializers.CharField())
    claim = serializers.CharField()
    origin_country = serializers.CharField()
    destination_countries = serializers.ListField(child=serializers.CharField())
    source_reference = serializers.CharField()
    costs = CostOut(many=True, source="costs.all")
    reach = ReachOut(many=True, source="reach.all")
    audiences = AudienceOut(many=True, source="audiences.all")


class CampaignFilter(serializers.Serializer):
    q = serializers.CharField(required=False, max_length=100, allow_blank=True)
    country = serializers.RegexField(r"^[A-Za-z]{2}$", required=False)
    evaluation_level = serializers.ChoiceField(choices=EvaluationLevel.values, required=False)


class CampaignListView(generics.GenericAPIView):
    permission_classes = [CanReadRegistry]
    serializer_class = CampaignSummaryOut

    @extend_schema(
        summary="Campaign registry (shared across the network)",
        parameters=[CampaignFilter],
        responses=CampaignSummaryOut(many=True),
        tags=["campaigns"],
    )
    def get(self, request):
        params = CampaignFilter(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        qs = selectors.campaigns_shared(
            search=data.get("q", ""),
            country=data.get("country", ""),
            level=str(data.get("evaluation_level", "")),
        )
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(CampaignSummaryOut(page, many=True).data)


class CampaignDetailView(APIView):
    permission_classes = [CanReadRegistry]

    @extend_schema(
        summary="One campaign in the EMN template's structure",
        responses=CampaignDetailOut,
        tags=["campaigns"],
    )
    def get(self, request, campaign_uuid):
        campaign = selectors.campaign_for_read(campaign_uuid)
        return Response(CampaignDetailOut(campaign).data)


__all__ = ["CampaignDetailView", "CampaignListView", "exchange"]
