"""Writes of the campaigns app. Each one is atomic, policy-checked and audited."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from retour.core import audit
from retour.core.actors import Actor, actor_label, is_user
from retour.core.audit import service
from retour.orgs import policy

from . import eurostat
from .models import (
    AudienceSegment,
    Campaign,
    CostComponent,
    ReachFigure,
    ReferenceImport,
    StatObservation,
    SurveyAggregate,
    SurveyResponse,
    SurveyStudy,
)
from .schema import CAMPAIGN_FIELDS, ImportRejected, Problem, clean_record, clean_records

# One list of campaign fields for the service, the exchange formats and the docs.
SCALAR_FIELDS = CAMPAIGN_FIELDS


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
def campaign_create(*, actor: Actor, organisation, data: dict, is_sample: bool = False) -> Campaign:
    policy.require_actor(actor, "campaigns.add_campaign", org=organisation)
    clean = _validated(data)
    campaign = Campaign(organisation=organisation, is_sample=is_sample)
    _apply(campaign, clean)
    campaign.full_clean(exclude=["organisation"])
    campaign.save()
    _write_children(campaign, clean)
    audit.record(actor=actor, action="campaign.create", obj=campaign)
    return campaign


@service
def campaign_update(*, actor: Actor, campaign: Campaign, data: dict) -> Campaign:
    """Replace the record with ``data`` (a full record in the exchange schema)."""
    policy.require_actor(actor, "campaigns.change_campaign", obj=campaign)
    clean = _validated(data)
    clean["provenance"] = data.get("provenance") or campaign.provenance
    fields = [name for name in SCALAR_FIELDS if name in clean]
    before = audit.snapshot(campaign, fields)
    _apply(campaign, clean)
    campaign.full_clean(exclude=["organisation"])
    campaign.save()
    _write_children(campaign, clean)
    # A public campaign record names no person: old and new values in clear.
    detail = {"changed": audit.changes(before, campaign, fields)}
    audit.record(actor=actor, action="campaign.update", obj=campaign, detail=detail)
    return campaign


@service
def campaign_delete(*, actor: Actor, campaign: Campaign) -> None:
    policy.require_actor(actor, "campaigns.delete_campaign", obj=campaign)
    audit.record(actor=actor, action="campaign.delete", obj=campaign)
    campaign.delete()


@service
def campaigns_import(
    *,
    actor: Actor,
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
    policy.require_actor(actor, "campaigns.import_campaigns", org=organisation)
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
    actor: Actor,
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
    policy.require_actor(actor, "campaigns.add_surveystudy", obj=campaign)
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
def survey_study_delete(*, actor: Actor, study: SurveyStudy) -> None:
    policy.require_actor(actor, "campaigns.delete_surveystudy", obj=study)
    audit.record(actor=actor, action="surveystudy.delete", obj=study)
    study.delete()


# --- reference statistics ------------------------------------------------------


@service
def statistics_import(
    *,
    actor: Actor,
    observations: list[dict],
    file_name: str,
    sha256: str,
    layout: str = "",
    unmapped: Sequence[str] = (),
) -> ReferenceImport:
    """Upsert Eurostat observations: platform reference data, shared by everyone.

    Every organisation's impact estimates read these rows, so only a platform
    role may write them (``campaigns.manage_reference_data``, never held
    through an organisation's role) or a SystemActor (the CLI, the demo, a
    job). The ReferenceImport returned records who loaded which file
    (SHA-256) and what changed; it is audited.
    """
    policy.require_actor(actor, "campaigns.manage_reference_data", platform=True)
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise ValueError("sha256 must be the file's hex digest")
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
            new.append(StatObservation(source=file_name[:200], **obs))
        else:
            for name in ("value", "flag", "geo_is_aggregate", "citizen_is_aggregate"):
                setattr(row, name, obs[name])
            row.source = file_name[:200]
            changed.append(row)
    StatObservation.objects.bulk_create(new, batch_size=2000)
    StatObservation.objects.bulk_update(
        changed,
        ["value", "flag", "geo_is_aggregate", "citizen_is_aggregate", "source"],
        batch_size=2000,
    )
    record = ReferenceImport.objects.create(
        actor=actor if is_user(actor) else None,
        actor_label=actor_label(actor)[:150],
        file_name=file_name[:200],
        sha256=sha256,
        datasets=sorted(datasets),
        layout=layout[:20],
        rows=len(observations),
        created=len(new),
        updated=len(changed),
        unmapped=len(unmapped),
    )
    audit.record(
        actor=actor,
        action="statobservation.import",
        obj=record,
        detail={
            "file": file_name[:200],
            "sha256": sha256,
            "rows": len(observations),
            "created": len(new),
            "updated": len(changed),
            "datasets": sorted(datasets),
        },
    )
    return record


def statistics_file_import(
    *, actor: Actor, data: bytes, file_name: str, dataset: str = ""
) -> tuple[eurostat.ParseResult, ReferenceImport]:
    """Parse a Eurostat file (either layout) and load it with :func:`statistics_import`.

    Raises ``eurostat.LayoutRejected`` (saying what was expected) for a file
    in neither layout or without a dataset code; nothing is written then.
    """
    # Refuse before parsing a 60 MB file for someone who may not load it.
    policy.require_actor(actor, "campaigns.manage_reference_data", platform=True)
    dataset = dataset or eurostat.dataset_from_filename(file_name)
    if not dataset:
        raise eurostat.LayoutRejected("The file name does not contain a Eurostat dataset code.")
    parsed = eurostat.parse(data, dataset=dataset)
    record = statistics_import(
        actor=actor,
        observations=parsed.observations,
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        layout=parsed.layout,
        unmapped=parsed.unmapped,
    )
    return parsed, record
