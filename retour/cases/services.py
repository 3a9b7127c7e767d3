"""Writes for case records. Each service checks the policy and audits itself.

``actor`` is a user (the policy decides) or a ``SystemActor`` for system jobs
such as retention, which run on the server under an operator's control and
have no organisation role to check (``policy.require_actor``).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

import pycountry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models
from django.utils import timezone

from retour.core import audit
from retour.core.actors import Actor, actor_label, is_user
from retour.core.audit import service
from retour.orgs import policy
from retour.orgs.models import Membership, Organisation, OrgGroup, OrgOwned

from .models import (
    SCOPE_CASE_FIELDS,
    AgeBand,
    Case,
    CaseIdentity,
    CaseVulnerability,
    Consent,
    ConsentPurpose,
    Gender,
    Handover,
    RetentionPeriod,
    SharingScope,
    Stage,
    StageEvent,
    Vulnerability,
)

# Days identifying data is kept after closure, per purpose, unless the
# organisation sets its own RetentionPeriod. Sample defaults: each organisation
# must set the periods its own legal basis requires.
DEFAULT_RETENTION_DAYS = {
    ConsentPurpose.COUNSELLING: 730,
    ConsentPurpose.DATA_SHARING: 365,
    ConsentPurpose.MONITORING: 1095,
    ConsentPurpose.RESEARCH: 3650,
}

CASE_EDITABLE_FIELDS = (
    "country_of_return",
    "region_of_return",
    "departure_date",
    "arrival_date",
    "returned_to_community_of_origin",
    "gender",
    "age_band",
    "plan_budget",
    "plan_currency",
    "plan_summary",
    "notes",
    "final_report",
    "opened_on",
    "recorded_retrospectively",
)


# Free text a caseworker types: it may name people, so the audit log records
# only that it changed, and pseudonymisation removes it.
CASE_FREE_TEXT_FIELDS = ("plan_summary", "notes", "final_report")


def normalise_country(value: str) -> str:
    code = (value or "").strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise ValidationError({"country_of_return": f"Not an ISO 3166-1 alpha-2 code: {value!r}"})
    return code


def _clean_case_fields(fields: dict) -> dict:
    out = dict(fields)
    if "country_of_return" in out:
        out["country_of_return"] = normalise_country(out["country_of_return"])
    if out.get("gender") and out["gender"] not in Gender.values:
        raise ValidationError({"gender": f"Unknown gender value {out['gender']!r}"})
    if out.get("age_band") and out["age_band"] not in AgeBand.values:
        raise ValidationError({"age_band": f"Unknown age band {out['age_band']!r}"})
    if "plan_budget" in out and out["plan_budget"] not in (None, ""):
        try:
            out["plan_budget"] = Decimal(str(out["plan_budget"]))
        except InvalidOperation as exc:
            raise ValidationError({"plan_budget": "Not a number"}) from exc
        if out["plan_budget"] < 0:
            raise ValidationError({"plan_budget": "Must not be negative"})
        currency = (out.get("plan_currency") or "").upper()
        if pycountry.currencies.get(alpha_3=currency) is None:
            raise ValidationError(
                {"plan_currency": "An ISO 4217 currency is required with a budget"}
            )
        out["plan_currency"] = currency
    elif "plan_budget" in out:
        out["plan_budget"] = None
        out["plan_currency"] = ""
    for key in ("departure_date", "arrival_date", "opened_on"):
        if out.get(key) and not isinstance(out[key], datetime.date):
            try:
                out[key] = datetime.date.fromisoformat(str(out[key]))
            except ValueError as exc:
                raise ValidationError({key: "Use YYYY-MM-DD"}) from exc
    dep, arr = out.get("departure_date"), out.get("arrival_date")
    if dep and arr and arr < dep:
        raise ValidationError({"arrival_date": "Arrival cannot be before departure"})
    return out


def _next_case_number(organisation: Organisation, year: int) -> str:
    prefix = f"{organisation.slug[:6].upper()}-{year}-"
    taken = Case.objects.filter(organisation=organisation, case_number__startswith=prefix)
    n = taken.count() + 1
    while taken.filter(case_number=f"{prefix}{n:04d}").exists():
        n += 1
    return f"{prefix}{n:04d}"


def _event(case: Case, *, kind: str, summary: str, actor: Actor, occurred_on=None) -> StageEvent:
    return StageEvent.objects.create(
        case=case,
        kind=kind,
        stage=case.stage,
        occurred_on=occurred_on or timezone.localdate(),
        summary=summary[:200],
        actor_label=actor_label(actor)[:150],
    )


def _validate_vulnerabilities(kinds) -> list[str]:
    kinds = list(dict.fromkeys(kinds or []))
    bad = [k for k in kinds if k not in Vulnerability.values]
    if bad:
        raise ValidationError({"vulnerabilities": f"Unknown vulnerability: {', '.join(bad)}"})
    return kinds


@service
def case_create(
    *,
    actor: Actor,
    organisation: Organisation,
    country_of_return: str,
    opened_on: datetime.date | None = None,
    case_number: str = "",
    stage: str = Stage.COUNSELLING,
    vulnerabilities: list[str] | None = None,
    identity: dict | None = None,
    counselling_consent: str = "",
    is_sample: bool = False,
    **fields,
) -> Case:
    """Open a case. ``opened_on`` may lie in the past (entry after the fact).

    ``counselling_consent`` is the version of the consent form the person
    agreed to at intake; without it no identity can be saved.
    """
    policy.require_actor(actor, "cases.add_case", org=organisation)
    unknown = set(fields) - set(CASE_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({"detail": f"Unknown case fields: {', '.join(sorted(unknown))}"})
    if stage not in Stage.values:
        raise ValidationError({"stage": f"Unknown stage {stage!r}"})
    cleaned = _clean_case_fields({"country_of_return": country_of_return, **fields})
    today = timezone.localdate()
    opened_on = opened_on or today
    if isinstance(opened_on, str):
        opened_on = _clean_case_fields({"opened_on": opened_on})["opened_on"]
    if opened_on > today:
        raise ValidationError({"opened_on": "A case cannot be opened in the future"})
    case_number = case_number.strip() or _next_case_number(organisation, opened_on.year)
    if Case.objects.filter(organisation=organisation, case_number=case_number).exists():
        raise ValidationError({"case_number": "This case number is already used"})
    cleaned.setdefault("recorded_retrospectively", opened_on < today)
    case = Case.objects.create(
        organisation=organisation,
        case_number=case_number,
        stage=stage,
        opened_on=opened_on,
        is_sample=is_sample,
        closed_on=opened_on if stage == Stage.CLOSED else None,
        **cleaned,
    )
    for kind in _validate_vulnerabilities(vulnerabilities):
        CaseVulnerability.objects.create(case=case, kind=kind)
    _event(
        case, kind=StageEvent.Kind.STAGE, summary="Case opened", actor=actor, occurred_on=opened_on
    )
    audit.record(actor=actor, action="case.create", obj=case, detail={"stage": stage})
    if counselling_consent.strip():
        consent_record(
            actor=actor,
            case=case,
            purpose=ConsentPurpose.COUNSELLING,
            version=counselling_consent.strip()[:20],
            given_on=opened_on,
        )
    if identity:
        case_identity_set(actor=actor, case=case, **identity)
    return case


@service
def case_update(*, actor: Actor, case: Case, **fields) -> Case:
    policy.require_actor(actor, "cases.change_case", obj=case)
    unknown = set(fields) - set(CASE_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({"detail": f"Unknown case fields: {', '.join(sorted(unknown))}"})
    cleaned = _clean_case_fields(fields)
    before = audit.snapshot(case, cleaned)
    changed = []
    for key, value in cleaned.items():
        if getattr(case, key) != value:
            setattr(case, key, value)
            changed.append(key)
    if changed:
        case.full_clean(exclude=["organisation"], validate_unique=False)
        case.save()
        # Old and new values, except free text (it may name people): only that it changed.
        detail = {"changed": audit.changes(before, case, changed, redact=CASE_FREE_TEXT_FIELDS)}
        audit.record(actor=actor, action="case.update", obj=case, detail=detail)
    return case


@service
def case_stage_set(
    *,
    actor: Actor,
    case: Case,
    stage: str,
    occurred_on: datetime.date | None = None,
    summary: str = "",
    final_report: str | None = None,
) -> Case:
    """Move a case to a stage (forwards, or back to correct a mistake).

    Closure needs a final report; it sets ``closed_on`` and starts the retention clock.
    """
    policy.require_actor(actor, "cases.change_case", obj=case)
    if stage not in Stage.values:
        raise ValidationError({"stage": f"Unknown stage {stage!r}"})
    occurred_on = occurred_on or timezone.localdate()
    if occurred_on < case.opened_on:
        raise ValidationError({"occurred_on": "Before the case was opened"})
    if final_report is not None:
        case.final_report = final_report
    if stage == Stage.CLOSED:
        if not case.final_report.strip():
            raise ValidationError({"final_report": "Closing a case needs a final report"})
        case.closed_on = occurred_on
    else:
        case.closed_on = None
    previous = case.stage
    case.stage = stage
    case.save()
    _event(case, kind=StageEvent.Kind.STAGE, summary=summary, actor=actor, occurred_on=occurred_on)
    audit.record(actor=actor, action="case.stage", obj=case, detail={"from": previous, "to": stage})
    return case


def case_assignees(organisation: Organisation) -> models.QuerySet[Membership]:
    """Members who may be assigned a case: active people whose role changes cases.

    One query (the roles whose group in this organisation holds the
    permission), not a policy call per member; case_assign still asks the policy.
    """
    roles = OrgGroup.objects.filter(
        organisation=organisation,
        group__permissions__content_type__app_label="cases",
        group__permissions__codename="change_case",
    ).values("role")
    return (
        Membership.objects.filter(organisation=organisation, role__in=roles, user__is_active=True)
        .select_related("user")
        .order_by("user__username")
    )


@service
def case_assign(*, actor: Actor, case: Case, membership: Membership | None) -> Case:
    """Name the caseworker who follows the case (None: nobody). Audited old/new."""
    policy.require_actor(actor, "cases.change_case", obj=case)
    if membership is not None and (
        membership.organisation_id != case.organisation_id
        or not case_assignees(case.organisation).filter(pk=membership.pk).exists()
    ):
        raise ValidationError({"assigned_to": "Choose a caseworker of the case's own organisation"})
    old = case.assigned_to.uuid if case.assigned_to_id and case.assigned_to else None
    new = membership.uuid if membership is not None else None
    if old == new:
        return case
    case.assigned_to = membership
    case.save(update_fields=["assigned_to", "updated_at"])
    audit.record(
        actor=actor,
        action="case.assign",
        obj=case,
        detail={
            "changed": audit.changes(
                {"assigned_to": str(old) if old else None},
                {"assigned_to": str(new) if new else None},
                ["assigned_to"],
            )
        },
    )
    return case


@service
def case_vulnerabilities_set(*, actor: Actor, case: Case, kinds: list[str]) -> list[str]:
    policy.require_actor(actor, "cases.change_case", obj=case)
    wanted = set(_validate_vulnerabilities(kinds))
    current = set(case.vulnerabilities.values_list("kind", flat=True))
    case.vulnerabilities.filter(kind__in=current - wanted).delete()
    for kind in sorted(wanted - current):
        CaseVulnerability.objects.create(case=case, kind=kind, noted_on=timezone.localdate())
    if wanted != current:
        audit.record(
            actor=actor,
            action="case.vulnerabilities",
            obj=case,
            detail={"added": sorted(wanted - current), "removed": sorted(current - wanted)},
        )
    return sorted(wanted)


@service
def case_identity_set(*, actor: Actor, case: Case, **values) -> CaseIdentity:
    """Create or change the identifying fields. The audit row names fields, never values."""
    policy.require_actor(actor, "cases.change_identity", obj=case)
    if case.pseudonymised_at is not None:
        raise ValidationError(
            {"detail": "This case was pseudonymised; identity cannot be added back"}
        )
    # Identity is the most sensitive part of a case: it is collected only once the
    # person has agreed to counselling and case management (consent first, as
    # an intake is done in person), and withdrawing that consent stops it.
    if active_consent(case, ConsentPurpose.COUNSELLING) is None:
        raise ValidationError(
            {
                "consent": "Record the person's consent to counselling and case "
                "management before saving who they are"
            }
        )
    unknown = set(values) - set(CaseIdentity.IDENTIFYING_FIELDS)
    if unknown:
        raise ValidationError({"detail": f"Unknown identity fields: {', '.join(sorted(unknown))}"})
    dob = values.get("date_of_birth")
    if dob:
        try:
            values["date_of_birth"] = datetime.date.fromisoformat(str(dob)).isoformat()
        except ValueError as exc:
            raise ValidationError({"date_of_birth": "Use YYYY-MM-DD"}) from exc
    docs = values.get("documents")
    if docs is not None and not (
        isinstance(docs, list)
        and all(isinstance(d, dict) and set(d) <= {"type", "number"} for d in docs)
    ):
        raise ValidationError({"documents": "A list of {type, number} objects"})
    identity = CaseIdentity.objects.filter(case=case).first() or CaseIdentity(case=case)
    before = audit.snapshot(identity, values)
    for key, value in values.items():
        setattr(identity, key, value if value is not None or key == "documents" else "")
    identity.save()
    # Every identity field is redacted: the log says which changed, never to what.
    changed = audit.changes(before, identity, sorted(values), redact=values)
    audit.record(actor=actor, action="case.identity.set", obj=case, detail={"changed": changed})
    return identity


def _validate_scope(scope) -> list[str]:
    scope = list(dict.fromkeys(scope or []))
    bad = [s for s in scope if s not in SharingScope.values]
    if bad:
        raise ValidationError({"scope": f"Unknown sharing scope: {', '.join(bad)}"})
    return scope


@service
def consent_record(
    *,
    actor: Actor,
    case: Case,
    purpose: str,
    version: str,
    given_on: datetime.date | None = None,
    partner: Organisation | None = None,
    scope: list[str] | None = None,
) -> Consent:
    policy.require_actor(actor, "cases.manage_consent", obj=case)
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": f"Unknown purpose {purpose!r}"})
    if not (version or "").strip():
        raise ValidationError({"version": "The version of the consent text is required"})
    sharing = purpose == ConsentPurpose.DATA_SHARING
    if sharing and partner is None:
        raise ValidationError({"partner": "Data sharing consent names the partner organisation"})
    if sharing and partner == case.organisation:
        raise ValidationError({"partner": "The partner must be another organisation"})
    if not sharing and (partner is not None or scope):
        raise ValidationError({"partner": "Only data-sharing consent names a partner and scope"})
    given_on = given_on or timezone.localdate()
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": "Consent cannot be given in the future"})
    consent = Consent.objects.create(
        case=case,
        purpose=purpose,
        version=version.strip()[:20],
        given_on=given_on,
        partner=partner if sharing else None,
        scope=_validate_scope(scope) if sharing else [],
        recorded_by=actor if is_user(actor) else None,
    )
    _event(
        case,
        kind=StageEvent.Kind.CONSENT,
        summary=f"Consent given: {consent}",
        actor=actor,
        occurred_on=given_on,
    )
    audit.record(
        actor=actor,
        action="consent.record",
        obj=case,
        detail={"purpose": purpose, "version": consent.version, "consent": str(consent.uuid)},
    )
    return consent


@service
def consent_withdraw(*, actor: Actor, consent: Consent, reason: str = "") -> Consent:
    """Withdraw at once: every check reads ``withdrawn_at`` live, nothing is cached."""
    policy.require_actor(actor, "cases.manage_consent", obj=consent.case)
    if consent.withdrawn_at is not None:
        return consent
    consent.withdrawn_at = timezone.now()
    consent.withdrawal_reason = reason[:200]
    consent.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    _event(
        consent.case,
        kind=StageEvent.Kind.CONSENT,
        summary=f"Consent withdrawn: {consent}",
        actor=actor,
    )
    audit.record(
        actor=actor,
        action="consent.withdraw",
        obj=consent.case,
        detail={"purpose": consent.purpose, "consent": str(consent.uuid)},
    )
    return consent


def active_consent(case: Case, purpose: str, *, partner: Organisation | None = None):
    qs = Consent.objects.filter(case=case, purpose=purpose, withdrawn_at__isnull=True)
    if partner is not None:
        qs = qs.filter(partner=partner)
    return qs.order_by("-given_on", "-id").first()


def _org_owned_children(case: Case):
    """Every OrgOwned model with a foreign key to Case (assistance, referrals, survey rounds…)."""
    for rel in Case._meta.related_objects:
        model = rel.related_model
        if issubclass(model, OrgOwned) and (rel.one_to_many or rel.one_to_one):
            yield model, rel.field.name


def _handover_consent(case: Case, to_organisation: Organisation) -> Consent:
    """The consent that allows this handover, or a ValidationError saying why not."""
    if to_organisation == case.organisation:
        raise ValidationError({"to_organisation": "The case already belongs to this organisation"})
    if case.stage == Stage.CLOSED:
        raise ValidationError({"stage": "A closed case cannot be handed over: reopen it first"})
    consent = active_consent(case, ConsentPurpose.DATA_SHARING, partner=to_organisation)
    if consent is None:
        raise ValidationError(
            {"to_organisation": f"No active data-sharing consent names {to_organisation}"}
        )
    if Handover.objects.filter(
        case=case, to_organisation=to_organisation, received_case__isnull=False
    ).exists():
        raise ValidationError(
            {"to_organisation": f"This case was already handed over to {to_organisation}"}
        )
    return consent


def _received_case(case: Case, to_organisation: Organisation, scope: set[str]) -> Case:
    """The receiver's own case: the consented columns copied, everything else blank.

    The case number is part of the profile; without that scope the receiver
    numbers the case itself, so nothing links it to the sender's records.
    """
    today = timezone.localdate()
    copied = {f: getattr(case, f) for s in sorted(scope) for f in SCOPE_CASE_FIELDS[s]}
    number = copied.pop("case_number", None)
    if number is None:
        number = _next_case_number(to_organisation, today.year)
    elif Case.objects.filter(organisation=to_organisation, case_number=number).exists():
        raise ValidationError({"case_number": "The partner already has a case with this number"})
    received = Case.objects.create(
        organisation=to_organisation,
        case_number=number,
        stage=case.stage,
        opened_on=today,
        is_sample=case.is_sample,
        country_of_return=copied.pop("country_of_return", ""),
        **copied,
    )
    if SharingScope.VULNERABILITIES in scope:
        CaseVulnerability.objects.bulk_create(
            CaseVulnerability(case=received, kind=v.kind, noted_on=v.noted_on)
            for v in case.vulnerabilities.all()
        )
    return received


@service
def case_handover(
    *, actor: Actor, case: Case, to_organisation: Organisation, reason: str = ""
) -> Handover:
    """Disclose to a partner organisation what the person consented to share with it.

    Requires an active data-sharing consent naming that partner. The partner
    gets a case of its own holding copies of the consented scopes (profile,
    vulnerabilities, plan and assistance, needs); the sender keeps its case with
    everything else (identity, free text, consents, survey answers, referrals).
    OrgOwned rows of other apps take part through a ``handover_copy``
    classmethod; a model without one is never disclosed.
    """
    policy.require_actor(actor, "cases.handover_case", obj=case)
    consent = _handover_consent(case, to_organisation)
    scope = set(consent.scope or []) & set(SharingScope.values)
    from_org = case.organisation
    received = _received_case(case, to_organisation, scope)
    copied = {}
    for model, _field in _org_owned_children(case):
        copy = getattr(model, "handover_copy", None)
        if copy is not None:
            copied[model._meta.label] = copy(source=case, target=received, scope=scope)
    handover = Handover.objects.create(
        case=case,
        from_organisation=from_org,
        to_organisation=to_organisation,
        consent=consent,
        scope=sorted(scope),
        received_case=received,
        reason=reason[:200],
    )
    shared = ", ".join(sorted(scope)) or "nothing but the pseudonymous case"
    _event(
        case, kind=StageEvent.Kind.HANDOVER,
        summary=f"Handed over to {to_organisation}; shared: {shared}", actor=actor,
    )  # fmt: skip
    _event(
        received, kind=StageEvent.Kind.HANDOVER, actor=actor,
        summary=f"Received from {from_org} under data-sharing consent version "
        f"{consent.version} of {consent.given_on.isoformat()}; shared: {shared}",
    )  # fmt: skip
    detail = {
        "handover": str(handover.uuid),
        "from": str(from_org.uuid),
        "to": str(to_organisation.uuid),
        "scope": sorted(scope),
        "received_case": str(received.uuid),
        "copied": copied,
    }
    # Each organisation sees the handover in its own log, on its own case.
    audit.record(
        actor=actor, action="case.handover", obj=case, organisation=from_org, detail=detail
    )
    audit.record(
        actor=actor, action="case.handover", obj=received, organisation=to_organisation,
        detail=detail,
    )  # fmt: skip
    return handover


def _reason_without_identity(reason: str, identity: CaseIdentity | None) -> str:
    """The operator's reason for the audit log, with the person's identifying
    values taken out: the log outlives the erasure it records."""
    reason = (reason or "").strip()
    if identity is None:
        return reason[:100]
    values = [str(getattr(identity, f) or "") for f in CaseIdentity.IDENTIFYING_FIELDS]
    values += [str(d.get("number", "")) for d in identity.documents or [] if isinstance(d, dict)]
    words = {w for v in values for w in v.split() if len(w) >= 3}
    for value in sorted(set(values) | words, key=len, reverse=True):
        if value.strip():
            reason = re.sub(re.escape(value.strip()), "[redacted]", reason, flags=re.IGNORECASE)
    return reason[:100]


@service
def case_pseudonymise(*, actor: Actor, case: Case, reason: str) -> Case:
    """Remove the identity and free text for good; the pseudonymous record stays."""
    policy.require_actor(actor, "cases.erase_case", obj=case)
    identity = CaseIdentity.objects.filter(case=case).first()
    CaseIdentity.objects.filter(case=case).delete()
    case.notes = ""
    case.plan_summary = ""
    case.final_report = ""
    case.pseudonymised_at = timezone.now()
    case.save()
    _event(
        case, kind=StageEvent.Kind.RETENTION, summary="Identity and free text removed", actor=actor
    )
    detail = {"reason": _reason_without_identity(reason, identity)}
    audit.record(actor=actor, action="case.pseudonymise", obj=case, detail=detail)
    return case


@service
def case_erase(*, actor: Actor, case: Case, reason: str) -> None:
    """Delete the case and everything attached to it (right to erasure)."""
    policy.require_actor(actor, "cases.erase_case", obj=case)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Erasure needs a reason"})
    identity = CaseIdentity.objects.filter(case=case).first()
    detail = {"reason": _reason_without_identity(reason, identity)}
    # The audit rows about this case stay (append-only); none holds what identifies
    # the person: object_repr is the case number, details name fields, not values.
    audit.record(actor=actor, action="case.erase", obj=case, detail=detail)
    _erasure_notify_receivers(actor=actor, case=case)
    try:
        for model, field in _org_owned_children(case):
            model.objects.filter(**{field: case}).delete()
        Handover.objects.filter(case=case).delete()
        case.delete()
    except models.ProtectedError as exc:
        raise ValidationError({"detail": f"Cannot erase: {exc.args[0]}"}) from exc
    except IntegrityError as exc:  # pragma: no cover - defensive
        raise ValidationError({"detail": "Cannot erase this case"}) from exc


def _erasure_notify_receivers(*, actor: Actor, case: Case) -> None:
    """Tell every organisation that received a copy (GDPR art. 19).

    The receiver holds its copy as a controller of its own, so it is not
    deleted from here: its case timeline and audit log say that the sender
    erased its record at the person's request, and the receiver decides.
    """
    for handover in Handover.objects.filter(case=case, received_case__isnull=False).select_related(
        "received_case"
    ):
        received = handover.received_case
        assert received is not None  # filtered on received_case__isnull=False
        _event(
            received,
            kind=StageEvent.Kind.RETENTION,
            summary="The sending organisation erased its record at the person's request: "
            "erase this copy too unless you must keep it",
            actor=actor,
        )
        audit.record(
            actor=actor,
            action="case.erasure_notice",
            obj=received,
            organisation=received.organisation,
            detail={"from_organisation": str(handover.from_organisation.uuid)},
        )


def retention_days(organisation: Organisation) -> dict[str, int]:
    days = {str(k): v for k, v in DEFAULT_RETENTION_DAYS.items()}
    for row in RetentionPeriod.objects.for_org(organisation):
        days[row.purpose] = row.days
    return days


@service
def retention_period_set(
    *, actor: Actor, organisation: Organisation, purpose: str, days: int
) -> RetentionPeriod:
    policy.require_actor(actor, "cases.change_retentionperiod", org=organisation)
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": f"Unknown purpose {purpose!r}"})
    if not isinstance(days, int) or days < 1 or days > 36500:
        raise ValidationError({"days": "Between 1 and 36500 days"})
    previous = RetentionPeriod.objects.filter(organisation=organisation, purpose=purpose).first()
    old_days = previous.days if previous else DEFAULT_RETENTION_DAYS[ConsentPurpose(purpose)]
    row, _ = RetentionPeriod.objects.update_or_create(
        organisation=organisation, purpose=purpose, defaults={"days": days}
    )
    detail = {
        "purpose": purpose,
        "days": days,
        "changed": audit.changes({"days": old_days}, {"days": days}, ["days"]),
    }
    audit.record(actor=actor, action="retention.set", obj=row, detail=detail)
    return row


def retention_deadlines(
    case: Case, days: dict[str, int], active: set[str] | None = None
) -> tuple[datetime.date, datetime.date] | None:
    """(pseudonymise on/after, erase on/after) for a closed case, else None.

    Identity is kept for the longest period among counselling (the reason the
    case exists) and every purpose the person still consents to, except research.
    Research consent keeps the pseudonymous record (not the identity) longer;
    without it, the record goes when the identity goes.
    """
    if case.closed_on is None:
        return None
    if active is None:  # callers looking at many cases pass them, fetched in one query
        active = set(
            case.consents.filter(withdrawn_at__isnull=True).values_list("purpose", flat=True)
        )
    identity_days = max(
        [days[ConsentPurpose.COUNSELLING]]
        + [days[p] for p in active if p != ConsentPurpose.RESEARCH]
    )
    pseudonymise_on = case.closed_on + datetime.timedelta(days=identity_days)
    if ConsentPurpose.RESEARCH in active:
        erase_on = case.closed_on + datetime.timedelta(
            days=max(days[ConsentPurpose.RESEARCH], identity_days)
        )
    else:
        erase_on = pseudonymise_on
    return pseudonymise_on, erase_on


def retention_run(*, actor: Actor, today: datetime.date | None = None, dry_run: bool = False):
    """Pseudonymise or erase every closed case past its retention period.

    Each case is its own transaction (services are atomic), so a failure on one
    case never leaves another half-done. Returns counts.
    """
    today = today or timezone.localdate()
    counts = {"pseudonymised": 0, "erased": 0, "kept": 0}
    for organisation in Organisation.objects.all():
        days = retention_days(organisation)
        closed = Case.objects.for_org(organisation).filter(closed_on__isnull=False)
        for case in list(closed):  # materialised: the loop deletes rows
            deadlines = retention_deadlines(case, days)
            if deadlines is None:
                continue
            pseudonymise_on, erase_on = deadlines
            if today >= erase_on:
                counts["erased"] += 1
                if not dry_run:
                    case_erase(actor=actor, case=case, reason="retention period expired")
            elif today >= pseudonymise_on and case.pseudonymised_at is None:
                counts["pseudonymised"] += 1
                if not dry_run:
                    case_pseudonymise(actor=actor, case=case, reason="retention period expired")
            else:
                counts["kept"] += 1
    return counts
