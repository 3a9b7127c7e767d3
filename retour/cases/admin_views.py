"""Caseworker views in the Wagtail admin, scoped to ``request.org``. Writes go through services.

Another organisation's case is fetched through ``for_org(request.org)`` and so
answers 404; a member lacking the permission gets 403 from the policy.
"""

from __future__ import annotations

import json
from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from retour.orgs import policy
from retour.orgs.models import Organisation
from retour.orgs.scoped import current_org

from . import selectors, services
from .models import (
    RIAT_KEY_MOMENTS,
    AgeBand,
    Case,
    CaseIdentity,
    Consent,
    ConsentPurpose,
    Gender,
    SharingScope,
    Stage,
    Vulnerability,
)
from .panels import render_case_panels


def _case(request, case_uuid, perm: str) -> Case:
    case = get_object_or_404(
        Case.objects.for_org(current_org(request)).select_related("organisation"), uuid=case_uuid
    )
    policy.require(request.user, perm, obj=case)
    return case


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# -- forms (validation only; services do the writing) -------------------------------


class CaseForm(forms.Form):
    case_number = forms.CharField(
        max_length=40, required=False, help_text=_("Leave empty to number automatically.")
    )
    country_of_return = forms.CharField(max_length=2, help_text=_("ISO code, e.g. AF, IQ, GE"))
    region_of_return = forms.CharField(max_length=120, required=False)
    opened_on = forms.DateField(
        required=False, help_text=_("YYYY-MM-DD; may be in the past (entry after the fact).")
    )
    departure_date = forms.DateField(required=False)
    arrival_date = forms.DateField(required=False)
    returned_to_community_of_origin = forms.NullBooleanField(required=False)
    gender = forms.ChoiceField(choices=[("", "—"), *Gender.choices], required=False)
    age_band = forms.ChoiceField(choices=[("", "—"), *AgeBand.choices], required=False)
    vulnerabilities = forms.MultipleChoiceField(
        choices=Vulnerability.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("No names or contact details: they belong in the identity."),
    )
    counselling_consent = forms.CharField(
        max_length=20,
        required=False,
        label=_("Counselling consent (form version)"),
        help_text=_(
            "The version of the consent form the person agreed to. Their identity "
            "can be saved only once this consent is recorded."
        ),
    )


class CaseEditForm(forms.Form):
    country_of_return = forms.CharField(max_length=2)
    region_of_return = forms.CharField(max_length=120, required=False)
    departure_date = forms.DateField(required=False)
    arrival_date = forms.DateField(required=False)
    returned_to_community_of_origin = forms.NullBooleanField(required=False)
    gender = forms.ChoiceField(choices=[("", "—"), *Gender.choices], required=False)
    age_band = forms.ChoiceField(choices=[("", "—"), *AgeBand.choices], required=False)
    plan_budget = forms.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False)
    plan_currency = forms.CharField(max_length=3, required=False, help_text=_("ISO 4217, e.g. EUR"))
    plan_summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("No names or contact details: they belong in the identity."),
    )


class IdentityForm(forms.Form):
    given_name = forms.CharField(max_length=200, required=False)
    family_name = forms.CharField(max_length=200, required=False)
    other_names = forms.CharField(max_length=200, required=False)
    date_of_birth = forms.DateField(required=False)
    phone = forms.CharField(max_length=50, required=False)
    email = forms.EmailField(required=False)
    documents = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("One document per line: type: number"),
    )
    address_after_return = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean_documents(self):
        docs = []
        for line in self.cleaned_data["documents"].splitlines():
            if not line.strip():
                continue
            kind, sep, number = line.partition(":")
            if not sep or not number.strip():
                raise ValidationError(_("Write each document as type: number"))
            docs.append({"type": kind.strip()[:40], "number": number.strip()[:80]})
        return docs


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(choices=ConsentPurpose.choices)
    version = forms.CharField(max_length=20)
    given_on = forms.DateField(required=False)
    partner = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, to_field_name="uuid"
    )
    scope = forms.MultipleChoiceField(
        choices=SharingScope.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Organisation.objects.all()
        if organisation is not None:
            qs = qs.exclude(pk=organisation.pk)
        self.fields["partner"].queryset = qs


class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices)
    occurred_on = forms.DateField(required=False)
    summary = forms.CharField(max_length=200, required=False)
    final_report = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class HandoverForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), to_field_name="uuid"
    )
    reason = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        # Only partners an active data-sharing consent names: never the case's own
        # organisation, never one the person did not agree to.
        partners = Consent.objects.filter(
            case=case, purpose=ConsentPurpose.DATA_SHARING, withdrawn_at__isnull=True
        ).values("partner")
        cast(forms.ModelChoiceField, self.fields["to_organisation"]).queryset = (
            Organisation.objects.filter(pk__in=partners)
            .exclude(pk=case.organisation_id)
            .order_by("name")
        )


# -- views ---------------------------------------------------------------------------


def case_create(request):
    org = current_org(request)
    policy.require(request.user, "cases.add_case", org=org)
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            case = services.case_create(
                actor=request.user,
                organisation=org,
                case_number=data.pop("case_number"),
                country_of_return=data.pop("country_of_return"),
                opened_on=data.pop("opened_on"),
                vulnerabilities=data.pop("vulnerabilities"),
                **data,
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Case %(n)s opened.") % {"n": case.case_number})
            return redirect("cases_admin:detail", case_uuid=case.uuid)
    return render(
        request, "cases/admin/form.html", {"form": form, "org": org, "title": _("New case")}
    )


def case_detail(request, case_uuid):
    case = _case(request, case_uuid, "cases.view_case")
    user = request.user
    can_identity = policy.has_perm(user, "cases.view_identity", obj=case)
    identity = None
    if can_identity:
        # Audited on every view of the page, as the panel shows the identity.
        identity = selectors.case_identity_read(actor=user, case=case, purpose="case_detail")
    context = {
        "org": case.organisation,
        "case": case,
        "stages": [
            {
                "value": v,
                "label": label,
                "n": i + 1,
                "done": i + 1 < case.stage_number,
                "current": v == case.stage,
                "key_moment": RIAT_KEY_MOMENTS.get(v),
            }
            for i, (v, label) in enumerate(Stage.choices)
        ],
        "timeline": selectors.case_timeline(case),
        "extra_steps": selectors.case_extra_steps(case),
        "consents": selectors.case_consents(case),
        "can_identity": can_identity,
        "identity": identity,
        "can_change": policy.has_perm(user, "cases.change_case", obj=case),
        "can_consent": policy.has_perm(user, "cases.manage_consent", obj=case),
        "can_handover": policy.has_perm(user, "cases.handover_case", obj=case),
        "can_export": policy.has_perm(user, "cases.export_case", obj=case),
        "stage_form": StageForm(initial={"stage": case.stage}),
        "consent_form": ConsentForm(organisation=case.organisation),
        "handover_form": HandoverForm(case=case),
        "vulnerability_choices": Vulnerability.choices,
    }
    # Apps above cases add their panels (reintegration: assistance and referrals).
    context["panels"] = render_case_panels(request, case)
    return render(request, "cases/admin/detail.html", context)


def case_edit(request, case_uuid):
    """Arrival details, plan and budget, notes: everything but identity and stage."""
    case = _case(request, case_uuid, "cases.change_case")
    fields = list(CaseEditForm.base_fields)
    form = CaseEditForm(request.POST or None, initial={f: getattr(case, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Case saved."))
            return redirect("cases_admin:detail", case_uuid=case.uuid)
    return render(
        request,
        "cases/admin/form.html",
        {"form": form, "org": case.organisation, "case": case, "title": _("Edit case")},
    )


@require_POST
def case_stage(request, case_uuid):
    case = _case(request, case_uuid, "cases.change_case")
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            services.case_stage_set(
                actor=request.user,
                case=case,
                stage=form.cleaned_data["stage"],
                occurred_on=form.cleaned_data["occurred_on"],
                summary=form.cleaned_data["summary"],
                final_report=form.cleaned_data["final_report"] or None,
            )
        except ValidationError as exc:
            _errors(request, exc)
    else:
        messages.error(request, _("Choose a valid stage."))
    return redirect("cases_admin:detail", case_uuid=case.uuid)


@require_POST
def case_vulnerabilities(request, case_uuid):
    case = _case(request, case_uuid, "cases.change_case")
    try:
        services.case_vulnerabilities_set(
            actor=request.user, case=case, kinds=request.POST.getlist("vulnerabilities")
        )
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("cases_admin:detail", case_uuid=case.uuid)


def case_identity(request, case_uuid):
    case = _case(request, case_uuid, "cases.change_identity")
    if request.method == "POST":
        form = IdentityForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["date_of_birth"] = (
                data["date_of_birth"].isoformat() if data["date_of_birth"] else ""
            )
            try:
                services.case_identity_set(actor=request.user, case=case, **data)
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("Identity saved (encrypted)."))
                return redirect("cases_admin:detail", case_uuid=case.uuid)
    else:
        identity = selectors.case_identity_read(actor=request.user, case=case, purpose="edit")
        initial = {}
        if identity is not None:
            initial = {f: getattr(identity, f) for f in CaseIdentity.IDENTIFYING_FIELDS}
            initial["documents"] = "\n".join(
                f"{d.get('type', '')}: {d.get('number', '')}" for d in identity.documents or []
            )
        form = IdentityForm(initial=initial)
    return render(
        request,
        "cases/admin/form.html",
        {"form": form, "org": case.organisation, "case": case, "title": _("Identity")},
    )


@require_POST
def consent_record(request, case_uuid):
    case = _case(request, case_uuid, "cases.manage_consent")
    form = ConsentForm(request.POST, organisation=case.organisation)
    if form.is_valid():
        try:
            services.consent_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Consent recorded."))
    else:
        messages.error(request, _("Consent not recorded: check purpose, version and partner."))
    return redirect("cases_admin:detail", case_uuid=case.uuid)


@require_POST
def consent_withdraw(request, case_uuid, consent_uuid):
    case = _case(request, case_uuid, "cases.manage_consent")
    consent = get_object_or_404(Consent.objects.filter(case=case), uuid=consent_uuid)
    services.consent_withdraw(
        actor=request.user, consent=consent, reason=request.POST.get("reason", "")[:200]
    )
    messages.success(request, _("Consent withdrawn; effective immediately."))
    return redirect("cases_admin:detail", case_uuid=case.uuid)


@require_POST
def case_handover(request, case_uuid):
    case = _case(request, case_uuid, "cases.handover_case")
    form = HandoverForm(request.POST, case=case)
    if not form.is_valid():
        messages.error(request, _("Choose a partner named in an active data-sharing consent."))
        return redirect("cases_admin:detail", case_uuid=case.uuid)
    try:
        handover = services.case_handover(actor=request.user, case=case, **form.cleaned_data)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("cases_admin:detail", case_uuid=case.uuid)
    # The case stays here; the partner now has its own case with the consented parts.
    messages.success(
        request,
        _("Handed over to %(org)s: it received what the consent covers.")
        % {"org": handover.to_organisation},
    )
    return redirect("cases_admin:detail", case_uuid=case.uuid)


def case_export(request, case_uuid):
    """GDPR subject-access export (JSON download), audited."""
    case = _case(request, case_uuid, "cases.export_case")
    try:
        data = selectors.case_subject_access_export(actor=request.user, case=case)
    except PermissionDenied:
        raise
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="subject-access-{case.case_number}.json"'
    )
    response["Cache-Control"] = "no-store"
    return response
