"""Staff views in the Wagtail admin: the current organisation and the audit log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from retour.core.models import AuditEvent, AuditKind
from retour.core.tabular import csv_response

from . import policy, selectors, services
from .models import Membership, OrganisationType, Role
from .scoped import Column, OrgListView, refuse_as_403, require_org


class OrganisationForm(forms.Form):
    name = forms.CharField(max_length=200)
    type = forms.ChoiceField(choices=OrganisationType.choices)
    countries = forms.CharField(required=False, help_text=_("ISO 3166 codes, comma-separated"))
    languages = forms.CharField(required=False, help_text=_("ISO 639-1 codes, comma-separated"))
    public_email = forms.EmailField(required=False)
    public_phone = forms.CharField(required=False, max_length=40)
    website = forms.URLField(required=False)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_countries(self):
        return [c for c in self.cleaned_data["countries"].replace(" ", "").split(",") if c]

    def clean_languages(self):
        return [c for c in self.cleaned_data["languages"].replace(" ", "").split(",") if c]


class MembershipForm(forms.Form):
    username = forms.CharField(label=_("Username or e-mail"))
    role = forms.ChoiceField(choices=Role.choices)


@refuse_as_403
def organisation_detail(request):
    org = require_org(request)
    policy.require(request.user, "orgs.view_organisation", org=org)
    can_change = policy.has_perm(request.user, "orgs.change_organisation", org=org)
    can_manage = policy.has_perm(request.user, "orgs.add_membership", org=org)
    initial = {
        "name": org.name,
        "type": org.type,
        "countries": ", ".join(org.countries),
        "languages": ", ".join(org.languages),
        "public_email": org.public_email,
        "public_phone": org.public_phone,
        "website": org.website,
        "description": org.description,
    }
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.organisation_update(
                    actor=request.user, organisation=org, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Organisation saved."))
                return redirect("orgs_admin:organisation")
    return render(
        request,
        "orgs/organisation.html",
        {
            "org": org,
            "form": form,
            "can_change": can_change,
            "can_manage": can_manage,
            "members": selectors.organisation_members(organisation=org),
            "membership_form": MembershipForm(),
            "user_orgs": policy.user_organisations(request.user),
        },
    )


@refuse_as_403
@require_POST
def membership_add(request):
    org = require_org(request)
    policy.require(request.user, "orgs.add_membership", org=org)
    form = MembershipForm(request.POST)
    if form.is_valid():
        ident = form.cleaned_data["username"].strip()
        user_model = get_user_model()
        user = (
            user_model.objects.filter(username=ident).first()
            or user_model.objects.filter(email__iexact=ident).first()
        )
        if user is None:
            messages.error(request, _("No user with that username or e-mail."))
        else:
            services.membership_add(
                actor=request.user, organisation=org, user=user, role=form.cleaned_data["role"]
            )
            messages.success(request, _("Member added."))
    else:
        messages.error(request, _("Choose a user and a role."))
    return redirect("orgs_admin:organisation")


@refuse_as_403
@require_POST
def membership_remove(request, membership_uuid):
    org = require_org(request)
    membership = get_object_or_404(Membership, organisation=org, uuid=membership_uuid)
    policy.require(request.user, "orgs.delete_membership", obj=membership)
    services.membership_remove(actor=request.user, membership=membership)
    messages.success(request, _("Member removed."))
    return redirect("orgs_admin:organisation")


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action starts with"), required=False, max_length=80)
    actor = forms.CharField(label=_("Who"), required=False, max_length=150)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any")), *AuditKind.choices], required=False
    )
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=80)
    since = forms.DateField(
        label=_("Since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def _audit_csv_row(e: AuditEvent) -> list[Any]:
    return [e.at.isoformat(), e.kind, e.actor_label, e.action, e.object_type, e.object_id,
            e.object_repr]  # fmt: skip


class AuditLogView(OrgListView):
    """The organisation's audit log: read-only, filtered, sorted, paged, CSV."""

    model = AuditEvent
    permission = "core.view_auditevent"
    template_name = "orgs/audit_log.html"
    filter_form_class = AuditFilterForm
    search_fields = ("action", "actor_label", "object_repr")
    sort_fields = {"at": "at", "action": "action", "actor": "actor_label"}
    default_sort = "-at"
    columns = (
        Column(_("When"), "at"),
        Column(_("Kind")),
        Column(_("Who"), "actor"),
        Column(_("Action"), "action"),
        Column(_("Object")),
    )
    # The newest 50,000 matching events per download; narrow the dates for more.
    csv_limit = 50000

    def get_base_queryset(self) -> QuerySet[AuditEvent]:
        return selectors.audit_events_visible_to(user=self.request.user, organisation=self.org)

    def filter_with_form(self, qs: QuerySet[Any], data: dict[str, Any]) -> QuerySet[Any]:
        return selectors.audit_events_filter(qs, **data)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("format") == "csv":
            rows = (_audit_csv_row(e) for e in self.get_queryset()[: self.csv_limit])
            response = csv_response("audit-log.csv", AUDIT_CSV_HEADER, rows)
            response["Content-Type"] = "text/csv"
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update({"title": _("Audit log"), "icon": "history"})
        return context


AUDIT_CSV_HEADER = ["at", "kind", "actor", "action", "object_type", "object_id", "object"]
