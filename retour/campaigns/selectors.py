"""Reads of the campaigns app.

Campaign records are shared across the network: anyone holding
``campaigns.view_campaign`` in some organisation reads every campaign. Writes
and survey data stay with the owner, so edit/delete lookups go through
``for_org`` and answer 404 for another organisation's record.
"""

from __future__ import annotations

import re

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from retour.orgs import policy

from .models import AudienceSegment, Campaign, CostComponent, ReachFigure, SurveyStudy


def can_read_registry(user) -> bool:
    return policy.has_perm(user, "campaigns.view_campaign")


def campaigns_shared(*, search: str = "", country: str = "", level: str = ""):
    qs = Campaign.objects.select_related("organisation")
    # PostgreSQL refuses NUL in string literals; query text never needs it.
    search = search.replace("\x00", "").strip()
    country = country if re.fullmatch(r"[A-Za-z]{2}", country or "") else ""
    if search:
        qs = qs.filter(
            Q(title__icontains=search)
            | Q(implementing_organisation__icontains=search)
            | Q(objectives__icontains=search)
        )
    if country:
        # JSON containment is not portable to SQLite; countries are short lists,
        # so a text match on the quoted code works on both databases.
        qs = qs.filter(countries__icontains=f'"{country.upper()[:2]}"')
    if level.isdigit():
        qs = qs.filter(evaluation_level=int(level))
    return qs.order_by("-actual_start", "title")


def with_children(qs):
    return qs.prefetch_related(
        Prefetch("costs", queryset=CostComponent.objects.order_by("position", "id")),
        Prefetch("reach", queryset=ReachFigure.objects.order_by("id")),
        Prefetch("audiences", queryset=AudienceSegment.objects.order_by("id")),
    ).select_related("organisation")


def campaign_for_read(uuid) -> Campaign:
    return get_object_or_404(with_children(Campaign.objects.all()), uuid=uuid)


def campaign_for_owner(org, uuid) -> Campaign:
    """Another organisation's campaign is indistinguishable from a missing one."""
    return get_object_or_404(with_children(Campaign.objects.for_org(org)), uuid=uuid)


def studies_for_org(org):
    return SurveyStudy.objects.for_org(org).select_related("campaign").order_by("-created_at")


def study_for_owner(org, uuid) -> SurveyStudy:
    return get_object_or_404(SurveyStudy.objects.for_org(org).select_related("campaign"), uuid=uuid)
