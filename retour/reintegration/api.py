"""Assistance and referral API: pseudonymous; receivers see only what consent covers."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from retour.cases.models import Case
from retour.orgs import policy
from retour.orgs.scoped import current_org

from . import selectors
from .models import AssistanceItem, DeclineReason, Referral


class AssistanceItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssistanceItem
        fields = [
            "uuid", "type", "status", "description", "amount", "currency", "planned_on",
            "delivered_on", "provider", "evidence_reference", "is_sample",
        ]  # fmt: skip
        read_only_fields = fields


class ReferralSentSerializer(serializers.ModelSerializer):
    case_uuid = serializers.UUIDField(source="case.uuid", read_only=True)
    to_organisation = serializers.CharField(source="to_organisation.name", default=None)
    # Plain string (blank allowed): avoids a second OpenAPI enum for AssistanceType.
    assistance_type = serializers.CharField(read_only=True)
    # Declared, not generated: a generated read-only ChoiceField drops allow_blank, so the
    # schema's enum refused the "" every referral that was not declined carries.
    decline_reason = serializers.ChoiceField(
        choices=DeclineReason.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Referral
        fields = [
            "uuid", "case_uuid", "to_organisation", "service_point_uuid", "service_point_name",
            "assistance_type", "status", "decline_reason", "sent_on", "answered_on", "completed_on",
        ]  # fmt: skip
        read_only_fields = fields


@extend_schema(tags=["reintegration"])
class CaseAssistanceList(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = AssistanceItemSerializer

    def get_queryset(self):
        case = get_object_or_404(
            Case.objects.for_org(current_org(self.request)), uuid=self.kwargs["case_uuid"]
        )
        policy.require(self.request.user, "reintegration.view_assistanceitem", obj=case)
        return selectors.assistance_for_case(case)


@extend_schema(tags=["reintegration"])
class ReferralSentList(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ReferralSentSerializer

    def get_queryset(self):
        org = current_org(self.request)
        policy.require(self.request.user, "reintegration.view_referral", org=org)
        return selectors.referrals_sent(org).order_by("-sent_on", "id")


@extend_schema(tags=["reintegration"])
class ReferralReceivedList(APIView):
    """Referrals received, each limited to what the person's consent covers right now."""

    permission_classes = [IsAuthenticated]

    # A list of the shared views (one object per referral), not one object.
    @extend_schema(responses={200: build_array_type(build_basic_type(OpenApiTypes.OBJECT) or {})})
    def get(self, request):
        org = current_org(request)
        policy.require(request.user, "reintegration.view_referral", org=org)
        rows = selectors.referrals_received(org).order_by("-sent_on", "id")[:500]
        return Response(selectors.shared_views(rows))


@extend_schema(tags=["reintegration"])
class ReferralDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, referral_uuid):
        org = current_org(request)
        if org is None:
            return Response({"detail": "Not found."}, status=404)
        referral = get_object_or_404(
            Referral.objects.filter(Q(organisation=org) | Q(to_organisation=org)),
            uuid=referral_uuid,
        )
        policy.require(request.user, "reintegration.view_referral", org=org)
        if referral.organisation_id == org.pk:
            return Response(ReferralSentSerializer(referral).data)
        return Response(selectors.referral_shared_view(referral))
