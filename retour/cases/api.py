"""Case API: pseudonymous by construction.

No serializer here names an identifying field except ``CaseIdentitySerializer``,
used only by the caseworker-only identity endpoint, which audits each read.
"""

from __future__ import annotations

import pycountry
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from retour.api.exceptions import Conflict
from retour.orgs import policy

from . import selectors, services
from .models import AgeBand, Case, CaseIdentity, Gender, Stage, Vulnerability

# Every ISO 3166-1 alpha-2 code, as services.normalise_country accepts it
# (either case): the schema promises exactly what the service takes.
COUNTRY_CODES = sorted(c.alpha_2 for c in pycountry.countries)


@extend_schema_field({"type": "string", "enum": COUNTRY_CODES + [c.lower() for c in COUNTRY_CODES]})
class CountryCodeField(serializers.CharField):
    pass


class CaseSerializer(serializers.ModelSerializer):
    uuid = serializers.UUIDField(read_only=True)
    stage_number = serializers.IntegerField(read_only=True)
    # Not recorded yet is "" (the model's blank choice): declared so the schema
    # lists it beside the enum.
    gender = serializers.ChoiceField(choices=Gender.choices, allow_blank=True, read_only=True)
    age_band = serializers.ChoiceField(choices=AgeBand.choices, allow_blank=True, read_only=True)
    vulnerabilities = serializers.SerializerMethodField()

    class Meta:
        model = Case
        # An explicit allow-list: a new identifying field can never slip in.
        fields = [
            "uuid",
            "case_number",
            "stage",
            "stage_number",
            "country_of_return",
            "region_of_return",
            "departure_date",
            "arrival_date",
            "returned_to_community_of_origin",
            "gender",
            "age_band",
            "vulnerabilities",
            "opened_on",
            "closed_on",
            "is_sample",
        ]
        read_only_fields = fields

    def get_vulnerabilities(self, obj) -> list[str]:
        return [v.kind for v in obj.vulnerabilities.all()]


class CaseCreateSerializer(serializers.Serializer):
    case_number = serializers.CharField(max_length=40, required=False, allow_blank=True)
    country_of_return = CountryCodeField(max_length=2, min_length=2)
    region_of_return = serializers.CharField(max_length=120, required=False, allow_blank=True)
    opened_on = serializers.DateField(
        required=False, help_text="Today or earlier (a case is never opened in the future)."
    )
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)
    arrival_date = serializers.DateField(required=False)
    returned_to_community_of_origin = serializers.BooleanField(required=False, allow_null=True)
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, allow_blank=True)
    age_band = serializers.ChoiceField(choices=AgeBand.choices, required=False, allow_blank=True)
    vulnerabilities = serializers.ListField(
        child=serializers.ChoiceField(choices=Vulnerability.choices), required=False, max_length=7
    )


class CaseIdentitySerializer(serializers.ModelSerializer):
    documents = serializers.JSONField(allow_null=True)

    class Meta:
        model = CaseIdentity
        fields = list(CaseIdentity.IDENTIFYING_FIELDS)


def _org_case(request, case_uuid) -> Case:
    return get_object_or_404(
        Case.objects.for_org(getattr(request, "org", None) or None), uuid=case_uuid
    )


@extend_schema(tags=["cases"])
class CaseListCreate(generics.ListCreateAPIView):
    """Pseudonymous cases of the active organisation."""

    permission_classes = [IsAuthenticated]
    serializer_class = CaseSerializer

    def get_queryset(self):
        org = getattr(self.request, "org", None) or None
        policy.require(self.request.user, "cases.view_case", org=org)
        qs = (
            Case.objects.for_org(org)
            .prefetch_related("vulnerabilities")
            .order_by("-opened_on", "id")
        )
        return selectors.filter_cases(
            qs,
            stage=self.request.query_params.get("stage", ""),
            country=self.request.query_params.get("country", ""),
            vulnerability=self.request.query_params.get("vulnerability", ""),
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("stage", str, enum=Stage.values),
            OpenApiParameter("country", str, description="ISO 3166-1 alpha-2"),
            OpenApiParameter("vulnerability", str, enum=Vulnerability.values),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=CaseCreateSerializer,
        responses={
            201: CaseSerializer,
            409: OpenApiResponse(OpenApiTypes.OBJECT, description="Case number already used."),
        },
    )
    def post(self, request, *args, **kwargs):
        org = getattr(request, "org", None) or None
        policy.require(request.user, "cases.add_case", org=org)
        incoming = CaseCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        number = (data.get("case_number") or "").strip()
        if number and Case.objects.for_org(org).filter(case_number=number).exists():
            # Valid input that clashes with an existing case: 409, not 400, so a
            # client can tell "fix your request" from "it exists already".
            raise Conflict({"case_number": ["This case number is already used"]})
        case = services.case_create(
            actor=request.user,
            organisation=org,
            country_of_return=data.pop("country_of_return"),
            **data,
        )
        return Response(CaseSerializer(case).data, status=201)


@extend_schema(tags=["cases"])
class CaseDetail(generics.RetrieveAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = CaseSerializer

    def get_object(self):
        case = _org_case(self.request, self.kwargs["case_uuid"])
        policy.require(self.request.user, "cases.view_case", obj=case)
        return case


@extend_schema(tags=["cases"])
class CaseIdentityView(APIView):
    """Identifying fields: caseworkers of the owning organisation only; every read is audited."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: CaseIdentitySerializer})
    def get(self, request, case_uuid):
        case = _org_case(request, case_uuid)
        identity = selectors.case_identity_read(actor=request.user, case=case, purpose="api")
        response = Response(CaseIdentitySerializer(identity).data if identity else {})
        response["Cache-Control"] = "no-store"
        return response
