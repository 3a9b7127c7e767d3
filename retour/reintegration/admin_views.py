"""Assistance and referral views in the Wagtail admin. Writes go through services."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from retour.cases.models import Case
from retour.orgs import policy
from retour.orgs.models import Membership, Organisation
from retour.orgs.scoped import current_org, require_org
from retour.search import selectors as search_selectors

from . import selectors, services
from .models import AssistanceItem, AssistanceType, DeclineReason, Referral, ReferralStatus


class AssistanceForm(forms.Form):
    type = forms.ChoiceField(choices=AssistanceType.choices)
    description = forms.CharField(max_length=200, required=False)
    amount = forms.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False)
    currency = forms.CharField(max_length=3, required=False, help_text=_("ISO 4217, e.g. EUR"))
    planned_on = forms.DateField(required=False)
    provider = forms.CharField(max_length=200, required=False)


class DeliverForm(forms.Form):
    delivered_on = forms.DateField(required=False)
    amount = forms.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False)
    currency = forms.CharField(max_length=3, required=False)
    evidence_reference = forms.CharField(max_length=200, required=False)
    evidence_file = forms.FileField(required=False)


class ReferralForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), to_field_name="uuid", required=False
    )
    service_point = forms.ChoiceField(
        required=False,
        label=_("or a service point"),
        help_text=_("Service points published on the portal."),
    )
    assistance_type = forms.ChoiceField(
        choices=[("", "—"), *AssistanceType.choices], required=False
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Needs only, no names: shared only if consent covers 'needs'."),
    )
    override_reason = forms.CharField(
        max_length=300,
        required=False,
        help_text=_("Only without matching consent: why the referral cannot wait. Logged."),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        # A referral goes to a partner, never to the case's own organisation.
        cast(
            forms.ModelChoiceField, self.fields["to_organisation"]
        ).queryset = Organisation.objects.exclude(pk=case.organisation_id).order_by("name")
        # Points are identified by their page's translation key: stable across
        # languages and re-indexing, unlike a search document's id.
        self.points = search_selectors.service_points_by_key(get_language())
        cast(forms.ChoiceField, self.fields["service_point"]).choices = [
            ("", "—"),
            *((key, label) for key, (label, _name) in self.points.items()),
        ]

    def clean(self):
        data = super().clean()
        key = data.pop("service_point", "")
        data["service_point_uuid"] = key or None
        data["service_point_name"] = self.points[key][1] if key else ""
        return data


def _case(request, case_uuid, perm) -> Case:
    case = get_object_or_404(Case.objects.for_org(current_org(request)), uuid=case_uuid)
    policy.require(request.user, perm, obj=case)
    return case


def _errors(request, exc: ValidationError):
    for message in exc.messages:
        messages.error(request, message)


def case_panel_context(request, case: Case) -> dict:
    """Assistance and referrals shown on the case page (cases.admin_views.case_detail)."""
    user = request.user
    can_view = policy.has_perm(user, "reintegration.view_assistanceitem", obj=case)
    return {
        "assistance": selectors.assistance_for_case(case) if can_view else None,
        "referrals": selectors.referrals_for_case(case)
        if policy.has_perm(user, "reintegration.view_referral", obj=case)
        else None,
        "can_add_assistance": policy.has_perm(user, "reintegration.add_assistanceitem", obj=case),
        "can_deliver": policy.has_perm(user, "reintegration.deliver_assistanceitem", obj=case),
        "can_refer": policy.has_perm(user, "reintegration.add_referral", obj=case),
        "assistance_form": AssistanceForm(),
        "deliver_form": DeliverForm(),
        "referral_form": ReferralForm(case=case),
    }


@require_POST
def assistance_create(request, case_uuid):
    case = _case(request, case_uuid, "reintegration.add_assistanceitem")
    form = AssistanceForm(request.POST)
    if form.is_valid():
        try:
            services.assistance_item_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
    else:
        messages.error(request, _("Assistance not saved: check type, amount and currency."))
    return redirect("cases_admin:detail", case_uuid=case.uuid)


@require_POST
def assistance_deliver(request, assistance_item_uuid):
    item = get_object_or_404(
        AssistanceItem.objects.for_org(current_org(request)).select_related("case"),
        uuid=assistance_item_uuid,
    )
    policy.require(request.user, "reintegration.deliver_assistanceitem", obj=item)
    form = DeliverForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.assistance_item_deliver(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
    else:
        messages.error(request, _("Delivery not recorded: check the date and amount."))
    return redirect("cases_admin:detail", case_uuid=item.case.uuid)


@require_POST
def referral_create(request, case_uuid):
    case = _case(request, case_uuid, "reintegration.add_referral")
    form = ReferralForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.referral_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Referral sent."))
    else:
        messages.error(request, _("Referral not sent: check the destination."))
    return redirect("cases_admin:detail", case_uuid=case.uuid)


def _referral_for(request, referral_uuid) -> tuple[Referral, bool]:
    """(referral, is_sender). The sender's or receiver's org must be the active org."""
    org = require_org(request)
    referral = get_object_or_404(
        Referral.objects.filter(Q(organisation=org) | Q(to_organisation=org)).select_related(
            "case", "organisation", "to_organisation"
        ),
        uuid=referral_uuid,
    )
    return referral, referral.organisation_id == org.pk


def referral_detail(request, referral_uuid):
    referral, is_sender = _referral_for(request, referral_uuid)
    org = current_org(request)
    policy.require(request.user, "reintegration.view_referral", org=org)
    return render(
        request,
        "reintegration/admin/referral.html",
        {
            "org": org,
            "referral": referral,
            "is_sender": is_sender,
            # The receiver sees only what the consent covers, computed at each view.
            "shared": None if is_sender else selectors.referral_shared_view(referral),
            "assignees": [] if is_sender else services.referral_assignees(referral),
            "decline_reasons": DeclineReason.choices,
            "next_statuses": [
                (s, ReferralStatus(s).label)
                for s in sorted(services.REFERRAL_TRANSITIONS[ReferralStatus(referral.status)])
            ],
        },
    )


@require_POST
def referral_status(request, referral_uuid):
    referral, _is_sender = _referral_for(request, referral_uuid)
    try:
        services.referral_status_set(
            actor=request.user,
            referral=referral,
            status=request.POST.get("status", ""),
            note=request.POST.get("note", "")[:300],
            reason=request.POST.get("reason", "")[:16],
        )
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("reintegration_admin:referral", referral_uuid=referral.uuid)


@require_POST
def referral_assign(request, referral_uuid):
    referral, is_sender = _referral_for(request, referral_uuid)
    if is_sender:
        raise PermissionDenied("Only the receiving organisation assigns a referral")
    value = request.POST.get("membership", "")
    membership = None
    if value:
        # Only the receiver's memberships resolve: another organisation's is "missing".
        try:
            membership = Membership.objects.get(uuid=value, organisation=referral.to_organisation)
        except (Membership.DoesNotExist, ValidationError):
            messages.error(request, _("Choose a member of your organisation."))
            return redirect("reintegration_admin:referral", referral_uuid=referral.uuid)
    try:
        services.referral_assign(actor=request.user, referral=referral, membership=membership)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("reintegration_admin:referral", referral_uuid=referral.uuid)
