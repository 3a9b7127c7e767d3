"""Writes of the campaigns app. Each one is atomic, policy-checked and audited."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied

from retour.core import audit
from retour.core.audit import service
from retour.orgs import policy

from .models import (
    AudienceSegment,
    Campaign,
    CostComponent,
    ReachFigure,
    StatObservation,
    SurveyAggregate,
    SurveyResponse,
    SurveyStudy,
)
from .schema import CAMPAIGN_FIELDS, ImportRejected, Problem, clean_record, clean_records

# One list of campaign fields for the service, the exchange formats and the docs.
SCALAR_FIELDS = CAMPAIGN_FIELDS


def _is_user(actor) -> bool:
    return actor is not None and not isinstance(actor, str)


def _require(actor, action: str, *, obj=None, org=None) -> None:
    """Users go through the policy; labelled system actors ("cli:…", "demo") are trusted callers."""
    if _is_user(actor):
        policy.require(actor, action, obj=obj, org=org)
    elif actor is None:
        raise PermissionDenied("an explicit actor is required")


def _write_children(campaign: Campaign, data: dict) -> None:
    campaign.costs.all().delete()
    campaign.reach.all().delete()
    campaign.audiences.all().delete()
    CostComponent.objects.bulk_create(
        CostComponent(campaign=campaign, position=i, **item)
        for i, item in enumerate(data.get("costs", []))
    )
    ReachFigure.objects.bulk_create(
        ReachFigure(campaign=campaign, **item) for item in data.get("reach", [])
    )
    AudienceSegment.objects.bulk_create(
        AudienceSegment(campaign=campaign, **item) for item in data.get("audiences", [])
    )


def _validated(data: dict) -> dict:
    clean, problems = clean_record(dict(data), "campaign")
    if problems:
        raise ImportRejected(problems)
    return clean


def _apply(campaign: Campaign, clean: dict) -> None:
    for name in SCALAR_FIELDS:
        if name in clean:
            setattr(campaign, name, clean[name])


@service
def campaign_create(*, actor, organisation, data: dict, is_sample: bool = False) -> Campaign:
    _require(actor, "campaigns.add_campaign", org=organisation)
    clean = _validated(data)
    campaign = Campaign(organisation=organisation, is_sample=is_sample)
    _apply(campaign, clean)
    campaign.full_clean(exclude=["organisation"])
    campaign.save()
    _write_children(campaign, clean)
    audit.record(actor=actor, action="campaign.create", obj=campaign)
    return campaign


@service
def campaign_update(*, actor, campaign: Campaign, data: dict) -> Campaign:
    """Replace the record with ``data`` (a full record in the exchange schema)."""
    _require(actor, "campaigns.change_campaign", obj=campaign)
    clean = _validated(data)
    clean["provenance"] = data.get("provenance") or campaign.provenance
    _apply(campaign, clean)
    campaign.full_clean(exclude=["organisation"])
    campaign.save()
    _write_children(campaign, clean)
    audit.record(actor=actor, action="campaign.update", obj=campaign)
    return campaign


@service
def campaign_delete(*, actor, campaign: Campaign) -> None:
    _require(actor, "campaigns.delete_campaign", obj=campaign)
    audit.record(actor=actor, action="campaign.delete", obj=campaign)
    campaign.delete()


@service
def campaigns_import(
    *,
    actor,
    organisation,
    records: list[dict],
    provenance: str | None = None,
    is_sample: bool = False,
    label: str = "record",
) -> dict[str, int]:
    """All or nothing: validate every record first, write only when none fails.

    Records with an ``external_id`` already used by this organisation update it
    (so re-importing a file is idempotent); others are created.
    """
    _require(actor, "campaigns.import_campaigns", org=organisation)
    cleaned, problems = clean_records(records, label=label)
    if problems:
        raise ImportRejected(problems)
    existing = {
        c.external_id: c
        for c in Campaign.objects.for_org(organisation).filter(
            external_id__in=[r["external_id"] for r in cleaned if r["external_id"]]
        )
    }
    created = updated = 0
    for clean in cleaned:
        if provenance:
            clean["provenance"] = provenance
        campaign = existing.get(clean["external_id"]) if clean["external_id"] else None
        if campaign is None:
            campaign = Campaign(organisation=organisation, is_sample=is_sample)
            created += 1
        else:
            updated += 1
        _apply(campaign, clean)
        try:
            campaign.full_clean(exclude=["organisation"])
        except Exception as exc:
            raise ImportRejected([Problem(clean["title"][:60], "", "", str(exc))]) from exc
        campaign.save()
        _write_children(campaign, clean)
    audit.record(
        actor=actor,
        action="campaign.import",
        organisation=organisation,
        object_type="campaigns.campaign",
        detail={"created": created, "updated": updated},
    )
    return {"created": created, "updated": updated}


# --- surveys -------------------------------------------------------------------


@service
def survey_study_create(
    *,
    actor,
    campaign: Campaign,
    title: str,
    design: str,
    scale_min: float = 0.0,
    scale_max: float = 1.0,
    planned_n: int | None = None,
    responses: Iterable[dict[str, Any]] = (),
    aggregates: Iterable[dict[str, Any]] = (),
    is_sample: bool = False,
) -> SurveyStudy:
    """Attach questionnaire results to a campaign of the actor's own organisation."""
    _require(actor, "campaigns.add_surveystudy", obj=campaign)
    study = SurveyStudy(
        organisation=campaign.organisation,
        campaign=campaign,
        title=title,
        design=design,
        scale_min=scale_min,
        scale_max=scale_max,
        planned_n=planned_n,
        is_sample=is_sample,
    )
    study.full_clean()
    study.save()
    SurveyResponse.objects.bulk_create(SurveyResponse(study=study, **r) for r in responses)
    SurveyAggregate.objects.bulk_create(SurveyAggregate(study=study, **a) for a in aggregates)
    audit.record(
        actor=actor,
        action="surveystudy.create",
        obj=study,
        detail={"responses": study.responses.count(), "aggregates": study.aggregates.count()},
    )
    return study


@service
def survey_study_delete(*, actor, study: SurveyStudy) -> None:
    _require(actor, "campaigns.delete_surveystudy", obj=study)
    audit.record(actor=actor, action="surveystudy.delete", obj=study)
    study.delete()


# --- reference statistics ------------------------------------------------------


@service
def statistics_import(*, actor, organisation=None, observations: list[dict], source: str) -> dict:
    """Upsert Eurostat observations (public reference data, shared by everyone).

    ``organisation`` is where a user acts (their permission is checked there);
    labelled system actors (CLI, demo) may omit it.
    """
    if _is_user(actor):
        if organisation is None:
            raise PermissionDenied("campaigns.import_statistics")
        policy.require(actor, "campaigns.import_statistics", org=organisation)
    elif actor is None:
        raise PermissionDenied("an explicit actor is required")
    keys = {(o["dataset"], o["geo"], o["citizen"], o["year"]) for o in observations}
    datasets = {k[0] for k in keys}
    existing = {
        (o.dataset, o.geo, o.citizen, o.year): o
        for o in StatObservation.objects.filter(dataset__in=datasets)
    }
    new, changed = [], []
    for obs in observations:
        key = (obs["dataset"], obs["geo"], obs["citizen"], obs["year"])
        row = existing.get(key)
        if row is None:
            new.append(StatObservation(source=source[:200], **obs))
        else:
            for name in ("value", "flag", "geo_is_aggregate", "citizen_is_aggregate"):
                setattr(row, name, obs[name])
            row.source = source[:200]
            changed.append(row)
    StatObservation.objects.bulk_create(new, batch_size=2000)
    StatObservation.objects.bulk_update(
        changed,
        ["value", "flag", "geo_is_aggregate", "citizen_is_aggregate", "source"],
        batch_size=2000,
    )
    audit.record(
        actor=actor,
        action="statobservation.import",
        organisation=organisation,
        object_type="campaigns.statobservation",
        object_repr=source[:200],
        detail={"created": len(new), "updated": len(changed), "datasets": sorted(datasets)},
    )
    return {"created": len(new), "updated": len(changed)}
