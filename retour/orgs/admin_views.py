"""Staff views in the Wagtail admin: the current organisation and the audit log."""

from __future__ import annotations

import csv
import functools

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from retour.core.models import AuditKind

from . import policy, selectors, services
from .models import Membership, OrganisationType, Role


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


def refuse_with_403(view):
    """Answer 403 instead of Wagtail's redirect-with-message, so refusals are explicit."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return HttpResponseForbidden(_("You do not have permission to do this."))

    return wrapper


def _current_org(request):
    org = request.org
    if org is None:
        raise Http404
    return org


@refuse_with_403
def organisation_detail(request):
    org = _current_org(request)
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


@refuse_with_403
@require_POST
def membership_add(request):
    org = _current_org(request)
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


@refuse_with_403
@require_POST
def membership_remove(request, membership_uuid):
    org = _current_org(request)
    membership = get_object_or_404(Membership, organisation=org, uuid=membership_uuid)
    policy.require(request.user, "orgs.delete_membership", obj=membership)
    services.membership_remove(actor=request.user, membership=membership)
    messages.success(request, _("Member removed."))
    return redirect("orgs_admin:organisation")


class AuditFilterForm(forms.Form):
    action = forms.CharField(required=False)
    actor = forms.CharField(required=False)
    kind = forms.ChoiceField(choices=[("", _("Any")), *AuditKind.choices], required=False)
    object_type = forms.CharField(required=False)
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


@refuse_with_403
def audit_log(request):
    if not policy.has_perm(request.user, "core.view_auditevent", org=request.org):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.audit_events_visible_to(
        user=request.user,
        organisation=request.org,
        **{k: v for k, v in filters.items() if v},
    )
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
        writer = csv.writer(response)
        writer.writerow(["at", "kind", "actor", "action", "object_type", "object_id", "object"])
        for e in events[:50000]:
            writer.writerow(
                [
                    e.at.isoformat(),
                    e.kind,
                    e.actor_label,
                    e.action,
                    e.object_type,
                    e.object_id,
                    e.object_repr,
                ]
            )
        return response
    page = Paginator(events, 50).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return render(
        request,
        "orgs/audit_log.html",
        {"form": form, "page": page, "org": request.org, "query": query.urlencode()},
    )
